/**
 * Backoff and lockout for sign-in, as plain arithmetic on failure counts and times (epoch milliseconds), so it can
 * be table-tested; the service keeps the counts in Redis.
 *
 * Per account (keyed by the normalised email, whether or not such an account exists, so the answer never tells):
 * the first 3 failures cost nothing, then each one makes the next attempt wait twice as long (1 s, 2 s, 4 s … 64 s),
 * and the 10th locks the account for 15 minutes. Failures are forgotten 15 minutes after the last one, and a
 * successful sign-in forgets them at once.
 *
 * Per client IP (a higher bar, because a council's staff may share one address): 30 failures within 15 minutes
 * block the address for 15 minutes. No backoff per IP, so one person's typing does not slow their colleagues.
 */

const ACCOUNT_FREE_FAILURES = 3;
const ACCOUNT_LOCKOUT_FAILURES = 10;
const LOCKOUT_SECONDS = 15 * 60;
/** An account's failures are forgotten this long after the last one (so a lockout ends with a clean slate). */
const ACCOUNT_FORGET_AFTER_SECONDS = 15 * 60;
const IP_LOCKOUT_FAILURES = 30;
const IP_WINDOW_SECONDS = 15 * 60;

/** Failures of one account or one IP. Times are epoch milliseconds. */
export interface FailureRecord {
  failures: number;
  /** Start of the IP's counting window (the first failure in it). */
  firstFailureAt: number;
  lastFailureAt: number;
}

/** How long after the latest of `consecutiveFailures` failures the account may try again (LOCKOUT_SECONDS = locked). */
export function signInDelaySeconds(consecutiveFailures: number): number {
  if (consecutiveFailures >= ACCOUNT_LOCKOUT_FAILURES) return LOCKOUT_SECONDS;
  if (consecutiveFailures < ACCOUNT_FREE_FAILURES) return 0;
  return 2 ** (consecutiveFailures - ACCOUNT_FREE_FAILURES);
}

/** Whether the IP is blocked after this many failures within its window (0 = not blocked). */
function ipBlockSeconds(failuresInWindow: number): number {
  return failuresInWindow >= IP_LOCKOUT_FAILURES ? LOCKOUT_SECONDS : 0;
}

/** The account's failures still remembered at `now`. */
function currentAccountFailures(record: FailureRecord | null, now: number): number {
  if (!record || now - record.lastFailureAt >= ACCOUNT_FORGET_AFTER_SECONDS * 1000) return 0;
  return record.failures;
}

/** The IP's failures still counting at `now` (a block outlives the window it was earned in). */
function currentIpFailures(record: FailureRecord | null, now: number): number {
  if (!record) return 0;
  if (ipBlockSeconds(record.failures) > 0 && now < record.lastFailureAt + ipBlockSeconds(record.failures) * 1000)
    return record.failures;
  return now - record.firstFailureAt >= IP_WINDOW_SECONDS * 1000 ? 0 : record.failures;
}

/** Whole seconds until the account may try again; 0 when it may try now. */
export function accountRetryAfterSeconds(record: FailureRecord | null, now: number): number {
  const failures = currentAccountFailures(record, now);
  if (!record || failures === 0) return 0;
  return waitSeconds(record.lastFailureAt + signInDelaySeconds(failures) * 1000 - now);
}

/** Whole seconds until the IP may try again; 0 when it may try now. */
export function ipRetryAfterSeconds(record: FailureRecord | null, now: number): number {
  const failures = currentIpFailures(record, now);
  if (!record || failures === 0) return 0;
  return waitSeconds(record.lastFailureAt + ipBlockSeconds(failures) * 1000 - now);
}

/** The account's record after one more failure at `now`. */
export function withAccountFailure(record: FailureRecord | null, now: number): FailureRecord {
  const failures = currentAccountFailures(record, now);
  return { failures: failures + 1, firstFailureAt: failures === 0 ? now : record!.firstFailureAt, lastFailureAt: now };
}

/** The IP's record after one more failure at `now`. */
export function withIpFailure(record: FailureRecord | null, now: number): FailureRecord {
  const failures = currentIpFailures(record, now);
  return { failures: failures + 1, firstFailureAt: failures === 0 ? now : record!.firstFailureAt, lastFailureAt: now };
}

/**
 * The IP's record when an attempt counted in advance as a failure (so that parallel attempts cannot slip past the
 * count) turns out to have succeeded: the count goes back down by one.
 */
export function withoutIpFailure(record: FailureRecord | null): FailureRecord | null {
  if (!record || record.failures <= 1) return null;
  return { ...record, failures: record.failures - 1 };
}

export interface SignInDecision {
  /** 0 when the attempt may go ahead. */
  retryAfterSeconds: number;
  /** What holds it back, for the audit trail. */
  reason: 'ACCOUNT_LOCKED' | 'ACCOUNT_BACKOFF' | 'IP_BLOCKED' | null;
}

/** Whether an attempt for this account from this IP may go ahead at `now`, and if not, for how long and why. */
export function decideSignInAttempt(
  account: FailureRecord | null,
  ip: FailureRecord | null,
  now: number,
): SignInDecision {
  const accountWait = accountRetryAfterSeconds(account, now);
  const ipWait = ipRetryAfterSeconds(ip, now);
  if (accountWait === 0 && ipWait === 0) return { retryAfterSeconds: 0, reason: null };
  if (ipWait >= accountWait) return { retryAfterSeconds: ipWait, reason: 'IP_BLOCKED' };
  const locked = currentAccountFailures(account, now) >= ACCOUNT_LOCKOUT_FAILURES;
  return { retryAfterSeconds: accountWait, reason: locked ? 'ACCOUNT_LOCKED' : 'ACCOUNT_BACKOFF' };
}

function waitSeconds(ms: number): number {
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}
