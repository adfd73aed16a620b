import { validateConfig } from './app-config';

describe('MILESTONE_JOBS_CONCURRENCY', () => {
  it('defaults to taking 200 deadline jobs at once (they are done in batches, not a connection each)', () => {
    expect(validateConfig({}).MILESTONE_JOBS_CONCURRENCY).toBe(200);
  });

  it.each([
    ['1', 1],
    ['50', 50],
    ['1000', 1000],
  ])('takes %s', (value, expected) => {
    expect(validateConfig({ MILESTONE_JOBS_CONCURRENCY: value }).MILESTONE_JOBS_CONCURRENCY).toBe(expected);
  });

  it.each(['0', '1001', 'many', '2.5'])('refuses %s, naming the variable', (value) => {
    expect(() => validateConfig({ MILESTONE_JOBS_CONCURRENCY: value })).toThrow(/MILESTONE_JOBS_CONCURRENCY/);
  });
});
