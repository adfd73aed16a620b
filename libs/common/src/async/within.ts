/**
 * `promise`, or a rejection after `ms`: for probes and scrapes that must answer in time even when PostgreSQL or Redis
 * hangs (a worker's Redis connection waits for Redis to come back, by design). The promise itself is not cancelled.
 */
export function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
