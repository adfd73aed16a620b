import { daysBetween } from '@resettle/common';

/**
 * A release recorded more than this many days from the day the child was expected to leave is a departure from the
 * plan (release on licence brought forward, a court's order, a mistake in the date) and needs a reason on record:
 * everyone planning around the expected day has to know why it did not hold. A day or two either way is ordinary
 * (a Friday release brought forward, a release that slipped to the next morning).
 */
export const RELEASE_DAY_TOLERANCE_DAYS = 3;

/**
 * How far the day a child left lies from the expected release day, when that is more than the tolerance: days > 0
 * when later, < 0 when earlier. Null when there was no expected day (remand) or the release was near it.
 * Pure: no framework, no clock.
 */
export function releaseDeparture(expectedDay: string | null, leftOn: string): { days: number; words: string } | null {
  if (!expectedDay) return null;
  const days = daysBetween(expectedDay, leftOn);
  if (Math.abs(days) <= RELEASE_DAY_TOLERANCE_DAYS) return null;
  const n = Math.abs(days);
  const words = `${n} ${n === 1 ? 'day' : 'days'} ${days < 0 ? 'before' : 'after'} the expected release day ${expectedDay}`;
  return { days, words };
}
