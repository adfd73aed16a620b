import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { Caller, CaseloadScope } from '@resettle/access';
import { AuditService } from '@resettle/audit';
import {
  addDays,
  Clock,
  ConflictError,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  isIsoDate,
  isUuid,
  pageSize,
  toConnection,
} from '@resettle/common';
import {
  CaseloadDeadlineSql,
  CaseloadPrefetchPart,
  CustodialEpisode,
  CustodyService,
  EPISODE_SUPERVISION_SQL,
  EpisodeStatus,
  SentenceTypeEnum,
} from '@resettle/custody';
import { jsonRowShape, lockAtVersion, preparedQuery } from '@resettle/database';
import { PlanningService } from '@resettle/planning';
import { writeOutbox } from '@resettle/queue';
import { Milestone } from './entities/milestone.entity';
import { MilestonePolicyOverride } from './entities/milestone-policy-override.entity';
import { MilestoneKey, MilestoneStatus } from './milestone-enums';
import { currentAddressOf, factMeeting, PlanFacts, reopensForAnotherHearing } from './rules/milestone-facts';
import {
  anchorsOf,
  applies,
  DEFAULT_MILESTONE_POLICY,
  dueDate,
  hearingDeadlineWaiver,
  mergePolicy,
  MILESTONE_KEYS,
  MilestoneAnchors,
  MilestoneOffset,
  MilestoneOverride as PolicyOverride,
  MilestonePolicy,
  reopensForNextHearing,
  stillApplies,
} from './rules/milestone-policy';

function anchorsOfEpisode(
  episode: CustodialEpisode,
  latestSentenceDate: string | null,
  nextHearingDate: string | null,
): MilestoneAnchors {
  return anchorsOf({
    startDate: episode.startDate,
    remandDate: episode.remandDate,
    latestSentenceDate,
    earliestReleaseDate: episode.earliestReleaseDate,
    earlyReleaseDate: episode.earlyReleaseDate,
    lateReleaseDate: episode.lateReleaseDate,
    releaseDateOverride: episode.releaseDateOverride,
    expectedReleaseDate: episode.expectedReleaseDate,
    sentenced: !!episode.sentenceType && episode.sentenceType !== SentenceTypeEnum.REMAND,
    nextHearingDate: episode.status === EpisodeStatus.REMANDED ? nextHearingDate : null,
  });
}

/** The request loader of an episode's milestones, by episode id (the episode's `milestones` field). */
export const MILESTONES_OF_EPISODE_LOADER = 'milestonesOfEpisode';

/** The outbox topic the worker's engine turns into a milestone's reminder, due and escalation jobs. */
const MILESTONE_SCHEDULE_TOPIC = 'milestones.schedule';

export interface EffectivePolicy {
  policy: MilestonePolicy;
  overridden: Set<MilestoneKey>;
}

export interface AtRiskFilter {
  withinDays?: number;
  includeMissed?: boolean;
  youthJusticeServiceId?: string;
  establishmentId?: string;
  caseManagerId?: string;
  onlyMissed?: boolean;
  keys?: MilestoneKey[];
}

/** How many of the at-risk list's milestones fall to a case manager (null: none assigned), and how many are missed. */
export interface AtRiskCaseManagerCount {
  caseManagerId: string | null;
  count: number;
  missedCount: number;
}

export interface SetPolicyChange {
  youthJusticeServiceId: string;
  key: MilestoneKey;
  offset?: MilestoneOffset;
  reminders?: MilestoneOffset[];
  disabled?: boolean;
  resetToDefault?: boolean;
}

const OPEN = [MilestoneStatus.PENDING, MilestoneStatus.MISSED];

/**
 * Milestones: the deadlines of each custodial episode. Rows are created when the episode starts and recomputed in
 * the transaction of every change to a date they hang on (custody's EpisodeLifecycle) or to a fact that meets them
 * (planning's PlanLifecycle). Every milestone created or whose due date or status changes gets a
 * `milestones.schedule` outbox row in the same transaction; the worker (re)schedules its jobs from it.
 */
@Injectable()
export class MilestonesService {
  private readonly log = new Logger(MilestonesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyService,
    private readonly planning: PlanningService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- policy

  /** A service's policy: the defaults with its overrides. */
  async effectivePolicy(
    youthJusticeServiceId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<EffectivePolicy> {
    const rows = await em.find(MilestonePolicyOverride, { where: { youthJusticeServiceId } });
    return {
      policy: mergePolicy(DEFAULT_MILESTONE_POLICY, rows.map(toPolicyOverride)),
      overridden: new Set(rows.map((r) => r.key)),
    };
  }

  /**
   * The policies of the services that override any of it (a small table), by service; every other service has the
   * defaults. For the deadline engine and its watchdog, which look at every service's milestones at once.
   */
  async overriddenPolicies(): Promise<Map<string, MilestonePolicy>> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT youth_justice_service_id AS id FROM milestone_policy_override`,
    );
    const effective = await this.effectivePolicies(rows.map((r) => r.id));
    return new Map(rows.map((r, i) => [r.id, effective[i].policy]));
  }

  /** For DataLoader: each service's effective policy. */
  async effectivePolicies(
    serviceIds: readonly string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<EffectivePolicy[]> {
    const rows = serviceIds.length
      ? await em.find(MilestonePolicyOverride, { where: { youthJusticeServiceId: In([...serviceIds]) } })
      : [];
    return serviceIds.map((id) => {
      const own = rows.filter((r) => r.youthJusticeServiceId === id);
      return {
        policy: mergePolicy(DEFAULT_MILESTONE_POLICY, own.map(toPolicyOverride)),
        overridden: new Set(own.map((r) => r.key)),
      };
    });
  }

  /**
   * A manager changes one milestone of their service's policy (the resolver checks who). Applies to due dates
   * worked out from now on: each episode's milestones follow at its next change (or `refreshAllEpisodes`).
   */
  async setPolicy(change: SetPolicyChange, caller: Caller): Promise<EffectivePolicy> {
    return this.dataSource.transaction(async (em) => {
      const existing = await em.findOne(MilestonePolicyOverride, {
        where: { youthJusticeServiceId: change.youthJusticeServiceId, key: change.key },
        lock: { mode: 'pessimistic_write' },
      });
      const before = existing ? overrideSnapshot(existing) : null;
      let after: Record<string, unknown> | null = null;
      if (change.resetToDefault) {
        if (existing) await em.delete(MilestonePolicyOverride, { id: existing.id });
      } else {
        const row =
          existing ??
          em.create(MilestonePolicyOverride, {
            youthJusticeServiceId: change.youthJusticeServiceId,
            key: change.key,
            disabled: false,
          });
        if (change.offset) {
          row.offsetAmount = change.offset.amount;
          row.offsetUnit = change.offset.unit;
          row.offsetDirection = change.offset.direction;
        }
        if (change.reminders)
          row.reminders = change.reminders.map((r) => ({ amount: r.amount, unit: r.unit, direction: 'BEFORE' }));
        if (change.disabled !== undefined) row.disabled = change.disabled;
        row.updatedById = caller.actor.userId;
        after = overrideSnapshot(await em.save(row));
      }
      await this.audit.recordChange(em, caller, {
        resourceType: 'MilestonePolicy',
        resourceId: change.youthJusticeServiceId,
        before,
        after,
        detail: { key: change.key, resetToDefault: !!change.resetToDefault },
      });
      return this.effectivePolicy(change.youthJusticeServiceId, em);
    });
  }

  // ---------------------------------------------------------------- reads

  find(id: string): Promise<Milestone | null> {
    return this.dataSource.getRepository(Milestone).findOneBy({ id });
  }

  /** Each episode's milestones, soonest due first (those without a date last). For DataLoader. */
  /**
   * The caseload's part (see `CaseloadPrefetch`): each episode's milestones, in the order `milestonesOfEpisodes`
   * gives them, as JSON in the page's own statement.
   */
  caseloadPart(): CaseloadPrefetchPart {
    const shape = jsonRowShape<Milestone>(this.dataSource.getMetadata(Milestone));
    return {
      field: 'milestones',
      sql: (episode, page) =>
        // Only the fields asked for: the loader is keyed by the episode, and the order is the statement's.
        `COALESCE((SELECT json_agg(${shape.select('m', page.columns(), [])} ORDER BY m.due_date ASC NULLS LAST, m.key ASC)
                     FROM milestone m WHERE m.episode_id = ${episode}.id), '[]'::json)`,
      prime: (loaders, episode, value) =>
        loaders.prime(
          MILESTONES_OF_EPISODE_LOADER,
          episode.id,
          (value as Record<string, unknown>[]).map((row) => shape.decode(row)),
        ),
    };
  }

  /**
   * What the caseload filters and sorts by (see `CaseloadDeadlineSql`): the soonest deadline still to do (as the
   * portal's "next deadline"), and whether any was marked missed.
   */
  caseloadDeadlineSql(): CaseloadDeadlineSql {
    return {
      nextDueDate: (episodeId) =>
        `(SELECT min(m.due_date) FROM milestone m WHERE m.episode_id = ${episodeId} AND m.status = 'PENDING')`,
      hasMissed: (episodeId) =>
        `EXISTS (SELECT 1 FROM milestone m WHERE m.episode_id = ${episodeId} AND m.status = 'MISSED')`,
    };
  }

  /**
   * One milestone of an episode as SQL, for another feature's list that filters or sorts by it (the referrals inbox
   * by the deadline each referral meets): its due date (null when there is none yet), and whether it is late, that is
   * marked missed or still to do with its due date before `todaySql`.
   */
  milestoneSql(episodeIdSql: string, keySql: string): { dueDate: string; late: (todaySql: string) => string } {
    const of = `FROM milestone m WHERE m.episode_id = ${episodeIdSql} AND m.key = (${keySql})::milestone_key`;
    return {
      dueDate: `(SELECT m.due_date ${of})`,
      late: (todaySql) =>
        `EXISTS (SELECT 1 ${of} AND (m.status = 'MISSED' OR (m.status = 'PENDING' AND m.due_date < ${todaySql})))`,
    };
  }

  async milestonesOfEpisodes(episodeIds: readonly string[]): Promise<Milestone[][]> {
    const rows = await this.dataSource
      .getRepository(Milestone)
      .createQueryBuilder('m')
      .where('m.episode_id IN (:...ids)', { ids: [...episodeIds] })
      .orderBy('m.due_date', 'ASC', 'NULLS LAST')
      .addOrderBy('m.key', 'ASC')
      .getMany();
    return episodeIds.map((id) => rows.filter((m) => m.episodeId === id));
  }

  /**
   * Unmet milestones of children in custody in the caller's slice: missed ones first, then due within
   * `withinDays`, soonest first; keyset-paginated on (missed first, due date, id). Filtered in SQL.
   *
   * One statement gives the page, its total and (with `caseManagers`) how many of the list's milestones, under
   * every filter but the case manager, fall to each case manager of the episode (null: none assigned), with how
   * many of them are missed, for grouping the list by case manager: the three were a statement each, over the
   * same rows, on a page managers open all day.
   */
  async atRisk(
    filter: AtRiskFilter,
    scope: CaseloadScope,
    first?: number,
    after?: string,
    options: { caseManagers?: boolean } = {},
  ): Promise<ConnectionShape<Milestone> & { caseManagers?: AtRiskCaseManagerCount[] }> {
    const limit = pageSize(first);
    // The case manager is chosen below, so the counts by case manager come from the same rows.
    const [listSql, params] = this.atRiskQuery({ ...filter, caseManagerId: undefined }, scope)
      .select('m.id', 'id')
      .getQueryAndParameters();
    const values: unknown[] = [...params];
    const param = (value: unknown, type: string) => {
      values.push(value);
      return `$${values.length}::${type}`;
    };
    const rank = (alias: string) => `(CASE WHEN ${alias}.status = 'MISSED' THEN 0 ELSE 1 END)`;
    const chosen = filter.caseManagerId ? `WHERE l.case_manager_id = ${param(filter.caseManagerId, 'uuid')}` : '';
    let cursor = '';
    if (after) {
      const [r, d, id] = decodeCursor(
        after,
        3,
        ([r0, d0, i0]) => (r0 === 0 || r0 === 1) && isIsoDate(d0) && isUuid(i0),
      ) as [number, string, string];
      cursor = `WHERE (${rank('c')}, c.due_date, c.id) > (${param(r, 'int')}, ${param(d, 'date')}, ${param(id, 'uuid')})`;
    }
    const shape = jsonRowShape<Milestone>(this.dataSource.getMetadata(Milestone));
    const byCaseManager = options.caseManagers
      ? `(SELECT COALESCE(json_agg(json_build_object('caseManagerId', g.case_manager_id, 'count', g.n, 'missedCount', g.missed)), '[]'::json)
            FROM (SELECT l.case_manager_id, count(*)::int AS n, (count(*) FILTER (WHERE l.status = 'MISSED'))::int AS missed
                    FROM listed l GROUP BY l.case_manager_id) g)`
      : `NULL::json`;
    const [row]: { total: number; rows: Record<string, unknown>[]; managers: AtRiskCaseManagerCount[] | null }[] =
      await preparedQuery(
        this.dataSource,
        `WITH listed AS (
           SELECT m.*, s.case_manager_id FROM milestone m JOIN ${EPISODE_SUPERVISION_SQL} s ON s.episode_id = m.episode_id
            WHERE m.id IN (${listSql})
         ), chosen AS (SELECT * FROM listed l ${chosen})
         SELECT (SELECT count(*)::int FROM chosen) AS total,
                COALESCE((SELECT json_agg(${shape.select('p')} ORDER BY ${rank('p')}, p.due_date, p.id)
                            FROM (SELECT * FROM chosen c ${cursor} ORDER BY ${rank('c')}, c.due_date, c.id
                                   LIMIT ${param(limit + 1, 'int')}) p), '[]'::json) AS rows,
                ${byCaseManager} AS managers`,
        values,
      );
    const page = toConnection(
      row.rows.map((r) => shape.decode(r)),
      limit,
      row.total,
      (m) => encodeCursor([m.status === MilestoneStatus.MISSED ? 0 : 1, m.dueDate, m.id]),
    );
    return row.managers ? { ...page, caseManagers: row.managers } : page;
  }

  /** The at-risk list's rows, filtered in SQL (the caller's slice, then the filter), unordered. */
  private atRiskQuery(filter: AtRiskFilter, scope: CaseloadScope) {
    const withinDays = filter.withinDays ?? 14;
    const includeMissed = filter.includeMissed ?? true;
    const until = addDays(this.clock.today(), withinDays);
    const qb = this.dataSource.getRepository(Milestone).createQueryBuilder('m');
    // The caller's slice of children in custody is custody's (and the looked-after part the children feature's).
    let n = 0;
    const param = (value: unknown, type: string) => {
      const name = `scope${n++}`;
      qb.setParameter(name, value);
      return `CAST(:${name} AS ${type})`;
    };
    qb.where(`m.episode_id IN (${this.custody.inCustodyInScopeSql(scope, filter, param)})`);
    if (filter.onlyMissed) qb.andWhere(`m.status = 'MISSED'`);
    else
      qb.andWhere(
        new Brackets((or) => {
          or.where(`(m.status = 'PENDING' AND m.due_date <= :until)`, { until });
          if (includeMissed) or.orWhere(`m.status = 'MISSED'`);
        }),
      );
    if (filter.keys?.length) qb.andWhere(`m.key IN (:...keys)`, { keys: [...new Set(filter.keys)] });
    return qb;
  }

  /** The planning facts of a plan, through planning's service, in the caller's transaction. */
  factsOfPlan(em: EntityManager, planId: string): Promise<PlanFacts | null> {
    return this.planning.milestoneFacts(em, { planId });
  }

  /**
   * The dates each episode's milestones hang on now (`anchorsOf`, as `refreshEpisode` works them out), null for an
   * episode that does not exist: for DataLoader (a referral's deadline says what it is counted from).
   */
  async anchorsOfEpisodes(episodeIds: readonly string[]): Promise<(MilestoneAnchors | null)[]> {
    const [episodes, sentences, hearings] = await Promise.all([
      this.custody.findByIds(episodeIds),
      this.custody.sentencesOf(episodeIds),
      this.custody.nextHearingsOf(episodeIds),
    ]);
    return episodes.map((episode, i) => {
      if (!episode) return null;
      // The latest sentence: by sentence date, then the one recorded last (as `episodeWithLatestSentenceDate`).
      const latest = sentences[i].reduce<(typeof sentences)[number][number] | null>(
        (best, s) =>
          !best ||
          s.sentenceDate > best.sentenceDate ||
          (s.sentenceDate === best.sentenceDate && s.createdAt >= best.createdAt)
            ? s
            : best,
        null,
      );
      return anchorsOfEpisode(episode, latest?.sentenceDate ?? null, hearings[i]?.hearingDate ?? null);
    });
  }

  // ---------------------------------------------------------------- changes

  /**
   * Brings an episode's milestones up to date inside the caller's transaction: creates missing ones, recomputes
   * the due dates of PENDING and MISSED ones from the current anchors (a MISSED one whose date moves to today or
   * later is PENDING again, its escalation reset), and marks MET from the planning facts. MET and WAIVED ones are
   * never changed. A milestone turned off for the service is not created; an existing one is left as it is.
   * Writes one `milestones.schedule` outbox row naming every milestone created or changed. Not audited itself: the
   * change that triggered it is.
   */
  async refreshEpisode(
    em: EntityManager,
    episodeOrId: CustodialEpisode | string,
    _caller?: Caller,
    knownFacts?: PlanFacts | null,
  ): Promise<Milestone[]> {
    const episodeId = typeof episodeOrId === 'string' ? episodeOrId : episodeOrId.id;
    // One refresh of an episode at a time (a plan change and a custody change can race): until the transaction ends.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('milestones:' || $1))`, [episodeId]);
    const read = await this.custody.episodeWithLatestSentenceDate(em, episodeId);
    if (!read) return [];
    const episode = typeof episodeOrId === 'string' ? read.episode : episodeOrId;
    const facts = knownFacts ?? (await this.planning.milestoneFacts(em, { episodeId }));
    const { policy } = await this.effectivePolicy(episode.supervisingServiceId, em);
    const anchors = anchorsOfEpisode(episode, read.latestSentenceDate, read.nextHearingDate);
    const scope = {
      remandDate: episode.remandDate,
      onRemand: episode.status === EpisodeStatus.REMANDED,
      nextHearingDate: read.nextHearingDate,
    };
    const today = this.clock.today();
    const existing = new Map((await em.find(Milestone, { where: { episodeId } })).map((m) => [m.key, m]));
    const changed: Milestone[] = [];
    for (const key of MILESTONE_KEYS) {
      const entry = policy[key];
      const row = existing.get(key);
      if (!row && !applies(entry, scope)) continue;
      if (row && OPEN.includes(row.status) && !stillApplies(entry, scope)) {
        // Sentenced, gone from court, or the hearing cancelled: release at that hearing no longer hangs on it. Closed,
        // not left to escalate.
        row.status = MilestoneStatus.WAIVED;
        row.waivedReason = hearingDeadlineWaiver({
          sentenced: episode.status === EpisodeStatus.SENTENCED,
          onRemand: scope.onRemand,
          cancelledHearingReason: read.cancelledHearingReason,
        });
        row.waivedById = null;
        changed.push(await em.save(row));
        continue;
      }
      const reopened = !!row && reopensForNextHearing(entry, row, scope);
      if (reopened) {
        // Waived when the last hearing was cancelled; a new one is scheduled: counted back from it, from the start.
        row.status = MilestoneStatus.PENDING;
        row.waivedReason = null;
        row.escalationLevel = 0;
      }
      const due = dueDate(entry, anchors);
      const evidence = facts ? factMeeting(key, facts) : null;
      // Children's services were told of a hearing that is over (remanded again): the next one must be told too.
      const toldAgain = !!row && row.status === MilestoneStatus.MET && !!facts && reopensForAnotherHearing(row, facts);
      if (toldAgain) {
        row.status = MilestoneStatus.PENDING;
        row.metAt = null;
        row.evidence = null;
        row.escalationLevel = 0;
      }
      if (row?.status === MilestoneStatus.MET) {
        // A met milestone keeps its fact, but shows the current due date beside when it was met.
        let dirtyMet = false;
        if (row.dueDate !== due) {
          row.dueDate = due;
          dirtyMet = true;
        }
        // The child was told an address that is no longer the one they will live at: they must be told again.
        if (facts && reopensOnNewAddress(row, facts)) {
          row.status = MilestoneStatus.PENDING;
          row.metAt = null;
          row.evidence = null;
          row.escalationLevel = 0;
          dirtyMet = true;
        }
        if (dirtyMet) changed.push(await em.save(row));
        continue;
      }
      if (row && !OPEN.includes(row.status)) continue;
      const target =
        row ??
        em.create(Milestone, {
          episodeId,
          childId: episode.childId,
          key,
          dueDate: due,
          status: MilestoneStatus.PENDING,
          metAt: null,
          evidence: null,
          waivedReason: null,
          waivedById: null,
          escalationLevel: 0,
        });
      let dirty = !row || reopened || toldAgain;
      if (target.dueDate !== due) {
        target.dueDate = due;
        dirty = true;
      }
      if (evidence) {
        target.status = MilestoneStatus.MET;
        target.metAt = new Date(evidence.at);
        target.evidence = evidence;
        dirty = true;
      } else if (target.status === MilestoneStatus.MISSED && due !== null && due >= today) {
        target.status = MilestoneStatus.PENDING;
        target.escalationLevel = 0;
        dirty = true;
      }
      if (dirty) changed.push(await em.save(target));
    }
    // One schedule job for the whole change, so the engine re-plans the episode in one pass. Its id names each
    // milestone's new version, so the same change relayed twice is one job and a later change is another.
    if (changed.length) {
      const versions = createHash('sha1')
        .update(
          changed
            .map((m) => `${m.id}:${m.version}`)
            .sort()
            .join(','),
        )
        .digest('hex')
        .slice(0, 16);
      await writeOutbox(em, {
        topic: MILESTONE_SCHEDULE_TOPIC,
        payload: { milestoneIds: changed.map((m) => m.id) },
        jobId: `schedule:${episodeId}:${versions}`,
      });
    }
    return changed;
  }

  /** A manager waives a milestone, with the reason; the engine drops its jobs. Audited in the same transaction. */
  async waive(
    input: { milestoneId: string; expectedVersion: number; reason: string },
    caller: Caller,
  ): Promise<Milestone> {
    return this.dataSource.transaction(async (em) => {
      const milestone = await lockAtVersion(em, Milestone, input.milestoneId, input.expectedVersion, 'Milestone');
      if (milestone.status === MilestoneStatus.MET || milestone.status === MilestoneStatus.WAIVED) {
        throw new ConflictError(`The milestone is already ${milestone.status.toLowerCase()}`);
      }
      const before = {
        status: milestone.status,
        waivedReason: milestone.waivedReason,
        waivedById: milestone.waivedById,
      };
      milestone.status = MilestoneStatus.WAIVED;
      milestone.waivedReason = input.reason.trim();
      milestone.waivedById = caller.actor.userId;
      const saved = await em.save(milestone);
      await this.audit.recordChange(em, caller, {
        resourceType: 'Milestone',
        resourceId: saved.id,
        childId: saved.childId,
        before,
        after: { status: saved.status, waivedReason: saved.waivedReason, waivedById: saved.waivedById },
        detail: { key: saved.key, episodeId: saved.episodeId },
      });
      await writeOutbox(em, {
        topic: MILESTONE_SCHEDULE_TOPIC,
        payload: { milestoneIds: [saved.id] },
        jobId: `schedule:${saved.id}:${saved.version}`,
      });
      return saved;
    });
  }

  /**
   * Every episode's milestones, one transaction per episode (existing data, the demo seed). Returns how many changed.
   * `concurrency` episodes are refreshed at once, each in its own transaction on its own pooled connection (the
   * per-episode advisory lock keeps each episode's refresh single), so commits overlap instead of queueing: at
   * 100,000 episodes one at a time took about a quarter of an hour.
   */
  async refreshAll(batchSize = 500, concurrency = 4): Promise<number> {
    let changed = 0;
    let lastId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.custody.episodeIdsAfter(lastId, batchSize);
      if (ids.length === 0) break;
      let next = 0;
      const lane = async () => {
        while (next < ids.length) {
          const id = ids[next++];
          const refreshed = await this.dataSource.transaction((em) => this.refreshEpisode(em, id));
          changed += refreshed.length;
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
      lastId = ids[ids.length - 1];
      this.log.log(`Milestones refreshed up to episode ${lastId}`);
    }
    return changed;
  }
}

/**
 * CHILD_TOLD_WHERE_LIVING met by telling the child an address, when another address has been confirmed since (a
 * new referral confirmed or arrangement recorded after the child was told): open again, PENDING, so the engine
 * reminds, and marks it missed if its date has passed. Only a later confirmation re-opens it (never a fact that
 * merely cannot be seen); every other met milestone stays met with the fact that met it.
 */
function reopensOnNewAddress(row: Milestone, facts: PlanFacts): boolean {
  if (row.key !== MilestoneKey.CHILD_TOLD_WHERE_LIVING || row.evidence?.type !== 'ChildToldWhereLiving') return false;
  const current = currentAddressOf(facts);
  const toldAt = new Date(String(row.evidence.at)).getTime();
  return !!current && current.id !== row.evidence.addressRecordId && current.confirmedAt.getTime() > toldAt;
}

function toPolicyOverride(row: MilestonePolicyOverride): PolicyOverride {
  return {
    key: row.key,
    offset:
      row.offsetAmount !== null && row.offsetUnit && row.offsetDirection
        ? { amount: row.offsetAmount, unit: row.offsetUnit, direction: row.offsetDirection }
        : null,
    reminders: row.reminders,
    disabled: row.disabled,
  };
}

function overrideSnapshot(row: MilestonePolicyOverride): Record<string, unknown> {
  return {
    key: row.key,
    offsetAmount: row.offsetAmount,
    offsetUnit: row.offsetUnit,
    offsetDirection: row.offsetDirection,
    reminders: row.reminders,
    disabled: row.disabled,
  };
}
