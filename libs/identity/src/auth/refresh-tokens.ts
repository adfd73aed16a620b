import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager, IsNull } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { RefreshToken } from '../refresh-token.entity';

/** What is stored of a refresh token: its SHA-256, hex (the token itself has 256 random bits, so no salt is needed). */
function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Rows of `refresh_token`, always inside the caller's transaction. */
@Injectable()
export class RefreshTokens {
  private readonly ttlMs: number;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {
    this.ttlMs = config.get('REFRESH_TOKEN_TTL_DAYS', { infer: true }) * 24 * 60 * 60 * 1000;
  }

  /** A new token: 32 random bytes, base64url. A new family for a sign-in, the old one's family for a refresh. */
  async issue(
    em: EntityManager,
    userId: string,
    familyId: string | null,
    clientIp: string | null,
  ): Promise<{ token: string; row: RefreshToken }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const row = em.create(RefreshToken, {
      userId,
      tokenHash: hashRefreshToken(token),
      familyId: familyId ?? randomUUID(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      revokedAt: null,
      replacedById: null,
      clientIp,
    });
    await em.insert(RefreshToken, row);
    return { token, row };
  }

  /** The row for a presented token, locked for the rest of the transaction; null when there is none. */
  findForUpdate(em: EntityManager, token: string): Promise<RefreshToken | null> {
    return em.findOne(RefreshToken, {
      where: { tokenHash: hashRefreshToken(token) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The presented token was used up: mark it revoked and replaced by its successor. */
  async markReplaced(em: EntityManager, row: RefreshToken, replacedById: string): Promise<void> {
    await em.update(RefreshToken, { id: row.id }, { revokedAt: this.clock.now(), replacedById });
  }

  /** Revokes every live token of the family; returns how many. */
  async revokeFamily(em: EntityManager, familyId: string): Promise<number> {
    const result = await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return result.affected ?? 0;
  }

  /** Revokes every live token of the user (password change, disabled account); returns how many. */
  async revokeAllOf(em: EntityManager, userId: string): Promise<number> {
    const result = await em.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    return result.affected ?? 0;
  }
}
