import { Injectable, OnModuleInit } from '@nestjs/common';
import { EpisodeLifecycle } from '@resettle/custody';
import { PlanEventType, PlanLifecycle } from '@resettle/planning';
import { MilestonesService } from './milestones.service';

/**
 * Keeps every episode's milestones true to its facts, inside the transaction of each change. `MilestonesModule`
 * provides it, so the api, the worker and any script that changes episodes or plans through the real services (the
 * demo seed) follow the same rule wherever the change is made.
 */
@Injectable()
export class MilestoneLifecycleHooks implements OnModuleInit {
  constructor(
    private readonly episodes: EpisodeLifecycle,
    private readonly plans: PlanLifecycle,
    private readonly milestones: MilestonesService,
  ) {}

  onModuleInit(): void {
    // Every episode change (start, sentence, early or late release, transfer, recall, override): recompute due dates.
    this.episodes.onChanged((em, episode, caller) =>
      this.milestones.refreshEpisode(em, episode, caller).then(() => undefined),
    );
    // Every plan change: a held meeting, an arranged pathway, a confirmed release day may meet a milestone. The plan
    // created with a new episode is skipped: the episode's own changed hook runs right after it.
    this.plans.onChanged(async (em, change, caller) => {
      if (change.type === PlanEventType.PLAN_CREATED) return;
      const facts = await this.milestones.factsOfPlan(em, change.planId);
      if (facts) await this.milestones.refreshEpisode(em, facts.episodeId, caller, facts);
    });
  }
}
