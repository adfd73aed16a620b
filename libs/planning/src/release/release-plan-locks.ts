import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '@resettle/common';
import { CustodialEpisode, CustodyService } from '@resettle/custody';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanHistory } from '../plan-history.service';
import { ReleaseDayPlan } from './entities/release-day-plan.entity';
import { ReleaseRecord } from './entities/release-record.entity';
import { noneYet } from './release-helpers';

/** A plan and its episode for a change on the day of release or after it, and the locks those changes take. */
@Injectable()
export class ReleasePlanLocks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: PlanHistory,
    private readonly custody: CustodyService,
  ) {}

  async planAndEpisode(planId: string): Promise<{ plan: ResettlementPlan; episode: CustodialEpisode }> {
    const plan = await this.dataSource.getRepository(ResettlementPlan).findOneBy({ id: planId });
    if (!plan) throw new NotFoundError('Resettlement plan', planId);
    return { plan, episode: await this.custody.get(plan.episodeId) };
  }

  /** Serialises creations on one plan (so two people cannot both create its one release record). */
  async lockPlan(em: EntityManager, planId: string): Promise<void> {
    await em.findOne(ResettlementPlan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The plan's one record of a kind, locked: null when there is none and the caller is creating it (no version);
   * CONFLICT, with the current state, when it exists and they did not say which version they read, or read an older
   * one, or when they sent a version of one that does not exist.
   */
  async lockOnePerPlan<T extends ReleaseDayPlan | ReleaseRecord>(
    em: EntityManager,
    entity: new () => T,
    planId: string,
    expectedVersion: number | null | undefined,
    label: string,
  ): Promise<T | null> {
    await this.lockPlan(em, planId);
    const found = (await em.findOneBy(entity, { planId } as never)) as T | null;
    if (!found) {
      if (expectedVersion != null) throw noneYet(label.toLowerCase(), expectedVersion);
      return null;
    }
    if (expectedVersion == null) {
      throw new ConflictError(
        `The ${label.toLowerCase()} already exists (version ${found.version}), perhaps started by someone else: reload it and send the version you loaded`,
        {
          currentVersion: found.version,
          current: found,
        },
      );
    }
    return this.history.lockAtVersion(em, entity, found.id, expectedVersion, label) as Promise<T>;
  }
}
