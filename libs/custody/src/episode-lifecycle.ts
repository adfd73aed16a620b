import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '@resettle/access';
import type { CustodialEpisode } from './entities/custodial-episode.entity';

/** Work another feature does inside the transaction that starts an episode (planning creates the plan). */
export type EpisodeStartedHook = (em: EntityManager, episode: CustodialEpisode, caller: Caller) => Promise<void>;

/**
 * Lets features that build on custody join its transactions without custody knowing them: planning registers
 * here, so an episode never exists without its plan and custody does not depend on planning.
 */
@Injectable()
export class EpisodeLifecycle {
  private readonly startedHooks: EpisodeStartedHook[] = [];

  onStarted(hook: EpisodeStartedHook): void {
    this.startedHooks.push(hook);
  }

  async started(em: EntityManager, episode: CustodialEpisode, caller: Caller): Promise<void> {
    for (const hook of this.startedHooks) await hook(em, episode, caller);
  }
}
