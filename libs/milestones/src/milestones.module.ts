import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { CustodyModule } from '@resettle/custody';
import { PlanningModule } from '@resettle/planning';
import { OutboxMessage } from '@resettle/queue';
import { DeadlineEngineStatus } from './deadline-engine/deadline-engine-status.entity';
import { Milestone } from './entities/milestone.entity';
import { MilestonePolicyOverride } from './entities/milestone-policy-override.entity';
import { MilestoneLifecycleHooks } from './milestone-lifecycle-hooks';
import { MilestonesService } from './milestones.service';

@Module({
  // OutboxMessage too: refreshes and waivers write the outbox, so its entity must be known wherever this runs.
  imports: [
    TypeOrmModule.forFeature([Milestone, MilestonePolicyOverride, DeadlineEngineStatus, OutboxMessage]),
    AuditModule,
    CustodyModule,
    PlanningModule,
  ],
  // The hooks: every episode and plan change recomputes its milestones in its own transaction, in every process
  // that has milestones (not only the api's GraphQL module).
  providers: [MilestonesService, MilestoneLifecycleHooks],
  exports: [MilestonesService],
})
export class MilestonesModule {}
