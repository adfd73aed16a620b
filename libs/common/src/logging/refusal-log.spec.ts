import { isRefusal, refusalLevel, RefusalLog } from './refusal-log';

describe('refusals in the log', () => {
  it.each([
    ['UNAUTHENTICATED', true, 'info'],
    ['NOT_FOUND', true, 'info'],
    ['BAD_USER_INPUT', true, 'info'],
    ['CONFLICT', true, 'info'],
    ['FORBIDDEN', true, 'warn'],
    ['TOO_MANY_REQUESTS', true, 'warn'],
    ['SERVICE_UNAVAILABLE', true, 'warn'],
    ['INTERNAL', false, 'info'],
  ])('%s is an expected refusal: %s, logged at %s', (code, refusal, level) => {
    expect(isRefusal(code)).toBe(refusal);
    if (refusal) expect(refusalLevel(code)).toBe(level);
  });

  it('logs the first of a window with its request id and counts the rest into one summary line', () => {
    const log = new RefusalLog(60_000);
    const lines = [];
    for (let i = 0; i < 10_000; i++) lines.push(...log.note('UNAUTHENTICATED', 'query caseload', `req-${i}`, i));
    expect(lines).toEqual([
      {
        level: 'info',
        code: 'UNAUTHENTICATED',
        operation: 'query caseload',
        requestId: 'req-0',
        msg: 'Refused: UNAUTHENTICATED',
      },
    ]);
    // The next window opens with the summary of the last.
    expect(log.note('UNAUTHENTICATED', 'query caseload', 'req-late', 60_000)).toEqual([
      {
        level: 'info',
        code: 'UNAUTHENTICATED',
        operation: 'query caseload',
        repeated: 9_999,
        windowSeconds: 60,
        msg: 'Refused: UNAUTHENTICATED, 9999 more like it',
      },
      {
        level: 'info',
        code: 'UNAUTHENTICATED',
        operation: 'query caseload',
        requestId: 'req-late',
        msg: 'Refused: UNAUTHENTICATED',
      },
    ]);
  });

  it.each([
    ['another code', 'FORBIDDEN', 'query caseload'],
    ['another operation', 'UNAUTHENTICATED', 'query child'],
  ])('keeps a separate window for %s', (_case, code, operation) => {
    const log = new RefusalLog(60_000);
    log.note('UNAUTHENTICATED', 'query caseload', 'a', 0);
    expect(log.note(code, operation, 'b', 1)).toHaveLength(1);
  });

  it('flushes the windows that are over (all of them at shutdown), and forgets those without repeats', () => {
    const log = new RefusalLog(60_000);
    log.note('NOT_FOUND', 'query child', 'a', 0);
    log.note('NOT_FOUND', 'query child', 'b', 1);
    log.note('CONFLICT', 'mutation x', 'c', 50_000);
    log.note('CONFLICT', 'mutation x', 'd', 50_001);
    expect(log.flush(61_000).map((l) => [l.code, l.repeated])).toEqual([['NOT_FOUND', 1]]);
    expect(log.flush(61_000)).toEqual([]);
    expect(log.flush(61_000, true).map((l) => [l.code, l.repeated])).toEqual([['CONFLICT', 1]]);
  });

  it('shares one window between pairs past its limit, so memory stays bounded', () => {
    const log = new RefusalLog(60_000, 2);
    log.note('NOT_FOUND', 'a', '1', 0);
    log.note('NOT_FOUND', 'b', '2', 0);
    expect(log.note('NOT_FOUND', 'c', '3', 0)).toEqual([expect.objectContaining({ code: '*', operation: '*' })]);
    expect(log.note('NOT_FOUND', 'd', '4', 0)).toEqual([]);
  });
});
