import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue, RepeatOptions } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { REDIS_CONNECTION } from '../redis-connection';

/** A recurring job a feature needs (a BullMQ job scheduler), re-created whenever Redis has lost it. */
export interface RecurringJob {
  queueName: string;
  schedulerId: string;
  repeat: RepeatOptions;
  job: { name: string; data?: Record<string, unknown> };
}

/**
 * A feature's way to put back, from PostgreSQL, what it keeps in Redis (the deadline engine: every job within reach).
 */
export interface QueueStateRebuilder {
  name: string;
  rebuild(): Promise<unknown>;
}

/** What the keeper last found, for readiness and the engine status. */
export interface QueueState {
  /** Redis holds the marker and every recurring job, and no rebuild is owed. */
  intact: boolean;
  checkedAt: Date | null;
  /** Why it is not intact (or why the last rebuild was needed). */
  problem: string | null;
  lastRebuild: { reason: string; at: Date; ms: number } | null;
}

/** One rebuild at a time across every worker sharing the database (advisory locks are per database). */
const REBUILD_LOCK = 'resettle:queue-state-rebuild';

/**
 * Sets the marker to the completed rebuild's token only if Redis still holds that rebuild's pending token: a Redis
 * emptied during the rebuild also emptied the pending token, and the rebuild must run again.
 */
const FINISH_REBUILD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[1])
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;

/**
 * Keeps what the worker needs in Redis present, rebuilding it from PostgreSQL by itself: the job schedulers (the
 * reconcile, the daily digest) and whatever features register (every deadline job within reach).
 *
 * Redis can lose everything (FLUSHALL, a restart without persistence) while the worker runs on. The keeper does not
 * live in the queue it guards: an in-process timer (every `QUEUE_WATCH_INTERVAL_MS`) and every reconnection to Redis
 * check a marker key written after each complete rebuild, and that every scheduler exists; anything missing starts a
 * rebuild at once. At most one rebuild runs at a time across workers (a PostgreSQL advisory lock: PostgreSQL is the
 * truth, and a lock kept in Redis would be lost with the rest); each is recorded in `queue_rebuild`. A rebuild only
 * adds what is missing under the ids PostgreSQL gives, so a deadline action still happens once.
 */
@Injectable()
export class QueueStateKeeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('QueueStateKeeper');
  private readonly recurring: RecurringJob[] = [];
  private readonly rebuilders: QueueStateRebuilder[] = [];
  private readonly markerKey: string;
  private readonly pendingKey: string;
  /** This worker process, as rebuild rows and the engine status name it. */
  readonly workerId = `${hostname()}:${process.pid}:${Date.now().toString(36)}`;
  readonly startedAt = new Date();
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;
  private onReady = () => void this.check('Redis reconnected');
  private current: QueueState = { intact: false, checkedAt: null, problem: 'not checked yet', lastRebuild: null };

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {
    const prefix = config.get('QUEUE_PREFIX', { infer: true });
    this.markerKey = `${prefix}:queue-state:marker`;
    this.pendingKey = `${prefix}:queue-state:rebuilding`;
  }

  /** Registers a recurring job (call from a feature's onModuleInit). */
  addRecurring(job: RecurringJob): void {
    this.recurring.push(job);
  }

  /** Registers a rebuild step (call from a feature's onModuleInit); steps run in the order registered. */
  addRebuilder(rebuilder: QueueStateRebuilder): void {
    this.rebuilders.push(rebuilder);
  }

  get state(): QueueState {
    return { ...this.current };
  }

  async onApplicationBootstrap(): Promise<void> {
    // A worker starting rebuilds even with the marker present: whatever happened while no worker ran is caught up.
    await this.rebuild('worker started').catch((error) =>
      this.log.error(`Rebuilding the queues at start failed (the keeper tries again): ${messageOf(error)}`),
    );
    const every = this.config.get('QUEUE_WATCH_INTERVAL_MS', { infer: true });
    this.timer = setInterval(() => void this.check('periodic check'), every);
    this.timer.unref();
    this.redis.on('ready', this.onReady);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    await this.checking?.catch(() => undefined);
  }

  /** Looks for lost state and rebuilds it; one check at a time in this process (a second call shares the first). */
  check(trigger = 'asked'): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.checking ??= this.checkOnce(trigger)
      .catch((error) => {
        this.current = {
          ...this.current,
          intact: false,
          checkedAt: this.clock.now(),
          problem: `check failed: ${messageOf(error)}`,
        };
        this.log.error(`Checking the queues' state in Redis failed (${trigger}): ${messageOf(error)}`);
      })
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async checkOnce(trigger: string): Promise<void> {
    const missing = await this.missingState();
    if (!missing) {
      this.current = { ...this.current, intact: true, checkedAt: this.clock.now(), problem: null };
      return;
    }
    this.current = { ...this.current, intact: false, checkedAt: this.clock.now(), problem: missing };
    this.log.error(`Redis has lost the queues' state (${missing}; noticed by ${trigger}): rebuilding from PostgreSQL`);
    await this.rebuild(missing);
  }

  /** What is missing from Redis, or null when all is there. */
  private async missingState(): Promise<string | null> {
    if (!(await this.redis.get(this.markerKey)))
      return 'the marker is missing: Redis was emptied or restarted without its data';
    for (const job of this.recurring) {
      if (!(await this.queue(job.queueName).getJobScheduler(job.schedulerId)))
        return `the job scheduler ${job.schedulerId} is missing`;
    }
    return null;
  }

  /**
   * Re-creates every recurring job and runs every rebuild step, unless another worker holds the rebuild lock (then it
   * is doing exactly this). Returns whether this worker rebuilt.
   */
  async rebuild(reason: string): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [REBUILD_LOCK]);
      if (!locked) {
        this.log.log(`Another worker is rebuilding the queues; not rebuilding too (${reason})`);
        return false;
      }
      try {
        // Another worker may have finished a rebuild while this one waited for the lock.
        if (reason !== 'worker started' && !(await this.missingState())) {
          this.current = { ...this.current, intact: true, checkedAt: this.clock.now(), problem: null };
          return false;
        }
        // If Redis is emptied again during the rebuild, its pending token goes too: rebuild again (a few times).
        for (let round = 1; round <= 3; round++) {
          if (
            await this.rebuildOnce(
              runner.manager.connection,
              round === 1 ? reason : `${reason} (again: Redis lost its data during the rebuild)`,
            )
          )
            return true;
        }
        throw new Error('Redis kept losing its data during the rebuild');
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [REBUILD_LOCK]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async rebuildOnce(db: DataSource, reason: string): Promise<boolean> {
    const started = Date.now();
    const token = randomUUID();
    const [{ id }] = await db.query(
      `INSERT INTO queue_rebuild (worker_id, reason, started_at) VALUES ($1, $2, clock_timestamp()) RETURNING id`,
      [this.workerId, reason],
    );
    try {
      await this.redis.set(this.pendingKey, token);
      for (const job of this.recurring) await this.upsertRecurring(job);
      for (const step of this.rebuilders) await step.rebuild();
      const finished = (await this.redis.eval(FINISH_REBUILD, 2, this.pendingKey, this.markerKey, token)) === 1;
      await db.query(
        `UPDATE queue_rebuild SET finished_at = clock_timestamp(), outcome = $2, error = $3 WHERE id = $1`,
        [id, finished ? 'DONE' : 'FAILED', finished ? null : 'Redis lost its data during the rebuild'],
      );
      if (finished) {
        const ms = Date.now() - started;
        this.current = {
          intact: true,
          checkedAt: this.clock.now(),
          problem: null,
          lastRebuild: { reason, at: this.clock.now(), ms },
        };
        this.log.log(`Rebuilt the queues from PostgreSQL in ${ms} ms (${reason})`);
      }
      return finished;
    } catch (error) {
      await db
        .query(
          `UPDATE queue_rebuild SET finished_at = clock_timestamp(), outcome = 'FAILED', error = $2 WHERE id = $1`,
          [id, messageOf(error).slice(0, 1000)],
        )
        .catch(() => undefined);
      throw error;
    }
  }

  /**
   * Creates a job scheduler (again). When Redis lost the scheduler but not its next iteration (some keys gone, not
   * all), that orphaned iteration would run as well as the new scheduler's (and BullMQ may refuse the new one: "job ID
   * already exists"), so a missing scheduler's leftover iterations are removed first.
   */
  private async upsertRecurring(job: RecurringJob): Promise<void> {
    const queue = this.queue(job.queueName);
    if (!(await queue.getJobScheduler(job.schedulerId))) {
      // Its iterations' ids are `repeat:<scheduler>:<time>`: found by their keys (a rare path, not worth an index).
      const jobKey = queue.toKey(`repeat:${job.schedulerId}:`);
      const ids: string[] = [];
      for await (const keys of this.redis.scanStream({ match: `${jobKey}*`, count: 1000 })) {
        for (const key of keys as string[])
          if (/^\d+$/.test(key.slice(jobKey.length))) ids.push(key.slice(queue.toKey('').length));
      }
      await Promise.all(ids.map((id) => queue.remove(id)));
      if (ids.length)
        this.log.warn(
          `Removed ${ids.length} leftover run(s) of the lost job scheduler ${job.schedulerId} before making it again`,
        );
    }
    await queue.upsertJobScheduler(job.schedulerId, job.repeat, { name: job.job.name, data: job.job.data ?? {} });
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
