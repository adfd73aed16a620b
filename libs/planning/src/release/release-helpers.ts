import { BadUserInputError, ConflictError, FieldErrors, todayIso } from '@resettle/common';
import { CustodialEpisode, EpisodeStatus } from '@resettle/custody';

export const RELEASE_FIRST = 'Record the release on the custodial episode first';

/** Copies the fields the caller sent: left out keeps the value, null clears it, blank text is null. */
export function applyPatch<T extends object>(row: T, input: object, fields: readonly string[]): void {
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    if (value !== undefined)
      (row as Record<string, unknown>)[field] = typeof value === 'string' ? value.trim() || null : value;
  }
}

/** Whether the child has left custody on this episode (now in the community, or since recalled or closed). */
export function hasBeenReleased(episode: Pick<CustodialEpisode, 'status' | 'releasedAt'>): boolean {
  if (episode.status === EpisodeStatus.RELEASED) return true;
  return (
    !!episode.releasedAt && episode.status !== EpisodeStatus.REMANDED && episode.status !== EpisodeStatus.SENTENCED
  );
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** '2026-12-10 10:00', in England and Wales, for history summaries. */
export function londonDateTime(at: Date): string {
  return `${todayIso(at)} ${LONDON_TIME.format(at)}`;
}

export const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

export function throwIfAny(errors: FieldErrors): void {
  const fields = Object.keys(errors);
  if (fields.length) throw new BadUserInputError(errors[fields[0]][0], errors);
}

/** A version sent for a record that does not exist (yet): nothing to change, so nothing is written. */
export function noneYet(what: string, expectedVersion: number): ConflictError {
  return new ConflictError(
    `There is no ${what} yet (you sent version ${expectedVersion}): leave out expectedVersion to create it`,
    {
      expectedVersion,
      currentVersion: null,
      current: null,
    },
  );
}

export function comparable(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}
