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
