import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, isIsoDate } from '@resettle/common';
import { REDIS_CONNECTION } from '@resettle/queue';
import { MilestoneKey } from '../milestone-enums';
import { MilestonesService } from '../milestones.service';
import { DEFAULT_MILESTONE_POLICY, MilestonePolicy } from '../rules/milestone-policy';
import {
  jobsWithinReach,
  MILESTONE_JOBS_REACH,
  MilestoneJobFacts,
  MILESTONES_QUEUE,
  plannedJobs,
  reconcileWindow,
} from './job-plan';
import { MilestoneRow, policiesOf, SELECT_MILESTONE } from './milestone-row';

/** Milestones read and synced per step of the reconciler. */
const RECONCILE_PAGE = 2000;
/** Pages being synced at once: Redis runs one page's scripts while the next page is read and planned. */
const RECONCILE_PAGES_IN_FLIGHT = 2;
/** Jobs per `addBulk` call (one pipeline each). */
const ADD_BULK = 1000;

/** The reply to command `i` of a pipeline, throwing its error if it failed. */
function resultOf<T>(results: [Error | null, unknown][] | null, i: number): T | undefined {
  const [error, value] = results?.[i] ?? [null, undefined];
  if (error) throw error;
  return value as T;
}

export type SyncItem = { milestoneId: string; milestone: MilestoneJobFacts | null; policy: MilestonePolicy | null };

/** The last reconcile a worker finished. */
export interface ReconcileRun {
  at: Date;
  ms: number;
  milestones: number;
}

/**
 * Keeps each milestone's delayed jobs in step with its row (PostgreSQL is the truth, the queue is derived from it).
 * The queue holds only the jobs due within `MILESTONE_PLAN_AHEAD_HOURS`; the reconciler (every few minutes, and at
 * worker start) plans the rest as they come within reach.
 */
@Injectable()
export class MilestoneQueueSync {
  private readonly log = new Logger(MilestoneQueueSync.name);
  private readonly trackingPrefix: string;
  private reconciling: Promise<number> | null = null;
  private reconcileNext: Promise<number> | null = null;
  /** The last reconcile this worker finished (for the engine status and metrics). */
  lastReconcile: ReconcileRun | null = null;

  constructor(
    @InjectQueue(MILESTONES_QUEUE) private readonly queue: Queue,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly milestones: MilestonesService,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
    @Inject(MILESTONE_JOBS_REACH) private readonly reachMs: number,
  ) {
    this.trackingPrefix = `${config.get('QUEUE_PREFIX', { infer: true })}:milestone-jobs`;
  }

  /** `syncMany` for milestones by id (a `schedule` job: the milestones of one change), read in one query. */
  async sync(milestoneIds: readonly string[]): Promise<void> {
    if (!milestoneIds.length) return;
    const rows: MilestoneRow[] = await this.dataSource.query(`${SELECT_MILESTONE} WHERE m.id = ANY($1::uuid[])`, [
      [...milestoneIds],
    ]);
    const policies = await policiesOf(
      this.milestones,
      rows.map((r) => r.serviceId),
    );
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
      desired:
        milestone && policy
          ? jobsWithinReach(plannedJobs(milestone, policy[milestone.key as MilestoneKey]), now, this.reachMs)
          : [],
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
    const exists = desired.length
      ? await this.redis.pipeline(desired.map((j) => ['exists', this.queue.toKey(j.jobId)])).exec()
      : [];
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
    if (again)
      this.log.warn(
        `Planned again ${again} deadline action(s) still owed whose earlier job had failed or ended without doing them`,
      );
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
    const { pendingDueUntil, topLevel } = reconcileWindow(
      [DEFAULT_MILESTONE_POLICY, ...overridden.values()],
      this.clock.today(),
      this.reachMs,
    );
    if (!isIsoDate(pendingDueUntil) || !Number.isInteger(topLevel))
      throw new Error(`Bad reconcile window ${pendingDueUntil} ${topLevel}`);
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
          page.map((milestone) => ({
            milestoneId: milestone.id,
            milestone,
            policy: overridden.get(milestone.serviceId) ?? DEFAULT_MILESTONE_POLICY,
          })),
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
}
