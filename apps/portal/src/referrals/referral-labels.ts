import { govukDate } from '../http/view-filters';

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

/** How long before the earliest release each type of referral must be confirmed, by default (DOMAIN.md "Deadlines"). */
const DAYS_BEFORE_RELEASE: Record<string, number> = { ACCOMMODATION: 28, EDUCATION: 14, HEALTH: 14 };

const WHAT_IS_DUE: Record<string, string> = {
  ACCOMMODATION: 'An address must be confirmed',
  EDUCATION: 'A place at school, college or work must be confirmed',
  HEALTH: 'The health handover must be arranged',
};

/** A referral's deadline as the api gives it: its due date, the date it is counted from, and how far. */
export interface DeadlineBasis {
  dueDate: string | null;
  anchorDate?: string | null;
  offset?: { amount: number; unit: string; direction: string } | null;
}

/** "28 days (4 weeks) before", "20 working days before", "10 working days after". */
function offsetWords(offset: { amount: number; unit: string; direction: string }): string {
  const { amount, unit, direction } = offset;
  const weeks = unit === 'DAYS' && amount > 0 && amount % 7 === 0;
  const length =
    `${amount} ${unit === 'WORKING_DAYS' ? 'working ' : ''}day${amount === 1 ? '' : 's'}` +
    (weeks ? ` (${amount / 7} week${amount === 7 ? '' : 's'})` : '');
  return `${length} ${direction === 'AFTER' ? 'after' : 'before'}`;
}

/**
 * Why the deadline is what it is, in words, with its dates, from what the api says it is counted from (the earliest
 * date the child could be released, DOMAIN.md "Deadlines", and the service's rule), never worked back from the due
 * date: "An address must be confirmed by 13 November 2026: 28 days (4 weeks) before the expected release date of
 * 11 December 2026", or "…: 28 days (4 weeks) before 6 May 2027, the earliest the child could be released (the
 * expected release date is 4 June 2027)". A due date moved off a weekend or bank holiday says so. Without the dates,
 * the rule alone.
 */
export function deadlineReason(
  type: string,
  deadline?: DeadlineBasis | null,
  expectedReleaseDate?: string | null,
): string {
  const what = WHAT_IS_DUE[type] ?? 'It must be confirmed';
  const offset = deadline?.offset ?? { amount: DAYS_BEFORE_RELEASE[type] ?? 14, unit: 'DAYS', direction: 'BEFORE' };
  const dueDate = deadline?.dueDate;
  const anchorDate = deadline?.anchorDate;
  if (!dueDate || !anchorDate) return `${what} ${offsetWords(offset)} the earliest release date.`;
  let by = govukDate(dueDate);
  if (offset.unit === 'DAYS') {
    const sign = offset.direction === 'AFTER' ? 1 : -1;
    const counted = new Date(Date.parse(`${anchorDate}T00:00:00Z`) + sign * offset.amount * 86_400_000)
      .toISOString()
      .slice(0, 10);
    if (counted !== dueDate) by += ` (${govukDate(counted)} is not a working day)`;
  }
  if (anchorDate === expectedReleaseDate) {
    return `${what} by ${by}: ${offsetWords(offset)} the expected release date of ${govukDate(anchorDate)}.`;
  }
  const expected = expectedReleaseDate ? ` (the expected release date is ${govukDate(expectedReleaseDate)})` : '';
  return `${what} by ${by}: ${offsetWords(offset)} ${govukDate(anchorDate)}, the earliest the child could be released${expected}.`;
}

/** What each step of the council's clock asks of it, after "The council's target is to". */
export const RESPONSE_STEP_TEXT: Record<string, string> = {
  ACKNOWLEDGE: 'acknowledge a referral',
  ANSWER: 'answer once the information it asked for is sent',
  OFFER: 'make an offer once it has acknowledged',
  CONFIRM: 'confirm an offer',
};

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** What the council owes on an accommodation referral, as its target has it (`Referral.responseDue`). */
interface ResponseDueView {
  dueDate: string;
  overdueWorkingDays: number;
}

/**
 * The council's clock on a referral as a tag: "Response due 3 Dec", or "Overdue by 2 working days" once the target
 * is missed; null when the council owes nothing.
 */
export function responseDueLabel(due: ResponseDueView | null | undefined): { text: string; classes: string } | null {
  if (!due) return null;
  const n = due.overdueWorkingDays;
  if (n > 0) return { text: `Overdue by ${n} working day${n === 1 ? '' : 's'}`, classes: 'govuk-tag--red' };
  const [, month, day] = due.dueDate.split('-').map(Number);
  return { text: `Response due ${day} ${SHORT_MONTHS[month - 1]}`, classes: 'govuk-tag--yellow' };
}

/** A phone number as a `tel:` link wants it: digits and a leading +. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
