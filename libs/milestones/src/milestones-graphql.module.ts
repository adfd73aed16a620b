import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRecordsRegistry } from '@resettle/access';
import { CaseloadPrefetch, CustodyModule } from '@resettle/custody';
import { PlanningModule } from '@resettle/planning';
import { OrganisationsModule } from '@resettle/organisations';
import { AuditModule } from '@resettle/audit';
import { MilestoneLifecycleHooks } from './milestone-lifecycle-hooks';
import { MilestonesModule } from './milestones.module';
import { MilestonesService } from './milestones.service';
import { EpisodeMilestonesResolver, MilestonePolicyResolver, MilestonesResolver } from './milestones.resolver';

@Module({
  imports: [MilestonesModule, CustodyModule, PlanningModule, OrganisationsModule, AuditModule],
  // The hooks: every episode and plan change recomputes its milestones in its own transaction.
  providers: [MilestonesResolver, EpisodeMilestonesResolver, MilestonePolicyResolver, MilestoneLifecycleHooks],
})
export class MilestonesGraphqlModule implements OnModuleInit {
  constructor(
    private readonly prefetch: CaseloadPrefetch,
    private readonly milestones: MilestonesService,
    private readonly records: ChildRecordsRegistry,
  ) {}

  /** A caseload page reads its episodes' milestones in its own statement. */
  onModuleInit(): void {
    this.prefetch.register(this.milestones.caseloadPart());
    // Whose each milestone is, for the audit rows of operations that name one (waiveMilestone).
    this.records.register('Milestone', (ids) => `SELECT m.id, m.child_id FROM milestone m WHERE m.id = ANY(${ids})`);
  }
}
