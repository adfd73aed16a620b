import { BullModule } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRecordsRegistry } from '@resettle/access';
import { AuditModule } from '@resettle/audit';
import { ChildrenModule } from '@resettle/children';
import { CaseloadPrefetch, CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { NOTIFICATIONS_QUEUE, NotificationsModule } from '@resettle/notifications';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from '@resettle/planning';
import { DeadlineWatchdog } from './deadline-engine/deadline-watchdog';
import { MILESTONES_QUEUE } from './deadline-engine/job-plan';
import { DeadlineEngineStatusResolver } from './engine-status/deadline-engine-status.resolver';
import { DeadlineEngineStatusService } from './engine-status/deadline-engine-status.service';
import { MeasuresResolver } from './measures/measures.resolver';
import { MeasuresService } from './measures/measures.service';
import { MilestonesModule } from './milestones.module';
import { EpisodeMilestonesResolver, MilestonePolicyResolver, MilestonesResolver } from './milestones.resolver';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [
    MilestonesModule,
    CustodyModule,
    // The names of the children behind a measure's figure.
    ChildrenModule,
    PlanningModule,
    OrganisationsModule,
    AuditModule,
    // Who was reminded and escalated to: the notifications the engine made, by name.
    NotificationsModule,
    IdentityModule,
    // Read only (depths, failed jobs) for the engine status; the api never adds jobs, the outbox does.
    BullModule.registerQueue({ name: MILESTONES_QUEUE }, { name: NOTIFICATIONS_QUEUE }),
  ],
  providers: [
    MilestonesResolver,
    EpisodeMilestonesResolver,
    MilestonePolicyResolver,
    DeadlineWatchdog,
    DeadlineEngineStatusService,
    DeadlineEngineStatusResolver,
    // The resettlement measures: counts of the released children's milestones (this feature's table).
    MeasuresService,
    MeasuresResolver,
  ],
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
    this.prefetch.registerDeadlines(this.milestones.caseloadDeadlineSql());
    // Whose each milestone is, for the audit rows of operations that name one (waiveMilestone).
    this.records.register('Milestone', (ids) => `SELECT m.id, m.child_id FROM milestone m WHERE m.id = ANY(${ids})`);
  }
}
