import { expectedReleaseDate } from './expected-release-date';

describe('expectedReleaseDate', () => {
  const none = { releaseDate: null, earlyReleaseDate: null, lateReleaseDate: null, releaseDateOverride: null };
  it.each([
    // [case, facts, expected]
    ['remand: no date at all', none, null],
    ['calculated day only', { ...none, releaseDate: '2027-03-10' }, '2027-03-10'],
    // 2027-02-10 is a Wednesday and a working day, so the early release day is itself.
    ['early release granted on a working day', { ...none, releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-10' }, '2027-02-10'],
    // 2027-02-13 is a Saturday: the child leaves on the last working day before it, Friday 2027-02-12.
    ['early release falling on a Saturday moves back', { ...none, releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-13' }, '2027-02-12'],
    // 2026-12-25 Christmas Day (Friday): back to Thursday 2026-12-24.
    ['late release on Christmas Day moves back', { ...none, releaseDate: '2026-11-25', lateReleaseDate: '2026-12-25' }, '2026-12-24'],
    ['late release wins over early release', { ...none, releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-10', lateReleaseDate: '2027-04-07' }, '2027-04-07'],
    ['a manual override wins over everything', { releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-10', lateReleaseDate: '2027-04-07', releaseDateOverride: '2027-05-01' }, '2027-05-01'],
  ])('%s', (_case, facts, expected) => {
    expect(expectedReleaseDate(facts)).toBe(expected);
  });
});
