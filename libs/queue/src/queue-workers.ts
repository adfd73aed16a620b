import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DelayedError, Job, Processor, UnrecoverableError, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig, isInfrastructureError } from '@resettle/common';
import { REDIS_CONNECTION } from './redis-connection';

/** A job's work: what BullMQ's processor function gets (the token proves the worker still holds the job). */
export type JobHandler = (job: Job, token?: string) => Promise<unknown>;

export interface QueueWorkerOptions {
  concurrency: number;
}

/** Something that wants to know when a job has failed for good (metrics). */
export type FailedJobListener = (queueName: string, job: Job | undefined, error: Error) => void;

/**
 * How long a job that found PostgreSQL or Redis away waits before its next try: doubling from 1 s, capped, never
 * counted against its attempts. `outageTries` is how many times it has found them away so far (1 the first time).
 */
export function outageRetryDelayMs(outageTries: number, maxMs: number): number {
  return Math.min(maxMs, 1000 * 2 ** Math.max(0, Math.min(outageTries - 1, 20)));
}

/**
 * The worker process's BullMQ workers, made here rather than by `@Processor` so their timings come from the validated
 * configuration (a decorator's options are fixed when the class is loaded):
 * - `QUEUE_LOCK_DURATION_MS` and `QUEUE_STALLED_INTERVAL_MS`: a worker killed mid-job leaves its jobs held at most
 *   the lock duration, and another worker's stalled check, at most the interval later, hands them on;
 * - a job that finds PostgreSQL or Redis away is put back to wait (doubling from 1 s up to
 *   `MILESTONE_JOB_OUTAGE_RETRY_MAX_MS`) without spending an attempt, however long the outage: attempts are for bugs;
 * - every job that fails for good is logged at error level, with what it was about.
 * Workers close on module destroy (finishing the jobs in hand), before QueueModule closes the connections.
 */
@Injectable()
export class QueueWorkers implements OnModuleDestroy {
  private readonly log = new Logger('QueueWorkers');
  private readonly workers: Worker[] = [];
  private readonly failedListeners: FailedJobListener[] = [];

  constructor(
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /** Starts a worker on `queueName`; it runs until the application shuts down. */
  start(queueName: string, handler: JobHandler, options: QueueWorkerOptions): Worker {
    const outageMaxMs = this.config.get('MILESTONE_JOB_OUTAGE_RETRY_MAX_MS', { infer: true });
    const process: Processor = async (job, token) => {
      try {
        return await handler(job, token);
      } catch (error) {
        if (error instanceof DelayedError || !isInfrastructureError(error)) throw error;
        // attemptsStarted counts every time the job was taken; attemptsMade only real failures.
        const outageTries = Math.max(1, job.attemptsStarted - job.attemptsMade);
        const delay = outageRetryDelayMs(outageTries, outageMaxMs);
        this.log.warn(
          `${queueName} job ${job.id} (${job.name}) found PostgreSQL or Redis away; trying again in ${delay} ms: ${messageOf(error)}`,
        );
        await job.moveToDelayed(Date.now() + delay, token);
        throw new DelayedError();
      }
    };
    const worker = new Worker(queueName, process, {
      connection: this.redis,
      prefix: this.config.get('QUEUE_PREFIX', { infer: true }),
      concurrency: options.concurrency,
      lockDuration: this.config.get('QUEUE_LOCK_DURATION_MS', { infer: true }),
      stalledInterval: this.config.get('QUEUE_STALLED_INTERVAL_MS', { infer: true }),
      // A job whose worker died is handed on this many times before it fails; the deadline engine's reconciler and
      // watchdog re-plan a failed job whose action is still owed, so nothing is lost even then.
      maxStalledCount: 5,
    });
    worker.on('failed', (job, error) => this.onFailed(queueName, job, error));
    // Connection trouble is reported here too (BullMQ retries it itself): keep it to one warning line.
    worker.on('error', (error) => this.log.warn(`${queueName} worker: ${messageOf(error)}`));
    this.workers.push(worker);
    return worker;
  }

  /** Told of every job that fails for good (after its last attempt, or unrecoverable). */
  onJobFailed(listener: FailedJobListener): void {
    this.failedListeners.push(listener);
  }

  private onFailed(queueName: string, job: Job | undefined, error: Error): void {
    const final =
      !job ||
      error instanceof UnrecoverableError ||
      error?.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    const about = job
      ? { queue: queueName, jobId: job.id, job: job.name, attemptsMade: job.attemptsMade, data: job.data }
      : { queue: queueName };
    if (!final) {
      this.log.warn({ ...about, err: messageOf(error) }, `${queueName} job failed; BullMQ will try again`);
      return;
    }
    this.log.error({ ...about, err: messageOf(error), stack: error?.stack }, `${queueName} job failed for good`);
    for (const listener of this.failedListeners) listener(queueName, job, error);
  }

  async onModuleDestroy(): Promise<void> {
    // A BullMQ worker closed while its blocking connection is still connecting drops that connection's listeners,
    // and the connect attempt then fails into an 'error' nobody listens to: an uncaught "Connection is closed" that
    // takes the process down (a worker stopped right after it started: tests, a crash loop). So let each finish
    // connecting first, for a moment at most (Redis may be away, and shutdown must not wait on it). BullMQ 6 fixes
    // this in RedisConnection itself (it emits the init error only to listeners); drop the wait when we move to it.
    await Promise.all(this.workers.map((worker) => within(READY_BEFORE_CLOSE_MS, worker.waitUntilReady())));
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}

const READY_BEFORE_CLOSE_MS = 2000;

/** Settles when `promise` does or after `ms`, whichever is first; never rejects. */
async function within(ms: number, promise: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise.then(noop, noop), timeout]);
  clearTimeout(timer);
}

function noop(): void {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
