import { leavingDayNote } from './leaving-day';

describe('leavingDayNote: the day a child leaves when the statutory day is not a working day', () => {
  it.each([
    // Working days: the child leaves on the day itself, nothing to say.
    ['2027-01-06', null],
    ['2026-12-31', null],
    // Weekends move back to the Friday, or further when the Friday is a bank holiday.
    [
      '2027-02-28',
      {
        leavesOn: '2027-02-26',
        note: '2027-02-28 is a Sunday, so the child leaves on 2027-02-26, the last working day before it',
      },
    ],
    [
      '2027-01-02',
      {
        leavesOn: '2026-12-31',
        note: '2027-01-02 is a Saturday, so the child leaves on 2026-12-31, the last working day before it',
      },
    ],
    // Bank holidays are named.
    [
      '2027-01-01',
      {
        leavesOn: '2026-12-31',
        note: "2027-01-01 is New Year's Day, a bank holiday, so the child leaves on 2026-12-31, the last working day before it",
      },
    ],
    [
      '2026-12-28',
      {
        leavesOn: '2026-12-24',
        note: '2026-12-28 is Boxing Day (substitute day), a bank holiday, so the child leaves on 2026-12-24, the last working day before it',
      },
    ],
  ])('%s → %j', (day, expected) => {
    expect(leavingDayNote(day)).toEqual(expected);
  });
});
