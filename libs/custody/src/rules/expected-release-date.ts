import { releaseDayFor } from '../release-dates/release-dates';

export interface EpisodeReleaseFacts {
  /** The calculator's release day for the sentence (statutory date moved back to a working day). */
  releaseDate: string | null;
  /** Statutory day early release was granted for (Secretary of State). */
  earlyReleaseDate: string | null;
  /** Statutory day a youth court ordered late release for. */
  lateReleaseDate: string | null;
  /** A person's manual date, with a recorded reason: wins over everything. */
  releaseDateOverride: string | null;
}

/**
 * The day the child is now expected to leave custody. Pure: no framework, no clock.
 * A manual override wins; then a court's late-release order; then granted early release; then the calculated day.
 * Early and late release dates are statutory days, so they move to a working day like any other.
 */
export function expectedReleaseDate(facts: EpisodeReleaseFacts): string | null {
  if (facts.releaseDateOverride) return facts.releaseDateOverride;
  if (facts.lateReleaseDate) return releaseDayFor(facts.lateReleaseDate).releaseDate;
  if (facts.earlyReleaseDate) return releaseDayFor(facts.earlyReleaseDate).releaseDate;
  return facts.releaseDate;
}
