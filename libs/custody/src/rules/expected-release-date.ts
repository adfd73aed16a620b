import { addDays, isWorkingDay } from '@resettle/common';
import { ReleaseDay, releaseDayFor } from '../release-dates/release-dates';

export interface EpisodeReleaseFacts {
  /** The calculator's release day for the sentence (statutory date moved back to a working day). */
  releaseDate: string | null;
  /** The calculator's flags for that day (kept as calculated: immediate release is never brought forward). */
  fridayOrPreHolidayRelease?: boolean;
  broughtForwardDate?: string | null;
  /** Statutory day early release was granted for (Secretary of State). */
  earlyReleaseDate: string | null;
  /** Statutory day a youth court ordered late release for. */
  lateReleaseDate: string | null;
  /** A person's manual date, with a recorded reason: wins over everything. */
  releaseDateOverride: string | null;
}

/**
 * The day the child is now expected to leave custody, with its Friday / pre-holiday flag and the day release may be
 * brought forward to. Pure: no framework, no clock.
 * A manual override wins, taken as given (a person chose that day, so it is flagged but not moved); then a court's
 * late-release order; then granted early release; then the calculated day. Early and late release dates are
 * statutory days, so they move to a working day and may be brought forward like any other.
 */
export function expectedReleaseDay(facts: EpisodeReleaseFacts): ReleaseDay | null {
  if (facts.releaseDateOverride) {
    return {
      releaseDate: facts.releaseDateOverride,
      fridayOrPreHolidayRelease: !isWorkingDay(addDays(facts.releaseDateOverride, 1)),
      broughtForwardDate: null,
    };
  }
  if (facts.lateReleaseDate) return releaseDayFor(facts.lateReleaseDate);
  if (facts.earlyReleaseDate) return releaseDayFor(facts.earlyReleaseDate);
  if (!facts.releaseDate) return null;
  return {
    releaseDate: facts.releaseDate,
    fridayOrPreHolidayRelease: facts.fridayOrPreHolidayRelease ?? false,
    broughtForwardDate: facts.broughtForwardDate ?? null,
  };
}

/** Just the date of `expectedReleaseDay`: what caseloads sort by and deadlines hang on. */
export function expectedReleaseDate(facts: EpisodeReleaseFacts): string | null {
  return expectedReleaseDay(facts)?.releaseDate ?? null;
}
