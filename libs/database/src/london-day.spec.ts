import { londonDaySql } from './london-day';

describe('londonDaySql', () => {
  it.each([
    // The released-day indexes' own expression (migrations 1796420000000, 1796440000000), so the planner can use them.
    ['e.released_at', `(e.released_at AT TIME ZONE 'Europe/London')::date`],
    ['answered_at', `(answered_at AT TIME ZONE 'Europe/London')::date`],
  ])('%s is read as the day in England and Wales', (column, sql) => {
    expect(londonDaySql(column)).toBe(sql);
  });
});
