import { addDays, addWorkingDays, IsoDate } from '@resettle/common';
import { MilestoneStatus } from '../milestone-enums';
import {
  escalationDates,
  EscalationRecipient,
  MilestonePolicy,
  MilestonePolicyEntry,
  reminderDates,
} from '../rules/milestone-policy';

/** The queue the deadline engine's jobs live on. */
export const MILESTONES_QUEUE = 'milestones';

type MilestoneJobName = 'reminder' | 'due' | 'escalate';

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

/** The injection token of the reach in milliseconds (`MILESTONE_PLAN_AHEAD_HOURS`; a test may set its own). */
export const MILESTONE_JOBS_REACH = Symbol('MILESTONE_JOBS_REACH');

/** What the engine reads of a milestone row to plan its jobs. */
export interface MilestoneJobFacts {
  id: string;
  key: string;
  status: MilestoneStatus;
  dueDate: string | null;
  escalationLevel: number;
  /**
   * Reminders already sent for this due date (the row's `reminders_sent` when `reminders_sent_for` is the due date).
   */
  remindersSent?: number;
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
 * 09:00 London of each date seen, as epoch ms: a few hundred dates a year, asked for hundreds of thousands of times.
 */
const MORNINGS = new Map<string, number>();

/**
 * The moment a date's work happens: 09:00 in England and Wales (GMT or BST), so reminders and escalations arrive at
 * the start of a working day.
 */
export function morningOf(date: string): Date {
  let ms = MORNINGS.get(date);
  if (ms === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    const at9Utc = Date.UTC(y, m - 1, d, 9, 0, 0);
    const londonHour = Number(LONDON_HOUR.format(at9Utc));
    ms = at9Utc - (londonHour - 9) * 3600_000;
    MORNINGS.set(date, ms);
  }
  return new Date(ms);
}

type PolicyTimes = Pick<MilestonePolicyEntry, 'reminders' | 'escalation'>;

/** The days a due date's reminders and ladder fall on, worked out once per policy entry and due date. */
interface Moments {
  reminders: IsoDate[];
  ladder: { level: number; on: IsoDate; notify: EscalationRecipient[] }[];
}

const MOMENTS = new WeakMap<PolicyTimes, Map<string, Moments>>();

function momentsOf(due: IsoDate, policy: PolicyTimes): Moments {
  let byDue = MOMENTS.get(policy);
  if (!byDue) MOMENTS.set(policy, (byDue = new Map()));
  let moments = byDue.get(due);
  if (!moments)
    byDue.set(
      due,
      (moments = { reminders: reminderDates(due, policy.reminders), ladder: escalationDates(due, policy.escalation) }),
    );
  return moments;
}

/**
 * The delayed jobs a milestone should have, from its row and its policy: a pure function, so PostgreSQL stays the
 * source of truth and the queue can always be rebuilt from it. Job ids are deterministic (milestone, kind, due date):
 * adding again is harmless, and a changed due date gives new ids, so the old jobs are found stale and removed.
 * BullMQ ids may not contain ':', hence '_'.
 */
export function plannedJobs(milestone: Omit<MilestoneJobFacts, 'key'>, policy: PolicyTimes): PlannedJob[] {
  const due = milestone.dueDate;
  if (!due || milestone.status === MilestoneStatus.MET || milestone.status === MilestoneStatus.WAIVED) return [];
  const job = (
    name: MilestoneJobName,
    suffix: string,
    on: string,
    extra: Partial<MilestoneJobData> = {},
  ): PlannedJob => {
    const runAt = morningOf(on);
    return {
      jobId: `m_${milestone.id}_${name}${suffix}_${due}`,
      name,
      runAt,
      data: { milestoneId: milestone.id, dueDate: due, runAt: runAt.toISOString(), ...extra },
    };
  };
  const { reminders, ladder } = momentsOf(due, policy);
  const jobs: PlannedJob[] = [];
  if (milestone.status === MilestoneStatus.PENDING) {
    // A reminder already sent is a recorded fact, like an escalation level reached: it is not planned again.
    reminders.forEach((on, i) => {
      if (i + 1 > (milestone.remindersSent ?? 0)) jobs.push(job('reminder', String(i + 1), on, { reminder: i + 1 }));
    });
    jobs.push(job('due', '', due));
  }
  // Level 1 comes with the due job; later levels are planned ahead so they survive a worker that is down at the time.
  for (const step of ladder) {
    if (step.level <= Math.max(1, milestone.escalationLevel)) continue;
    jobs.push(job('escalate', String(step.level), step.on, { level: step.level, notify: [...step.notify] }));
  }
  return jobs;
}

/**
 * The planned jobs the queue should hold now: those whose moment is at most `reachMs` away (the worker's
 * `MILESTONE_PLAN_AHEAD_HOURS`), and of those whose moment has passed (a worker was down, a milestone was created
 * overdue) only the one that matters:
 * - once the due moment has passed, reminders are no use (the due job says it was missed), and of the ladder only
 *   its first step not yet taken: when it runs it takes every later step whose moment has passed too
 *   (`escalationsDue`), in one go;
 * - before it, only the latest reminder whose day has passed (one reminder, not several at once).
 */
export function jobsWithinReach(jobs: readonly PlannedJob[], now: Date, reachMs: number): PlannedJob[] {
  const at = now.getTime();
  const until = at + reachMs;
  return [...owedJobs(jobs, now), ...jobs.filter((j) => j.runAt.getTime() > at && j.runAt.getTime() <= until)];
}

/**
 * Of a milestone's planned jobs (`plannedJobs`, so only actions not yet recorded on its row), the one whose moment
 * has passed and that should run now: the first ladder step not taken once the due moment has passed, else the
 * latest reminder not sent. At most one: it is the action the milestone owes, whatever happened to its earlier job
 * (failed, stalled, removed, Redis emptied).
 */
export function owedJobs(jobs: readonly PlannedJob[], now: Date): PlannedJob[] {
  const at = now.getTime();
  const passed = jobs.filter((j) => j.runAt.getTime() <= at);
  const ladderPassed = passed.filter((j) => j.name !== 'reminder');
  return ladderPassed.length ? ladderPassed.slice(0, 1) : passed.slice(-1);
}

/** The owed job of a milestone if its moment passed more than `graceMs` ago: the deadline action is late. */
export function lateJob(jobs: readonly PlannedJob[], now: Date, graceMs: number): PlannedJob | null {
  const [owed] = owedJobs(jobs, now);
  return owed && owed.runAt.getTime() <= now.getTime() - graceMs ? owed : null;
}

/**
 * The later levels of the ladder a MISSED milestone has reached by `now` and not yet taken (above its
 * `escalationLevel`), lowest first: a due or escalate job that runs late takes them all at once.
 */
export function escalationsDue(
  milestone: Pick<MilestoneJobFacts, 'status' | 'dueDate' | 'escalationLevel'>,
  policy: PolicyTimes,
  now: Date,
): { level: number; notify: EscalationRecipient[] }[] {
  if (milestone.status !== MilestoneStatus.MISSED || !milestone.dueDate) return [];
  return momentsOf(milestone.dueDate, policy)
    .ladder.filter((step) => step.level > milestone.escalationLevel && morningOf(step.on).getTime() <= now.getTime())
    .map((step) => ({ level: step.level, notify: [...step.notify] }));
}

/**
 * Which open milestones can have a job within reach (`reachMs`) of today, as bounds the reconciler can ask PostgreSQL
 * for: a PENDING one whose due date is at most `pendingDueUntil` (its earliest reminder may then be within reach;
 * a week to spare for bank holidays), and a MISSED one below `topLevel` (a level is still to come). The bounds are
 * generous: a milestone they let through with nothing within reach just plans no job.
 */
export function reconcileWindow(
  policies: Iterable<MilestonePolicy>,
  today: IsoDate,
  reachMs: number,
): { pendingDueUntil: IsoDate; topLevel: number } {
  let workingDays = 0;
  let days = 0;
  let topLevel = 0;
  for (const policy of policies) {
    for (const entry of Object.values(policy)) {
      for (const r of entry.reminders) {
        if (r.unit === 'WORKING_DAYS') workingDays = Math.max(workingDays, r.amount);
        else days = Math.max(days, r.amount);
      }
      for (const step of entry.escalation) topLevel = Math.max(topLevel, step.level);
    }
  }
  const reach = addDays(today, Math.ceil(reachMs / (24 * 3600 * 1000)));
  const lead = addDays(addWorkingDays(reach, workingDays), days + 7);
  return { pendingDueUntil: lead, topLevel };
}
