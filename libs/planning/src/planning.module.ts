import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { ChildrenModule } from '@resettle/children';
import { CustodyModule, EpisodeLifecycle } from '@resettle/custody';
import { OrganisationsModule } from '@resettle/organisations';
import { Pathway } from './entities/pathway.entity';
import { PathwayAction } from './entities/pathway-action.entity';
import { PlanCircumstance } from './entities/plan-circumstance.entity';
import { PlanEvent } from './entities/plan-event.entity';
import { PriorIntervention } from './entities/prior-intervention.entity';
import { ResettlementPlan } from './entities/resettlement-plan.entity';
import { AccommodationArrangement } from './facts/entities/accommodation-arrangement.entity';
import { ChildToldWhereLiving } from './facts/entities/child-told-where-living.entity';
import { ChildrensServicesInformed } from './facts/entities/childrens-services-informed.entity';
import { EtePlacement } from './facts/entities/ete-placement.entity';
import { HealthHandover } from './facts/entities/health-handover.entity';
import { PlanFactsService } from './facts/facts.service';
import { PlanFactSources } from './facts/plan-fact-sources';
import { PlanHistory } from './plan-history.service';
import { PlanLifecycle } from './plan-lifecycle';
import { PlanPrefetch } from './plan-prefetch';
import { PlanningService } from './planning.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      ResettlementPlan,
      Pathway,
      PathwayAction,
      PlanCircumstance,
      PriorIntervention,
      PlanEvent,
      AccommodationArrangement,
      ChildToldWhereLiving,
      EtePlacement,
      HealthHandover,
      ChildrensServicesInformed,
    ]),
    AuditModule,
    OrganisationsModule,
    CustodyModule,
    ChildrenModule,
  ],
  providers: [PlanningService, PlanHistory, PlanLifecycle, PlanFactSources, PlanFactsService, PlanPrefetch],
  exports: [PlanningService, PlanHistory, PlanLifecycle, PlanFactSources, PlanFactsService, PlanPrefetch],
})
export class PlanningModule implements OnModuleInit {
  constructor(
    private readonly episodes: EpisodeLifecycle,
    private readonly planning: PlanningService,
  ) {}

  /**
   * Every new episode gets its plan, in the same transaction: here, not in the GraphQL module, so every process
   * that can start an episode (the api, a script, a test context) keeps the rule.
   */
  onModuleInit(): void {
    this.episodes.onStarted((em, episode, caller) =>
      this.planning.createForEpisode(em, episode, caller).then(() => undefined),
    );
    // The plan's pathways the old youth justice service held move with the child's supervision.
    this.episodes.onSupervisionTransferred((em, handOver, caller) =>
      this.planning.handOverSupervision(
        em,
        {
          episodeId: handOver.episode.id,
          fromServiceId: handOver.fromServiceId,
          toServiceId: handOver.toServiceId,
          toServiceName: handOver.toServiceName,
        },
        caller,
      ),
    );
  }
}
