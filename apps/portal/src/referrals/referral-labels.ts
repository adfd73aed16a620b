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
 * Why the deadline is what it is, in words: "An address must be confirmed 28 days before the earliest release date."
 */
export function deadlineReason(type: string): string {
  return `${WHAT_IS_DUE[type] ?? 'It must be confirmed'} ${DAYS_BEFORE_RELEASE[type] ?? 14} days before the earliest release date.`;
}
