import { daysBetweenDates, govukDate } from '../http/view-filters';

/** Words and colours for referral statuses and urgency, as GOV.UK tags. */
export const STATUS_LABELS: Record<string, { text: string; classes: string }> = {
  DRAFT: { text: 'Draft', classes: 'govuk-tag--grey' },
  SENT: { text: 'New', classes: 'govuk-tag--light-blue' },
  ACKNOWLEDGED: { text: 'Acknowledged', classes: 'govuk-tag--blue' },
  INFORMATION_REQUESTED: { text: 'Information requested', classes: 'govuk-tag--purple' },
  OFFERED: { text: 'Offered', classes: 'govuk-tag--turquoise' },
  CONFIRMED: { text: 'Confirmed', classes: 'govuk-tag--green' },
  DECLINED: { text: 'Declined', classes: 'govuk-tag--grey' },
  WITHDRAWN: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
  FELL_THROUGH: { text: 'Fell through', classes: 'govuk-tag--red' },
};

export const URGENCY_LABELS: Record<string, { text: string; classes: string }> = {
  OVERDUE: { text: 'Overdue', classes: 'govuk-tag--red' },
  DUE_SOON: { text: 'Due soon', classes: 'govuk-tag--orange' },
  ON_TRACK: { text: 'On track', classes: 'govuk-tag--green' },
  DONE: { text: 'Done', classes: 'govuk-tag--blue' },
  CLOSED: { text: 'Closed', classes: 'govuk-tag--grey' },
};

export const TYPE_LABELS: Record<string, string> = {
  ACCOMMODATION: 'Accommodation',
  EDUCATION: 'Education, training or work',
  HEALTH: 'Health',
};

/** A sent referral is new to the partner and merely sent to the service that made it. */
export function statusLabel(status: string, side: 'YJS' | 'PARTNER'): { text: string; classes: string } {
  if (status === 'SENT' && side === 'YJS') return { text: 'Sent', classes: 'govuk-tag--light-blue' };
  return STATUS_LABELS[status] ?? { text: status, classes: 'govuk-tag--grey' };
}

/**
 * The deadline tag: a placement that fell through is urgent (the pathway is open again and the child still needs
 * somewhere to live), never "Closed" like a declined or withdrawn referral.
 */
export function urgencyLabel(status: string, urgency: string): { text: string; classes: string } {
  if (status === 'FELL_THROUGH') return { text: 'Urgent', classes: 'govuk-tag--red' };
  return URGENCY_LABELS[urgency] ?? { text: urgency, classes: 'govuk-tag--grey' };
}

/** "12 days overdue", "due today", "due tomorrow", "due in 5 days": how the deadline stands (days = due − today). */
export function deadlineDistance(daysLeft: number): string {
  if (daysLeft < 0) return `${-daysLeft} day${daysLeft === -1 ? '' : 's'} overdue`;
  if (daysLeft === 0) return 'due today';
  if (daysLeft === 1) return 'due tomorrow';
  return `due in ${daysLeft} days`;
}

/** How long before the earliest release each type of referral must be confirmed (DOMAIN.md "Deadlines"). */
const DAYS_BEFORE_RELEASE: Record<string, number> = { ACCOMMODATION: 28, EDUCATION: 14, HEALTH: 14 };

const WHAT_IS_DUE: Record<string, string> = {
  ACCOMMODATION: 'An address must be confirmed',
  EDUCATION: 'A place at school, college or work must be confirmed',
  HEALTH: 'The health handover must be arranged',
};

/**
 * Why the deadline is what it is, in words, with its date. The deadline counts back from the earliest date the
 * child could be released (DOMAIN.md "Deadlines"), which is the expected release date unless early release is
 * possible (a DTO): "An address must be confirmed by 13 November 2026: 28 days (4 weeks) before the expected
 * release date of 11 December 2026", or "…: 28 days (4 weeks) before 6 May 2027, the earliest the child could be
 * released (the expected release date is 4 June 2027)". Without the dates, the rule alone.
 */
export function deadlineReason(type: string, dueDate?: string | null, releaseDate?: string | null): string {
  const what = WHAT_IS_DUE[type] ?? 'It must be confirmed';
  const rule = DAYS_BEFORE_RELEASE[type] ?? 14;
  if (!dueDate || !releaseDate) return `${what} ${rule} days before the earliest release date.`;
  const gap = `${rule} days${rule % 7 === 0 ? ` (${rule / 7} week${rule === 7 ? '' : 's'})` : ''} before`;
  if (daysBetweenDates(dueDate, releaseDate) === rule) {
    return `${what} by ${govukDate(dueDate)}: ${gap} the expected release date of ${govukDate(releaseDate)}.`;
  }
  const earliest = new Date(Date.parse(`${dueDate}T00:00:00Z`) + rule * 86_400_000).toISOString().slice(0, 10);
  return `${what} by ${govukDate(dueDate)}: ${gap} ${govukDate(earliest)}, the earliest the child could be released (the expected release date is ${govukDate(releaseDate)}).`;
}
