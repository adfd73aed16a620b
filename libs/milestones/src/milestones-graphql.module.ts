import { Module, OnModuleInit } from '@nestjs/common';
import { CustodyModule, EpisodeLifecycle } from '@resettle/custody';
import { PlanEventType, PlanLifecycle, PlanningModule } from '@resettle/planning';
import { OrganisationsModule } from '@resettle/organisations';
import { AuditModule } from '@resettle/audit';
import { MilestonesModule } from './milestones.module';
import { MilestonesService } from './milestones.service';
import { EpisodeMilestonesResolver, MilestonePolicyResolver, MilestonesResolver } from './milestones.resolver';

@Module({
  imports: [MilestonesModule, CustodyModule, PlanningModule, OrganisationsModule, AuditModule],
  providers: [MilestonesResolver, EpisodeMilestonesResolver, MilestonePolicyResolver],
})
export class MilestonesGraphqlModule implements OnModuleInit {
  constructor(
    private readonly episodes: EpisodeLifecycle,
    private readonly plans: PlanLifecycle,
    private readonly milestones: MilestonesService,
  ) {}

  onModuleInit(): void {
    // Every episode change (start, sentence, early or late release, transfer, recall, override): recompute due dates.
    this.episodes.onChanged((em, episode, caller) => this.milestones.refreshEpisode(em, episode, caller).then(() => undefined));
    // Every plan change: a held meeting, an arranged pathway, a confirmed release day may meet a milestone. The plan
    // created with a new episode is skipped: the episode's own changed hook runs right after it.
    this.plans.onChanged(async (em, change, caller) => {
      if (change.type === PlanEventType.PLAN_CREATED) return;
      const facts = await this.milestones.factsOfPlan(em, change.planId);
      if (facts) await this.milestones.refreshEpisode(em, facts.episodeId, caller, facts);
    });
  }
}
