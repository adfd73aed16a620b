/**
 * Calendar dates as ISO strings 'YYYY-MM-DD'. A release date is a day, not an instant, so all arithmetic is done on
 * whole day numbers (days since 1970-01-01, proleptic Gregorian) and never touches the machine's time zone.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function parseParts(s: string): Ymd | null {
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True only for a real calendar date written exactly YYYY-MM-DD (2023-02-29 and 2024-13-01 are refused). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseParts(s) !== null;
}

function parse(d: IsoDate): Ymd {
  const parts = typeof d === 'string' ? parseParts(d) : null;
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(d)}`);
  return parts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ year, month, day }: Ymd): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Howard Hinnant's days-from-civil / civil-from-days: exact integer arithmetic, valid for any Gregorian year.
function toDayNumber({ year, month, day }: Ymd): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): Ymd {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

function requireInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be a whole number, got ${n}`);
}

/** d + n days (n may be negative). */
export function addDays(d: IsoDate, n: number): IsoDate {
  requireInteger(n, 'Days');
  return format(fromDayNumber(toDayNumber(parse(d)) + n));
}

/**
 * d + n calendar months (n may be negative). A day that does not exist in the target month is cut back to that
 * month's last day (31 January + 1 month = 28 or 29 February), as sentence arithmetic requires.
 */
export function addCalendarMonths(d: IsoDate, n: number): IsoDate {
  requireInteger(n, 'Months');
  const { year, month, day } = parse(d);
  const monthIndex = year * 12 + (month - 1) + n;
  const y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** The last day of d's month. */
export function endOfMonth(d: IsoDate): IsoDate {
  const { year, month } = parse(d);
  return format({ year, month, day: daysInMonth(year, month) });
}

/** b − a in days: positive when b is later. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(parse(b)) - toDayNumber(parse(a));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((toDayNumber(parse(d)) + 4) % 7) + 7) % 7;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 'Monday', 'Tuesday', … for notes shown to people. */
export function dayName(d: IsoDate): string {
  return DAY_NAMES[dayOfWeek(d)];
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 'January 2027', for a month shown to people. */
export function monthAndYear(d: IsoDate): string {
  return `${MONTH_NAMES[Number(d.slice(5, 7)) - 1]} ${d.slice(0, 4)}`;
}

/** 'Saturday 16 January 2027', as a day is said to people in messages. */
export function longDate(d: IsoDate): string {
  return `${dayName(d)} ${Number(d.slice(8, 10))} ${monthAndYear(d)}`;
}

/** −1, 0 or 1, for Array.prototype.sort. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((min, d) => (compareIsoDates(d, min) < 0 ? d : min), first);
}

export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  return rest.reduce((max, d) => (compareIsoDates(d, max) > 0 ? d : max), first);
}

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date in England and Wales at the instant `now`. Just after midnight in summer time it is already
 * tomorrow in London while still today in UTC, and a deadline must follow the day the staff are living in.
 */
export function todayIso(now: Date): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayIso needs a valid Date');
  const parts = Object.fromEntries(LONDON_DATE.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
