import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '@resettle/common';
import { Argon2Params, hashPassword, passwordNeedsRehash, verifyPassword } from './password-hashing';

/** argon2id with the configured cost. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  readonly params: Argon2Params;
  private dummyHash?: Promise<string>;

  constructor(config: ConfigService<AppConfig, true>) {
    this.params = {
      memoryKib: config.get('ARGON2_MEMORY_KIB', { infer: true }),
      timeCost: config.get('ARGON2_TIME_COST', { infer: true }),
      parallelism: config.get('ARGON2_PARALLELISM', { infer: true }),
    };
  }

  /** Made at start-up, so that even the first unknown email costs one verification, not a hash and a verification. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  hash(password: string): Promise<string> {
    return hashPassword(password, this.params);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return verifyPassword(hash, password);
  }

  needsRehash(hash: string): boolean {
    return passwordNeedsRehash(hash, this.params);
  }

  /**
   * Spends the same time as checking a real password and answers false: used when there is no account (or no
   * password) for the email, so the response time does not tell whether it exists.
   */
  async verifyNothing(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash('no account has this password: it only costs the same time');
    return this.dummyHash;
  }
}
