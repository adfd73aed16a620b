import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DelayedError, Job } from 'bullmq';
import { AppConfig, Clock } from '@resettle/common';
import { QueueStateKeeper, QueueWorkers } from '@resettle/queue';
import { MilestoneJobData, MILESTONES_QUEUE } from './job-plan';
import { MilestoneJobs } from './milestone-jobs.service';

/** How often the reconciler compares PostgreSQL with the queue (and at every worker start). */
const RECONCILE_EVERY_MS = 5 * 60 * 1000;
/** The job scheduler that runs the reconcile. */
const RECONCILE_SCHEDULER_ID = 'reconcile-milestones';

/**
 * The `milestones` queue: `schedule` (from the outbox, when an episode's milestones are created or change),
 * `reminder`, `due`, `escalate` (delayed jobs planned from the milestone row, within reach), and `reconcile` (a BullMQ
 * job scheduler, so several workers never run it twice at once; it also plans jobs as they come within reach).
 * BullMQ delivers at least once; every handler is idempotent. Reminder, due and escalate jobs are done in batches
 * (`MilestoneJobs.run`), so the worker runs many at once (`MILESTONE_JOBS_CONCURRENCY`).
 *
 * The reconcile's scheduler and a full reconcile are registered with the `QueueStateKeeper`, which puts them back
 * from PostgreSQL whenever Redis loses them (and at every worker start): the thing that rebuilds the queue does not
 * live only in the queue.
 */
@Injectable()
export class MilestoneJobsProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger(MilestoneJobsProcessor.name);

  constructor(
    private readonly jobs: MilestoneJobs,
    private readonly clock: Clock,
    private readonly workers: QueueWorkers,
    private readonly keeper: QueueStateKeeper,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onModuleInit(): void {
    this.keeper.addRecurring({
      queueName: MILESTONES_QUEUE,
      schedulerId: RECONCILE_SCHEDULER_ID,
      repeat: { every: RECONCILE_EVERY_MS },
      job: { name: 'reconcile' },
    });
    this.keeper.addRebuilder({ name: 'milestone jobs', rebuild: () => this.jobs.reconcile() });
  }

  onApplicationBootstrap(): void {
    this.workers.start(MILESTONES_QUEUE, (job, token) => this.process(job, token), {
      concurrency: this.config.get('MILESTONE_JOBS_CONCURRENCY', { infer: true }),
    });
  }

  async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case 'schedule': {
        // One change's milestones (`milestoneIds`); rows written before that carry one `milestoneId`.
        const data = job.data as { milestoneIds?: string[]; milestoneId?: string };
        return this.jobs.sync(data.milestoneIds ?? (data.milestoneId ? [data.milestoneId] : []));
      }
      case 'reconcile':
        return this.jobs.reconcile();
      case 'reminder':
      case 'due':
      case 'escalate': {
        const outcome = await this.jobs.run(job.name, job.data as MilestoneJobData);
        if (typeof outcome === 'object') {
          // Woken before its moment by the service's clock: wait the rest, as the same job.
          await job.moveToDelayed(Date.now() + (outcome.notBefore.getTime() - this.clock.now().getTime()), token);
          throw new DelayedError();
        }
        return outcome;
      }
      default:
        this.log.warn(`Unknown job ${job.name} on ${MILESTONES_QUEUE}`);
        return 'unknown';
    }
  }
}
