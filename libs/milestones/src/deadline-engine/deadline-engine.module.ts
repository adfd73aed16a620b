import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@resettle/common';
import { CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { NotificationsModule } from '@resettle/notifications';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from '@resettle/planning';
import { MilestonesModule } from '../milestones.module';
import { DeadlineEngineMonitor } from './deadline-engine-monitor';
import { DeadlineWatchdog } from './deadline-watchdog';
import { MILESTONE_JOBS_REACH, MILESTONES_QUEUE } from './job-plan';
import { MilestoneEscalation } from './milestone-escalation.entity';
import { MilestoneJobRunner } from './milestone-job-runner';
import { MilestoneJobsProcessor } from './milestone-jobs.processor';
import { MilestoneJobs } from './milestone-jobs.service';
import { MilestoneQueueSync } from './milestone-queue-sync';

/**
 * The deadline engine, for the worker only: the `milestones` queue and its processor. A job that fails for a bug is
 * tried 5 times, backing off exponentially from `MILESTONE_JOB_RETRY_DELAY_MS`; one that finds PostgreSQL or Redis
 * away waits for them without spending those (`QueueWorkers`). Completed jobs are kept a week (so an id already run
 * is not run again by a re-add), failed ones a week, visible for inspection; a failed job whose action is still owed
 * is planned again by the reconciler and the watchdog.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MilestoneEscalation]),
    BullModule.registerQueueAsync({
      name: MILESTONES_QUEUE,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: config.get('MILESTONE_JOB_RETRY_DELAY_MS', { infer: true }) },
          removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
    MilestonesModule,
    CustodyModule,
    IdentityModule,
    NotificationsModule,
    OrganisationsModule,
    PlanningModule,
  ],
  providers: [
    MilestoneQueueSync,
    MilestoneJobRunner,
    MilestoneJobs,
    MilestoneJobsProcessor,
    DeadlineWatchdog,
    DeadlineEngineMonitor,
    {
      provide: MILESTONE_JOBS_REACH,
      useFactory: (config: ConfigService<AppConfig, true>) =>
        config.get('MILESTONE_PLAN_AHEAD_HOURS', { infer: true }) * 3600_000,
      inject: [ConfigService],
    },
  ],
  exports: [MilestoneJobs, DeadlineEngineMonitor],
})
export class DeadlineEngineModule {}
