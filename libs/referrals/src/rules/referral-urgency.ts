import { daysBetween } from '@resettle/common';
import { ReferralStatus, ReferralType } from '../referral-enums';

/**
 * How urgent a referral is for the partner's inbox and the case manager's list: pure, no framework imports.
 * It hangs on the deadline the referral exists to meet (DOMAIN.md "Deadlines"): the address confirmed 28 days
 * before the earliest release, the ETE place and the health handover 14 days before. "Due soon" is the last
 * fortnight before that deadline, when an inspector would already worry.
 */
export enum ReferralUrgency {
  /** The deadline has passed (or the engine has marked it missed) and nothing is confirmed. */
  OVERDUE = 'OVERDUE',
  /** The deadline is within DUE_SOON_DAYS. */
  DUE_SOON = 'DUE_SOON',
  /** Open, with time left (or no release date yet, as on remand). */
  ON_TRACK = 'ON_TRACK',
  /** Confirmed: the pathway is arranged. */
  DONE = 'DONE',
  /** Declined, withdrawn or fallen through: nothing more will happen on this referral. */
  CLOSED = 'CLOSED',
}

const DUE_SOON_DAYS = 14;

/** The milestone of the deadline engine each type of referral meets (keys of `MilestoneKey`). */
export const DEADLINE_FOR: Record<
  ReferralType,
  'ACCOMMODATION_CONFIRMED' | 'ETE_PLACE_CONFIRMED' | 'HEALTH_HANDOVER_ARRANGED'
> = {
  [ReferralType.ACCOMMODATION]: 'ACCOMMODATION_CONFIRMED',
  [ReferralType.EDUCATION]: 'ETE_PLACE_CONFIRMED',
  [ReferralType.HEALTH]: 'HEALTH_HANDOVER_ARRANGED',
};

const CLOSED = new Set([ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.FELL_THROUGH]);

export interface UrgencyFacts {
  status: ReferralStatus;
  /** The deadline's due date (YYYY-MM-DD); null while there is no release date. */
  deadlineDueDate: string | null;
  /** The deadline milestone's status: PENDING, MET, MISSED or WAIVED; null when there is none. */
  deadlineStatus: string | null;
  /** Today, YYYY-MM-DD (London). */
  today: string;
}

export function referralUrgency(facts: UrgencyFacts): ReferralUrgency {
  if (facts.status === ReferralStatus.CONFIRMED) return ReferralUrgency.DONE;
  if (CLOSED.has(facts.status)) return ReferralUrgency.CLOSED;
  // Met by other means (a pathway arranged by hand) or waived by a manager: nothing is late.
  if (facts.deadlineStatus === 'MET' || facts.deadlineStatus === 'WAIVED') return ReferralUrgency.ON_TRACK;
  if (facts.deadlineStatus === 'MISSED') return ReferralUrgency.OVERDUE;
  if (!facts.deadlineDueDate) return ReferralUrgency.ON_TRACK;
  const daysLeft = daysBetween(facts.today, facts.deadlineDueDate);
  if (daysLeft < 0) return ReferralUrgency.OVERDUE;
  if (daysLeft <= DUE_SOON_DAYS) return ReferralUrgency.DUE_SOON;
  return ReferralUrgency.ON_TRACK;
}
