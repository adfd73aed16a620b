/** Nunjucks filters for dates in GOV.UK style ("14 January 2027", "2:30pm"), in London time. */
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const DAY = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

function toDate(value: string): Date {
  // A bare date is a calendar day: read it at noon UTC so London's offset never moves it.
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
}

/** Calendar days already told (a page tells the same few dates many times over, and Intl is slow): bounded. */
const toldDays = new Map<string, string>();
const TOLD_DAYS_MAX = 5000;

export function govukDate(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE.format(toDate(value));
  let told = toldDays.get(value);
  if (told === undefined) {
    told = DATE.format(toDate(value));
    if (toldDays.size >= TOLD_DAYS_MAX) toldDays.clear();
    toldDays.set(value, told);
  }
  return told;
}

export function govukDay(value: unknown): string {
  return typeof value === 'string' && value ? DAY.format(toDate(value)) : '';
}

export function govukDateTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE.format(toDate(value));
  const date = toDate(value);
  return `${DATE.format(date)} at ${TIME.format(date).replace(' ', '').replace(':00', '')}`;
}

/** "in 12 days", "today", "3 days ago". */
export function daysFromNow(days: unknown): string {
  if (typeof days !== 'number') return '';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** "2 hours", "90 minutes", "1 hour": the idle timeout in words. */
export function idleTime(minutes: unknown): string {
  if (typeof minutes !== 'number' || minutes <= 0) return '';
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** Today in London, YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** b − a in days, for two YYYY-MM-DD dates. */
export function daysBetweenDates(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Text with any YYYY-MM-DD in it (the api's notes) told as GOV.UK dates: never an ISO date on a page. */
export function humanDates(text: unknown): string {
  return typeof text === 'string' ? text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (iso) => govukDate(iso)) : '';
}
