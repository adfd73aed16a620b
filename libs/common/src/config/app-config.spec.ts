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

describe('CLOCK_START_AT', () => {
  it('is unset by default: the service runs on the real time', () => {
    expect(validateConfig({}).CLOCK_START_AT).toBeUndefined();
  });

  it.each(['2026-12-04T09:30:00Z', '2026-12-04T09:30:00.250+01:00', '2026-12-04T09:30Z'])(
    'takes %s outside production',
    (value) => {
      expect(validateConfig({ CLOCK_START_AT: value }).CLOCK_START_AT).toBe(value);
    },
  );

  it.each(['2026-12-04', 'tomorrow', '2026-02-30T09:00:00Z', '2026-12-04T09:30:00'])(
    'refuses %s, naming the variable',
    (value) => {
      expect(() => validateConfig({ CLOCK_START_AT: value })).toThrow(/CLOCK_START_AT/);
    },
  );

  it('is refused in production, whatever the value', () => {
    expect(() =>
      validateConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), CLOCK_START_AT: '2026-12-04T09:30:00Z' }),
    ).toThrow(/CLOCK_START_AT/);
  });
});

describe('AUDIT_RETENTION_MONTHS', () => {
  it('keeps seven years by default', () => {
    expect(validateConfig({}).AUDIT_RETENTION_MONTHS).toBe(84);
  });

  it.each([
    ['12', 12],
    ['120', 120],
  ])('takes %s', (value, expected) => {
    expect(validateConfig({ AUDIT_RETENTION_MONTHS: value }).AUDIT_RETENTION_MONTHS).toBe(expected);
  });

  it.each(['0', '11', '1201', 'forever', '24.5'])('refuses %s, naming the variable', (value) => {
    expect(() => validateConfig({ AUDIT_RETENTION_MONTHS: value })).toThrow(/AUDIT_RETENTION_MONTHS/);
  });
});
