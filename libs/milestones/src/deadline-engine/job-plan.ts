import { MilestoneStatus } from '../milestone-enums';
import { escalationDates, EscalationRecipient, MilestonePolicyEntry, reminderDates } from '../rules/milestone-policy';

/** The queue the deadline engine's jobs live on. */
export const MILESTONES_QUEUE = 'milestones';

export type MilestoneJobName = 'reminder' | 'due' | 'escalate';

export interface MilestoneJobData {
  milestoneId: string;
  /** The due date the job was planned for: a job for an old date finds the milestone moved and does nothing. */
  dueDate: string;
  /** When it should run (ISO instant), so a job woken early can wait for its moment. */
  runAt: string;
  reminder?: number;
  level?: number;
  notify?: EscalationRecipient[];
}

export interface PlannedJob {
  jobId: string;
  name: MilestoneJobName;
  runAt: Date;
  data: MilestoneJobData;
}

/** Made once: building an Intl.DateTimeFormat costs far more than using one (the reconciler plans millions of jobs). */
const LONDON_HOUR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' });

/**
 * The moment a date's work happens: 09:00 in England and Wales (GMT or BST), so reminders and escalations arrive at
 * the start of a working day.
 */
export function morningOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const at9Utc = new Date(Date.UTC(y, m - 1, d, 9, 0, 0));
  const londonHour = Number(LONDON_HOUR.format(at9Utc));
  return new Date(at9Utc.getTime() - (londonHour - 9) * 3600_000);
}

/**
 * The delayed jobs a milestone should have, from its row and its policy: a pure function, so PostgreSQL stays the
 * source of truth and the queue can always be rebuilt from it. Job ids are deterministic (milestone, kind, due date):
 * adding again is harmless, and a changed due date gives new ids, so the old jobs are found stale and removed.
 * BullMQ ids may not contain ':', hence '_'.
 */
export function plannedJobs(
  milestone: { id: string; status: MilestoneStatus; dueDate: string | null; escalationLevel: number },
  policy: Pick<MilestonePolicyEntry, 'reminders' | 'escalation'>,
): PlannedJob[] {
  const due = milestone.dueDate;
  if (!due || milestone.status === MilestoneStatus.MET || milestone.status === MilestoneStatus.WAIVED) return [];
  const job = (name: MilestoneJobName, suffix: string, on: string, extra: Partial<MilestoneJobData> = {}): PlannedJob => {
    const runAt = morningOf(on);
    return { jobId: `m_${milestone.id}_${name}${suffix}_${due}`, name, runAt, data: { milestoneId: milestone.id, dueDate: due, runAt: runAt.toISOString(), ...extra } };
  };
  const jobs: PlannedJob[] = [];
  if (milestone.status === MilestoneStatus.PENDING) {
    reminderDates(due, policy.reminders).forEach((on, i) => jobs.push(job('reminder', String(i + 1), on, { reminder: i + 1 })));
    jobs.push(job('due', '', due));
  }
  // Level 1 comes with the due job; later levels are planned ahead so they survive a worker that is down at the time.
  for (const step of escalationDates(due, policy.escalation)) {
    if (step.level <= Math.max(1, milestone.escalationLevel)) continue;
    jobs.push(job('escalate', String(step.level), step.on, { level: step.level, notify: step.notify }));
  }
  return jobs;
}
