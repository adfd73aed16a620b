import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job, Queue } from 'bullmq';
import { AppConfig, Clock } from '@resettle/common';
import { MILESTONES_QUEUE, MilestoneJobData } from './job-plan';
import { MilestoneJobs } from './milestone-jobs.service';

/** How often the reconciler compares PostgreSQL with the queue (and at every worker start). */
export const RECONCILE_EVERY_MS = 5 * 60 * 1000;

/**
 * The `milestones` queue: `schedule` (from the outbox, when an episode's milestones are created or change),
 * `reminder`, `due`, `escalate` (delayed jobs planned from the milestone row, within reach), and `reconcile` (a BullMQ
 * job scheduler, so several workers never run it twice at once; it also plans jobs as they come within reach).
 * BullMQ delivers at least once; every handler is idempotent. Reminder, due and escalate jobs are done in batches
 * (`MilestoneJobs.run`), so the worker runs many at once (`MILESTONE_JOBS_CONCURRENCY`).
 */
@Processor(MILESTONES_QUEUE)
export class MilestoneJobsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly log = new Logger(MilestoneJobsProcessor.name);

  constructor(
    private readonly jobs: MilestoneJobs,
    private readonly clock: Clock,
    @InjectQueue(MILESTONES_QUEUE) private readonly queue: Queue,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.get('MILESTONE_JOBS_CONCURRENCY', { infer: true });
    await this.queue.upsertJobScheduler('reconcile-milestones', { every: RECONCILE_EVERY_MS }, { name: 'reconcile' });
    // And once now: after a Redis flush or an outage, a restarted worker rebuilds every job from PostgreSQL.
    await this.queue.add('reconcile', {}, { jobId: `reconcile-at-start-${Date.now()}` });
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
