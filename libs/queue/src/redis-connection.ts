import Redis, { RedisOptions } from 'ioredis';

export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');

/**
 * The one way the service opens Redis. Workers block on Redis and must never give up on a command
 * (`maxRetriesPerRequest: null`, as BullMQ requires); producers (the api) fail a command fast instead, so a Redis
 * outage shows as an error rather than a hung request.
 */
export function createRedisConnection(url: string, role: 'producer' | 'worker', extra: RedisOptions = {}): Redis {
  const connection = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    enableReadyCheck: true,
    connectionName: `resettle-${role}`,
    // Reconnect with a capped backoff rather than giving up.
    retryStrategy: (times) => Math.min(times * 200, 5000),
    ...extra,
  });
  openConnections.add(connection);
  connection.once('end', () => openConnections.delete(connection));
  return connection;
}

/**
 * Connections this process opened. BullMQ closes only connections it created itself, so the ones we hand it are
 * closed here at shutdown; otherwise a process (or a test) would never exit.
 */
const openConnections = new Set<Redis>();

/** Closes the given connections (by default every one this process opened). */
export async function closeRedisConnections(which: Set<Redis> = openConnections): Promise<void> {
  await Promise.all(
    [...which].map(async (connection) => {
      which.delete(connection);
      openConnections.delete(connection);
      await connection.quit().catch(() => connection.disconnect());
    }),
  );
}
