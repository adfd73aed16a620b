import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Caller, ChildRelations, ChildScope, ESTABLISHMENT_PATHWAY_TYPES, SqlParam } from '@resettle/access';
import { AuditService } from '@resettle/audit';
import {
  BadUserInputError,
  byIds,
  Clock,
  ConflictError,
  groupByIds,
  NotFoundError,
  StaleVersionError,
} from '@resettle/common';
import type { CaseloadPrefetchPart, PageSelection } from '@resettle/custody';
import { jsonRowShape, selectJsonRows } from '@resettle/database';
import { Organisation, OrganisationsService, SECURE_ESTABLISHMENT_TYPES } from '@resettle/organisations';
import {
  AddPathwayActionInput,
  MarkPlanAgreedInput,
  RecordCircumstanceInput,
  RecordPlanExplanationInput,
  RecordPriorInterventionInput,
  RemoveCircumstanceInput,
  RemovePriorInterventionInput,
  UpdateChildVoiceInput,
  UpdatePathwayActionInput,
  UpdatePathwayInput,
  UpdatePriorInterventionInput,
} from './dto/plan.inputs';
import { Pathway } from './entities/pathway.entity';
import { PathwayAction } from './entities/pathway-action.entity';
import { PlanCircumstance } from './entities/plan-circumstance.entity';
import { PlanEvent } from './entities/plan-event.entity';
import { PriorIntervention } from './entities/prior-intervention.entity';
import { ResettlementPlan } from './entities/resettlement-plan.entity';
import { ChildToldWhereLiving } from './facts/entities/child-told-where-living.entity';
import { EtePlacement } from './facts/entities/ete-placement.entity';
import { HealthHandover } from './facts/entities/health-handover.entity';
import { PlanFactsService } from './facts/facts.service';
import type { ConfirmedAddress } from './facts/plan-fact-sources';
import { PlanningMeeting } from './meetings/entities/planning-meeting.entity';
import { MeetingStatus, MeetingType } from './meetings/meeting-enums';
import { PlanChange, PlanHistory } from './plan-history.service';
import { PlanPrefetch } from './plan-prefetch';
import {
  CircumstanceKind,
  PATHWAY_TYPES,
  PathwayStatus,
  PathwayType,
  PlanEventType,
  PlanStatus,
} from './planning-enums';
import { ReleaseDayPlan } from './release/entities/release-day-plan.entity';
import { agreementBlockers, pathwayLabel } from './rules/plan-agreement';
import { repeatWarning } from './rules/repeated-interventions';

/** The request loaders of an episode's plan (by episode id) and of a plan's pathways (by plan id). */
export const PLAN_OF_EPISODE_LOADER = 'planOfEpisode';
export const PATHWAYS_OF_PLAN_LOADER = 'pathways';

/** Pathways in the order of the pathway types (the order every plan shows them in). */
function inPathwayOrder(rows: Pathway[]): Pathway[] {
  const order = (p: Pathway) => PATHWAY_TYPES.indexOf(p.type);
  return rows.sort((a, b) => order(a) - order(b));
}

const VOICE_FIELDS = [
  'selfAssessment',
  'aspirations',
  'strengths',
  'interests',
  'learningStyle',
  'communicationNeeds',
  'communicationAdaptations',
] as const;
const PATHWAY_FIELDS = [
  'needLevel',
  'needSummary',
  'responsibleOrganisationId',
  'ownerName',
  'ownerUserId',
  'childView',
  'childViewUnavailableReason',
  'notes',
] as const;
const ACTION_FIELDS = ['ownerOrganisationId', 'ownerName', 'dueDate', 'doneOn'] as const;
const PRIOR_INTERVENTION_FIELDS = ['orderDescription', 'completedOn', 'deliveredBy', 'outcome'] as const;

/** Each circumstance in the plan's history lines. */
const CIRCUMSTANCE_LABELS: Record<CircumstanceKind, string> = {
  [CircumstanceKind.LOOKED_AFTER]: 'looked after',
  [CircumstanceKind.CARE_LEAVER]: 'care leaver',
  [CircumstanceKind.GENDER]: 'gender',
  [CircumstanceKind.ETHNICITY]: 'ethnicity',
  [CircumstanceKind.DISABILITY]: 'disability',
  [CircumstanceKind.EHCP]: 'EHCP',
  [CircumstanceKind.PARENT]: 'a parent',
  [CircumstanceKind.EXPECTING_PARENT]: 'expecting a baby',
  [CircumstanceKind.YOUNG_CARER]: 'young carer',
};

/** Copies the fields the caller sent: left out keeps the value, null clears it. */
function applyPatch<T extends object>(row: T, input: object, fields: readonly string[]): void {
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    if (value !== undefined)
      (row as Record<string, unknown>)[field] = typeof value === 'string' ? value.trim() || null : value;
  }
}

export interface AddedPathwayAction {
  action: PathwayAction;
  pathway: Pathway;
  /** For instance, the child has done this intervention on an earlier order. */
  warnings: string[];
}

/**
 * The resettlement plan: created with its episode, then built with the child. Every change runs in one
 * transaction that locks the row it changes, refuses a stale version, and appends the plan's history and the
 * audit row (`PlanHistory`).
 */
@Injectable()
export class PlanningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: PlanHistory,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
    private readonly facts: PlanFactsService,
    private readonly audit: AuditService,
    private readonly planPrefetch: PlanPrefetch,
  ) {}

  // ---------------------------------------------------------------- access facts

  /** Organisations responsible for a pathway of each child's plans (for `ChildRelationsRegistry`). */
  relationsSql(childId: string): string {
    // NULLs are dropped after aggregating, not in WHERE: given `responsible_organisation_id IS NOT NULL` the planner
    // ANDed in the index on that column, reading every assigned pathway in the country for each child.
    return `COALESCE((SELECT array_remove(array_agg(DISTINCT w.responsible_organisation_id), NULL)
                        FROM resettlement_plan p JOIN pathway w ON w.plan_id = p.id
                       WHERE p.child_id = ${childId}), '{}')`;
  }

  withRelations(entry: ChildRelations, organisationIds: string[]): ChildRelations {
    return organisationIds.length
      ? { ...entry, pathwayOrganisationIds: [...entry.pathwayOrganisationIds, ...organisationIds] }
      : entry;
  }

  /** Planning's part of a child scope (for `ChildRelationsRegistry.scopeSql`): a pathway a listed partner owns. */
  childScopeSql(childId: string, scope: ChildScope, param: SqlParam): string[] {
    if (!scope.pathwayOrganisationIds.length) return [];
    return [
      `${childId} IN (SELECT p.child_id FROM resettlement_plan p JOIN pathway w ON w.plan_id = p.id
                       WHERE w.responsible_organisation_id = ANY(${param(scope.pathwayOrganisationIds, 'uuid[]')}))`,
    ];
  }

  // ---------------------------------------------------------------- reads

  findPlan(id: string): Promise<ResettlementPlan | null> {
    return this.dataSource.getRepository(ResettlementPlan).findOneBy({ id });
  }

  /** Plans by id, in the order asked (null for one that is gone): a request's loader of the plans of pathways. */
  async plansByIds(ids: readonly string[]): Promise<(ResettlementPlan | null)[]> {
    const rows = await this.dataSource.getRepository(ResettlementPlan).findBy({ id: In([...ids]) });
    return ids.map((id) => rows.find((row) => row.id === id) ?? null);
  }

  /** For reading only (a plain object, without TypeORM's hydration: asked on every read of a plan). */
  async findPlanOfEpisode(episodeId: string): Promise<ResettlementPlan | null> {
    const [plan] = await selectJsonRows(this.dataSource, ResettlementPlan, 't.episode_id = $1', [episodeId]);
    return plan ?? null;
  }

  findPathway(id: string): Promise<Pathway | null> {
    return this.dataSource.getRepository(Pathway).findOneBy({ id });
  }

  findAction(id: string): Promise<PathwayAction | null> {
    return this.dataSource.getRepository(PathwayAction).findOneBy({ id });
  }

  /**
   * The caseload's part (see `CaseloadPrefetch`): each episode's plan and, when the page asks for them, its
   * pathways, as JSON in the page's own statement, primed for `plansOfEpisodes` and `pathwaysOf`; and what the
   * registered `PlanPrefetch` parts give for the plan's other fields the page asks for (the plan page's lists).
   */
  caseloadPart(): CaseloadPrefetchPart {
    const plan = jsonRowShape<ResettlementPlan>(this.dataSource.getMetadata(ResettlementPlan));
    const pathway = jsonRowShape<Pathway>(this.dataSource.getMetadata(Pathway));
    return {
      field: 'resettlementPlan',
      sql: (episode, page) =>
        // `pathways` is read from the plan's ids (pathwaysOf(plan.id), visibility by plan.childId: the needs the
        // caseload declares for it); each pathway needs its type (the order) and responsible organisation (who may
        // see it) besides the fields asked for.
        `(SELECT json_build_object('plan', ${plan.select(
          'rp',
          page.columns()?.filter((f) => f !== 'pathways'),
          ['id', 'childId'],
        )}` +
        // The agreement's blockers and the repeated interventions read every pathway too.
        (['pathways', 'agreement', 'repeatedInterventions'].some((field) => page.selects(field))
          ? `, 'pathways', COALESCE((SELECT json_agg(${pathway.select('w', page.columns('pathways'), ['type', 'responsibleOrganisationId'])}) FROM pathway w WHERE w.plan_id = rp.id), '[]'::json)`
          : '') +
        this.planPartsSql('rp', page) +
        `) FROM resettlement_plan rp WHERE rp.episode_id = ${episode}.id)`,
      prime: (loaders, episode, value) => {
        const found = value as {
          plan: Record<string, unknown>;
          pathways?: Record<string, unknown>[];
          parts?: Record<string, unknown>;
        } | null;
        const row = found ? plan.decode(found.plan) : null;
        loaders.prime(PLAN_OF_EPISODE_LOADER, episode.id, row);
        if (row && found?.pathways)
          loaders.prime(PATHWAYS_OF_PLAN_LOADER, row.id, inPathwayOrder(found.pathways.map((p) => pathway.decode(p))));
        if (row && found?.parts)
          for (const { key, part } of this.planPrefetch.all())
            if (key in found.parts) part.prime(loaders, row, found.parts[key]);
      },
    };
  }

  /** The `PlanPrefetch` parts the page asks for, as a `parts` entry of the plan's JSON (nothing when none). */
  private planPartsSql(plan: string, page: PageSelection): string {
    const parts = this.planPrefetch.partsFor(page);
    if (!parts.length) return '';
    return `, 'parts', json_build_object(${parts.map(({ key, part }) => `'${key}', ${part.sql(plan, page)}`).join(', ')})`;
  }

  async plansOfEpisodes(episodeIds: readonly string[]): Promise<(ResettlementPlan | null)[]> {
    const rows = await this.dataSource.getRepository(ResettlementPlan).findBy({ episodeId: In([...episodeIds]) });
    return byIds(episodeIds, rows, (p) => p.episodeId);
  }

  async pathwaysOf(planIds: readonly string[]): Promise<Pathway[][]> {
    const rows = await selectJsonRows(this.dataSource, Pathway, 't.plan_id = ANY($1::uuid[])', [[...planIds]]);
    return groupByIds(planIds, inPathwayOrder(rows), (p) => p.planId);
  }

  async actionsOf(pathwayIds: readonly string[]): Promise<PathwayAction[][]> {
    const rows = await selectJsonRows(
      this.dataSource,
      PathwayAction,
      't.pathway_id = ANY($1::uuid[])',
      [[...pathwayIds]],
      't.created_at ASC',
    );
    return groupByIds(pathwayIds, rows, (a) => a.pathwayId);
  }

  async circumstancesOf(planIds: readonly string[]): Promise<PlanCircumstance[][]> {
    const rows = await this.dataSource
      .getRepository(PlanCircumstance)
      .find({ where: { planId: In([...planIds]) }, order: { kind: 'ASC' } });
    return groupByIds(planIds, rows, (c) => c.planId);
  }

  async priorInterventionsOf(childIds: readonly string[]): Promise<PriorIntervention[][]> {
    const rows = await this.dataSource
      .getRepository(PriorIntervention)
      .find({ where: { childId: In([...childIds]) }, order: { completedOn: 'ASC', createdAt: 'ASC' } });
    return groupByIds(childIds, rows, (i) => i.childId);
  }

  async historyOf(planIds: readonly string[]): Promise<PlanEvent[][]> {
    const rows = await this.dataSource
      .getRepository(PlanEvent)
      .find({ where: { planId: In([...planIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(planIds, rows, (e) => e.planId);
  }

  /**
   * For milestones (issue 5): the recorded facts that meet the deadlines of an episode's plan (held meetings, the
   * release-day plan's confirmation, the pathways), read through the caller's EntityManager so the change in
   * hand is seen. By the plan or by its episode; null when there is no plan.
   */
  /**
   * Each episode's pathways (type and responsible organisation), in the caller's transaction: who a partner lead is.
   */
  async pathwaysOfEpisodes(
    em: EntityManager,
    episodeIds: readonly string[],
  ): Promise<Map<string, { type: PathwayType; responsibleOrganisationId: string | null }[]>> {
    const rows: { episode_id: string; type: PathwayType; responsible_organisation_id: string | null }[] =
      episodeIds.length
        ? await em.query(
            `SELECT p.episode_id, w.type, w.responsible_organisation_id FROM pathway w JOIN resettlement_plan p ON p.id = w.plan_id WHERE p.episode_id = ANY($1::uuid[])`,
            [[...episodeIds]],
          )
        : [];
    const byEpisode = new Map<string, { type: PathwayType; responsibleOrganisationId: string | null }[]>(
      episodeIds.map((id) => [id, []]),
    );
    for (const r of rows)
      byEpisode.get(r.episode_id)?.push({ type: r.type, responsibleOrganisationId: r.responsible_organisation_id });
    return byEpisode;
  }

  async milestoneFacts(
    em: EntityManager,
    of: { planId: string } | { episodeId: string },
  ): Promise<
    | ({
        planId: string;
        episodeId: string;
        meetingsHeld: { id: string; type: MeetingType; heldAt: Date }[];
        releaseDayPlan: { id: string; confirmedAt: Date | null } | null;
        pathways: {
          id: string;
          type: PathwayType;
          status: PathwayStatus;
          needLevel: string | null;
          responsibleOrganisationId: string | null;
          childView: string | null;
          updatedAt: Date;
        }[];
        confirmedAddresses: (ConfirmedAddress & { confirmedOn: string })[];
        childTold: {
          id: string;
          addressRecordType: string;
          addressRecordId: string;
          address: string;
          toldOn: string;
          toldBy: string;
          how: string;
          recordedAt: Date;
        }[];
        etePlacements: {
          id: string;
          provider: string;
          startDate: string;
          hoursPerWeek: number;
          confirmedBy: string;
          recordedAt: Date;
        }[];
        healthHandovers: {
          id: string;
          pathwayType: string;
          receivingProvider: string;
          firstAppointmentOn: string;
          recordedAt: Date;
        }[];
      } & Awaited<ReturnType<PlanFactsService['hearingFacts']>>)
    | null
  > {
    const plan = await em.findOne(ResettlementPlan, {
      where: 'planId' in of ? { id: of.planId } : { episodeId: of.episodeId },
    });
    if (!plan) return null;
    // One after another: the transaction's one connection runs one query at a time.
    const meetings = await em.find(PlanningMeeting, { where: { planId: plan.id, status: MeetingStatus.HELD } });
    const releaseDayPlan = await em.findOne(ReleaseDayPlan, { where: { planId: plan.id } });
    const pathways = await em.find(Pathway, { where: { planId: plan.id } });
    const confirmedAddresses = await this.facts.confirmedAddresses(em, plan.id);
    const told = await em.find(ChildToldWhereLiving, { where: { planId: plan.id } });
    const ete = await em.find(EtePlacement, { where: { planId: plan.id } });
    const health = await em.find(HealthHandover, { where: { planId: plan.id } });
    const hearing = await this.facts.hearingFacts(em, plan);
    return {
      ...hearing,
      planId: plan.id,
      episodeId: plan.episodeId,
      meetingsHeld: meetings.map((m) => ({ id: m.id, type: m.type, heldAt: m.heldAt ?? m.updatedAt })),
      releaseDayPlan: releaseDayPlan ? { id: releaseDayPlan.id, confirmedAt: releaseDayPlan.confirmedAt } : null,
      pathways: pathways.map((p) => ({
        id: p.id,
        type: p.type,
        status: p.status,
        needLevel: p.needLevel,
        responsibleOrganisationId: p.responsibleOrganisationId,
        childView: p.childView,
        updatedAt: p.updatedAt,
      })),
      confirmedAddresses,
      childTold: told.map((t) => ({
        id: t.id,
        addressRecordType: t.addressRecordType,
        addressRecordId: t.addressRecordId,
        address: t.address,
        toldOn: t.toldOn,
        toldBy: t.toldBy,
        how: t.how,
        recordedAt: t.createdAt,
      })),
      etePlacements: ete.map((e) => ({
        id: e.id,
        provider: e.provider,
        startDate: e.startDate,
        hoursPerWeek: e.hoursPerWeek,
        confirmedBy: e.confirmedBy,
        recordedAt: e.createdAt,
      })),
      healthHandovers: health.map((h) => ({
        id: h.id,
        pathwayType: h.pathwayType,
        receivingProvider: h.receivingProvider,
        firstAppointmentOn: h.firstAppointmentOn,
        recordedAt: h.createdAt,
      })),
    };
  }

  // ---------------------------------------------------------------- creation

  /**
   * The plan for a new episode, with its nine pathways, inside the episode's own transaction (custody calls this
   * through its episode-started hook), so an episode never exists without its plan.
   */
  async createForEpisode(
    em: EntityManager,
    episode: { id: string; childId: string },
    caller: Caller,
  ): Promise<ResettlementPlan> {
    const plan = await em.save(
      em.create(ResettlementPlan, { episodeId: episode.id, childId: episode.childId, status: PlanStatus.DRAFT }),
    );
    await em.insert(
      Pathway,
      PATHWAY_TYPES.map((type) => ({ planId: plan.id, type })),
    );
    await this.history.record(
      em,
      {
        planId: plan.id,
        childId: plan.childId,
        type: PlanEventType.PLAN_CREATED,
        summary: 'Plan started with the custodial episode',
        record: { type: 'ResettlementPlan', id: plan.id },
        before: null,
        after: { episodeId: episode.id, status: plan.status },
      },
      caller,
    );
    return plan;
  }

  // ---------------------------------------------------------------- changes

  async updateChildVoice(input: UpdateChildVoiceInput, caller: Caller): Promise<ResettlementPlan> {
    return this.dataSource.transaction(async (em) => {
      const plan = await this.history.lockAtVersion(
        em,
        ResettlementPlan,
        input.planId,
        input.expectedVersion,
        'Resettlement plan',
      );
      const before = { ...plan };
      applyPatch(plan, input, VOICE_FIELDS);
      const saved = await em.save(plan);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.CHILD_VOICE_UPDATED,
          summary: 'The child’s voice updated',
          record: { type: 'ResettlementPlan', id: plan.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  async updatePathway(input: UpdatePathwayInput, caller: Caller): Promise<Pathway> {
    const responsible = input.responsibleOrganisationId
      ? await this.assertOrganisation(input.responsibleOrganisationId, 'responsibleOrganisationId')
      : null;
    return this.dataSource.transaction(async (em) => {
      const pathway = await this.history.lockAtVersion(em, Pathway, input.pathwayId, input.expectedVersion, 'Pathway');
      // A secure establishment provides education and health in custody, and owns only those pathways (the policy's
      // CHANGE_PATHWAY then lets it change them while it holds the child).
      if (
        responsible &&
        (SECURE_ESTABLISHMENT_TYPES as readonly string[]).includes(responsible.type) &&
        !ESTABLISHMENT_PATHWAY_TYPES.includes(pathway.type) &&
        responsible.id !== pathway.responsibleOrganisationId
      ) {
        throw BadUserInputError.forField(
          'responsibleOrganisationId',
          `A secure establishment is responsible only for education and health in custody, not the ${pathwayLabel(pathway.type)} pathway`,
        );
      }
      const plan = await em.findOneByOrFail(ResettlementPlan, { id: pathway.planId });
      const before = { ...pathway };
      applyPatch(pathway, input, PATHWAY_FIELDS);
      if (input.status) pathway.status = input.status;
      const saved = await em.save(pathway);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PATHWAY_UPDATED,
          summary: `The ${pathwayLabel(pathway.type)} pathway updated`,
          record: { type: 'Pathway', id: pathway.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  /**
   * Another feature's recorded fact moves a pathway (a referral sent, confirmed or fallen through): inside that
   * feature's transaction, so both commit or neither does, and through the plan's history like any pathway change.
   * With `onlyFrom`, a pathway at any other status is left as it is (null). `responsibleOrganisationId` is set, or
   * with `responsibleIfNone` only when the pathway has none.
   */
  async setPathwayStatus(
    em: EntityManager,
    change: {
      pathwayId: string;
      status: PathwayStatus;
      summary: string;
      onlyFrom?: readonly PathwayStatus[];
      responsibleOrganisationId?: string;
      responsibleIfNone?: boolean;
    },
    caller: Caller,
  ): Promise<Pathway | null> {
    const pathway = await em.findOne(Pathway, { where: { id: change.pathwayId }, lock: { mode: 'pessimistic_write' } });
    if (!pathway) throw new NotFoundError('Pathway', change.pathwayId);
    if (change.onlyFrom && !change.onlyFrom.includes(pathway.status)) return null;
    const plan = await em.findOneByOrFail(ResettlementPlan, { id: pathway.planId });
    const before = { ...pathway };
    pathway.status = change.status;
    if (change.responsibleOrganisationId) {
      if (change.responsibleIfNone) pathway.responsibleOrganisationId ??= change.responsibleOrganisationId;
      else pathway.responsibleOrganisationId = change.responsibleOrganisationId;
    }
    const saved = await em.save(pathway);
    await this.history.record(
      em,
      {
        planId: plan.id,
        childId: plan.childId,
        type: PlanEventType.PATHWAY_UPDATED,
        summary: change.summary,
        record: { type: 'Pathway', id: pathway.id },
        before,
        after: { ...saved },
      },
      caller,
    );
    return saved;
  }

  /**
   * The child's supervision moved to another youth justice service (custody's hand-over, in its transaction): the
   * pathways the old service was responsible for, and the open actions it owned, move to the new service with the
   * named person cleared (a person of the old service no longer holds them; the new service names its own), each with
   * a line in the plan's history. Pathways and actions of partners (the establishment, health, education, the
   * council) stay theirs, as do actions already done.
   */
  async handOverSupervision(
    em: EntityManager,
    handOver: { episodeId: string; fromServiceId: string; toServiceId: string; toServiceName: string },
    caller: Caller,
  ): Promise<void> {
    const plan = await em.findOneBy(ResettlementPlan, { episodeId: handOver.episodeId });
    if (!plan) return;
    const pathways = await em.find(Pathway, { where: { planId: plan.id }, lock: { mode: 'pessimistic_write' } });
    const cleared = { ownerName: null, ownerUserId: null };
    for (const pathway of pathways.filter((p) => p.responsibleOrganisationId === handOver.fromServiceId)) {
      const before = { ...pathway };
      Object.assign(pathway, { responsibleOrganisationId: handOver.toServiceId, ...cleared });
      const saved = await em.save(pathway);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PATHWAY_UPDATED,
          summary:
            `The ${pathwayLabel(pathway.type)} pathway moved to ${handOver.toServiceName} with the child’s supervision` +
            (before.ownerName ? ` (${before.ownerName} no longer named: the new service names its own)` : ''),
          record: { type: 'Pathway', id: pathway.id },
          before,
          after: { ...saved },
        },
        caller,
      );
    }
    const pathwayIds = pathways.map((p) => p.id);
    if (!pathwayIds.length) return;
    const actions = await em.find(PathwayAction, {
      where: { pathwayId: In(pathwayIds), ownerOrganisationId: handOver.fromServiceId, doneOn: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    for (const action of actions) {
      const before = { ...action };
      Object.assign(action, { ownerOrganisationId: handOver.toServiceId, ownerName: null });
      const saved = await em.save(action);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PATHWAY_ACTION_UPDATED,
          summary: `Action moved to ${handOver.toServiceName} with the child’s supervision: ${action.description}`,
          record: { type: 'PathwayAction', id: action.id },
          before,
          after: { ...saved },
        },
        caller,
      );
    }
  }

  /** Adds an action (an append: it needs no version), warning when the child did the same intervention before. */
  async addPathwayAction(
    input: AddPathwayActionInput,
    caller: Caller,
    em?: EntityManager,
    sourceMeetingId: string | null = null,
  ): Promise<AddedPathwayAction> {
    const run = async (tx: EntityManager): Promise<AddedPathwayAction> => {
      const pathway = await tx.findOneBy(Pathway, { id: input.pathwayId });
      if (!pathway) throw new NotFoundError('Pathway', input.pathwayId);
      const plan = await tx.findOneByOrFail(ResettlementPlan, { id: pathway.planId });
      const action = await tx.save(
        tx.create(PathwayAction, {
          pathwayId: pathway.id,
          description: input.description.trim(),
          intervention: input.intervention?.trim() || null,
          ownerOrganisationId: input.ownerOrganisationId ?? null,
          ownerName: input.ownerName?.trim() || null,
          dueDate: input.dueDate ?? null,
          doneOn: null,
          sourceMeetingId,
        }),
      );
      const warnings = await this.repeatWarnings(tx, plan.childId, action.intervention);
      await this.history.record(
        tx,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PATHWAY_ACTION_ADDED,
          summary: `Action on the ${pathwayLabel(pathway.type)} pathway: ${action.description}`,
          record: { type: 'PathwayAction', id: action.id },
          before: null,
          after: { ...action, ...(warnings.length ? { warnings } : {}) },
        },
        caller,
      );
      return { action, pathway, warnings };
    };
    if (input.ownerOrganisationId) await this.assertOrganisation(input.ownerOrganisationId, 'ownerOrganisationId');
    return em ? run(em) : this.dataSource.transaction(run);
  }

  async updatePathwayAction(input: UpdatePathwayActionInput, caller: Caller): Promise<PathwayAction> {
    if (input.ownerOrganisationId) await this.assertOrganisation(input.ownerOrganisationId, 'ownerOrganisationId');
    return this.dataSource.transaction(async (em) => {
      const action = await this.history.lockAtVersion(
        em,
        PathwayAction,
        input.actionId,
        input.expectedVersion,
        'Pathway action',
      );
      const pathway = await em.findOneByOrFail(Pathway, { id: action.pathwayId });
      const plan = await em.findOneByOrFail(ResettlementPlan, { id: pathway.planId });
      const before = { ...action };
      if (input.description !== undefined && input.description !== null) action.description = input.description.trim();
      applyPatch(action, input, ACTION_FIELDS);
      const saved = await em.save(action);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PATHWAY_ACTION_UPDATED,
          summary:
            saved.doneOn && !before.doneOn ? `Done: ${saved.description}` : `Action updated: ${saved.description}`,
          record: { type: 'PathwayAction', id: action.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  /**
   * Records one circumstance and what is done about it, or changes the one of that kind at the version the caller
   * read. Recording one that is already there (someone else recorded it meanwhile), or changing one that has gone or
   * moved on, is refused with CONFLICT and what is there now.
   */
  async recordCircumstance(input: RecordCircumstanceInput, caller: Caller): Promise<PlanCircumstance> {
    return this.dataSource.transaction(async (em) => {
      // The plan's row is locked so two people recording the same kind at once are taken one after the other.
      const plan = await em.findOne(ResettlementPlan, {
        where: { id: input.planId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan) throw new NotFoundError('Resettlement plan', input.planId);
      const existing = await em.findOneBy(PlanCircumstance, { planId: plan.id, kind: input.kind });
      const label = CIRCUMSTANCE_LABELS[input.kind];
      if (existing && input.expectedVersion == null)
        throw new ConflictError(`The circumstance “${label}” is already recorded: change that one instead.`, {
          currentVersion: existing.version,
          current: existing,
        });
      if (existing && existing.version !== input.expectedVersion)
        throw new StaleVersionError('The circumstance', input.expectedVersion!, existing.version, existing);
      if (!existing && input.expectedVersion != null)
        throw new ConflictError(`The circumstance “${label}” has been removed since you loaded it.`, {
          expectedVersion: input.expectedVersion,
          current: null,
        });
      const before = existing ? { ...existing } : null;
      const row = existing ?? em.create(PlanCircumstance, { planId: plan.id, kind: input.kind });
      row.detail = input.detail?.trim() || null;
      row.response = input.response.trim();
      const saved = await em.save(row);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.CIRCUMSTANCE_RECORDED,
          summary: `${existing ? 'Circumstance changed' : 'Circumstance recorded'}: ${label}`,
          record: { type: 'PlanCircumstance', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  findCircumstance(id: string): Promise<PlanCircumstance | null> {
    return this.dataSource.getRepository(PlanCircumstance).findOneBy({ id });
  }

  /** Removes a circumstance at the version the caller read; returns it as it was. */
  async removeCircumstance(input: RemoveCircumstanceInput, caller: Caller): Promise<PlanCircumstance> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(
        em,
        PlanCircumstance,
        input.circumstanceId,
        input.expectedVersion,
        'Circumstance',
      );
      const plan = await em.findOneByOrFail(ResettlementPlan, { id: row.planId });
      const before = { ...row };
      await em.delete(PlanCircumstance, { id: row.id });
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.CIRCUMSTANCE_REMOVED,
          summary: `Circumstance removed: ${CIRCUMSTANCE_LABELS[row.kind]}`,
          record: { type: 'PlanCircumstance', id: row.id },
          before,
          after: null,
        },
        caller,
      );
      return before;
    });
  }

  /** An intervention done on an earlier order; recorded against the child and shown on every plan of theirs. */
  async recordPriorIntervention(input: RecordPriorInterventionInput, caller: Caller): Promise<PriorIntervention> {
    this.assertNotFuture(input.completedOn);
    return this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(PriorIntervention, {
          childId: input.childId,
          name: input.name.trim(),
          orderDescription: input.orderDescription?.trim() || null,
          completedOn: input.completedOn ?? null,
          deliveredBy: input.deliveredBy?.trim() || null,
          outcome: input.outcome?.trim() || null,
          recordedById: caller.actor.userId,
        }),
      );
      await this.recordChildHistory(em, caller, saved, {
        type: PlanEventType.PRIOR_INTERVENTION_RECORDED,
        summary: `Done on an earlier order: ${saved.name}`,
        before: null,
        after: { ...saved },
      });
      return saved;
    });
  }

  findPriorIntervention(id: string): Promise<PriorIntervention | null> {
    return this.dataSource.getRepository(PriorIntervention).findOneBy({ id });
  }

  async updatePriorIntervention(input: UpdatePriorInterventionInput, caller: Caller): Promise<PriorIntervention> {
    this.assertNotFuture(input.completedOn);
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(
        em,
        PriorIntervention,
        input.priorInterventionId,
        input.expectedVersion,
        'Earlier intervention',
      );
      const before = { ...row };
      if (input.name !== undefined && input.name !== null) row.name = input.name.trim();
      applyPatch(row, input, PRIOR_INTERVENTION_FIELDS);
      const saved = await em.save(row);
      await this.recordChildHistory(em, caller, saved, {
        type: PlanEventType.PRIOR_INTERVENTION_CHANGED,
        summary: `Earlier intervention changed: ${saved.name}`,
        before,
        after: { ...saved },
      });
      return saved;
    });
  }

  /** Removes an earlier intervention (recorded in error) at the version the caller read; returns it as it was. */
  async removePriorIntervention(input: RemovePriorInterventionInput, caller: Caller): Promise<PriorIntervention> {
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(
        em,
        PriorIntervention,
        input.priorInterventionId,
        input.expectedVersion,
        'Earlier intervention',
      );
      const before = { ...row };
      await em.delete(PriorIntervention, { id: row.id });
      await this.recordChildHistory(em, caller, before, {
        type: PlanEventType.PRIOR_INTERVENTION_REMOVED,
        summary: `Earlier intervention removed: ${before.name}`,
        before,
        after: null,
      });
      return before;
    });
  }

  async recordPlanExplanation(input: RecordPlanExplanationInput, caller: Caller): Promise<ResettlementPlan> {
    if (input.explainedOn > this.clock.today())
      throw BadUserInputError.forField('explainedOn', 'explainedOn cannot be in the future');
    return this.dataSource.transaction(async (em) => {
      const plan = await this.history.lockAtVersion(
        em,
        ResettlementPlan,
        input.planId,
        input.expectedVersion,
        'Resettlement plan',
      );
      const before = { ...plan };
      plan.explainedOn = input.explainedOn;
      plan.explainedHow = input.explainedHow.trim();
      plan.explainedById = caller.actor.userId;
      plan.childAgreement = input.childAgreement;
      plan.childAgreementWords = input.childAgreementWords.trim();
      plan.parentCarerAgreement = input.parentCarerAgreement ?? null;
      plan.parentCarerAgreementWords = input.parentCarerAgreementWords?.trim() || null;
      // A plan explained again after agreement is agreed no longer until it is marked agreed again.
      if (plan.status === PlanStatus.AGREED) {
        plan.status = PlanStatus.DRAFT;
        plan.agreedAt = null;
        plan.agreedById = null;
      }
      const saved = await em.save(plan);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PLAN_EXPLAINED,
          summary: `Plan explained to the child (${input.childAgreement.toLowerCase().replace(/_/g, ' ')})`,
          record: { type: 'ResettlementPlan', id: plan.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  /**
   * Refused (CONFLICT, with every reason) while the plan is not explained, agreed by the child, and voiced on every
   * active pathway.
   */
  async markPlanAgreed(input: MarkPlanAgreedInput, caller: Caller): Promise<ResettlementPlan> {
    return this.dataSource.transaction(async (em) => {
      const plan = await this.history.lockAtVersion(
        em,
        ResettlementPlan,
        input.planId,
        input.expectedVersion,
        'Resettlement plan',
      );
      const pathways = await em.findBy(Pathway, { planId: plan.id });
      const blockers = agreementBlockers({
        explainedOn: plan.explainedOn,
        childAgreement: plan.childAgreement,
        pathways,
      });
      if (blockers.length)
        throw new ConflictError(`The plan cannot be marked agreed yet: ${blockers.join('; ')}`, { blockers });
      const before = { ...plan };
      plan.status = PlanStatus.AGREED;
      plan.agreedAt = this.clock.now();
      plan.agreedById = caller.actor.userId;
      const saved = await em.save(plan);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.PLAN_AGREED,
          summary: 'Plan agreed',
          record: { type: 'ResettlementPlan', id: plan.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  // ---------------------------------------------------------------- internals

  private async repeatWarnings(em: EntityManager, childId: string, intervention: string | null): Promise<string[]> {
    if (!intervention) return [];
    const before = await em
      .getRepository(PriorIntervention)
      .createQueryBuilder('i')
      .where('i.child_id = :childId AND lower(i.name) = lower(:name)', { childId, name: intervention })
      .getMany();
    return before.map((i) => repeatWarning(i));
  }

  /**
   * An earlier intervention is the child's, not one plan's: its change goes in the history of the child's latest
   * plan (with the audit row, always).
   */
  private async recordChildHistory(
    em: EntityManager,
    caller: Caller,
    row: PriorIntervention,
    change: Pick<PlanChange, 'type' | 'summary' | 'before' | 'after'>,
  ): Promise<void> {
    const plan = await em.findOne(ResettlementPlan, { where: { childId: row.childId }, order: { createdAt: 'DESC' } });
    const record = { type: 'PriorIntervention', id: row.id };
    if (plan) await this.history.record(em, { planId: plan.id, childId: row.childId, record, ...change }, caller);
    else
      await this.audit.recordChange(em, caller, {
        resourceType: record.type,
        resourceId: record.id,
        childId: row.childId,
        before: change.before,
        after: change.after,
        detail: { event: change.type, summary: change.summary },
      });
  }

  private assertNotFuture(completedOn: string | null | undefined): void {
    if (completedOn && completedOn > this.clock.today())
      throw BadUserInputError.forField('completedOn', 'completedOn cannot be in the future');
  }

  private async assertOrganisation(id: string, field: string): Promise<Organisation> {
    const [found] = await this.organisations.findByIds([id]);
    if (!found) throw BadUserInputError.forField(field, 'No such organisation');
    return found;
  }
}
