import { offerStartDateProblem, startFarFromRelease } from './offer-date';

describe('offer start date', () => {
  it.each([
    ['2020-01-01', '2026-12-05', 'The start date must be today or in the future'],
    ['2026-12-04', '2026-12-05', 'The start date must be today or in the future'],
    ['2026-12-05', '2026-12-05', null],
    ['2027-01-13', '2026-12-05', null],
  ])('starting %s when today is %s: %s', (start, today, problem) => {
    expect(offerStartDateProblem(start, today)).toBe(problem);
  });

  it.each([
    ['2027-01-13', '2027-01-13', null],
    ['2027-02-10', '2027-01-13', null],
    ['2027-02-11', '2027-01-13', 29],
    ['2026-12-16', '2027-01-13', null],
    ['2026-12-01', '2027-01-13', -43],
    ['2027-06-01', null, null],
  ])('starting %s with release on %s: %s days away when far', (start, release, days) => {
    expect(startFarFromRelease(start, release)).toBe(days);
  });
});
