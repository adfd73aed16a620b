import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { BadUserInputError, byIds, Clock, ConflictError, FieldErrors, groupByIds, NotFoundError, todayIso } from '@resettle/common';
import { Caller } from '@resettle/access';
import { CustodialEpisode, CustodyService, EpisodeStatus, IN_CUSTODY_STATUSES } from '@resettle/custody';
import { UsersService } from '@resettle/identity';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanHistory } from '../plan-history.service';
import { PlanEventType } from '../planning-enums';
import { ReleaseDayPlan } from './entities/release-day-plan.entity';
import { ReleaseRecord } from './entities/release-record.entity';
import { ReleaseAppointment } from './entities/release-appointment.entity';
import { EngagementBarrier } from './entities/engagement-barrier.entity';
import { SupervisionCheck } from './entities/supervision-check.entity';
import { AppointmentOutcome, HAPPENED_OUTCOMES, SupervisionCompliance } from './release-enums';
import { releaseDayPlanGaps } from './rules/release-day-gaps';
import {
  ConfirmReleaseDayPlanInput,
  PlanReleaseDayInput,
  RecordAppointmentInput,
  RecordEngagementBarrierInput,
  RecordReleaseDayInput,
  RecordSupervisionCheckInput,
  UpdateAppointmentOutcomeInput,
  UpdateEngagementBarrierInput,
} from './dto/release.inputs';

const RELEASE_DAY_FIELDS = [
  'metByName',
  'metByRelationship',
  'appropriateAdult',
  'meetingDate',
  'meetingTime',
  'travelArrangements',
  'firstDestination',
  'firstAppointmentDate',
  'firstAppointmentTime',
  'firstAppointmentWith',
  'firstAppointmentPlace',
  'medication',
  'idDocuments',
  'phone',
  'moneyAndProperty',
  'supervisionExplainedById',
  'supervisionExplainedByName',
  'supervisionExplainedOn',
] as const;
const RELEASE_RECORD_FIELDS = [
  'releasedAt',
  'metAtGate',
  'metByName',
  'metByRelationship',
  'firstNightAddress',
  'firstNightPlacementType',
  'firstNightAsPlanned',
  'eteStartedAsPlanned',
  'firstAppointmentsKept',
  'notes',
] as const;
/** Required on a release record: refused when missing on creation or sent as null on a change. */
const RELEASE_RECORD_REQUIRED = ['metAtGate', 'firstNightAddress', 'firstNightPlacementType', 'firstNightAsPlanned'] as const;

const RELEASE_FIRST = 'Record the release on the custodial episode first';

/** Copies the fields the caller sent: left out keeps the value, null clears it, blank text is null. */
function applyPatch<T extends object>(row: T, input: object, fields: readonly string[]): void {
  for (const field of fields) {
    const value = (input as Record<string, unknown>)[field];
    if (value !== undefined) (row as Record<string, unknown>)[field] = typeof value === 'string' ? value.trim() || null : value;
  }
}

/** Whether the child has left custody on this episode (now in the community, or since recalled or closed). */
function hasBeenReleased(episode: Pick<CustodialEpisode, 'status' | 'releasedAt'>): boolean {
  if (episode.status === EpisodeStatus.RELEASED) return true;
  return !!episode.releasedAt && episode.status !== EpisodeStatus.REMANDED && episode.status !== EpisodeStatus.SENTENCED;
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });

/** '2026-12-10 10:00', in England and Wales, for history summaries. */
function londonDateTime(at: Date): string {
  return `${todayIso(at)} ${LONDON_TIME.format(at)}`;
}

const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

/**
 * The day of release and after it: the release-day plan and its confirmation, the record of what happened, the
 * appointments, barriers to engagement and supervision compliance. Every change runs in one transaction that locks
 * the row it changes, refuses a stale version (with the current state), and appends the plan's history and the
 * audit row (`PlanHistory`). The episode is read through `CustodyService`, never custody's tables.
 */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: PlanHistory,
    private readonly custody: CustodyService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- reads (batched, for DataLoader)

  findAppointment(id: string): Promise<ReleaseAppointment | null> {
    return this.dataSource.getRepository(ReleaseAppointment).findOneBy({ id });
  }

  findBarrier(id: string): Promise<EngagementBarrier | null> {
    return this.dataSource.getRepository(EngagementBarrier).findOneBy({ id });
  }

  async releaseDayPlansOf(planIds: readonly string[]): Promise<(ReleaseDayPlan | null)[]> {
    const rows = await this.dataSource.getRepository(ReleaseDayPlan).findBy({ planId: In([...planIds]) });
    return byIds(planIds, rows, (r) => r.planId);
  }

  async releaseRecordsOf(planIds: readonly string[]): Promise<(ReleaseRecord | null)[]> {
    const rows = await this.dataSource.getRepository(ReleaseRecord).findBy({ planId: In([...planIds]) });
    return byIds(planIds, rows, (r) => r.planId);
  }

  async appointmentsOf(planIds: readonly string[]): Promise<ReleaseAppointment[][]> {
    const rows = await this.dataSource.getRepository(ReleaseAppointment).find({ where: { planId: In([...planIds]) }, order: { at: 'ASC', createdAt: 'ASC' } });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  async engagementBarriersOf(planIds: readonly string[]): Promise<EngagementBarrier[][]> {
    const rows = await this.dataSource.getRepository(EngagementBarrier).find({ where: { planId: In([...planIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  async supervisionChecksOf(planIds: readonly string[]): Promise<SupervisionCheck[][]> {
    const rows = await this.dataSource.getRepository(SupervisionCheck).find({ where: { planId: In([...planIds]) }, order: { periodEnding: 'ASC' } });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  /** The episode of each plan (through CustodyService): two queries for any number of plans. */
  async episodesOfPlans(planIds: readonly string[]): Promise<(CustodialEpisode | null)[]> {
    const plans = await this.dataSource.getRepository(ResettlementPlan).findBy({ id: In([...planIds]) });
    const childIds = [...new Set(plans.map((p) => p.childId))];
    const episodes = (await this.custody.episodesOf(childIds)).flat();
    const byPlan = new Map(plans.map((p) => [p.id, episodes.find((e) => e.id === p.episodeId) ?? null]));
    return planIds.map((id) => byPlan.get(id) ?? null);
  }

  // ---------------------------------------------------------------- the release-day plan

  async planReleaseDay(input: PlanReleaseDayInput, caller: Caller): Promise<ReleaseDayPlan> {
    const { plan, episode } = await this.planAndEpisode(input.planId);
    if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
      throw new ConflictError(`The child has left custody (the episode is ${episode.status}): record what happened on the day with recordReleaseDay`);
    }
    const today = this.clock.today();
    const errors: FieldErrors = {};
    if (input.meetingDate && input.meetingDate < today) errors.meetingDate = ['The day of release cannot be in the past'];
    if (input.supervisionExplainedOn && input.supervisionExplainedOn > today) errors.supervisionExplainedOn = ['supervisionExplainedOn cannot be in the future'];
    if (input.supervisionExplainedById) {
      const [user] = await this.users.findByIds([input.supervisionExplainedById]);
      if (!user) errors.supervisionExplainedById = ['No such user'];
    }
    throwIfAny(errors);

    return this.dataSource.transaction(async (em) => {
      const existing = await this.lockOnePerPlan(em, ReleaseDayPlan, plan.id, input.expectedVersion, 'Release-day plan');
      const before = existing ? { ...existing } : null;
      const row = existing ?? em.create(ReleaseDayPlan, { planId: plan.id });
      for (const field of RELEASE_DAY_FIELDS) if (!existing && row[field] === undefined) (row as unknown as Record<string, unknown>)[field] = null;
      applyPatch(row, input, RELEASE_DAY_FIELDS);
      // The day of release defaults to the day the child is expected to leave; the first appointment to that day
      // (and follows it while it was left there).
      row.meetingDate ??= episode.expectedReleaseDate;
      const followsReleaseDay = !before || before.firstAppointmentDate === null || before.firstAppointmentDate === before.meetingDate;
      if (input.firstAppointmentDate === undefined && followsReleaseDay) row.firstAppointmentDate = row.meetingDate;
      row.firstAppointmentDate ??= row.meetingDate;
      if (row.meetingDate && row.firstAppointmentDate && row.firstAppointmentDate < row.meetingDate) {
        throw BadUserInputError.forField('firstAppointmentDate', `The first youth justice appointment cannot be before the day of release (${row.meetingDate})`);
      }
      const changed = !before || RELEASE_DAY_FIELDS.some((f) => before[f] !== row[f]);
      if (!changed) return existing!;
      const withdrawn = !!before?.confirmedAt;
      row.confirmedAt = null;
      row.confirmedById = null;
      const saved = await em.save(row);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.RELEASE_DAY_PLANNED,
          summary: !before ? 'Release-day plan started' : withdrawn ? 'Release-day plan changed after confirmation: confirm it again' : 'Release-day plan updated',
          record: { type: 'ReleaseDayPlan', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  /** Refused (CONFLICT, with every gap) while anything is missing; confirming a confirmed plan changes nothing. */
  async confirmReleaseDayPlan(input: ConfirmReleaseDayPlanInput, caller: Caller): Promise<ReleaseDayPlan> {
    const { plan, episode } = await this.planAndEpisode(input.planId);
    if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
      throw new ConflictError(`The child has left custody (the episode is ${episode.status}): the release-day plan can no longer be confirmed`);
    }
    return this.dataSource.transaction(async (em) => {
      const found = await em.findOneBy(ReleaseDayPlan, { planId: plan.id });
      if (!found) throw new ConflictError('There is no release-day plan to confirm yet: start one with planReleaseDay', { gaps: releaseDayPlanGaps(null, null) });
      const row = await this.history.lockAtVersion(em, ReleaseDayPlan, found.id, input.expectedVersion, 'Release-day plan');
      const gaps = releaseDayPlanGaps(row, episode.expectedReleaseDate);
      if (gaps.length) {
        throw new ConflictError(`The release-day plan cannot be confirmed yet: ${gaps.map((g) => g.message).join('; ')}`, { gaps });
      }
      if (row.confirmedAt) return row;
      const before = { ...row };
      row.confirmedAt = this.clock.now();
      row.confirmedById = caller.actor.userId;
      const saved = await em.save(row);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.RELEASE_DAY_CONFIRMED,
          summary: `Release-day plan confirmed for ${saved.meetingDate}`,
          record: { type: 'ReleaseDayPlan', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  // ---------------------------------------------------------------- the day itself

  async recordReleaseDay(input: RecordReleaseDayInput, caller: Caller): Promise<ReleaseRecord> {
    const { plan, episode } = await this.planAndEpisode(input.planId);
    if (!hasBeenReleased(episode)) throw new ConflictError(RELEASE_FIRST);
    if (input.releasedAt) {
      if (input.releasedAt.getTime() > this.clock.now().getTime()) throw BadUserInputError.forField('releasedAt', 'releasedAt cannot be in the future');
      if (todayIso(input.releasedAt) < episode.startDate) {
        throw BadUserInputError.forField('releasedAt', `The release cannot be before the episode began (${episode.startDate})`);
      }
    }
    return this.dataSource.transaction(async (em) => {
      const existing = await this.lockOnePerPlan(em, ReleaseRecord, plan.id, input.expectedVersion, 'Release record');
      const before = existing ? { ...existing } : null;
      const row = existing ?? em.create(ReleaseRecord, { planId: plan.id, releasedAt: episode.releasedAt!, eteStartedAsPlanned: null, firstAppointmentsKept: null, metByName: null, metByRelationship: null, notes: null });
      applyPatch(row, input, RELEASE_RECORD_FIELDS);
      if (input.releasedAt === null) row.releasedAt = episode.releasedAt!;

      const errors: FieldErrors = {};
      for (const field of RELEASE_RECORD_REQUIRED) {
        if (row[field] === null || row[field] === undefined) errors[field] = [existing ? `${field} cannot be cleared` : `${field} is required`];
      }
      if (row.metAtGate === true && !row.metByName) errors.metByName = ['Say who met the child at the gate'];
      if (row.metAtGate === false) {
        // Nobody met the child: a name sent now contradicts that; one kept from before is cleared.
        if (input.metByName?.trim() || input.metByRelationship?.trim()) errors.metByName = ['Leave metByName and metByRelationship out when nobody met the child'];
        row.metByName = null;
        row.metByRelationship = null;
      }
      throwIfAny(errors);

      const changed = !before || RELEASE_RECORD_FIELDS.some((f) => comparable(before[f]) !== comparable(row[f]));
      if (!changed) return existing!;
      row.recordedById = caller.actor.userId;
      const saved = await em.save(row);
      const firstNight = `first night: ${words(saved.firstNightPlacementType)}${saved.firstNightAsPlanned ? ', as planned' : ', not as planned'}`;
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.RELEASE_RECORDED,
          summary: `${before ? 'Release record updated' : `Release on ${todayIso(saved.releasedAt)} recorded`}: ${firstNight}`,
          record: { type: 'ReleaseRecord', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  // ---------------------------------------------------------------- after release

  /** Planned appointments may be recorded before release; kept or missed ones only after it, once their time has passed. */
  async recordAppointment(input: RecordAppointmentInput, caller: Caller): Promise<ReleaseAppointment> {
    const { plan, episode } = await this.planAndEpisode(input.planId);
    const outcome = input.outcome ?? AppointmentOutcome.PLANNED;
    this.assertOutcomePossible(outcome, input.at, episode);
    return this.dataSource.transaction(async (em) => {
      await this.lockPlan(em, plan.id);
      const duplicate = await em.findOneBy(ReleaseAppointment, { planId: plan.id, kind: input.kind, at: input.at });
      if (duplicate && duplicate.outcome !== AppointmentOutcome.RESCHEDULED) {
        throw new ConflictError('This appointment is already recorded: change its outcome with updateAppointmentOutcome', {
          currentVersion: duplicate.version,
          current: duplicate,
        });
      }
      const saved = await em.save(
        em.create(ReleaseAppointment, {
          planId: plan.id,
          kind: input.kind,
          at: input.at,
          withWhom: input.withWhom.trim(),
          place: input.place?.trim() || null,
          outcome,
          notes: input.notes?.trim() || null,
          recordedById: caller.actor.userId,
        }),
      );
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.APPOINTMENT_RECORDED,
          summary: `${saved.kind} appointment on ${londonDateTime(saved.at)} with ${saved.withWhom}: ${words(saved.outcome)}`,
          record: { type: 'ReleaseAppointment', id: saved.id },
          before: null,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  async updateAppointmentOutcome(input: UpdateAppointmentOutcomeInput, caller: Caller): Promise<ReleaseAppointment> {
    const appointment = await this.findAppointment(input.appointmentId);
    if (!appointment) throw new NotFoundError('Release appointment', input.appointmentId);
    const { plan, episode } = await this.planAndEpisode(appointment.planId);
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(em, ReleaseAppointment, input.appointmentId, input.expectedVersion, 'Release appointment');
      this.assertOutcomePossible(input.outcome, row.at, episode);
      const before = { ...row };
      row.outcome = input.outcome;
      applyPatch(row, input, ['notes']);
      if (before.outcome === row.outcome && before.notes === row.notes) return row;
      row.recordedById = caller.actor.userId;
      const saved = await em.save(row);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.APPOINTMENT_RECORDED,
          summary: `${saved.kind} appointment on ${londonDateTime(saved.at)} with ${saved.withWhom}: ${words(saved.outcome)}`,
          record: { type: 'ReleaseAppointment', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  /** A barrier may be assessed before release too; the same barrier open twice on a plan is refused. */
  async recordEngagementBarrier(input: RecordEngagementBarrierInput, caller: Caller): Promise<EngagementBarrier> {
    const { plan } = await this.planAndEpisode(input.planId);
    return this.dataSource.transaction(async (em) => {
      await this.lockPlan(em, plan.id);
      const barrier = input.barrier.trim();
      const duplicate = await em
        .getRepository(EngagementBarrier)
        .createQueryBuilder('b')
        .where(`b.plan_id = :planId AND b.status = 'OPEN' AND lower(b.barrier) = lower(:barrier)`, { planId: plan.id, barrier })
        .getOne();
      if (duplicate) {
        throw new ConflictError('This barrier is already recorded and open: change it with updateEngagementBarrier', {
          currentVersion: duplicate.version,
          current: duplicate,
        });
      }
      const saved = await em.save(
        em.create(EngagementBarrier, {
          planId: plan.id,
          barrier,
          assessment: input.assessment.trim(),
          planToAddress: input.planToAddress.trim(),
          recordedById: caller.actor.userId,
        }),
      );
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.BARRIER_ASSESSED,
          summary: `Barrier to engagement: ${saved.barrier}`,
          record: { type: 'EngagementBarrier', id: saved.id },
          before: null,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  async updateEngagementBarrier(input: UpdateEngagementBarrierInput, caller: Caller): Promise<EngagementBarrier> {
    const found = await this.findBarrier(input.barrierId);
    if (!found) throw new NotFoundError('Engagement barrier', input.barrierId);
    const { plan } = await this.planAndEpisode(found.planId);
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(em, EngagementBarrier, input.barrierId, input.expectedVersion, 'Engagement barrier');
      const before = { ...row };
      for (const field of ['barrier', 'assessment', 'planToAddress'] as const) {
        const value = input[field];
        if (typeof value === 'string') row[field] = value.trim();
      }
      if (input.status) row.status = input.status;
      const fields = ['barrier', 'assessment', 'planToAddress', 'status'] as const;
      if (fields.every((f) => before[f] === row[f])) return row;
      const saved = await em.save(row);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.BARRIER_ASSESSED,
          summary: before.status !== saved.status ? `Barrier to engagement ${words(saved.status)}: ${saved.barrier}` : `Barrier to engagement updated: ${saved.barrier}`,
          record: { type: 'EngagementBarrier', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  async recordSupervisionCheck(input: RecordSupervisionCheckInput, caller: Caller): Promise<SupervisionCheck> {
    const { plan, episode } = await this.planAndEpisode(input.planId);
    if (!hasBeenReleased(episode)) throw new ConflictError(`${RELEASE_FIRST}: supervision in the community starts at release`);
    const errors: FieldErrors = {};
    if (input.periodEnding > this.clock.today()) errors.periodEnding = ['A period can be assessed only once it has ended (periodEnding cannot be in the future)'];
    const releaseDay = todayIso(episode.releasedAt!);
    if (input.periodEnding < releaseDay) errors.periodEnding = [`The period cannot end before the release (${releaseDay})`];
    const notes = input.notes?.trim() || null;
    if (input.compliance !== SupervisionCompliance.COMPLIANT && !notes) errors.notes = ['Say what happened when the child was not fully compliant'];
    throwIfAny(errors);

    return this.dataSource.transaction(async (em) => {
      await this.lockPlan(em, plan.id);
      const found = await em.findOneBy(SupervisionCheck, { planId: plan.id, periodEnding: input.periodEnding });
      let existing: SupervisionCheck | null = null;
      if (found) {
        if (input.expectedVersion == null) {
          throw new ConflictError(`Supervision to ${input.periodEnding} is already recorded (version ${found.version}): send the version you loaded to correct it`, {
            currentVersion: found.version,
            current: found,
          });
        }
        existing = await this.history.lockAtVersion(em, SupervisionCheck, found.id, input.expectedVersion, 'Supervision check');
      } else if (input.expectedVersion != null) {
        throw noneYet('supervision check for this period', input.expectedVersion);
      }
      const before = existing ? { ...existing } : null;
      const row = existing ?? em.create(SupervisionCheck, { planId: plan.id, periodEnding: input.periodEnding });
      row.compliance = input.compliance;
      row.notes = notes;
      if (before && before.compliance === row.compliance && before.notes === row.notes) return existing!;
      row.recordedById = caller.actor.userId;
      const saved = await em.save(row);
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.SUPERVISION_RECORDED,
          summary: `Supervision to ${saved.periodEnding}: ${words(saved.compliance)}${before ? ' (corrected)' : ''}`,
          record: { type: 'SupervisionCheck', id: saved.id },
          before,
          after: { ...saved },
        },
        caller,
      );
      return saved;
    });
  }

  // ---------------------------------------------------------------- internals

  private async planAndEpisode(planId: string): Promise<{ plan: ResettlementPlan; episode: CustodialEpisode }> {
    const plan = await this.dataSource.getRepository(ResettlementPlan).findOneBy({ id: planId });
    if (!plan) throw new NotFoundError('Resettlement plan', planId);
    return { plan, episode: await this.custody.get(plan.episodeId) };
  }

  /** Serialises creations on one plan (so two people cannot both create its one release record). */
  private async lockPlan(em: EntityManager, planId: string): Promise<void> {
    await em.findOne(ResettlementPlan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The plan's one record of a kind, locked: null when there is none and the caller is creating it (no version);
   * CONFLICT, with the current state, when it exists and they did not say which version they read, or read an older
   * one, or when they sent a version of one that does not exist.
   */
  private async lockOnePerPlan<T extends ReleaseDayPlan | ReleaseRecord>(
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
      throw new ConflictError(`The ${label.toLowerCase()} already exists (version ${found.version}), perhaps started by someone else: reload it and send the version you loaded`, {
        currentVersion: found.version,
        current: found,
      });
    }
    return this.history.lockAtVersion(em, entity, found.id, expectedVersion, label) as Promise<T>;
  }

  private assertOutcomePossible(outcome: AppointmentOutcome, at: Date, episode: CustodialEpisode): void {
    if (!HAPPENED_OUTCOMES.includes(outcome)) return;
    if (!hasBeenReleased(episode)) throw new ConflictError(`${RELEASE_FIRST}: only then can an appointment after release be kept or missed`);
    if (at.getTime() > this.clock.now().getTime()) throw BadUserInputError.forField('outcome', `An appointment can be ${words(outcome)} only once its time has passed`);
  }
}

function throwIfAny(errors: FieldErrors): void {
  const fields = Object.keys(errors);
  if (fields.length) throw new BadUserInputError(errors[fields[0]][0], errors);
}

/** A version sent for a record that does not exist (yet): nothing to change, so nothing is written. */
function noneYet(what: string, expectedVersion: number): ConflictError {
  return new ConflictError(`There is no ${what} yet (you sent version ${expectedVersion}): leave out expectedVersion to create it`, {
    expectedVersion,
    currentVersion: null,
    current: null,
  });
}

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}
