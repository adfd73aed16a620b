import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { PlanningModule } from '../planning.module';
import { EngagementBarrier } from './entities/engagement-barrier.entity';
import { ReleaseAppointment } from './entities/release-appointment.entity';
import { ReleaseDayPlan } from './entities/release-day-plan.entity';
import { ReleaseRecord } from './entities/release-record.entity';
import { SupervisionCheck } from './entities/supervision-check.entity';
import { PostReleaseService } from './post-release.service';
import { ReleaseService } from './release.service';
import { ReleaseDayPlanService } from './release-day-plan.service';
import { ReleasePlanLocks } from './release-plan-locks';
import { ReleaseRecordService } from './release-record.service';

/** The day of release and after it: entities and service (the resolvers are in `ReleaseGraphqlModule`). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReleaseDayPlan, ReleaseRecord, ReleaseAppointment, EngagementBarrier, SupervisionCheck]),
    PlanningModule,
    CustodyModule,
    IdentityModule,
  ],
  providers: [ReleasePlanLocks, ReleaseDayPlanService, ReleaseRecordService, PostReleaseService, ReleaseService],
  exports: [ReleaseService],
})
export class ReleaseModule {}
