import { auditPartitionName, auditPartitionPlan } from './audit-partitions';

describe('auditPartitionPlan', () => {
  const today = new Date('2026-12-06T19:30:00Z');

  it.each([
    ['nothing yet: this month and the next two', 84, [], ['2026-12', '2027-01', '2027-02'], []],
    ['all there: nothing to do', 84, ['2026-12', '2027-01', '2027-02'], [], []],
    ['one month missing ahead', 84, ['2026-12', '2027-01'], ['2027-02'], []],
    [
      'the month ending just before the retention began is dropped',
      12,
      ['2025-11', '2026-12'],
      ['2027-01', '2027-02'],
      ['2025-11'],
    ],
    ['the month the retention begins in is kept', 12, ['2025-12', '2026-12'], ['2027-01', '2027-02'], []],
    [
      'several old months, oldest first',
      12,
      ['2025-10', '2024-01', '2025-11', '2026-12', '2027-01', '2027-02'],
      [],
      ['2024-01', '2025-10', '2025-11'],
    ],
    ['seven years kept by default', 84, ['2019-11', '2019-12', '2026-12', '2027-01', '2027-02'], [], ['2019-11']],
  ])('%s', (_name, retention, existing, create, drop) => {
    expect(auditPartitionPlan(today, retention, existing)).toEqual({ create, drop });
  });

  it.each([
    ['the last day of a month, late in the evening', '2026-12-31T23:59:59Z', ['2026-12', '2027-01', '2027-02']],
    ['the first moment of a year', '2027-01-01T00:00:00Z', ['2027-01', '2027-02', '2027-03']],
  ])('months follow UTC: %s', (_name, at, create) => {
    expect(auditPartitionPlan(new Date(at), 84, []).create).toEqual(create);
  });

  it.each([0, 11, 12.5, Number.NaN])('refuses a retention of %s months', (retention) => {
    expect(() => auditPartitionPlan(today, retention, [])).toThrow(/retentionMonths/);
  });

  it.each(['2026-13', '26-12', 'december'])('refuses a partition that is not a month: %s', (month) => {
    expect(() => auditPartitionPlan(today, 84, [month])).toThrow(/not a month/);
  });

  it.each([
    ['2026-12', 'audit_record_y2026m12'],
    ['2027-01', 'audit_record_y2027m01'],
  ])('names the partition of %s %s', (month, name) => {
    expect(auditPartitionName(month)).toBe(name);
  });
});
