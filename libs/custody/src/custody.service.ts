import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Not, Repository } from 'typeorm';
import { CaseloadScope, ChildRelations, ChildScope, EpisodeFacts, isEmptyScope, SqlParam } from '@resettle/access';
import { ChildrenService } from '@resettle/children';
import { BadUserInputError, byIds, groupByIds, NotFoundError } from '@resettle/common';
import { londonDaySql } from '@resettle/database';
import { EpisodeStatus, IN_CUSTODY_STATUSES } from './custody-enums';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { CourtHearing } from './entities/court-hearing.entity';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { Sentence } from './entities/sentence.entity';
import { SupervisionTransfer } from './entities/supervision-transfer.entity';
import {
  calculateReleaseDates,
  ReleaseDateInput,
  ReleaseDateInputError,
  ReleaseDates,
} from './release-dates/release-dates';

// Our own constants, written out so the partial caseload indexes apply.
export const IN_CUSTODY_LIST = IN_CUSTODY_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * Who supervises each episode, as a relation other features' set-based statements may join (the deadline engine's
 * batches): `episode_id`, `supervising_service_id`, `case_manager_id`. PostgreSQL flattens it into the join, so it
 * costs what joining custody's table would, and custody's table stays custody's.
 */
export const EPISODE_SUPERVISION_SQL = `(SELECT id AS episode_id, supervising_service_id, case_manager_id FROM custodial_episode)`;

/** Adds a value to a statement's parameters and names it there (e.g. `$3::uuid[]`). */

/**
 * Which children released the measures count (each part given narrows it; none: everyone released): those
 * supervised by these youth justice services, those who left this establishment, those whose home is this local
 * authority.
 */
export interface ReleasedPopulation {
  supervisingServiceIds?: readonly string[];
  establishmentId?: string;
  homeAuthorityId?: string;
}

/** Which episodes a list of children in custody keeps besides the caller's slice (the caseload's own filters). */
export interface EpisodeListFilter {
  youthJusticeServiceId?: string | null;
  establishmentId?: string | null;
  caseManagerId?: string | null;
}

/**
 * The custody record as other features and the resolvers read it: custodial episodes, their sentences, transfers,
 * case managers and history, and the facts the access policy and the deadline engine need. The caseload is read
 * by `CaseloadService`; every change goes through `EpisodeCommands`.
 */
@Injectable()
export class CustodyService {
  constructor(
    @InjectRepository(CustodialEpisode) private readonly episodes: Repository<CustodialEpisode>,
    @InjectRepository(Sentence) private readonly sentences: Repository<Sentence>,
    @InjectRepository(EstablishmentTransfer) private readonly transfers: Repository<EstablishmentTransfer>,
    @InjectRepository(SupervisionTransfer) private readonly supervisionTransfers: Repository<SupervisionTransfer>,
    @InjectRepository(CaseManagerAssignment) private readonly assignments: Repository<CaseManagerAssignment>,
    @InjectRepository(EpisodeEvent) private readonly events: Repository<EpisodeEvent>,
    @InjectRepository(CourtHearing) private readonly hearings: Repository<CourtHearing>,
    private readonly children: ChildrenService,
  ) {}

  /**
   * The calculator, with its input errors as BAD_USER_INPUT naming the field (under `fieldPrefix` when the dates
   * come from a nested input, e.g. `sentence.termMonths`).
   */
  calculate(input: ReleaseDateInput, fieldPrefix = ''): ReleaseDates {
    try {
      return calculateReleaseDates(input);
    } catch (error) {
      if (error instanceof ReleaseDateInputError)
        throw BadUserInputError.forField(`${fieldPrefix}${error.field}`, error.message);
      throw error;
    }
  }

  // ---------------------------------------------------------------- reads

  /** The episode, or null: for the access check, which answers a missing and a hidden episode alike. */
  find(id: string): Promise<CustodialEpisode | null> {
    return this.episodes.findOneBy({ id });
  }

  /**
   * Who supervises each episode (its service and case manager), in the caller's transaction: for the deadline engine.
   */
  async supervisionOf(
    em: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, { supervisingServiceId: string; caseManagerId: string | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; supervising_service_id: string; case_manager_id: string | null }[] = await em.query(
      `SELECT episode_id AS id, supervising_service_id, case_manager_id FROM ${EPISODE_SUPERVISION_SQL} e WHERE episode_id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(
      rows.map((r) => [r.id, { supervisingServiceId: r.supervising_service_id, caseManagerId: r.case_manager_id }]),
    );
  }

  /** The next `limit` episode ids after `afterId`, in id order: for work over every episode in batches. */
  async episodeIdsAfter(afterId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.episodes.query(
      `SELECT id FROM custodial_episode WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Episodes by id, in the order asked, null where missing (for DataLoader). */
  async findByIds(ids: readonly string[]): Promise<(CustodialEpisode | null)[]> {
    const rows = await this.episodes.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (e) => e.id);
  }

  async get(id: string): Promise<CustodialEpisode> {
    const episode = await this.episodes.findOneBy({ id });
    if (!episode) throw new NotFoundError('Custodial episode', id);
    return episode;
  }

  /** Each child's episode in custody now, or else their most recent one (for DataLoader). */
  async currentEpisodesOf(childIds: readonly string[]): Promise<(CustodialEpisode | null)[]> {
    const rows = await this.episodes
      .createQueryBuilder('e')
      .distinctOn(['e.child_id'])
      .where('e.child_id IN (:...childIds)', { childIds })
      .orderBy('e.child_id')
      .addOrderBy(`CASE WHEN e.status IN ('REMANDED','SENTENCED','RECALLED') THEN 0 ELSE 1 END`)
      .addOrderBy('e.start_date', 'DESC')
      .getMany();
    return byIds(childIds, rows, (e) => e.childId);
  }

  async episodesOf(childIds: readonly string[]): Promise<CustodialEpisode[][]> {
    const rows = await this.episodes.find({ where: { childId: In([...childIds]) }, order: { startDate: 'DESC' } });
    return groupByIds(childIds, rows, (e) => e.childId);
  }

  async sentencesOf(episodeIds: readonly string[]): Promise<Sentence[][]> {
    const rows = await this.sentences.find({ where: { episodeId: In([...episodeIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(episodeIds, rows, (s) => s.episodeId);
  }

  /** Each episode's court hearings, in date order. For DataLoader. */
  async hearingsOf(episodeIds: readonly string[]): Promise<CourtHearing[][]> {
    const rows = await this.hearings.find({
      where: { episodeId: In([...episodeIds]) },
      order: { hearingDate: 'ASC', createdAt: 'ASC' },
    });
    return groupByIds(episodeIds, rows, (h) => h.episodeId);
  }

  /** A hearing, or null: for the access check, which answers a missing and a hidden hearing alike. */
  findHearing(id: string): Promise<CourtHearing | null> {
    return this.hearings.findOneBy({ id });
  }

  /**
   * Each episode's next hearing, the one waiting for its outcome, while the child is on remand (null otherwise): the
   * date the hearing deadlines hang on. For DataLoader.
   */
  async nextHearingsOf(episodeIds: readonly string[], em?: EntityManager): Promise<(CourtHearing | null)[]> {
    const rows: CourtHearing[] = await (em ?? this.hearings.manager)
      .createQueryBuilder(CourtHearing, 'h')
      .innerJoin(CustodialEpisode, 'e', `e.id = h.episode_id AND e.status = 'REMANDED'`)
      .where('h.episode_id IN (:...ids)', { ids: [...episodeIds] })
      .andWhere('h.outcome IS NULL AND h.cancelled_at IS NULL')
      .getMany();
    return episodeIds.map((id) => rows.find((h) => h.episodeId === id) ?? null);
  }

  /** The episode's hand-overs of supervision, oldest first. */
  supervisionTransfersOf(episodeId: string): Promise<SupervisionTransfer[]> {
    return this.supervisionTransfers.find({ where: { episodeId }, order: { effectiveDate: 'ASC', createdAt: 'ASC' } });
  }

  /** `supervisionTransfersOf` for a request's loader: each episode's hand-overs, oldest first. */
  async supervisionTransfersOfEpisodes(episodeIds: readonly string[]): Promise<SupervisionTransfer[][]> {
    const rows = await this.supervisionTransfers.find({
      where: { episodeId: In([...episodeIds]) },
      order: { effectiveDate: 'ASC', createdAt: 'ASC' },
    });
    return groupByIds(episodeIds, rows, (t) => t.episodeId);
  }

  async transfersOf(episodeIds: readonly string[]): Promise<EstablishmentTransfer[][]> {
    const rows = await this.transfers.find({
      where: { episodeId: In([...episodeIds]) },
      order: { transferDate: 'ASC', createdAt: 'ASC' },
    });
    return groupByIds(episodeIds, rows, (t) => t.episodeId);
  }

  async caseManagerHistoryOf(episodeIds: readonly string[]): Promise<CaseManagerAssignment[][]> {
    const rows = await this.assignments.find({
      where: { episodeId: In([...episodeIds]) },
      order: { assignedFrom: 'ASC' },
    });
    return groupByIds(episodeIds, rows, (a) => a.episodeId);
  }

  async historyOf(episodeIds: readonly string[]): Promise<EpisodeEvent[][]> {
    const rows = await this.events.find({ where: { episodeId: In([...episodeIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(episodeIds, rows, (e) => e.episodeId);
  }

  /**
   * The custody facts the access policy needs about each child (for `ChildRelationsRegistry`): every episode with
   * its supervising service, where the child is held now (none once released), every establishment that held
   * them, and every service that handed its supervision on.
   */
  relationsSql(childId: string): string {
    // (NULLs dropped after aggregating: an `IS NOT NULL` condition can draw in the index on the column, see
    // PlanningService.)
    return `COALESCE((SELECT json_agg(json_build_object(
               'episodeId', e.id, 'supervisingServiceId', e.supervising_service_id,
               'currentEstablishmentId', CASE WHEN e.status IN (${IN_CUSTODY_LIST}) THEN e.current_establishment_id END,
               'establishmentIds', COALESCE((SELECT array_remove(array_agg(DISTINCT t.to_establishment_id), NULL) FROM establishment_transfer t
                                              WHERE t.episode_id = e.id), '{}'),
               'formerSupervisingServiceIds', COALESCE((SELECT array_agg(DISTINCT st.from_service_id) FROM supervision_transfer st
                                              WHERE st.episode_id = e.id), '{}')))
               FROM custodial_episode e WHERE e.child_id = ${childId}), '[]'::json)`;
  }

  withRelations(entry: ChildRelations, facts: EpisodeFacts[]): ChildRelations {
    return { ...entry, episodes: [...entry.episodes, ...facts] };
  }

  /**
   * Custody's part of a child scope (for `ChildRelationsRegistry.scopeSql`), as `relationsSql` gives the facts: an
   * episode supervised (now or before) by a listed service, held now by a listed establishment (the caseload's own
   * slice, `scopeSql`), or placed at one in any episode (every placement is a transfer row).
   */
  childScopeSql(childId: string, scope: ChildScope, param: SqlParam): string[] {
    const or: string[] = [];
    const none = { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] };
    if (scope.recordedOrSupervisedByIds.length) {
      const supervised = this.scopeSql('e', { ...none, supervisingServiceIds: scope.recordedOrSupervisedByIds }, param);
      or.push(`${childId} IN (SELECT e.child_id FROM custodial_episode e WHERE ${supervised})`);
      // A service that handed supervision on still finds the child (the policy leaves it their identity).
      or.push(
        `${childId} IN (SELECT e.child_id FROM supervision_transfer st JOIN custodial_episode e ON e.id = st.episode_id
                         WHERE st.from_service_id = ANY(${param(scope.recordedOrSupervisedByIds, 'uuid[]')}))`,
      );
    }
    if (scope.heldByIds.length) {
      const heldNow = this.inCustodyInScopeSql({ ...none, establishmentIds: scope.heldByIds }, {}, param);
      or.push(
        `${childId} IN (SELECT e.child_id FROM custodial_episode e WHERE e.id IN (${heldNow}))`,
        `${childId} IN (SELECT e.child_id FROM establishment_transfer t JOIN custodial_episode e ON e.id = t.episode_id
                         WHERE t.to_establishment_id = ANY(${param(scope.heldByIds, 'uuid[]')}))`,
      );
    }
    return or;
  }

  /**
   * For milestones (issue 5): the episode as this transaction sees it, with its latest sentence's date (null on
   * remand), read through the caller's EntityManager so a change not yet committed is seen.
   */
  async episodeWithLatestSentenceDate(
    em: EntityManager,
    episodeId: string,
  ): Promise<{
    episode: CustodialEpisode;
    latestSentenceDate: string | null;
    nextHearingDate: string | null;
    /** On remand with no next hearing: why the last hearing was cancelled, if it was (its deadlines close so). */
    cancelledHearingReason: string | null;
  } | null> {
    const episode = await em.findOne(CustodialEpisode, { where: { id: episodeId } });
    if (!episode) return null;
    const latest = await em.findOne(Sentence, {
      where: { episodeId },
      order: { sentenceDate: 'DESC', createdAt: 'DESC' },
    });
    const [next] = await this.nextHearingsOf([episodeId], em);
    const cancelled =
      !next && episode.status === EpisodeStatus.REMANDED
        ? await em.findOne(CourtHearing, {
            where: { episodeId, cancelledAt: Not(IsNull()) },
            order: { cancelledAt: 'DESC' },
          })
        : null;
    return {
      episode,
      latestSentenceDate: latest?.sentenceDate ?? null,
      nextHearingDate: next?.hearingDate ?? null,
      cancelledHearingReason: cancelled?.cancellationReason ?? null,
    };
  }

  // ---------------------------------------------------------------- the caller's slice, for lists

  /**
   * The caller's slice of episodes, as the access policy drew it (`caseloadScope`), as a SQL condition on the
   * episode `alias`: filtered in SQL, never after loading. The one statement of it for the caseload and for every
   * other list of children in custody (milestones at risk); the looked-after part is the children feature's.
   */
  scopeSql(alias: string, scope: CaseloadScope, param: SqlParam): string {
    if (isEmptyScope(scope)) return 'false';
    const or: string[] = [];
    if (scope.supervisingServiceIds.length)
      or.push(`${alias}.supervising_service_id = ANY(${param(scope.supervisingServiceIds, 'uuid[]')})`);
    if (scope.establishmentIds.length)
      or.push(`${alias}.current_establishment_id = ANY(${param(scope.establishmentIds, 'uuid[]')})`);
    if (scope.responsibleAuthorityIds.length) {
      or.push(
        this.children.lookedAfterByAuthoritySql(`${alias}.child_id`, param(scope.responsibleAuthorityIds, 'uuid[]')),
      );
    }
    return `(${or.join(' OR ')})`;
  }

  /**
   * The expected release day of the episode whose id is `episodeIdSql` (null while unknown), as a SQL expression: for
   * another feature's list sorted by it.
   */
  expectedReleaseDateSql(episodeIdSql: string): string {
    return `(SELECT e.expected_release_date FROM custodial_episode e WHERE e.id = ${episodeIdSql})`;
  }

  /**
   * The caseload's filters by supervising service, establishment and case manager, as SQL conditions on the episode
   * `alias`.
   */
  filterSql(alias: string, filter: EpisodeListFilter, param: SqlParam): string[] {
    const where: string[] = [];
    if (filter.youthJusticeServiceId)
      where.push(`${alias}.supervising_service_id = ${param(filter.youthJusticeServiceId, 'uuid')}`);
    if (filter.establishmentId)
      where.push(`${alias}.current_establishment_id = ${param(filter.establishmentId, 'uuid')}`);
    if (filter.caseManagerId) where.push(`${alias}.case_manager_id = ${param(filter.caseManagerId, 'uuid')}`);
    return where;
  }

  /**
   * For another feature's measures: a subquery of the episodes whose child left custody on a day (in England and
   * Wales) from `from` to `to`, of the population given (every child released when null), as
   * `(id, child_id, released_on)`.
   * A child released and later recalled still left on that day.
   */
  releasedInPeriodSql(
    period: { from: string; to: string },
    population: ReleasedPopulation | null,
    param: SqlParam,
  ): string {
    const day = londonDaySql('e.released_at');
    const where = [
      `e.released_at IS NOT NULL`,
      `${day} BETWEEN ${param(period.from, 'date')} AND ${param(period.to, 'date')}`,
    ];
    if (population?.supervisingServiceIds)
      where.push(`e.supervising_service_id = ANY(${param(population.supervisingServiceIds, 'uuid[]')})`);
    if (population?.establishmentId) {
      // The establishment the child left: where they are now, unless a recall has moved them on since (a recall is a
      // transfer from it, on or after the day they left).
      where.push(`coalesce((SELECT t.from_establishment_id FROM establishment_transfer t
                             WHERE t.episode_id = e.id AND t.transfer_date >= ${day}
                             ORDER BY t.transfer_date, t.created_at LIMIT 1),
                           e.current_establishment_id) = ${param(population.establishmentId, 'uuid')}`);
    }
    if (population?.homeAuthorityId)
      where.push(this.children.ofHomeAuthoritySql('e.child_id', param(population.homeAuthorityId, 'uuid')));
    return `SELECT e.id, e.child_id, ${day} AS released_on FROM custodial_episode e WHERE ${where.join(' AND ')}`;
  }

  /**
   * `releasedInPeriodSql` with the groups each child released is counted in for the measures' breakdowns: the
   * children's (`ChildrenService.breakdownGroupsSql`, on the day of release) and `legal_status`, SENTENCED when the
   * episode had a sentence, else REMAND.
   */
  releasedInPeriodWithGroupsSql(
    period: { from: string; to: string },
    population: ReleasedPopulation | null,
    param: SqlParam,
  ): string {
    const released = this.releasedInPeriodSql(period, population, param);
    return `SELECT r.id, r.released_on, g.*,
                   CASE WHEN EXISTS (SELECT 1 FROM sentence s WHERE s.episode_id = r.id) THEN 'SENTENCED' ELSE 'REMAND' END
                     AS legal_status
              FROM (${released}) r
              JOIN custodial_episode e ON e.id = r.id
             CROSS JOIN LATERAL (${this.children.breakdownGroupsSql('e.child_id', 'r.released_on')}) g`;
  }

  /**
   * For another feature's list of children in custody: a subquery of the ids of the episodes in custody in the
   * caller's slice (and `filter`), to keep its rows with `episode_id IN (...)`.
   */
  inCustodyInScopeSql(scope: CaseloadScope, filter: EpisodeListFilter, param: SqlParam): string {
    const where = [
      `e.status IN (${IN_CUSTODY_LIST})`,
      this.scopeSql('e', scope, param),
      ...this.filterSql('e', filter, param),
    ];
    return `SELECT e.id FROM custodial_episode e WHERE ${where.join(' AND ')}`;
  }
}
