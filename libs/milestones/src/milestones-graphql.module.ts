import { Module } from '@nestjs/common';
import { CustodyModule } from '@resettle/custody';
import { PlanningModule } from '@resettle/planning';
import { OrganisationsModule } from '@resettle/organisations';
import { AuditModule } from '@resettle/audit';
import { MilestoneLifecycleHooks } from './milestone-lifecycle-hooks';
import { MilestonesModule } from './milestones.module';
import { EpisodeMilestonesResolver, MilestonePolicyResolver, MilestonesResolver } from './milestones.resolver';

@Module({
  imports: [MilestonesModule, CustodyModule, PlanningModule, OrganisationsModule, AuditModule],
  // The hooks: every episode and plan change recomputes its milestones in its own transaction.
  providers: [MilestonesResolver, EpisodeMilestonesResolver, MilestonePolicyResolver, MilestoneLifecycleHooks],
})
export class MilestonesGraphqlModule {}
