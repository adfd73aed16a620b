import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Caller } from '@resettle/access';
import type { CustodialEpisode } from './entities/custodial-episode.entity';

/** Work another feature does inside the transaction that starts an episode (planning creates the plan). */
export type EpisodeStartedHook = (em: EntityManager, episode: CustodialEpisode, caller: Caller) => Promise<void>;

/**
 * Work another feature does inside the transaction of any change to an episode (sentence, early or late release,
 * transfer, release, recall, override): milestones recompute their due dates from it.
 */
export type EpisodeChangedHook = (em: EntityManager, episode: CustodialEpisode, caller: Caller) => Promise<void>;

/** A hand-over of an episode's supervision to another youth justice service, as other features hear of it. */
export interface SupervisionHandOver {
  episode: CustodialEpisode;
  fromServiceId: string;
  fromServiceName: string;
  toServiceId: string;
  toServiceName: string;
  effectiveDate: string;
  reason: string;
}

/** Work another feature does inside the transaction that hands supervision on (referrals move with the child). */
export type SupervisionTransferredHook = (
  em: EntityManager,
  handOver: SupervisionHandOver,
  caller: Caller,
) => Promise<void>;

/**
 * Lets features that build on custody join its transactions without custody knowing them: planning registers
 * here, so an episode never exists without its plan and custody does not depend on planning.
 */
@Injectable()
export class EpisodeLifecycle {
  private readonly startedHooks: EpisodeStartedHook[] = [];
  private readonly changedHooks: EpisodeChangedHook[] = [];
  private readonly transferredHooks: SupervisionTransferredHook[] = [];

  onSupervisionTransferred(hook: SupervisionTransferredHook): void {
    this.transferredHooks.push(hook);
  }

  async supervisionTransferred(em: EntityManager, handOver: SupervisionHandOver, caller: Caller): Promise<void> {
    for (const hook of this.transferredHooks) await hook(em, handOver, caller);
  }

  onStarted(hook: EpisodeStartedHook): void {
    this.startedHooks.push(hook);
  }

  /** Runs after the started hooks of a new episode too, so one hook sees every episode however it came about. */
  onChanged(hook: EpisodeChangedHook): void {
    this.changedHooks.push(hook);
  }

  async started(em: EntityManager, episode: CustodialEpisode, caller: Caller): Promise<void> {
    for (const hook of this.startedHooks) await hook(em, episode, caller);
    await this.changed(em, episode, caller);
  }

  async changed(em: EntityManager, episode: CustodialEpisode, caller: Caller): Promise<void> {
    for (const hook of this.changedHooks) await hook(em, episode, caller);
  }
}
