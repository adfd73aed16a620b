import {
  addCalendarMonths,
  addDays,
  compareIsoDates,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  maxDate,
  minDate,
  todayIso,
} from '../dates/iso-date';
import {
  addWorkingDays,
  bankHolidayName,
  isBankHoliday,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBetween,
} from './working-days';

describe('England and Wales bank holidays', () => {
  it.each([
    // Christmas and Boxing Day, with substitutes when they fall at a weekend.
    ['2023-12-25', 'Christmas Day'],
    ['2023-12-26', 'Boxing Day'],
    ['2020-12-28', 'Boxing Day (substitute day)'], // Boxing Day 2020 was a Saturday
    ['2021-12-27', 'Christmas Day (substitute day)'], // 25th Saturday, 26th Sunday → Mon 27th and Tue 28th
    ['2021-12-28', 'Boxing Day (substitute day)'],
    ['2022-12-27', 'Christmas Day (substitute day)'], // Christmas 2022 was a Sunday; Boxing Day the Monday
    ['2026-12-28', 'Boxing Day (substitute day)'], // Boxing Day 2026 is a Saturday
    ['2022-01-03', "New Year's Day (substitute day)"], // 1 January 2022 was a Saturday
    // Easter moves every year.
    ['2022-04-15', 'Good Friday'],
    ['2022-04-18', 'Easter Monday'],
    ['2024-03-29', 'Good Friday'],
    ['2024-04-01', 'Easter Monday'],
    ['2025-04-18', 'Good Friday'],
    ['2025-04-21', 'Easter Monday'],
    // Early May, spring and summer bank holidays.
    ['2023-05-01', 'Early May bank holiday'],
    ['2025-05-05', 'Early May bank holiday'],
    ['2022-06-02', 'Spring bank holiday'], // moved from the last Monday in May for the jubilee
    ['2024-08-26', 'Summer bank holiday'],
    // One-off days.
    ['2022-09-19', "Queen Elizabeth's Funeral Day"],
    ['2023-05-08', "King Charles III's Coronation"],
  ])('%s is a bank holiday: %s', (date, name) => {
    expect(isBankHoliday(date)).toBe(true);
    expect(bankHolidayName(date)).toBe(name);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('2022-06-03 is the Platinum Jubilee bank holiday', () => {
    // The data spells it with a typographic apostrophe (Queen’s), so match the stable part.
    expect(bankHolidayName('2022-06-03')).toMatch(/Platinum Jubilee/);
  });

  it.each([
    ['2023-12-27', 'Wednesday after Christmas 2023: no substitute needed (25th/26th were Mon/Tue)'],
    ['2024-03-31', 'Easter Sunday is an observance, not a bank holiday (it is a Sunday anyway)'],
    ['2023-03-19', "Mother's Day is an observance"],
    ['2023-11-30', "St Andrew's Day is a Scottish bank holiday only"],
    ['2024-01-02', '2 January is a Scottish bank holiday only'],
    ['2024-03-28', 'Maundy Thursday is a working day'],
  ])('%s is not an England and Wales bank holiday (%s)', (date) => {
    expect(isBankHoliday(date)).toBe(false);
    expect(bankHolidayName(date)).toBeNull();
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2024-01-06', false, 'Saturday'],
    ['2024-01-07', false, 'Sunday'],
    ['2024-01-08', true, 'Monday'],
    ['2024-01-05', true, 'Friday'],
    ['2024-03-29', false, 'Good Friday'],
    ['2024-03-28', true, 'Maundy Thursday'],
    ['2022-06-03', false, 'jubilee Friday'],
    ['2021-12-25', false, 'Christmas on a Saturday (a bank holiday and a weekend)'],
    ['2021-12-27', false, 'its substitute Monday'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2024-01-05', 0, '2024-01-05', 'n = 0 returns the date itself'],
    ['2024-01-06', 0, '2024-01-06', 'n = 0 returns even a Saturday unchanged'],
    ['2024-01-05', 1, '2024-01-08', 'Friday + 1 → Monday'],
    ['2024-01-06', 1, '2024-01-08', 'Saturday + 1 → Monday'],
    ['2024-01-06', -1, '2024-01-05', 'Saturday − 1 → Friday'],
    ['2024-01-05', 10, '2024-01-19', 'Friday + 10: Mon 8–Fri 12 (5) and Mon 15–Fri 19 (10)'],
    ['2024-01-19', -10, '2024-01-05', 'the same ten days backwards'],
    ['2023-12-22', 1, '2023-12-27', 'Fri 22 Dec + 1: weekend, Christmas Mon 25, Boxing Day Tue 26 → Wed 27'],
    ['2023-12-27', -1, '2023-12-22', 'and back again'],
    ['2021-12-24', 1, '2021-12-29', 'Fri 24 Dec 2021 + 1: weekend, substitutes Mon 27 and Tue 28 → Wed 29'],
    ['2024-03-28', 1, '2024-04-02', 'Maundy Thursday + 1: Good Friday, weekend, Easter Monday → Tue 2 Apr'],
    ['2024-04-02', -1, '2024-03-28', 'Tuesday after Easter − 1 → Maundy Thursday'],
    ['2024-05-03', 1, '2024-05-07', 'Fri 3 May + 1: weekend, early May Mon 6 → Tue 7'],
    ['2022-06-01', 1, '2022-06-06', 'Wed 1 Jun 2022 + 1: spring Thu 2, jubilee Fri 3, weekend → Mon 6'],
    ['2022-06-06', -2, '2022-05-31', 'Mon 6 Jun − 2: Wed 1 (1), Tue 31 May (2)'],
    ['2022-09-16', 1, '2022-09-20', 'Fri 16 Sep 2022 + 1: weekend, state funeral Mon 19 → Tue 20'],
    ['2023-05-05', 1, '2023-05-09', 'Fri 5 May 2023 + 1: weekend, coronation Mon 8 → Tue 9'],
    [
      '2023-04-24',
      -10,
      '2023-04-06',
      'Mon 24 Apr − 10: 21,20,19,18,17 (5), 14,13,12,11 (9; Easter Mon 10 skipped), Thu 6 (10; Good Friday 7 skipped)',
    ],
  ])('addWorkingDays(%s, %i) = %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it('refuses a fractional count or a non-date', () => {
    expect(() => addWorkingDays('2024-01-05', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2023-02-29', 1)).toThrow(RangeError);
  });
});

describe('previous, next and last working day', () => {
  it.each([
    // date, previous (strictly before), next (strictly after), last on or before
    ['2024-01-08', '2024-01-05', '2024-01-09', '2024-01-08'], // Monday: previous is Friday
    ['2024-01-07', '2024-01-05', '2024-01-08', '2024-01-05'], // Sunday
    ['2024-03-29', '2024-03-28', '2024-04-02', '2024-03-28'], // Good Friday
    ['2024-04-01', '2024-03-28', '2024-04-02', '2024-03-28'], // Easter Monday: back over Mon, Sun, Sat, Fri
    ['2026-12-25', '2026-12-24', '2026-12-29', '2026-12-24'], // Christmas Fri 2026; Boxing Day Sat, substitute Mon 28
    ['2023-05-08', '2023-05-05', '2023-05-09', '2023-05-05'], // coronation Monday
  ])('%s: previous %s, next %s, last on or before %s', (date, previous, next, lastOnOrBefore) => {
    expect(previousWorkingDay(date)).toBe(previous);
    expect(nextWorkingDay(date)).toBe(next);
    expect(lastWorkingDayOnOrBefore(date)).toBe(lastOnOrBefore);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2024-01-05', '2024-01-05', 0],
    ['2024-01-05', '2024-01-19', 10], // (Fri 5, Fri 19]: two full weeks
    ['2024-01-19', '2024-01-05', -10],
    ['2023-12-22', '2023-12-27', 1], // only Wed 27 counts
    ['2023-12-27', '2023-12-22', -1], // [22, 27): only Fri 22 counts
    ['2024-03-28', '2024-04-05', 4], // Tue 2 – Fri 5 (Good Friday and Easter Monday skipped)
    ['2024-01-06', '2024-01-07', 0], // Saturday to Sunday
  ])('from %s to %s is %i working days', (a, b, expected) => {
    expect(workingDaysBetween(a, b)).toBe(expected);
  });

  it('is the inverse of addWorkingDays on working days', () => {
    for (const n of [-25, -3, -1, 1, 7, 40]) {
      expect(workingDaysBetween('2024-12-20', addWorkingDays('2024-12-20', n))).toBe(n);
    }
  });
});

// The date arithmetic the calendar and release dates stand on.
describe('iso-date', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false], // 2023 is not a leap year
    ['1900-02-29', false], // century, not divisible by 400
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['', false],
  ])('isIsoDate(%p) = %p', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'], // cut back to leap February's end
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2022-11-15', -14, '2021-09-15'],
    ['2023-08-30', 6, '2024-02-29'],
    ['2024-10-30', 4, '2025-02-28'],
  ])('addCalendarMonths(%s, %i) = %s', (d, n, expected) => {
    expect(addCalendarMonths(d, n)).toBe(expected);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-12-31', 1, '2024-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2021-05-23', 548, '2022-11-22'], // the worked DTO example: 549 days inclusive
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });

  it.each([
    ['1970-01-01', 4], // Thursday
    ['2024-02-29', 4], // Thursday
    ['2026-12-13', 0], // Sunday
    ['2023-07-15', 6], // Saturday
    ['2000-01-01', 6], // Saturday
  ])('dayOfWeek(%s) = %i', (d, expected) => {
    expect(dayOfWeek(d)).toBe(expected);
  });

  it('compares, takes min and max', () => {
    expect(compareIsoDates('2024-01-01', '2024-01-02')).toBe(-1);
    expect(compareIsoDates('2024-01-02', '2024-01-02')).toBe(0);
    expect(compareIsoDates('2024-01-03', '2024-01-02')).toBe(1);
    expect(minDate('2024-03-01', '2023-12-31', '2024-02-29')).toBe('2023-12-31');
    expect(maxDate('2024-03-01', '2023-12-31', '2024-02-29')).toBe('2024-03-01');
  });

  it.each([
    ['2024-01-15T23:30:00Z', '2024-01-15'], // winter: London is on UTC
    ['2024-06-30T23:30:00Z', '2024-07-01'], // summer: 00:30 BST is already tomorrow in London
    ['2024-06-30T22:59:59Z', '2024-06-30'],
  ])('todayIso(%s) = %s (the calendar date in England and Wales)', (instant, expected) => {
    expect(todayIso(new Date(instant))).toBe(expected);
  });

  it('refuses a non-date', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('not a date', 1)).toThrow(RangeError);
  });
});
