import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '@resettle/common';
import { BullModule } from '@nestjs/bullmq';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { NotificationsModule } from '@resettle/notifications';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from '@resettle/planning';
import { MilestonesModule } from '../milestones.module';
import { MILESTONE_JOBS_REACH, MILESTONES_QUEUE } from './job-plan';
import { MilestoneEscalation } from './milestone-escalation.entity';
import { MilestoneJobs } from './milestone-jobs.service';
import { MilestoneJobsProcessor } from './milestone-jobs.processor';

/**
 * The deadline engine, for the worker only: the `milestones` queue and its processor. Retries back off
 * exponentially; completed jobs are kept a week (so an id already run is not run again by a re-add), failed ones a
 * week, visible for inspection.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MilestoneEscalation]),
    BullModule.registerQueue({
      name: MILESTONES_QUEUE,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    }),
    MilestonesModule,
    CustodyModule,
    IdentityModule,
    NotificationsModule,
    OrganisationsModule,
    PlanningModule,
  ],
  providers: [
    MilestoneJobs,
    MilestoneJobsProcessor,
    {
      provide: MILESTONE_JOBS_REACH,
      useFactory: (config: ConfigService<AppConfig, true>) => config.get('MILESTONE_PLAN_AHEAD_HOURS', { infer: true }) * 3600_000,
      inject: [ConfigService],
    },
  ],
  exports: [MilestoneJobs],
})
export class DeadlineEngineModule {}
