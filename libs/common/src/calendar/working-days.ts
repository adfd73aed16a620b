import Holidays from 'date-holidays';
import { addDays, dayOfWeek, daysBetween, isIsoDate, IsoDate } from '../dates/iso-date';

/**
 * The England and Wales working-day calendar: Monday to Friday less bank holidays. Courts, youth justice services
 * and secure establishments all release and plan on this calendar, so one-off days (the 2022 jubilee and state
 * funeral, the 2023 coronation) and substitute days matter. A one-off holiday announced after the installed
 * date-holidays release will be missing until the package is updated.
 */

let holidays: Holidays | undefined;
const byYear = new Map<number, Map<IsoDate, string>>();

function holidaysIn(year: number): Map<IsoDate, string> {
  let days = byYear.get(year);
  if (!days) {
    holidays ??= new Holidays('GB', 'ENG');
    days = new Map();
    // Only 'public' entries are bank holidays; the list also carries observances such as Mother's Day.
    for (const h of holidays.getHolidays(year) || []) {
      if (h.type !== 'public') continue;
      // h.date is the local date-time 'YYYY-MM-DD HH:mm:ss' in Europe/London, so its first ten characters are the day.
      const day = h.date.slice(0, 10);
      if (!days.has(day)) days.set(day, h.name);
    }
    byYear.set(year, days);
  }
  return days;
}

function requireDate(d: IsoDate): void {
  if (!isIsoDate(d)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(d)}`);
}

/** The bank holiday's name ('Good Friday', 'Christmas Day (substitute day)'), or null on any other day. */
export function bankHolidayName(d: IsoDate): string | null {
  requireDate(d);
  return holidaysIn(Number(d.slice(0, 4))).get(d) ?? null;
}

export function isBankHoliday(d: IsoDate): boolean {
  return bankHolidayName(d) !== null;
}

function isWeekend(d: IsoDate): boolean {
  const dow = dayOfWeek(d);
  return dow === 0 || dow === 6;
}

/** Monday to Friday and not an England and Wales bank holiday. */
export function isWorkingDay(d: IsoDate): boolean {
  return !isWeekend(d) && !isBankHoliday(d);
}

/** The working day strictly after d. */
export function nextWorkingDay(d: IsoDate): IsoDate {
  let day = addDays(d, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The working day strictly before d. */
export function previousWorkingDay(d: IsoDate): IsoDate {
  let day = addDays(d, -1);
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** d itself when it is a working day, otherwise the working day before it. */
export function lastWorkingDayOnOrBefore(d: IsoDate): IsoDate {
  return isWorkingDay(d) ? d : previousWorkingDay(d);
}

/**
 * Counts n working days from d: forward for n > 0, backward for n < 0, d unchanged for n = 0. d itself is never
 * counted, so "10 working days after a Friday remand" starts counting on the Monday.
 */
export function addWorkingDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
  requireDate(d);
  let day = d;
  for (let i = 0; i < Math.abs(n); i++) day = n > 0 ? nextWorkingDay(day) : previousWorkingDay(day);
  return day;
}

/**
 * Working days from a to b, the inverse of addWorkingDays: for b after a, the working days in (a, b]; for b before
 * a, minus the working days in [b, a). So addWorkingDays(a, workingDaysBetween(a, b)) === b whenever b is a
 * working day.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  const span = daysBetween(a, b);
  const step = span >= 0 ? 1 : -1;
  let count = 0;
  for (let i = 0; i !== span; i += step) {
    // Forward: a+1 … b. Backward: a−1 … b (the same days addWorkingDays would step over).
    if (isWorkingDay(addDays(a, i + step))) count += step;
  }
  return count;
}
