import { supervisionTransferDateProblem } from './supervision-transfer-date';

describe('supervisionTransferDateProblem', () => {
  const today = '2026-12-06';
  it.each([
    ['today', '2026-12-06', '2026-01-01', null],
    ['yesterday', '2026-12-05', '2026-01-01', null],
    ['exactly 28 days back', '2026-11-08', '2026-01-01', null],
    ['29 days back', '2026-11-07', '2026-01-01', 'at most 28 days ago (2026-11-08 or later)'],
    ['tomorrow', '2026-12-07', '2026-01-01', 'cannot be in the future'],
    ['before the episode began', '2026-12-01', '2026-12-02', 'before the episode began (2026-12-02)'],
    ['the day the episode began', '2026-12-02', '2026-12-02', null],
  ])('%s (%s, episode from %s)', (_case, date, start, problem) => {
    const got = supervisionTransferDateProblem(date, today, start);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});
