import { expectedReleaseDate, expectedReleaseDay } from './expected-release-date';

describe('expectedReleaseDate', () => {
  const none = { releaseDate: null, earlyReleaseDate: null, lateReleaseDate: null, releaseDateOverride: null };
  it.each([
    // [case, facts, expected]
    ['remand: no date at all', none, null],
    ['calculated day only', { ...none, releaseDate: '2027-03-10' }, '2027-03-10'],
    // 2027-02-10 is a Wednesday and a working day, so the early release day is itself.
    [
      'early release granted on a working day',
      { ...none, releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-10' },
      '2027-02-10',
    ],
    // 2027-02-13 is a Saturday: the child leaves on the last working day before it, Friday 2027-02-12.
    [
      'early release falling on a Saturday moves back',
      { ...none, releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-13' },
      '2027-02-12',
    ],
    // 2026-12-25 Christmas Day (Friday): back to Thursday 2026-12-24.
    [
      'late release on Christmas Day moves back',
      { ...none, releaseDate: '2026-11-25', lateReleaseDate: '2026-12-25' },
      '2026-12-24',
    ],
    [
      'late release wins over early release',
      { ...none, releaseDate: '2027-03-10', earlyReleaseDate: '2027-02-10', lateReleaseDate: '2027-04-07' },
      '2027-04-07',
    ],
    [
      'a manual override wins over everything',
      {
        releaseDate: '2027-03-10',
        earlyReleaseDate: '2027-02-10',
        lateReleaseDate: '2027-04-07',
        releaseDateOverride: '2027-05-01',
      },
      '2027-05-01',
    ],
  ])('%s', (_case, facts, expected) => {
    expect(expectedReleaseDate(facts)).toBe(expected);
  });
});

describe('expectedReleaseDay', () => {
  const none = { releaseDate: null, earlyReleaseDate: null, lateReleaseDate: null, releaseDateOverride: null };
  it.each([
    // [case, facts, expected day]
    ['remand: no day', none, null],
    // The calculated day keeps the calculator's own flags.
    [
      'calculated Friday keeps its flags',
      { ...none, releaseDate: '2027-01-29', fridayOrPreHolidayRelease: true, broughtForwardDate: '2027-01-28' },
      { releaseDate: '2027-01-29', fridayOrPreHolidayRelease: true, broughtForwardDate: '2027-01-28' },
    ],
    // Early release granted for Thu 2026-12-31, the day before New Year's Day: flagged, brought forward to Wed 30th.
    [
      'early release on the day before a bank holiday is flagged',
      { ...none, releaseDate: '2027-02-10', earlyReleaseDate: '2026-12-31' },
      { releaseDate: '2026-12-31', fridayOrPreHolidayRelease: true, broughtForwardDate: '2026-12-30' },
    ],
    // Early release for Wed 2027-02-10: the next day is a working day, nothing to flag.
    [
      'early release midweek is not flagged',
      {
        ...none,
        releaseDate: '2027-03-10',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2027-03-09',
        earlyReleaseDate: '2027-02-10',
      },
      { releaseDate: '2027-02-10', fridayOrPreHolidayRelease: false, broughtForwardDate: null },
    ],
    // Late release for Sun 2027-02-28: back to Fri 26th, flagged, brought forward to Thu 25th.
    [
      'late release on a Sunday moves back and is flagged',
      { ...none, releaseDate: '2027-01-29', lateReleaseDate: '2027-02-28' },
      { releaseDate: '2027-02-26', fridayOrPreHolidayRelease: true, broughtForwardDate: '2027-02-25' },
    ],
    // A person's Friday 2027-03-05 stays as chosen, flagged, not brought forward.
    [
      'a manual Friday is flagged but not moved',
      { ...none, releaseDate: '2027-03-10', releaseDateOverride: '2027-03-05' },
      { releaseDate: '2027-03-05', fridayOrPreHolidayRelease: true, broughtForwardDate: null },
    ],
  ])('%s', (_case, facts, expected) => {
    expect(expectedReleaseDay(facts)).toEqual(expected);
  });
});
