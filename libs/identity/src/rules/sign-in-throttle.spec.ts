import {
  accountRetryAfterSeconds,
  decideSignInAttempt,
  FailureRecord,
  ipRetryAfterSeconds,
  signInDelaySeconds,
  withAccountFailure,
  withIpFailure,
  withoutIpFailure,
} from './sign-in-throttle';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const s = (seconds: number) => T0 + seconds * 1000;
const record = (failures: number, lastAtSeconds: number, firstAtSeconds = 0): FailureRecord => ({
  failures,
  firstFailureAt: s(firstAtSeconds),
  lastFailureAt: s(lastAtSeconds),
});

describe('signInDelaySeconds', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1], // the 4th attempt waits a second
    [4, 2],
    [5, 4],
    [6, 8],
    [7, 16],
    [8, 32],
    [9, 64],
    [10, 900], // locked for 15 minutes
    [25, 900],
  ])('after %i consecutive failures: %i s', (failures, delay) => {
    expect(signInDelaySeconds(failures)).toBe(delay);
  });
});

describe('accountRetryAfterSeconds', () => {
  it.each<[string, FailureRecord | null, number, number]>([
    ['no record', null, 0, 0],
    ['2 failures, just now', record(2, 0), 0, 0],
    ['3 failures, just now: wait 1 s', record(3, 0), 0, 1],
    ['3 failures, 1 s ago', record(3, 0), 1, 0],
    ['6 failures, 3 s ago: 8 - 3', record(6, 0), 3, 5],
    ['9 failures, 0.5 s ago: rounds up', record(9, 0), 0.5, 64],
    ['10 failures, just now: locked 15 min', record(10, 0), 0, 900],
    ['10 failures, 14 min 59 s ago', record(10, 0), 899, 1],
    ['10 failures, 15 min ago: forgotten', record(10, 0), 900, 0],
    ['5 failures, 20 min ago: forgotten', record(5, 0), 1200, 0],
  ])('%s', (_label, rec, nowSeconds, expected) => {
    expect(accountRetryAfterSeconds(rec, s(nowSeconds))).toBe(expected);
  });
});

describe('withAccountFailure', () => {
  it.each<[string, FailureRecord | null, number, FailureRecord]>([
    ['first failure', null, 5, record(1, 5, 5)],
    ['counts on', record(4, 10, 0), 20, record(5, 20, 0)],
    ['starts again once forgotten', record(9, 10, 0), 10 + 900, record(1, 910, 910)],
  ])('%s', (_label, rec, nowSeconds, expected) => {
    expect(withAccountFailure(rec, s(nowSeconds))).toEqual(expected);
  });

  it('10 failures spaced by the backoff lock the account', () => {
    let rec: FailureRecord | null = null;
    let now = T0;
    for (let i = 1; i <= 10; i++) {
      expect(accountRetryAfterSeconds(rec, now)).toBe(0);
      rec = withAccountFailure(rec, now);
      now += signInDelaySeconds(i) * 1000;
    }
    expect(rec!.failures).toBe(10);
    expect(accountRetryAfterSeconds(rec, rec!.lastFailureAt)).toBe(900);
  });
});

describe('ipRetryAfterSeconds and withIpFailure', () => {
  it.each<[string, FailureRecord | null, number, number]>([
    ['no record', null, 0, 0],
    ['29 failures: still open', record(29, 60, 0), 61, 0],
    ['30 failures: blocked 15 min from the last', record(30, 60, 0), 60, 900],
    ['30 failures, 10 min after the last', record(30, 60, 0), 660, 300],
    ['30 failures, 15 min after the last: open', record(30, 60, 0), 960, 0],
  ])('%s', (_label, rec, nowSeconds, expected) => {
    expect(ipRetryAfterSeconds(rec, s(nowSeconds))).toBe(expected);
  });

  it.each<[string, FailureRecord | null, number, FailureRecord]>([
    ['first failure opens a window', null, 5, record(1, 5, 5)],
    ['counts within the window', record(12, 100, 0), 899, record(13, 899, 0)],
    ['a new window once 15 minutes have passed since the first', record(29, 800, 0), 900, record(1, 900, 900)],
  ])('%s', (_label, rec, nowSeconds, expected) => {
    expect(withIpFailure(rec, s(nowSeconds))).toEqual(expected);
  });

  it('a success takes back the failure counted in advance', () => {
    expect(withoutIpFailure(record(5, 10, 0))).toEqual(record(4, 10, 0));
    expect(withoutIpFailure(record(1, 10, 10))).toBeNull();
    expect(withoutIpFailure(null)).toBeNull();
  });
});

describe('decideSignInAttempt', () => {
  it.each<
    [string, FailureRecord | null, FailureRecord | null, number, { retryAfterSeconds: number; reason: string | null }]
  >([
    ['nothing against it', null, null, 0, { retryAfterSeconds: 0, reason: null }],
    ['account backing off', record(4, 0), null, 0, { retryAfterSeconds: 2, reason: 'ACCOUNT_BACKOFF' }],
    ['account locked', record(10, 0), record(10, 0), 0, { retryAfterSeconds: 900, reason: 'ACCOUNT_LOCKED' }],
    ['IP blocked', record(1, 0), record(30, 0), 0, { retryAfterSeconds: 900, reason: 'IP_BLOCKED' }],
    [
      'IP blocked longer than the account backoff',
      record(5, 0),
      record(30, 0),
      0,
      { retryAfterSeconds: 900, reason: 'IP_BLOCKED' },
    ],
  ])('%s', (_label, account, ip, nowSeconds, expected) => {
    expect(decideSignInAttempt(account, ip, s(nowSeconds))).toEqual(expected);
  });
});
