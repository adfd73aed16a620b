import { daysBetween } from '@resettle/common';

/**
 * An offer's start date, checked against the one clock (pure, no framework imports). A start in the past is
 * impossible: the child's "My plan" would tell them they already live there. A start long before or after the
 * expected release is possible (a placement held open, a later move) but unusual: the portal asks the officer to
 * confirm it.
 */
const FAR_FROM_RELEASE_DAYS = 28;

/** The reason the start date is refused, or null when it may be offered. */
export function offerStartDateProblem(startDate: string, today: string): string | null {
  return daysBetween(today, startDate) < 0 ? 'The start date must be today or in the future' : null;
}

/** Days between release and the start (positive: after release); null on remand or when close enough. */
export function startFarFromRelease(startDate: string, expectedReleaseDate: string | null): number | null {
  if (!expectedReleaseDate) return null;
  const days = daysBetween(expectedReleaseDate, startDate);
  return Math.abs(days) > FAR_FROM_RELEASE_DAYS ? days : null;
}
