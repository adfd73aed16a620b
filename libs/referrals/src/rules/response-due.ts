import { addWorkingDays, nextWorkingDay, todayIso, workingDaysBetween } from '@resettle/common';
import { ReferralStatus } from '../referral-enums';

/**
 * How long a council takes to answer an accommodation referral, step by step: pure, no framework imports. Each
 * step the council owes has a target in working days (England and Wales calendar), counted from the day the
 * referral came into the status that started it; the council is reminded at 09:00 London on the due day, and a
 * target still not met at 09:00 on the next working day is escalated to its lead.
 */
export enum ResponseStep {
  /** A referral sent for the first time: acknowledge it (or ask for information, or decline). */
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  /** The service answered the council's question and sent it again: the council's first answer to that. */
  ANSWER = 'ANSWER',
  /** Acknowledged: make an offer (or decline). */
  OFFER = 'OFFER',
  /** Offered: confirm the placement. */
  CONFIRM = 'CONFIRM',
}

export type ResponseTargets = Record<ResponseStep, number>;

/** National defaults, as the migration seeds them; a council may set its own. */
export const DEFAULT_RESPONSE_TARGETS: ResponseTargets = {
  [ResponseStep.ACKNOWLEDGE]: 2,
  [ResponseStep.ANSWER]: 3,
  [ResponseStep.OFFER]: 10,
  [ResponseStep.CONFIRM]: 3,
};

/** A target is a whole number of working days in this range. */
export const MIN_TARGET_DAYS = 1;
export const MAX_TARGET_DAYS = 60;

export type ResponseNoticeKind = 'REMINDER' | 'ESCALATION';

export interface ResponseFacts {
  status: ReferralStatus;
  /** The status before the current one (the latest event's `fromStatus`). */
  enteredFrom: ReferralStatus | null;
  /** When the referral came into its current status. */
  enteredAt: Date;
  targets: ResponseTargets;
  now: Date;
}

export interface ResponseDue {
  step: ResponseStep;
  startedAt: Date;
  /** The target in working days for this step. */
  targetDays: number;
  /** The last working day to answer by (YYYY-MM-DD). */
  dueDate: string;
  /** 09:00 London on the due day. */
  remindAt: Date;
  /** 09:00 London on the working day after the due day. */
  escalateAt: Date;
  /** Working days past the due date (0 until then). */
  overdueWorkingDays: number;
  /** What is owed by now: the escalation once its moment has come (a reminder is moot then), else the reminder. */
  owed: ResponseNoticeKind | null;
}

/** The step a status makes the council owe; null where it owes nothing (the service's turn, or it is over). */
export function stepOf(status: ReferralStatus, enteredFrom: ReferralStatus | null): ResponseStep | null {
  switch (status) {
    case ReferralStatus.SENT:
      return enteredFrom === ReferralStatus.INFORMATION_REQUESTED ? ResponseStep.ANSWER : ResponseStep.ACKNOWLEDGE;
    case ReferralStatus.ACKNOWLEDGED:
      return ResponseStep.OFFER;
    case ReferralStatus.OFFERED:
      return ResponseStep.CONFIRM;
    default:
      return null;
  }
}

export function responseDue(facts: ResponseFacts): ResponseDue | null {
  const step = stepOf(facts.status, facts.enteredFrom);
  if (!step) return null;
  const targetDays = facts.targets[step];
  const dueDate = addWorkingDays(todayIso(facts.enteredAt), targetDays);
  const remindAt = morningOf(dueDate);
  const escalateAt = morningOf(nextWorkingDay(dueDate));
  const today = todayIso(facts.now);
  const now = facts.now.getTime();
  return {
    step,
    startedAt: facts.enteredAt,
    targetDays,
    dueDate,
    remindAt,
    escalateAt,
    overdueWorkingDays: today > dueDate ? workingDaysBetween(dueDate, today) : 0,
    owed: now >= escalateAt.getTime() ? 'ESCALATION' : now >= remindAt.getTime() ? 'REMINDER' : null,
  };
}

/** The working days a step took: from the London day it started to the London day it was answered. */
export function workingDaysTaken(startedAt: Date, answeredAt: Date): number {
  return Math.max(0, workingDaysBetween(todayIso(startedAt), todayIso(answeredAt)));
}

/** The median and the 90th percentile (nearest rank) of a list of working days; null for an empty list. */
export function medianAndP90(days: readonly number[]): { median: number; p90: number } | null {
  if (days.length === 0) return null;
  const sorted = [...days].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p90: rank(0.9) };
}

const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });

/** 09:00 in England and Wales (GMT or BST) on a date, as the deadline engine's moments are. */
function morningOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const at9Utc = Date.UTC(y, m - 1, d, 9, 0, 0);
  return new Date(at9Utc - (Number(LONDON_HOUR.format(at9Utc)) - 9) * 3600_000);
}

/**
 * Who may set response targets: a national admin any council's, and the national defaults (`councilId` null); a
 * council's lead (`organisation.lead_user_id`) their own council's. Councils are in the public directory, so
 * another's is refused (FORBIDDEN), not hidden.
 */
export function mayConfigureResponseTargets(
  actor: { userId: string; organisationId: string; roles: readonly string[] },
  council: { id: string; leadUserId: string | null } | null,
): boolean {
  if (actor.roles.includes('NATIONAL_ADMIN')) return true;
  if (!council) return false;
  return council.id === actor.organisationId && council.leadUserId === actor.userId;
}
