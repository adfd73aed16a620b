/**
 * The dedupe keys of the deadline engine's notifications, which are its record of whom it told what: one key per
 * (milestone, due date, reminder or escalation level, person). Pure: the job runner makes them, the deadlines page
 * reads them back (through the notifications feature's service) to say who was reminded and escalated to.
 */

type MilestoneNoticeKind = 'REMINDER' | 'ESCALATION';

export interface MilestoneNoticeKey {
  milestoneId: string;
  /** The due date the notice was about (YYYY-MM-DD): a milestone whose date moved starts again. */
  dueDate: string;
  kind: MilestoneNoticeKind;
  /** The reminder's number (1 the first) or the escalation's level (1 owner, 2 managers, 3 head of service). */
  step: number;
  recipientUserId: string;
}

/** The prefix every notice key of one milestone begins with. */
export function milestoneNoticePrefix(milestoneId: string): string {
  return `milestone:${milestoneId}:`;
}

/** The dedupe key of one notice: `milestone:<id>:<due>:reminder:<n>:<user>` or `…:escalation:<level>:<user>`. */
export function milestoneNoticeKey(notice: MilestoneNoticeKey): string {
  const kind = notice.kind === 'REMINDER' ? 'reminder' : 'escalation';
  return `${milestoneNoticePrefix(notice.milestoneId)}${notice.dueDate}:${kind}:${notice.step}:${notice.recipientUserId}`;
}

const KEY = /^milestone:([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2}):(reminder|escalation):(\d+):([0-9a-f-]{36})$/;

/** A notice key read back; null for any key that is not one (never guessed at). */
export function parseMilestoneNoticeKey(key: string): MilestoneNoticeKey | null {
  const m = KEY.exec(key);
  if (!m) return null;
  return {
    milestoneId: m[1],
    dueDate: m[2],
    kind: m[3] === 'reminder' ? 'REMINDER' : 'ESCALATION',
    step: Number(m[4]),
    recipientUserId: m[5],
  };
}
