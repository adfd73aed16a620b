import { addDays } from '@resettle/common';

/** How far back a hand-over of supervision may be recorded: it is paperwork catching up, not a history rewrite. */
const SUPERVISION_TRANSFER_MAX_DAYS_BACK = 28;

/**
 * Why a supervision transfer may not take effect on `effectiveDate` (null when it may): not in the future, at most
 * 28 days back, and not before the episode began.
 */
export function supervisionTransferDateProblem(
  effectiveDate: string,
  today: string,
  episodeStartDate: string,
): string | null {
  if (effectiveDate > today) return 'The effective date cannot be in the future';
  const earliest = addDays(today, -SUPERVISION_TRANSFER_MAX_DAYS_BACK);
  if (effectiveDate < earliest) {
    return `The effective date can be at most ${SUPERVISION_TRANSFER_MAX_DAYS_BACK} days ago (${earliest} or later)`;
  }
  if (effectiveDate < episodeStartDate)
    return `The effective date cannot be before the episode began (${episodeStartDate})`;
  return null;
}
