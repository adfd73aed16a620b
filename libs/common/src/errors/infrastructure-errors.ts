/**
 * Whether an error means PostgreSQL or Redis could not be reached or went away mid-request (so the same work will
 * succeed once it is back), as opposed to a bug or a refusal. Pure: it reads only the error (and what it wraps).
 *
 * Used where the answer changes what happens next: the api answers SERVICE_UNAVAILABLE instead of INTERNAL, and the
 * worker retries a job until the database is back instead of spending the retries meant for bugs.
 */

/** Node's socket errors: the connection was refused, reset, timed out or the host is unknown for now. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/**
 * PostgreSQL SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01-57P03 (shut down by an
 * administrator, crash shutdown, cannot connect now: starting up or in recovery), 53300 (too many connections),
 * 25006 (read-only transaction: a failover in progress left us on a standby).
 */
function isUnavailableSqlState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300' ||
    code === '25006'
  );
}

/** Messages of node-postgres, its pool, TypeORM and ioredis/BullMQ when the server is not there. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i, // pg: "Connection terminated unexpectedly", "... due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool
  /Client has encountered a connection error and is not queryable/i, // pg
  /^Connection is closed\.?$/i, // ioredis
  /Reached the max retries per request limit/i, // ioredis MaxRetriesPerRequestError
  /Stream isn't writeable and enableOfflineQueue options is false/i, // ioredis
  /^getaddrinfo (ENOTFOUND|EAI_AGAIN)/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

interface ErrorLike {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
  originalError?: unknown;
}

export function isInfrastructureError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as ErrorLike;
  if (
    typeof e.code === 'string' &&
    (SOCKET_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && isUnavailableSqlState(e.code)))
  )
    return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string)))
    return true;
  // What TypeORM (driverError), Node (cause), AggregateError (errors: a connect to each address failed) and
  // GraphQL (originalError) wrap.
  if (Array.isArray(e.errors) && e.errors.length && e.errors.every((inner) => isInfrastructureError(inner, depth + 1)))
    return true;
  return [e.driverError, e.cause, e.originalError].some(
    (inner) => inner !== error && isInfrastructureError(inner, depth + 1),
  );
}
