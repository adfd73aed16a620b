import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock, isIsoDate } from '@resettle/common';
import { CustodyService, EPISODE_SUPERVISION_SQL } from '@resettle/custody';
import { Role, UsersService } from '@resettle/identity';
import { NotificationRequest, NotificationsService } from '@resettle/notifications';
import { OrganisationsService } from '@resettle/organisations';
import { PlanningService } from '@resettle/planning';
import { REDIS_CONNECTION } from '@resettle/queue';
import { MilestoneKey, MilestoneStatus } from '../milestone-enums';
import { MilestonesService } from '../milestones.service';
import { DEFAULT_MILESTONE_POLICY, EscalationRecipient, MilestonePolicy } from '../rules/milestone-policy';
import { recipientsOf } from './escalation-recipients';
import { escalationsDue, jobsWithinReach, MILESTONE_JOBS_REACH, MILESTONES_QUEUE, MilestoneJobData, MilestoneJobFacts, plannedJobs, reconcileWindow } from './job-plan';

/** Milestones read and synced per step of the reconciler. */
const RECONCILE_PAGE = 2000;
/** Pages being synced at once: Redis runs one page's scripts while the next page is read and planned. */
const RECONCILE_PAGES_IN_FLIGHT = 2;
/** Jobs per `addBulk` call (one pipeline each). */
const ADD_BULK = 1000;
/** Reminder, due and escalation jobs done in one transaction, at most. */
const RUN_BATCH = 500;

/** The reply to command `i` of a pipeline, throwing its error if it failed. */
function resultOf<T>(results: [Error | null, unknown][] | null, i: number): T | undefined {
  const [error, value] = results?.[i] ?? [null, undefined];
  if (error) throw error;
  return value as T;
}

/** What a job found when it ran: done, nothing to do, or too early (woken before its moment by the fixed clock). */
export type JobOutcome = 'done' | 'stale' | { notBefore: Date };

/** A milestone row as the engine reads it, with the service whose policy applies. */
interface MilestoneRow extends MilestoneJobFacts {
  episodeId: string;
  childId: string;
  serviceId: string;
}

type SyncItem = { milestoneId: string; milestone: MilestoneJobFacts | null; policy: MilestonePolicy | null };

/** A reminder, due or escalation job waiting for the next batch. */
interface PendingRun {
  name: string;
  data: MilestoneJobData;
  resolve: (outcome: JobOutcome) => void;
  reject: (error: unknown) => void;
}

/** What a run decided to tell people about one milestone. */
interface Notice {
  milestone: MilestoneRow;
  notify: readonly EscalationRecipient[];
  reminder?: number;
  level?: number;
}

/** A milestone row as the engine reads it; reminders sent count only for the due date they were sent for. */
export const SELECT_MILESTONE = `SELECT m.id, m.key, m.status, m.due_date::text AS "dueDate", m.escalation_level AS "escalationLevel",
        CASE WHEN m.reminders_sent_for = m.due_date THEN m.reminders_sent ELSE 0 END AS "remindersSent",
        m.episode_id AS "episodeId", m.child_id AS "childId", e.supervising_service_id AS "serviceId"
   FROM milestone m JOIN ${EPISODE_SUPERVISION_SQL} e ON e.episode_id = m.episode_id`;

/** The last reconcile a worker finished. */
export interface ReconcileRun {
  at: Date;
  ms: number;
  milestones: number;
}

/**
 * The deadline engine's worker side: keeps each milestone's delayed jobs in step with its row (PostgreSQL is the
 * truth, the queue is derived from it), and does what a reminder, due or escalation job says, idempotently.
 *
 * The queue holds only the jobs due within `MILESTONE_PLAN_AHEAD_HOURS`; the reconciler (every few minutes, and at worker start)
 * plans the rest as they come within reach. Jobs that run are done in batches: every job BullMQ hands the worker
 * while a batch is running joins the next one, and a batch is one transaction (so one worker does hundreds of
 * escalations a second instead of tens), each job still completing or failing on its own.
 */
@Injectable()
export class MilestoneJobs {
  private readonly log = new Logger(MilestoneJobs.name);
  private readonly trackingPrefix: string;
  private pendingRuns: PendingRun[] = [];
  private reconciling: Promise<number> | null = null;
  private reconcileNext: Promise<number> | null = null;
  private flushing = false;
  /** The last reconcile this worker finished (for the engine status and metrics). */
  lastReconcile: ReconcileRun | null = null;

  constructor(
    @InjectQueue(MILESTONES_QUEUE) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly milestones: MilestonesService,
    private readonly custody: CustodyService,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationsService,
    private readonly planning: PlanningService,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
    @Inject(MILESTONE_JOBS_REACH) private readonly reachMs: number,
  ) {
    this.trackingPrefix = `${config.get('QUEUE_PREFIX', { infer: true })}:milestone-jobs`;
  }

  // ---------------------------------------------------------------- keeping the queue in step

  /** `syncMany` for milestones by id (a `schedule` job: the milestones of one change), read in one query. */
  async sync(milestoneIds: readonly string[]): Promise<void> {
    if (!milestoneIds.length) return;
    const rows: MilestoneRow[] = await this.dataSource.query(`${SELECT_MILESTONE} WHERE m.id = ANY($1::uuid[])`, [[...milestoneIds]]);
    const policies = await this.policiesOf(rows.map((r) => r.serviceId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    await this.syncMany(
      milestoneIds.map((milestoneId) => {
        const milestone = byId.get(milestoneId) ?? null;
        return { milestoneId, milestone, policy: milestone ? (policies.get(milestone.serviceId) ?? null) : null };
      }),
    );
  }

  /**
   * Makes the queue hold exactly the jobs within reach that each milestone's row calls for, in a fixed number of
   * Redis round trips whatever their number: one pipeline reads every tracking set, one asks which planned jobs
   * exist, `addBulk` adds the missing ones (it runs BullMQ's own add script for each job, so an id already present
   * is still not added twice), and one transaction rewrites the tracking sets that changed. Stale jobs (a date
   * moved, a milestone met) are removed, and jobs whose moment has come are brought forward, job by job but
   * concurrently: both are rare.
   */
  async syncMany(items: readonly SyncItem[]): Promise<void> {
    if (!items.length) return;
    const now = this.clock.now();
    const plans = items.map(({ milestoneId, milestone, policy }) => ({
      trackingKey: `${this.trackingPrefix}:${milestoneId}`,
      desired: milestone && policy ? jobsWithinReach(plannedJobs(milestone, policy[milestone.key as MilestoneKey]), now, this.reachMs) : [],
    }));
    const tracked = await this.redis.pipeline(plans.map((p) => ['smembers', p.trackingKey])).exec();
    // '-' stood for "no jobs" in sets written before the reach (an empty set cannot be stored); now the key is deleted.
    const trackedIds = plans.map((_, i) => (resultOf<string[]>(tracked, i) ?? []).filter((id) => id !== '-'));
    const stale = plans.flatMap((p, i) => {
      const desiredIds = new Set(p.desired.map((j) => j.jobId));
      return trackedIds[i].filter((id) => !desiredIds.has(id));
    });
    // BullMQ's remove takes the job out of whatever state it is in, in one script, unless a worker holds it (then
    // the job runs, finds the milestone moved and does nothing).
    await Promise.all(stale.map((id) => this.queue.remove(id)));
    const desired = plans.flatMap((p) => p.desired);
    const exists = desired.length ? await this.redis.pipeline(desired.map((j) => ['exists', this.queue.toKey(j.jobId)])).exec() : [];
    const missing = desired.filter((_, i) => !resultOf<number>(exists, i));
    for (let i = 0; i < missing.length; i += ADD_BULK) {
      await this.queue.addBulk(
        missing.slice(i, i + ADD_BULK).map((planned) => ({
          name: planned.name,
          data: planned.data,
          opts: { jobId: planned.jobId, delay: Math.max(0, planned.runAt.getTime() - now.getTime()) },
        })),
      );
    }
    // A job whose moment has passed is the action its milestone still owes (the row says it has not happened):
    // - delayed: its moment has come by the service's clock (a test moves it; a worker was down): run it now;
    // - failed (its attempts spent), completed (yet the row says not done) or in no list at all: whatever happened to
    //   it, plan it afresh, so no earlier job can block a deadline action.
    const passed = desired.filter((j, i) => resultOf<number>(exists, i) && j.runAt.getTime() <= now.getTime());
    const replanned = await Promise.all(
      passed.map(async (planned) => {
        const state = await this.queue.getJobState(planned.jobId);
        if (state === 'delayed') {
          await (await this.queue.getJob(planned.jobId))?.promote();
          return false;
        }
        if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
        await this.queue.remove(planned.jobId);
        await this.queue.add(planned.name, planned.data, { jobId: planned.jobId });
        return true;
      }),
    );
    const again = replanned.filter(Boolean).length;
    if (again) this.log.warn(`Planned again ${again} deadline action(s) still owed whose earlier job had failed or ended without doing them`);
    // Only the sets that changed: most milestones have nothing within reach, and had nothing before.
    const multi = this.redis.multi();
    let writes = 0;
    plans.forEach((p, i) => {
      const ids = p.desired.map((j) => j.jobId);
      if (ids.length === trackedIds[i].length && ids.every((id) => trackedIds[i].includes(id))) return;
      multi.del(p.trackingKey);
      if (ids.length) multi.sadd(p.trackingKey, ...ids);
      writes++;
    });
    if (writes) await multi.exec();
    else multi.discard();
  }

  /**
   * Every open milestone that can have a job within reach, checked against the queue; run at worker start and every
   * few minutes. Only those rows are read (see `reconcileWindow`: PENDING ones due soon or overdue, MISSED ones with a
   * level still to come), with their services, a page at a time; each page is synced with `syncMany`. Returns how
   * many milestones it looked at.
   */
  reconcile(): Promise<number> {
    // One at a time in a worker (it takes many jobs at once): asked again while one runs, one more runs after it,
    // shared by every request made meanwhile.
    if (!this.reconciling) {
      this.reconciling = this.reconcileOnce().finally(() => (this.reconciling = null));
      return this.reconciling;
    }
    this.reconcileNext ??= this.reconciling
      .catch(() => undefined)
      .then(() => {
        this.reconcileNext = null;
        return this.reconcile();
      });
    return this.reconcileNext;
  }

  private async reconcileOnce(): Promise<number> {
    const started = Date.now();
    const overridden = await this.milestones.overriddenPolicies();
    const { pendingDueUntil, topLevel } = reconcileWindow([DEFAULT_MILESTONE_POLICY, ...overridden.values()], this.clock.today(), this.reachMs);
    if (!isIsoDate(pendingDueUntil) || !Number.isInteger(topLevel)) throw new Error(`Bad reconcile window ${pendingDueUntil} ${topLevel}`);
    let total = 0;
    // One query read through a cursor, a page at a time: PostgreSQL runs it once (keyset pages re-ran it per page and
    // sorted every row in the window each time: 107 s at 100,000 plans), and memory stays flat whatever the total.
    // A cursor takes no bind parameters, so the window (worked out here, checked above) is written in.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `DECLARE reconcile_window NO SCROLL CURSOR FOR ${SELECT_MILESTONE}
          WHERE (m.status = 'PENDING' AND m.due_date <= DATE '${pendingDueUntil}') OR (m.status = 'MISSED' AND m.escalation_level < ${topLevel})`,
      );
      // The next page is read while Redis works through the one before.
      const inFlight: Promise<void>[] = [];
      for (;;) {
        const page: MilestoneRow[] = await runner.query(`FETCH ${RECONCILE_PAGE} FROM reconcile_window`);
        if (!page.length) break;
        total += page.length;
        const synced = this.syncMany(
          page.map((milestone) => ({ milestoneId: milestone.id, milestone, policy: overridden.get(milestone.serviceId) ?? DEFAULT_MILESTONE_POLICY })),
        );
        // Marked handled now, awaited below: a failure still fails the run.
        synced.catch(() => undefined);
        inFlight.push(synced);
        if (inFlight.length >= RECONCILE_PAGES_IN_FLIGHT) await inFlight.shift();
      }
      for (const synced of inFlight) await synced;
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    this.lastReconcile = { at: this.clock.now(), ms: Date.now() - started, milestones: total };
    this.log.log(`Reconciled the jobs of ${total} open milestones within reach in ${this.lastReconcile.ms} ms`);
    return total;
  }

  private async policiesOf(serviceIds: readonly string[], em?: EntityManager): Promise<Map<string, MilestonePolicy>> {
    const unique = [...new Set(serviceIds)];
    const effective = await this.milestones.effectivePolicies(unique, em);
    return new Map(unique.map((id, i) => [id, effective[i].policy]));
  }

  // ---------------------------------------------------------------- what the jobs do

  /**
   * Does what a reminder, due or escalation job says, once its moment has come: in the next batch (see the class
   * comment). A job for an old due date, or for a milestone met or waived since, is stale and does nothing.
   */
  run(name: string, data: MilestoneJobData): Promise<JobOutcome> {
    const notBefore = new Date(data.runAt);
    if (this.clock.now() < notBefore) return Promise.resolve({ notBefore });
    return new Promise<JobOutcome>((resolve, reject) => {
      this.pendingRuns.push({ name, data, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // On the next turn, so the jobs BullMQ hands over together go together.
        setImmediate(() => void this.flushRuns());
      }
    });
  }

  /** One batch at a time; whatever arrives meanwhile is the next batch. */
  private async flushRuns(): Promise<void> {
    try {
      while (this.pendingRuns.length) {
        const batch = this.pendingRuns.splice(0, RUN_BATCH);
        try {
          const outcomes = await this.runBatch(batch);
          batch.forEach((p, i) => settle(p, outcomes[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One bad job must not fail the others: each alone, so only it fails (and BullMQ retries it).
          for (const p of batch) {
            try {
              settle(p, (await this.runBatch([p]))[0]);
            } catch (alone) {
              p.reject(alone);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * A batch of jobs in one transaction: the milestones locked (in id order, so two workers' batches cannot
   * deadlock), what each job does decided in job order, then one update of the milestones, one insert of the
   * escalation rows (the primary key (milestone, level) is what makes an escalation happen once), the recipients
   * read in a handful of queries, and one insert of the notifications (deduplicated by key). After the commit the
   * milestones that changed have their next jobs planned.
   */
  private async runBatch(batch: readonly Pick<PendingRun, 'name' | 'data'>[]): Promise<(JobOutcome | Error)[]> {
    const { outcomes, changed, policies } = await this.dataSource.transaction(async (em) => {
      const ids = [...new Set(batch.map((b) => b.data.milestoneId))].sort();
      // SKIP LOCKED: a batch never waits for a row a change in the api holds (so the two cannot deadlock); that
      // row's jobs fail this time and BullMQ retries them after its backoff.
      const rows: MilestoneRow[] = await em.query(`${SELECT_MILESTONE} WHERE m.id = ANY($1::uuid[]) ORDER BY m.id FOR UPDATE OF m SKIP LOCKED`, [ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const notLocked = ids.filter((id) => !byId.has(id));
      const busy = new Set<string>(
        notLocked.length ? (await em.query(`SELECT id FROM milestone WHERE id = ANY($1::uuid[])`, [notLocked])).map((r: { id: string }) => r.id) : [],
      );
      // Levels reached for each milestone's current due date (a milestone re-opened with a new date climbs again).
      const escalatedRows: { milestone_id: string; level: number }[] = rows.length
        ? await em.query(
            `SELECT e.milestone_id, e.level FROM milestone_escalation e JOIN milestone m ON m.id = e.milestone_id AND m.due_date = e.due_date
              WHERE e.milestone_id = ANY($1::uuid[])`,
            [rows.map((r) => r.id)],
          )
        : [];
      const escalated = new Set(escalatedRows.map((r) => `${r.milestone_id}:${r.level}`));
      const policies = await this.policiesOf(rows.map((r) => r.serviceId), em);
      const now = this.clock.now();
      const notices: Notice[] = [];
      const newEscalations: { milestoneId: string; dueDate: string; level: number }[] = [];
      const changedIds = new Set<string>();
      const remindedIds = new Set<string>();
      const outcomes = batch.map(({ name, data }): JobOutcome | Error => {
        if (busy.has(data.milestoneId)) return new Error(`Milestone ${data.milestoneId} is being changed; the job will be retried`);
        const milestone = byId.get(data.milestoneId);
        // Moved, met or waived since the job was planned: the job is stale and does nothing.
        if (!milestone || milestone.dueDate !== data.dueDate) return 'stale';
        if (name === 'reminder') {
          const reminder = data.reminder ?? 0;
          // Sent already (the job delivered again, or planned again after a fault): nobody is reminded twice.
          if (milestone.status !== MilestoneStatus.PENDING || (milestone.remindersSent ?? 0) >= reminder) return 'stale';
          milestone.remindersSent = reminder;
          remindedIds.add(milestone.id);
          notices.push({ milestone, notify: ['OWNER'], reminder });
          return 'done';
        }
        let level = data.level ?? 0;
        let notify: readonly EscalationRecipient[] = data.notify ?? [];
        if (name === 'due') {
          // Unmet at its moment: MISSED, and the first level of the ladder.
          if (milestone.status !== MilestoneStatus.PENDING) return 'stale';
          milestone.status = MilestoneStatus.MISSED;
          changedIds.add(milestone.id);
          level = 1;
          notify = ['OWNER'];
        } else if (name !== 'escalate') return 'stale';
        if (milestone.status !== MilestoneStatus.MISSED || level < 1) return 'stale';
        const escalate = (at: number, who: readonly EscalationRecipient[]): boolean => {
          // Already escalated to this level: nobody is told twice.
          if (escalated.has(`${milestone.id}:${at}`)) return false;
          escalated.add(`${milestone.id}:${at}`);
          newEscalations.push({ milestoneId: milestone.id, dueDate: milestone.dueDate!, level: at });
          if (milestone.escalationLevel < at) {
            milestone.escalationLevel = at;
            changedIds.add(milestone.id);
          }
          notices.push({ milestone, notify: who, level: at });
          return true;
        };
        if (!escalate(level, notify)) return name === 'due' ? 'done' : 'stale';
        // Late (a worker was down, the milestone was overdue when made): every later step already due, now.
        const entry = policies.get(milestone.serviceId)?.[milestone.key as MilestoneKey];
        if (entry) for (const step of escalationsDue(milestone, entry, now)) escalate(step.level, step.notify);
        return 'done';
      });
      const changed = [...changedIds].map((id) => byId.get(id)!);
      if (changed.length) {
        await em.query(
          `UPDATE milestone m SET status = v.status::milestone_status, escalation_level = v.level, version = m.version + 1, updated_at = now()
             FROM unnest($1::uuid[], $2::text[], $3::int[]) AS v(id, status, level) WHERE m.id = v.id`,
          [changed.map((m) => m.id), changed.map((m) => m.status), changed.map((m) => m.escalationLevel)],
        );
      }
      if (remindedIds.size) {
        // A fact the engine keeps, not a change anyone made: the version is left alone, so nobody's edit is refused.
        const reminded = [...remindedIds].map((id) => byId.get(id)!);
        await em.query(
          `UPDATE milestone m SET reminders_sent = v.sent, reminders_sent_for = m.due_date FROM unnest($1::uuid[], $2::int[]) AS v(id, sent) WHERE m.id = v.id`,
          [reminded.map((m) => m.id), reminded.map((m) => m.remindersSent ?? 0)],
        );
      }
      if (newEscalations.length) {
        await em.query(
          `INSERT INTO milestone_escalation (milestone_id, due_date, level) SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[]) ON CONFLICT DO NOTHING`,
          [newEscalations.map((e) => e.milestoneId), newEscalations.map((e) => e.dueDate), newEscalations.map((e) => e.level)],
        );
      }
      await this.notifications.notifyMany(em, await this.noticesToRequests(em, notices, policies));
      return { outcomes, changed, policies };
    });
    // A status change plans the next jobs (the later escalation levels, or none once met).
    await this.syncMany(changed.map((milestone) => ({ milestoneId: milestone.id, milestone, policy: policies.get(milestone.serviceId) ?? null })));
    return outcomes;
  }

  /**
   * The notifications of a batch's notices, with everyone the ladder names resolved in a few queries for the whole
   * batch (`recipientsOf` says who is who). PARTNER_LEAD: the named lead of each organisation responsible for one of
   * the milestone's partner pathways, when it is not the service itself.
   */
  private async noticesToRequests(em: EntityManager, notices: readonly Notice[], policies: Map<string, MilestonePolicy>): Promise<NotificationRequest[]> {
    if (!notices.length) return [];
    const named = (who: EscalationRecipient) => notices.some((n) => n.notify.includes(who));
    const episodeIds = [...new Set(notices.map((n) => n.milestone.episodeId))];
    const supervision = await this.custody.supervisionOf(em, episodeIds);
    const serviceIds = [...new Set([...supervision.values()].map((s) => s.supervisingServiceId))];
    const managers = await this.users.activeWithRoleIn(em, serviceIds, Role.YJS_MANAGER);
    const pathways = named('PARTNER_LEAD') ? await this.planning.pathwaysOfEpisodes(em, episodeIds) : new Map();
    const partnersOf = (n: Notice, serviceId: string): string[] => {
      const partnerTypes = new Set<string>(policies.get(n.milestone.serviceId)?.[n.milestone.key as MilestoneKey]?.partnerPathways ?? []);
      const list: { type: string; responsibleOrganisationId: string | null }[] = pathways.get(n.milestone.episodeId) ?? [];
      return list
        .filter((p) => partnerTypes.has(p.type) && p.responsibleOrganisationId && p.responsibleOrganisationId !== serviceId)
        .map((p) => p.responsibleOrganisationId as string);
    };
    const partnerIds = named('PARTNER_LEAD')
      ? notices.filter((n) => n.notify.includes('PARTNER_LEAD')).flatMap((n) => partnersOf(n, supervision.get(n.milestone.episodeId)?.supervisingServiceId ?? ''))
      : [];
    const leads = named('HEAD_OF_SERVICE') || partnerIds.length ? await this.organisations.leadsOf(em, [...new Set([...serviceIds, ...partnerIds])]) : new Map<string, string>();
    const enabled = await this.users.enabledIds(em, [...new Set(leads.values())]);
    const activeLead = (organisationId: string) => {
      const lead = leads.get(organisationId);
      return lead && enabled.has(lead) ? lead : null;
    };
    return notices.flatMap((n) => {
      const episode = supervision.get(n.milestone.episodeId);
      if (!episode) return [];
      const m = n.milestone;
      const recipients = recipientsOf(n.notify, {
        caseManagerId: episode.caseManagerId,
        managerIds: managers.get(episode.supervisingServiceId) ?? [],
        headOfServiceId: activeLead(episode.supervisingServiceId),
        partnerLeadIds: n.notify.includes('PARTNER_LEAD')
          ? [...new Set(partnersOf(n, episode.supervisingServiceId))].map(activeLead).filter((id): id is string => !!id)
          : [],
      });
      return recipients.map((userId): NotificationRequest =>
        n.level === undefined
          ? {
              recipientUserId: userId,
              kind: 'MILESTONE_REMINDER',
              title: `${label(m.key)} is due on ${m.dueDate}`,
              body: `A deadline of a child you work with is coming up: ${label(m.key)} is due on ${m.dueDate}. Record what meets it in Resettle.`,
              link: `/episodes/${m.episodeId}/milestones`,
              childId: m.childId,
              dedupeKey: `milestone:${m.id}:${m.dueDate}:reminder:${n.reminder ?? 0}:${userId}`,
            }
          : {
              recipientUserId: userId,
              kind: 'MILESTONE_ESCALATION',
              title: `Missed: ${label(m.key)} (level ${n.level})`,
              body: `${label(m.key)} was due on ${m.dueDate} and has not been met. This is escalation level ${n.level}. Record what meets it, or a manager may waive it with a reason.`,
              link: `/episodes/${m.episodeId}/milestones`,
              childId: m.childId,
              dedupeKey: `milestone:${m.id}:${m.dueDate}:escalation:${n.level}:${userId}`,
            },
      );
    });
  }
}

function settle(run: Pick<PendingRun, 'resolve' | 'reject'>, outcome: JobOutcome | Error): void {
  if (outcome instanceof Error) run.reject(outcome);
  else run.resolve(outcome);
}

function label(key: string): string {
  const words = key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
