// Dates as whole days since 1970-01-01, so draws over a span of days are integer draws; the arithmetic itself is the
// common date helpers' (calendar months cut back to a month's last day, as sentence arithmetic does).
import { addCalendarMonths, addDays, daysBetween, isIsoDate } from '@resettle/common';

const EPOCH = '1970-01-01';

export function parseDay(iso: string): number {
  if (!isIsoDate(iso)) throw new Error(`expected a real date as YYYY-MM-DD, got '${iso}'`);
  return daysBetween(EPOCH, iso);
}

export function formatDay(day: number): string {
  return addDays(EPOCH, day);
}

/** Calendar months added, a day past a month's end cut back to its last day. */
export function addMonths(day: number, months: number): number {
  return parseDay(addCalendarMonths(formatDay(day), months));
}

/** Whole years from one day to a later one: an age. */
export function wholeYearsBetween(from: number, to: number): number {
  const a = formatDay(from);
  const b = formatDay(to);
  const years = Number(b.slice(0, 4)) - Number(a.slice(0, 4));
  return b.slice(5) < a.slice(5) ? years - 1 : years;
}
