import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PortalConfig } from '../config/portal-config';
import { PORTAL_CONFIG } from '../config/portal-config.provider';
import { PORTAL_REDIS } from './portal-redis.provider';
import type { ApiTokens } from './portal-session';

/**
 * The api's tokens of each portal session, in a Redis key of their own. Not in the session itself: a session is
 * written back whole by any request that changed it, so a request that loaded it before a token refresh could put
 * the spent refresh token back, and the api would then take the next refresh for a stolen token. Here only the
 * api client writes, under the refresh lock. The key's lifetime is the idle timeout: every page renews it.
 */
@Injectable()
export class TokenStore {
  private readonly ttlSeconds: number;

  constructor(
    @Inject(PORTAL_REDIS) private readonly redis: Redis,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {
    this.ttlSeconds = config.SESSION_IDLE_MINUTES * 60;
  }

  private key(sessionId: string): string {
    return `${this.config.QUEUE_PREFIX}:portal:tokens:${sessionId}`;
  }

  /** The tokens, renewing the idle timeout; null once it has passed (or after sign-out). */
  async take(sessionId: string): Promise<ApiTokens | null> {
    const value = await this.redis.getex(this.key(sessionId), 'EX', this.ttlSeconds);
    return value ? (JSON.parse(value) as ApiTokens) : null;
  }

  /** Seconds until the idle timeout, without renewing it (the timeout warning asks); 0 once passed. */
  async secondsLeft(sessionId: string): Promise<number> {
    return Math.max(0, await this.redis.ttl(this.key(sessionId)));
  }

  async put(sessionId: string, tokens: ApiTokens): Promise<void> {
    await this.redis.set(this.key(sessionId), JSON.stringify(tokens), 'EX', this.ttlSeconds);
  }

  async remove(sessionId: string): Promise<void> {
    await this.redis.del(this.key(sessionId));
  }
}
