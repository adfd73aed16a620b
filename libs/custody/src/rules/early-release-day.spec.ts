import { longDate } from '@resettle/common';
import { earlyReleaseDay } from './early-release-day';

describe('earlyReleaseDay: early release is granted for a working day', () => {
  // A DTO whose earliest release date is Wednesday 30 December 2026 and mid-term date Saturday 30 January 2027.
  const dto = { earliestReleaseDate: '2026-12-30', midTermDate: '2027-01-30' };
  // One whose earliest release date is Saturday 16 January 2027: the child would leave on Friday 15 January.
  const saturdayEarliest = { earliestReleaseDate: '2027-01-16', midTermDate: '2027-02-15' };

  it.each([
    // Nothing asked for: the earliest release date, or the working day before it.
    [dto, undefined, { day: '2026-12-30', note: null }],
    [
      saturdayEarliest,
      undefined,
      {
        day: '2027-01-15',
        note: 'the earliest release date 2027-01-16 is a Saturday, so early release is granted for 2027-01-15, the last working day before it',
      },
    ],
    // Working days in the window are granted as asked.
    [dto, '2026-12-30', { day: '2026-12-30', note: null }],
    [dto, '2027-01-29', { day: '2027-01-29', note: null }], // Friday, the day before the mid-term date
    [saturdayEarliest, '2027-01-15', { day: '2027-01-15', note: null }], // the Friday before a Saturday earliest date
    // Weekends and bank holidays are refused, naming the nearest earlier working day.
    [
      saturdayEarliest,
      '2027-01-16',
      {
        problem:
          'Saturday 16 January 2027 is not a working day: the nearest earlier working day is Friday 15 January 2027',
      },
    ],
    [
      dto,
      '2027-01-17',
      {
        problem:
          'Sunday 17 January 2027 is not a working day: the nearest earlier working day is Friday 15 January 2027',
      },
    ],
    [
      dto,
      '2027-01-02', // Saturday, after New Year's Day on the Friday
      {
        problem:
          'Saturday 2 January 2027 is not a working day: the nearest earlier working day is Thursday 31 December 2026',
      },
    ],
    [
      dto,
      '2027-01-01',
      {
        problem:
          "Friday 1 January 2027 is not a working day (New Year's Day, a bank holiday): the nearest earlier working day is Thursday 31 December 2026",
      },
    ],
    // Outside the window: the window is the problem, whatever the day.
    [dto, '2026-12-29', { problem: 'Early release must be from 2026-12-30 and before the mid-term date 2027-01-30' }],
    [dto, '2027-01-30', { problem: 'Early release must be from 2026-12-30 and before the mid-term date 2027-01-30' }],
    [
      saturdayEarliest,
      '2027-01-14',
      { problem: 'Early release must be from 2027-01-15 and before the mid-term date 2027-02-15' },
    ],
  ])('%j, asked for %s → %j', (sentence, requested, expected) => {
    expect(earlyReleaseDay(requested, sentence)).toEqual(expected);
  });

  it.each([
    ['2027-01-16', 'Saturday 16 January 2027'],
    ['2026-12-28', 'Monday 28 December 2026'],
  ])('longDate(%s) is %s', (d, expected) => {
    expect(longDate(d)).toBe(expected);
  });
});
