import type { Session } from 'fastify';
import type Redis from 'ioredis';

type Callback = (error?: unknown) => void;
type SessionCallback = (error: unknown, session?: Session | null) => void;

/**
 * Portal sessions in Redis, so any portal instance serves any request and a restart signs nobody out. The
 * store interface is @fastify/session's (express-session's). connect-redis, the usual choice, dropped ioredis
 * and Node 20 in version 8, and the service already has one ioredis connection factory; this is the whole of it.
 */
export class RedisSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(sessionId: string): string {
    return `${this.prefix}${sessionId}`;
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    this.redis
      .set(this.key(sessionId), JSON.stringify(session), 'EX', this.ttlSeconds)
      .then(() => callback(), callback);
  }

  get(sessionId: string, callback: SessionCallback): void {
    this.redis.get(this.key(sessionId)).then(
      (value) => callback(null, value ? (JSON.parse(value) as Session) : null),
      (error: unknown) => callback(error),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.key(sessionId)).then(() => callback(), callback);
  }
}
