import { Module, OnModuleInit } from '@nestjs/common';
import { ChildRelationsRegistry } from '@resettle/access';
import { CaseloadPrefetch, CustodyModule, EpisodeLifecycle } from '@resettle/custody';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanningModule } from './planning.module';
import { PlanAccessModule } from './plan-access.module';
import { PlanningService } from './planning.service';
import { EpisodePlanResolver, PathwayResolver, PlanningResolver } from './planning.resolver';
import { ReleaseGraphqlModule } from './release/release-graphql.module';
import { MeetingsModule } from './meetings/meetings.module';

@Module({
  imports: [PlanningModule, PlanAccessModule, CustodyModule, OrganisationsModule, ReleaseGraphqlModule, MeetingsModule],
  providers: [PlanningResolver, PathwayResolver, EpisodePlanResolver],
})
export class PlanningGraphqlModule implements OnModuleInit {
  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly lifecycle: EpisodeLifecycle,
    private readonly planning: PlanningService,
    private readonly prefetch: CaseloadPrefetch,
  ) {}

  onModuleInit(): void {
    // Every new episode gets its plan, in the same transaction.
    this.lifecycle.onStarted((em, episode, caller) => this.planning.createForEpisode(em, episode, caller).then(() => undefined));
    // Organisations responsible for a pathway may see the child (their pathways only).
    this.registry.register(this.planning);
    // A caseload page reads its episodes' plans and pathways in its own statement.
    this.prefetch.register(this.planning.caseloadPart());
  }
}
