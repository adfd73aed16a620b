import { Injectable } from '@nestjs/common';
import { MilestoneJobData } from './job-plan';
import { JobOutcome, MilestoneJobRunner } from './milestone-job-runner';
import { MilestoneQueueSync, ReconcileRun, SyncItem } from './milestone-queue-sync';

export type { JobOutcome } from './milestone-job-runner';
export type { ReconcileRun } from './milestone-queue-sync';

/**
 * The deadline engine's worker side, as the processor, watchdog and metrics see it: keeping the queue in step with
 * the milestone rows (`MilestoneQueueSync`) and doing what the jobs say, in batches (`MilestoneJobRunner`).
 */
@Injectable()
export class MilestoneJobs {
  constructor(
    private readonly queueSync: MilestoneQueueSync,
    private readonly runner: MilestoneJobRunner,
  ) {}

  /** The last reconcile this worker finished (for the engine status and metrics). */
  get lastReconcile(): ReconcileRun | null {
    return this.queueSync.lastReconcile;
  }

  /** See `MilestoneQueueSync.sync`. */
  sync(milestoneIds: readonly string[]): Promise<void> {
    return this.queueSync.sync(milestoneIds);
  }

  /** See `MilestoneQueueSync.syncMany`. */
  syncMany(items: readonly SyncItem[]): Promise<void> {
    return this.queueSync.syncMany(items);
  }

  /** See `MilestoneQueueSync.reconcile`. */
  reconcile(): Promise<number> {
    return this.queueSync.reconcile();
  }

  /** See `MilestoneJobRunner.run`. */
  run(name: string, data: MilestoneJobData): Promise<JobOutcome> {
    return this.runner.run(name, data);
  }
}
