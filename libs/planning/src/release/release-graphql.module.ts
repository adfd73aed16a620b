import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRecordsRegistry } from '@resettle/access';
import { PlanAccessModule } from '../plan-access.module';
import { PlanningModule } from '../planning.module';
import { ReleaseModule } from './release.module';
import { ReleaseDayPlanResolver, ReleaseResolver } from './release.resolver';

@Module({
  imports: [ReleaseModule, PlanningModule, PlanAccessModule],
  providers: [ReleaseResolver, ReleaseDayPlanResolver],
})
export class ReleaseGraphqlModule implements OnModuleInit {
  constructor(private readonly records: ChildRecordsRegistry) {}

  /** Whose each record of the day of release and after is (all hang off the plan), for the audit rows naming one. */
  onModuleInit(): void {
    for (const [type, table] of [
      ['ReleaseDayPlan', 'release_day_plan'],
      ['ReleaseRecord', 'release_record'],
      ['ReleaseAppointment', 'release_appointment'],
      ['EngagementBarrier', 'engagement_barrier'],
      ['SupervisionCheck', 'supervision_check'],
    ]) {
      this.records.register(
        type,
        (ids) =>
          `SELECT r.id, p.child_id FROM ${table} r JOIN resettlement_plan p ON p.id = r.plan_id WHERE r.id = ANY(${ids})`,
      );
    }
  }
}
