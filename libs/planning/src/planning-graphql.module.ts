import { Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChildRecordsRegistry, ChildRelationsRegistry } from '@resettle/access';
import { CaseloadPrefetch, CustodyModule } from '@resettle/custody';
import { IdentityModule } from '@resettle/identity';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanFactsResolver } from './facts/facts.resolver';
import { MeetingsModule } from './meetings/meetings.module';
import { PlanAccessModule } from './plan-access.module';
import { planningPlanParts, PlanPrefetch } from './plan-prefetch';
import { PlanningModule } from './planning.module';
import { EpisodePlanResolver, PathwayResolver, PlanEventResolver, PlanningResolver } from './planning.resolver';
import { PlanningService } from './planning.service';
import { ReleaseGraphqlModule } from './release/release-graphql.module';

@Module({
  imports: [
    PlanningModule,
    PlanAccessModule,
    CustodyModule,
    IdentityModule,
    OrganisationsModule,
    ReleaseGraphqlModule,
    MeetingsModule,
  ],
  providers: [PlanningResolver, PathwayResolver, PlanEventResolver, EpisodePlanResolver, PlanFactsResolver],
})
export class PlanningGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly records: ChildRecordsRegistry,
    private readonly planning: PlanningService,
    private readonly prefetch: CaseloadPrefetch,
    private readonly planPrefetch: PlanPrefetch,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // (Every new episode gets its plan: PlanningModule registers that, wherever planning runs.)
    // Organisations responsible for a pathway may see the child (their pathways only).
    this.registry.register(this.planning);
    // Whose each plan, pathway, action and circumstance is, for the audit rows of operations that name one.
    this.records.register(
      'ResettlementPlan',
      (ids) => `SELECT p.id, p.child_id FROM resettlement_plan p WHERE p.id = ANY(${ids})`,
    );
    this.records.register(
      'Pathway',
      (ids) =>
        `SELECT w.id, p.child_id FROM pathway w JOIN resettlement_plan p ON p.id = w.plan_id WHERE w.id = ANY(${ids})`,
    );
    this.records.register(
      'PathwayAction',
      (ids) =>
        `SELECT a.id, p.child_id FROM pathway_action a JOIN pathway w ON w.id = a.pathway_id JOIN resettlement_plan p ON p.id = w.plan_id WHERE a.id = ANY(${ids})`,
    );
    this.records.register(
      'PlanCircumstance',
      (ids) =>
        `SELECT c.id, p.child_id FROM plan_circumstance c JOIN resettlement_plan p ON p.id = c.plan_id WHERE c.id = ANY(${ids})`,
    );
    for (const [type, table] of [
      ['AccommodationArrangement', 'accommodation_arrangement'],
      ['ChildToldWhereLiving', 'child_told_where_living'],
      ['EtePlacement', 'ete_placement'],
      ['HealthHandover', 'health_handover'],
      ['ChildrensServicesInformed', 'childrens_services_informed'],
    ]) {
      this.records.register(
        type,
        (ids) =>
          `SELECT r.id, p.child_id FROM ${table} r JOIN resettlement_plan p ON p.id = r.plan_id WHERE r.id = ANY(${ids})`,
      );
    }
    this.records.register(
      'PriorIntervention',
      (ids) => `SELECT i.id, i.child_id FROM prior_intervention i WHERE i.id = ANY(${ids})`,
    );
    // A caseload page reads its episodes' plans and pathways in its own statement; a plan page (one episode) its
    // plan's lists too.
    for (const part of planningPlanParts(this.dataSource)) this.planPrefetch.register(part);
    this.prefetch.register(this.planning.caseloadPart());
  }
}
