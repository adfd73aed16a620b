import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, QueryFailedError, Repository } from 'typeorm';
import {
  BadUserInputError,
  Clock,
  ConflictError,
  ConnectionShape,
  decodeCursor,
  byIds,
  encodeCursor,
  groupByIds,
  isUuid,
  isIsoDate,
  NotFoundError,
  addDays,
  pageSize,
  StaleVersionError,
  todayIso,
  toConnection,
  RequestLoaders,
} from '@resettle/common';
import { jsonRowShape, preparedQuery } from '@resettle/database';
import { ChildrenService } from '@resettle/children';
import { OrganisationsService, OrganisationType, SECURE_ESTABLISHMENT_TYPES } from '@resettle/organisations';
import { UsersService } from '@resettle/identity';
import { auditActorOf, Caller, CaseloadScope, ChildRelations, EpisodeFacts, isEmptyScope, ListReadAudit } from '@resettle/access';
import { AuditOutcome, AuditService, changedFields } from '@resettle/audit';
import { EpisodeEventType, EpisodeStatus, IN_CUSTODY_STATUSES, SentenceTypeEnum } from './custody-enums';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { Sentence } from './entities/sentence.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { calculateReleaseDates, ReleaseDateInput, ReleaseDateInputError, ReleaseDates } from './release-dates/release-dates';
import { expectedReleaseDate } from './rules/expected-release-date';
import { EpisodeLifecycle } from './episode-lifecycle';
import { CaseloadPrefetchPart, selectionUnder } from './caseload-prefetch';

/** The request loader of an episode's child, by child id (the `child` field; primed by the caseload). */
export const EPISODE_CHILD_LOADER = 'child';
import {
  AssignCaseManagerInput,
  CaseloadFilter,
  ClearReleaseDateOverrideInput,
  EpisodeChangeInput,
  GrantEarlyReleaseInput,
  OrderLateReleaseInput,
  OverrideReleaseDateInput,
  RecordRecallInput,
  RecordReleaseInput,
  RecordSentenceInput,
  SentenceInput,
  StartCustodialEpisodeInput,
  TransferEpisodeInput,
} from './dto/episode.inputs';

/** The partial unique index that allows one episode in custody per child (see the migrations). */
const OPEN_EPISODE_PER_CHILD = 'uq_custodial_episode_open_per_child';

const RELEASE_DATE_FIELDS = [
  'sentenceEndDate',
  'midTermDate',
  'earliestReleaseDate',
  'latestReleaseDate',
  'paroleEligibilityDate',
  'releaseDate',
  'broughtForwardDate',
  'furtherSupervisionEndDate',
] as const;

/**
 * The custody record: custodial episodes, sentences and their release dates, transfers, release and recall.
 * Every change runs in one transaction that locks the episode, checks the caller's version, and appends to the
 * episode's history, so two agencies editing at once never silently overwrite each other.
 */
@Injectable()
export class CustodyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CustodialEpisode) private readonly episodes: Repository<CustodialEpisode>,
    @InjectRepository(Sentence) private readonly sentences: Repository<Sentence>,
    @InjectRepository(EstablishmentTransfer) private readonly transfers: Repository<EstablishmentTransfer>,
    @InjectRepository(CaseManagerAssignment) private readonly assignments: Repository<CaseManagerAssignment>,
    @InjectRepository(EpisodeEvent) private readonly events: Repository<EpisodeEvent>,
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly lifecycle: EpisodeLifecycle,
  ) {}

  /**
   * The calculator, with its input errors as BAD_USER_INPUT naming the field (under `fieldPrefix` when the dates
   * come from a nested input, e.g. `sentence.termMonths`).
   */
  calculate(input: ReleaseDateInput, fieldPrefix = ''): ReleaseDates {
    try {
      return calculateReleaseDates(input);
    } catch (error) {
      if (error instanceof ReleaseDateInputError) throw BadUserInputError.forField(`${fieldPrefix}${error.field}`, error.message);
      throw error;
    }
  }

  // ---------------------------------------------------------------- reads

  /** The episode, or null: for the access check, which answers a missing and a hidden episode alike. */
  find(id: string): Promise<CustodialEpisode | null> {
    return this.episodes.findOneBy({ id });
  }

  /** Episodes by id, in the order asked, null where missing (for DataLoader). */
  /** Who supervises each episode (its service and case manager), in the caller's transaction: for the deadline engine. */
  async supervisionOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, { supervisingServiceId: string; caseManagerId: string | null }>> {
    if (!ids.length) return new Map();
    const rows: { id: string; supervising_service_id: string; case_manager_id: string | null }[] = await em.query(
      `SELECT id, supervising_service_id, case_manager_id FROM custodial_episode WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, { supervisingServiceId: r.supervising_service_id, caseManagerId: r.case_manager_id }]));
  }

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

  async transfersOf(episodeIds: readonly string[]): Promise<EstablishmentTransfer[][]> {
    const rows = await this.transfers.find({
      where: { episodeId: In([...episodeIds]) },
      order: { transferDate: 'ASC', createdAt: 'ASC' },
    });
    return groupByIds(episodeIds, rows, (t) => t.episodeId);
  }

  async caseManagerHistoryOf(episodeIds: readonly string[]): Promise<CaseManagerAssignment[][]> {
    const rows = await this.assignments.find({ where: { episodeId: In([...episodeIds]) }, order: { assignedFrom: 'ASC' } });
    return groupByIds(episodeIds, rows, (a) => a.episodeId);
  }

  async historyOf(episodeIds: readonly string[]): Promise<EpisodeEvent[][]> {
    const rows = await this.events.find({ where: { episodeId: In([...episodeIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(episodeIds, rows, (e) => e.episodeId);
  }

  /**
   * Children in custody, soonest expected release first (remanded children, who have no date, last), filtered in
   * SQL and cursor-paginated on (expected release date, episode id).
   *
   * One statement gives the count, the page, and whatever each episode's fields need that the page asks for
   * (`prefetch`: the child, and the parts other features registered with `CaseloadPrefetch`), built as JSON in
   * PostgreSQL and primed into the request's loaders: no TypeORM hydration, and no query per field.
   */
  async caseload(
    filter: CaseloadFilter,
    scope: CaseloadScope,
    first?: number,
    after?: string,
    prefetch?: { loaders: RequestLoaders; selected: readonly string[]; parts: readonly CaseloadPrefetchPart[]; narrow: boolean },
    audit?: ListReadAudit,
  ): Promise<ConnectionShape<CustodialEpisode>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
    // IN_CUSTODY_STATUSES are our own constants, written out so the partial caseload indexes apply.
    const where = [`e.status IN (${IN_CUSTODY_STATUSES.map((s) => `'${s}'`).join(', ')})`];
    // The caller's slice, as the access policy drew it: filtered here in SQL, never after loading.
    if (isEmptyScope(scope)) where.push('false');
    else {
      const or: string[] = [];
      if (scope.supervisingServiceIds.length) or.push(`e.supervising_service_id = ANY(${param(scope.supervisingServiceIds, 'uuid[]')})`);
      if (scope.establishmentIds.length) or.push(`e.current_establishment_id = ANY(${param(scope.establishmentIds, 'uuid[]')})`);
      if (scope.responsibleAuthorityIds.length) {
        or.push(
          `e.child_id IN (SELECT c.id FROM child c WHERE c.looked_after AND c.responsible_authority_id = ANY(${param(scope.responsibleAuthorityIds, 'uuid[]')}))`,
        );
      }
      where.push(`(${or.join(' OR ')})`);
    }
    if (filter.youthJusticeServiceId) where.push(`e.supervising_service_id = ${param(filter.youthJusticeServiceId, 'uuid')}`);
    if (filter.establishmentId) where.push(`e.current_establishment_id = ${param(filter.establishmentId, 'uuid')}`);
    if (filter.caseManagerId) where.push(`e.case_manager_id = ${param(filter.caseManagerId, 'uuid')}`);
    if (filter.releaseWithinDays !== undefined && filter.releaseWithinDays !== null) {
      where.push(`e.expected_release_date <= ${param(addDays(this.clock.today(), filter.releaseWithinDays), 'date')}`);
    }
    const sortKey = (alias: string) => `COALESCE(${alias}.expected_release_date, 'infinity'::date)`;
    let cursor = 'true';
    if (after) {
      const [date, id] = decodeCursor(after, 2, ([d, i]) => (d === 'infinity' || isIsoDate(d)) && isUuid(i)) as [string, string];
      cursor = `(${sortKey('e')}, e.id) > (${param(date, 'date')}, ${param(id, 'uuid')})`;
    }
    const episodeShape = jsonRowShape<CustodialEpisode>(this.episodes.metadata);
    const selected = prefetch?.selected ?? [];
    const withChild = !!prefetch && selected.some((path) => path === 'child' || path.startsWith('child.'));
    const parts = prefetch?.parts ?? [];
    const narrow = !!prefetch?.narrow;
    // The episode's own columns asked for (the parts' fields are read by the parts, from its ids).
    const episodeFields = narrow
      ? [...new Set(selected.map((p) => p.split('.')[0]))].filter((f) => f !== 'child' && !parts.some((part) => part.field === f))
      : null;
    const columns = [
      // Besides the fields asked for: the id and child (the parts' loaders and access facts), and the sort key (the cursor).
      `'episode', ${episodeShape.select('p', episodeFields, ['id', 'childId', 'expectedReleaseDate'])}`,
      ...(withChild ? [`'child', ${this.children.childJsonSql('p.child_id', selectionUnder(selected, 'child', narrow).columns(), ['id'])}`] : []),
      ...parts.map((part, i) => `'part${i}', ${part.sql('p', selectionUnder(selected, part.field, narrow))}`),
    ];
    // Every episode shown (not the extra row that only tells whether there is a next page) is audited by this statement.
    const auditSql = audit
      ? `, shown AS (
           SELECT e.id::text AS resource_id, e.child_id, row_number() OVER (ORDER BY ${sortKey('e')}, e.id) AS n
             FROM page e ORDER BY ${sortKey('e')}, e.id LIMIT ${param(limit, 'int')}
         ), audit AS (${audit.sql('shown', param)})`
      : '';
    const [{ total, rows }]: { total: number; rows: Record<string, any>[] }[] = await preparedQuery(
      this.dataSource,
      `WITH scope AS (
         SELECT e.* FROM custodial_episode e WHERE ${where.join(' AND ')}
       ), page AS (
         SELECT * FROM scope e WHERE ${cursor} ORDER BY ${sortKey('e')}, e.id LIMIT ${param(limit + 1, 'int')}
       )${auditSql}
       SELECT (SELECT count(*)::int FROM scope) AS total,
              COALESCE(json_agg(json_build_object(${columns.join(', ')}) ORDER BY ${sortKey('p')}, p.id), '[]'::json) AS rows
         FROM page p`,
      params,
    );
    const episodes = rows.map((row) => {
      const episode = episodeShape.decode(row.episode);
      if (prefetch) {
        if (withChild && row.child) prefetch.loaders.prime(EPISODE_CHILD_LOADER, episode.childId, this.children.decodeChild(row.child));
        parts.forEach((part, i) => part.prime(prefetch.loaders, episode, row[`part${i}`]));
      }
      return episode;
    });
    return toConnection(episodes, limit, total, (e) => encodeCursor([e.expectedReleaseDate ?? 'infinity', e.id]));
  }

  /**
   * The custody facts the access policy needs about each child (for `ChildRelationsRegistry`): every episode with
   * its supervising service, where the child is held now (none once released), and every establishment that held
   * them.
   */
  relationsSql(childId: string): string {
    // (NULLs dropped after aggregating: an `IS NOT NULL` condition can draw in the index on the column, see PlanningService.)
    return `COALESCE((SELECT json_agg(json_build_object(
               'episodeId', e.id, 'supervisingServiceId', e.supervising_service_id,
               'currentEstablishmentId', CASE WHEN e.status IN (${IN_CUSTODY_STATUSES.map((s) => `'${s}'`).join(', ')}) THEN e.current_establishment_id END,
               'establishmentIds', COALESCE((SELECT array_remove(array_agg(DISTINCT t.to_establishment_id), NULL) FROM establishment_transfer t
                                              WHERE t.episode_id = e.id), '{}')))
               FROM custodial_episode e WHERE e.child_id = ${childId}), '[]'::json)`;
  }

  withRelations(entry: ChildRelations, facts: EpisodeFacts[]): ChildRelations {
    return { ...entry, episodes: [...entry.episodes, ...facts] };
  }

  /**
   * For milestones (issue 5): the episode as this transaction sees it, with its latest sentence's date (null on
   * remand), read through the caller's EntityManager so a change not yet committed is seen.
   */
  async episodeWithLatestSentenceDate(em: EntityManager, episodeId: string): Promise<{ episode: CustodialEpisode; latestSentenceDate: string | null } | null> {
    const episode = await em.findOne(CustodialEpisode, { where: { id: episodeId } });
    if (!episode) return null;
    const latest = await em.findOne(Sentence, { where: { episodeId }, order: { sentenceDate: 'DESC', createdAt: 'DESC' } });
    return { episode, latestSentenceDate: latest?.sentenceDate ?? null };
  }

  // ---------------------------------------------------------------- changes

  async startEpisode(input: StartCustodialEpisodeInput, caller: Caller): Promise<CustodialEpisode> {
    if (!!input.remandDate === !!input.sentence) {
      throw BadUserInputError.forField('remandDate', 'Give either remandDate (for a remand) or sentence, not both or neither');
    }
    const child = await this.children.get(input.childId);
    const establishment = await this.organisations.getOfType(input.establishmentId, SECURE_ESTABLISHMENT_TYPES, 'establishmentId');
    const service = await this.organisations.getOfType(
      input.supervisingServiceId,
      [OrganisationType.YOUTH_JUSTICE_SERVICE],
      'supervisingServiceId',
    );
    if (input.caseManagerId) await this.assertCaseManagerOf(input.caseManagerId, service.id);
    const startDate = input.remandDate ?? input.sentence!.sentenceDate;
    this.assertNotFuture(startDate, input.remandDate ? 'remandDate' : 'sentence.sentenceDate');
    const dates = input.sentence ? this.datesFor(input.sentence, child.dateOfBirth) : null;

    const alreadyInCustody = 'This child already has an episode in custody; record a new sentence or transfer on it instead';
    return this.dataSource.transaction(async (em) => {
      const open = await em.findOne(CustodialEpisode, { where: { childId: child.id, status: In(IN_CUSTODY_STATUSES) } });
      if (open) throw new ConflictError(alreadyInCustody);
      const episode = em.create(CustodialEpisode, {
        childId: child.id,
        status: input.sentence ? EpisodeStatus.SENTENCED : EpisodeStatus.REMANDED,
        startDate,
        remandDate: input.remandDate ?? null,
        currentEstablishmentId: establishment.id,
        supervisingServiceId: service.id,
        caseManagerId: input.caseManagerId ?? null,
        earlyReleaseDate: null,
        lateReleaseDate: null,
        releaseDateOverride: null,
        releaseDateOverrideReason: null,
        sentenceType: input.sentence?.sentenceType ?? null,
        ...this.releaseDateColumns(dates),
      });
      episode.expectedReleaseDate = expectedReleaseDate(episode);
      const saved = await em.save(episode);
      await em.insert(EstablishmentTransfer, {
        episodeId: saved.id,
        fromEstablishmentId: null,
        toEstablishmentId: establishment.id,
        transferDate: startDate,
        reason: input.remandDate ? 'Remanded to youth detention accommodation' : 'Sentenced to custody',
        recordedById: caller.actor.userId,
      });
      if (input.caseManagerId) {
        await em.insert(CaseManagerAssignment, {
          episodeId: saved.id,
          caseManagerId: input.caseManagerId,
          assignedFrom: this.clock.now(),
          assignedUntil: null,
          reason: 'Allocated at the start of the episode',
          assignedById: caller.actor.userId,
        });
      }
      if (input.sentence) await this.insertSentence(em, saved.id, input.sentence, caller);
      await this.lifecycle.started(em, saved, caller);
      await this.recordEvent(em, saved, EpisodeEventType.EPISODE_STARTED, startDate, caller,
        input.remandDate
          ? `Remanded to ${establishment.name}`
          : `Sentenced (${input.sentence!.sentenceType}) and placed at ${establishment.name}`,
        { status: saved.status, establishmentId: establishment.id, supervisingServiceId: service.id, ...(dates ? { releaseDates: this.releaseDateColumns(dates) } : {}) },
      );
      return saved;
    }).catch((error: unknown) => {
      // Two starts for one child at once: both pass the check above; the index lets only one in.
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string })?.constraint === OPEN_EPISODE_PER_CHILD) {
        throw new ConflictError(alreadyInCustody);
      }
      throw error;
    });
  }

  /** A sentence on a remand, or a new sentence during custody: the dates are recalculated from it. */
  async recordSentence(input: RecordSentenceInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(`A sentence can only be recorded while the child is in custody (the episode is ${episode.status})`);
      }
      this.assertNotFuture(input.sentence.sentenceDate, 'sentence.sentenceDate');
      if (input.sentence.sentenceDate < episode.startDate) {
        throw BadUserInputError.forField('sentence.sentenceDate', `The sentence date cannot be before the episode began (${episode.startDate})`);
      }
      const child = await this.children.get(episode.childId);
      const before = this.releaseDateColumns(episode);
      const dates = this.datesFor(input.sentence, child.dateOfBirth);
      Object.assign(episode, this.releaseDateColumns(dates), {
        sentenceType: input.sentence.sentenceType,
        earlyReleaseDate: null,
        lateReleaseDate: null,
      });
      if (episode.status === EpisodeStatus.REMANDED) episode.status = EpisodeStatus.SENTENCED;
      await this.insertSentence(em, episode.id, input.sentence, caller);
      return {
        type: EpisodeEventType.SENTENCE_RECORDED,
        effectiveDate: input.sentence.sentenceDate,
        summary: `Sentence recorded: ${describeSentence(input.sentence)}; expected to leave ${expectedReleaseDate(episode) ?? 'on a date not yet known'}`,
        details: { before, after: this.releaseDateColumns(episode), sentence: { ...input.sentence } },
      };
    });
  }

  async grantEarlyRelease(input: GrantEarlyReleaseInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      this.assertDtoInCustody(episode, 'early release');
      if (!episode.earliestReleaseDate || !episode.midTermDate) {
        throw new ConflictError('Early release does not apply to this sentence (a DTO of 8 months or more)');
      }
      const on = input.releaseOn ?? episode.earliestReleaseDate;
      if (on < episode.earliestReleaseDate || on >= episode.midTermDate) {
        throw BadUserInputError.forField('releaseOn', `Early release must be from ${episode.earliestReleaseDate} and before the mid-term date ${episode.midTermDate}`);
      }
      const before = episode.earlyReleaseDate;
      episode.earlyReleaseDate = on;
      episode.lateReleaseDate = null;
      return {
        type: EpisodeEventType.EARLY_RELEASE_GRANTED,
        effectiveDate: this.clock.today(),
        summary: `Early release granted for ${on}`,
        details: { before: { earlyReleaseDate: before }, after: { earlyReleaseDate: on } },
      };
    });
  }

  async orderLateRelease(input: OrderLateReleaseInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      this.assertDtoInCustody(episode, 'late release');
      if (!episode.latestReleaseDate || !episode.midTermDate) {
        throw new ConflictError('Late release does not apply to this sentence (a DTO of 8 months or more)');
      }
      const on = input.releaseOn ?? episode.latestReleaseDate;
      if (on <= episode.midTermDate || on > episode.latestReleaseDate) {
        throw BadUserInputError.forField('releaseOn', `Late release must be after the mid-term date ${episode.midTermDate} and no later than ${episode.latestReleaseDate}`);
      }
      const before = episode.lateReleaseDate;
      episode.lateReleaseDate = on;
      episode.earlyReleaseDate = null;
      return {
        type: EpisodeEventType.LATE_RELEASE_ORDERED,
        effectiveDate: this.clock.today(),
        summary: `Youth court ordered late release on ${on}`,
        details: { before: { lateReleaseDate: before }, after: { lateReleaseDate: on } },
      };
    });
  }

  async transfer(input: TransferEpisodeInput, caller: Caller): Promise<CustodialEpisode> {
    const to = await this.organisations.getOfType(input.toEstablishmentId, SECURE_ESTABLISHMENT_TYPES, 'toEstablishmentId');
    return this.change(input, caller, async (em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(`Only a child in custody can be transferred (the episode is ${episode.status})`);
      }
      if (to.id === episode.currentEstablishmentId) {
        throw BadUserInputError.forField('toEstablishmentId', 'The child is already placed there');
      }
      this.assertNotFuture(input.transferDate, 'transferDate');
      if (input.transferDate < episode.startDate) {
        throw BadUserInputError.forField('transferDate', `The transfer cannot be before the episode began (${episode.startDate})`);
      }
      const from = episode.currentEstablishmentId;
      await em.insert(EstablishmentTransfer, {
        episodeId: episode.id,
        fromEstablishmentId: from,
        toEstablishmentId: to.id,
        transferDate: input.transferDate,
        reason: input.reason,
        recordedById: caller.actor.userId,
      });
      episode.currentEstablishmentId = to.id;
      return {
        type: EpisodeEventType.TRANSFERRED,
        effectiveDate: input.transferDate,
        summary: `Transferred to ${to.name}: ${input.reason}`,
        details: { before: { establishmentId: from }, after: { establishmentId: to.id }, reason: input.reason },
      };
    });
  }

  async recordRelease(input: RecordReleaseInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(`Only a child in custody can be released (the episode is ${episode.status})`);
      }
      if (input.releasedAt.getTime() > this.clock.now().getTime()) {
        throw BadUserInputError.forField('releasedAt', 'A release can only be recorded once it has happened');
      }
      // The day in England and Wales: 00:30 BST is already the next day, though UTC still says the day before.
      const day = todayIso(input.releasedAt);
      if (day < episode.startDate) {
        throw BadUserInputError.forField('releasedAt', `The release cannot be before the episode began (${episode.startDate})`);
      }
      const before = episode.status;
      const fromRemand = episode.status === EpisodeStatus.REMANDED;
      episode.status = EpisodeStatus.RELEASED;
      episode.releasedAt = input.releasedAt;
      return {
        type: EpisodeEventType.RELEASED,
        effectiveDate: day,
        summary: fromRemand ? `Released from remand on ${day}` : `Released on ${day}`,
        details: { before: { status: before }, after: { status: episode.status, releasedAt: input.releasedAt.toISOString() } },
      };
    });
  }

  async recordRecall(input: RecordRecallInput, caller: Caller): Promise<CustodialEpisode> {
    const establishment = await this.organisations.getOfType(input.establishmentId, SECURE_ESTABLISHMENT_TYPES, 'establishmentId');
    return this.change(input, caller, async (em, episode) => {
      if (episode.status !== EpisodeStatus.RELEASED) {
        throw new ConflictError(`Only a child released on this episode can be recalled (the episode is ${episode.status})`);
      }
      const sentences = await em.count(Sentence, { where: { episodeId: episode.id } });
      if (sentences === 0) throw new ConflictError('A child released from remand cannot be recalled; start a new episode');
      this.assertNotFuture(input.recalledOn, 'recalledOn');
      const from = episode.currentEstablishmentId;
      await em.insert(EstablishmentTransfer, {
        episodeId: episode.id,
        fromEstablishmentId: from,
        toEstablishmentId: establishment.id,
        transferDate: input.recalledOn,
        reason: `Recall: ${input.reason}`,
        recordedById: caller.actor.userId,
      });
      episode.status = EpisodeStatus.RECALLED;
      episode.recalledAt = new Date(`${input.recalledOn}T00:00:00Z`);
      episode.currentEstablishmentId = establishment.id;
      // The earlier release day has passed; until a new one is set by override, none is expected.
      episode.earlyReleaseDate = null;
      episode.lateReleaseDate = null;
      episode.releaseDate = null;
      episode.releaseDateOverride = null;
      episode.releaseDateOverrideReason = null;
      return {
        type: EpisodeEventType.RECALLED,
        effectiveDate: input.recalledOn,
        summary: `Recalled to ${establishment.name}: ${input.reason}`,
        details: { before: { status: EpisodeStatus.RELEASED, establishmentId: from }, after: { status: episode.status, establishmentId: establishment.id }, reason: input.reason },
      };
    });
  }

  async overrideReleaseDate(input: OverrideReleaseDateInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
        throw new ConflictError(`The release date can only be changed while the child is in custody (the episode is ${episode.status})`);
      }
      if (input.releaseDate < episode.startDate) {
        throw BadUserInputError.forField('releaseDate', `The release date cannot be before the episode began (${episode.startDate})`);
      }
      const before = { releaseDateOverride: episode.releaseDateOverride, reason: episode.releaseDateOverrideReason, expectedReleaseDate: episode.expectedReleaseDate };
      episode.releaseDateOverride = input.releaseDate;
      episode.releaseDateOverrideReason = input.reason;
      return {
        type: EpisodeEventType.RELEASE_DATE_OVERRIDDEN,
        effectiveDate: this.clock.today(),
        summary: `Release date set by hand to ${input.releaseDate}: ${input.reason}`,
        details: { before, after: { releaseDateOverride: input.releaseDate, reason: input.reason } },
      };
    });
  }

  async clearReleaseDateOverride(input: ClearReleaseDateOverrideInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (_em, episode) => {
      if (!episode.releaseDateOverride) throw new ConflictError('There is no manual release date to clear');
      const before = { releaseDateOverride: episode.releaseDateOverride, reason: episode.releaseDateOverrideReason };
      episode.releaseDateOverride = null;
      episode.releaseDateOverrideReason = null;
      return {
        type: EpisodeEventType.RELEASE_DATE_OVERRIDE_CLEARED,
        effectiveDate: this.clock.today(),
        summary: 'Manual release date removed; the calculated date applies again',
        details: { before, after: { releaseDateOverride: null } },
      };
    });
  }

  async assignCaseManager(input: AssignCaseManagerInput, caller: Caller): Promise<CustodialEpisode> {
    return this.change(input, caller, async (em, episode) => {
      await this.assertCaseManagerOf(input.caseManagerId, episode.supervisingServiceId);
      if (episode.caseManagerId === input.caseManagerId) {
        throw BadUserInputError.forField('caseManagerId', 'That person already manages this case');
      }
      const now = this.clock.now();
      // IsNull(), not null: TypeORM turns a plain null into `= NULL`, which matches no row.
      await em.update(CaseManagerAssignment, { episodeId: episode.id, assignedUntil: IsNull() }, { assignedUntil: now });
      await em.insert(CaseManagerAssignment, {
        episodeId: episode.id,
        caseManagerId: input.caseManagerId,
        assignedFrom: now,
        assignedUntil: null,
        reason: input.reason ?? null,
        assignedById: caller.actor.userId,
      });
      const before = episode.caseManagerId;
      episode.caseManagerId = input.caseManagerId;
      return {
        type: EpisodeEventType.CASE_MANAGER_CHANGED,
        effectiveDate: this.clock.today(),
        summary: input.reason ? `Case manager changed: ${input.reason}` : 'Case manager changed',
        details: { before: { caseManagerId: before }, after: { caseManagerId: input.caseManagerId } },
      };
    });
  }

  // ---------------------------------------------------------------- internals

  /**
   * The shape of every change: lock the episode, refuse a stale version with the current state, apply, recompute
   * the expected release day, save (bumping the version) and append the history event, all in one transaction.
   */
  private async change(
    input: EpisodeChangeInput,
    caller: Caller,
    apply: (em: EntityManager, episode: CustodialEpisode) => Promise<{ type: EpisodeEventType; effectiveDate: string; summary: string; details: Record<string, unknown> }>,
  ): Promise<CustodialEpisode> {
    return this.dataSource.transaction(async (em) => {
      const episode = await em.findOne(CustodialEpisode, { where: { id: input.episodeId }, lock: { mode: 'pessimistic_write' } });
      if (!episode) throw new NotFoundError('Custodial episode', input.episodeId);
      if (episode.version !== input.expectedVersion) {
        throw new StaleVersionError('The custodial episode', input.expectedVersion, episode.version, episode);
      }
      const before = { ...episode };
      const event = await apply(em, episode);
      const expectedBefore = episode.expectedReleaseDate;
      episode.expectedReleaseDate = expectedReleaseDate(episode);
      if (expectedBefore !== episode.expectedReleaseDate) {
        event.details = { ...event.details, expectedReleaseDate: { before: expectedBefore, after: episode.expectedReleaseDate } };
      }
      const saved = await em.save(episode);
      await this.recordEvent(em, saved, event.type, event.effectiveDate, caller, event.summary, event.details, before);
      await this.lifecycle.changed(em, saved, caller);
      return saved;
    });
  }

  /** The episode's history event and the audit row (before and after), in the change's transaction. */
  private async recordEvent(
    em: EntityManager,
    episode: CustodialEpisode,
    type: EpisodeEventType,
    effectiveDate: string,
    caller: Caller,
    summary: string,
    details: Record<string, unknown>,
    before: Partial<CustodialEpisode> | null = null,
  ): Promise<void> {
    await em.save(em.create(EpisodeEvent, { episodeId: episode.id, type, effectiveDate, summary, details, recordedById: caller.actor.userId }));
    const diff = changedFields(before, { ...episode });
    await this.audit.record(
      {
        actor: auditActorOf(caller.actor),
        action: caller.operation,
        resourceType: 'CustodialEpisode',
        resourceId: episode.id,
        childId: episode.childId,
        outcome: AuditOutcome.SUCCEEDED,
        before: diff.before,
        after: diff.after,
        detail: { event: type, summary },
        requestId: caller.requestId,
        clientIp: caller.clientIp,
      },
      em,
    );
  }

  private async insertSentence(em: EntityManager, episodeId: string, s: SentenceInput, caller: Caller): Promise<void> {
    await em.insert(Sentence, {
      episodeId,
      sentenceType: s.sentenceType,
      sentenceDate: s.sentenceDate,
      termMonths: s.termMonths ?? null,
      extensionMonths: s.extensionMonths ?? null,
      remandDays: s.remandDays ?? 0,
      taggedBailDays: s.taggedBailDays ?? 0,
      offenceDate: s.offenceDate ?? null,
      qualifyingSeriousOffence: s.qualifyingSeriousOffence ?? false,
      excludedFromFortyPercentRelease: s.excludedFromFortyPercentRelease ?? false,
      recordedById: caller.actor.userId,
    });
  }

  /** The dates for a sentence on an episode; the child's date of birth decides further supervision. */
  private datesFor(sentence: SentenceInput, dateOfBirth: string): ReleaseDates {
    return this.calculate({ ...sentence, dateOfBirth }, 'sentence.');
  }

  private releaseDateColumns(dates: ReleaseDates | CustodialEpisode | null) {
    const columns: Record<string, unknown> = {};
    for (const field of RELEASE_DATE_FIELDS) columns[field] = dates ? dates[field] : null;
    columns.fridayOrPreHolidayRelease = dates?.fridayOrPreHolidayRelease ?? false;
    columns.immediateRelease = dates?.immediateRelease ?? false;
    columns.releaseDateNotes = dates ? ('notes' in dates ? dates.notes : dates.releaseDateNotes) : [];
    return columns as Pick<CustodialEpisode, (typeof RELEASE_DATE_FIELDS)[number] | 'fridayOrPreHolidayRelease' | 'immediateRelease' | 'releaseDateNotes'>;
  }

  private assertDtoInCustody(episode: CustodialEpisode, what: string): void {
    if (episode.sentenceType !== SentenceTypeEnum.DTO) {
      throw new ConflictError(`${what} applies only to a detention and training order`);
    }
    if (episode.status !== EpisodeStatus.SENTENCED) {
      throw new ConflictError(`${what} applies only to a sentenced child in custody (the episode is ${episode.status})`);
    }
  }

  private assertNotFuture(date: string, field: string): void {
    if (date > this.clock.today()) throw BadUserInputError.forField(field, `${field} cannot be in the future`);
  }

  private async assertCaseManagerOf(userId: string, serviceId: string): Promise<void> {
    const user = await this.users.get(userId).catch(() => null);
    if (!user || user.organisationId !== serviceId || user.disabled) {
      throw BadUserInputError.forField('caseManagerId', 'The case manager must be an active member of the supervising youth justice service');
    }
  }
}

function describeSentence(s: SentenceInput): string {
  const term = s.termMonths ? `${s.termMonths} months` : 'no fixed term';
  return s.sentenceType === SentenceTypeEnum.EXTENDED
    ? `extended sentence, custodial term ${term} plus ${s.extensionMonths ?? 0} months extended licence, from ${s.sentenceDate}`
    : `${s.sentenceType} ${term} from ${s.sentenceDate}`;
}
