import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@resettle/access';
import { BadUserInputError, Clock, ConflictError, FieldErrors, NotFoundError, todayIso } from '@resettle/common';
import { CustodialEpisode } from '@resettle/custody';
import { PlanHistory } from '../plan-history.service';
import { PlanEventType } from '../planning-enums';
import {
  RecordAppointmentInput,
  RecordEngagementBarrierInput,
  RecordSupervisionCheckInput,
  UpdateAppointmentOutcomeInput,
  UpdateEngagementBarrierInput,
} from './dto/release.inputs';
import { EngagementBarrier } from './entities/engagement-barrier.entity';
import { ReleaseAppointment } from './entities/release-appointment.entity';
import { SupervisionCheck } from './entities/supervision-check.entity';
import { AppointmentOutcome, HAPPENED_OUTCOMES, SupervisionCompliance } from './release-enums';
import {
  applyPatch,
  hasBeenReleased,
  londonDateTime,
  noneYet,
  RELEASE_FIRST,
  throwIfAny,
  words,
} from './release-helpers';
import { ReleasePlanLocks } from './release-plan-locks';

/** After release: the appointments kept or missed, the barriers to engagement and the supervision checks. */
@Injectable()
export class PostReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locks: ReleasePlanLocks,
    private readonly history: PlanHistory,
    private readonly clock: Clock,
  ) {}

  /**
   * Planned appointments may be recorded before release; kept or missed ones only after it, once their time has passed.
   */
  async recordAppointment(input: RecordAppointmentInput, caller: Caller): Promise<ReleaseAppointment> {
    const { plan, episode } = await this.locks.planAndEpisode(input.planId);
    const outcome = input.outcome ?? AppointmentOutcome.PLANNED;
    this.assertOutcomePossible(outcome, input.at, episode);
    assertReasonWhenMissed(outcome, input.notes);
    return this.dataSource.transaction(async (em) => {
      await this.locks.lockPlan(em, plan.id);
      const duplicate = await em.findOneBy(ReleaseAppointment, { planId: plan.id, kind: input.kind, at: input.at });
      if (duplicate && duplicate.outcome !== AppointmentOutcome.RESCHEDULED) {
        throw new ConflictError(
          'This appointment is already recorded: change its outcome with updateAppointmentOutcome',
          {
            currentVersion: duplicate.version,
            current: duplicate,
          },
        );
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
    const appointment = await this.dataSource.getRepository(ReleaseAppointment).findOneBy({ id: input.appointmentId });
    if (!appointment) throw new NotFoundError('Release appointment', input.appointmentId);
    const { plan, episode } = await this.locks.planAndEpisode(appointment.planId);
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(
        em,
        ReleaseAppointment,
        input.appointmentId,
        input.expectedVersion,
        'Release appointment',
      );
      assertCorrectionGiven(input);
      const before = { ...row };
      row.outcome = input.outcome;
      if (input.kind) row.kind = input.kind;
      if (input.at) row.at = input.at;
      applyPatch(row, input, ['notes', 'withWhom', 'place']);
      this.assertOutcomePossible(row.outcome, row.at, episode);
      assertReasonWhenMissed(row.outcome, row.notes);
      const corrected =
        before.kind !== row.kind ||
        before.at.getTime() !== row.at.getTime() ||
        before.withWhom !== row.withWhom ||
        before.place !== row.place;
      if (!corrected && before.outcome === row.outcome && before.notes === row.notes) return row;
      if (corrected) await this.assertNotTwice(em, row);
      row.recordedById = caller.actor.userId;
      const saved = await em.save(row);
      const was = corrected
        ? ` (corrected from ${before.kind} on ${londonDateTime(before.at)} with ${before.withWhom}${before.place ? ` at ${before.place}` : ''})`
        : '';
      await this.history.record(
        em,
        {
          planId: plan.id,
          childId: plan.childId,
          type: PlanEventType.APPOINTMENT_RECORDED,
          summary: `${saved.kind} appointment on ${londonDateTime(saved.at)} with ${saved.withWhom}: ${words(saved.outcome)}${was}`,
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
    const { plan } = await this.locks.planAndEpisode(input.planId);
    return this.dataSource.transaction(async (em) => {
      await this.locks.lockPlan(em, plan.id);
      const barrier = input.barrier.trim();
      const duplicate = await em
        .getRepository(EngagementBarrier)
        .createQueryBuilder('b')
        .where(`b.plan_id = :planId AND b.status = 'OPEN' AND lower(b.barrier) = lower(:barrier)`, {
          planId: plan.id,
          barrier,
        })
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
    const found = await this.dataSource.getRepository(EngagementBarrier).findOneBy({ id: input.barrierId });
    if (!found) throw new NotFoundError('Engagement barrier', input.barrierId);
    const { plan } = await this.locks.planAndEpisode(found.planId);
    return this.dataSource.transaction(async (em) => {
      const row = await this.history.lockAtVersion(
        em,
        EngagementBarrier,
        input.barrierId,
        input.expectedVersion,
        'Engagement barrier',
      );
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
          summary:
            before.status !== saved.status
              ? `Barrier to engagement ${words(saved.status)}: ${saved.barrier}`
              : `Barrier to engagement updated: ${saved.barrier}`,
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
    const { plan, episode } = await this.locks.planAndEpisode(input.planId);
    if (!hasBeenReleased(episode))
      throw new ConflictError(`${RELEASE_FIRST}: supervision in the community starts at release`);
    const errors: FieldErrors = {};
    if (input.periodEnding > this.clock.today())
      errors.periodEnding = ['A period can be assessed only once it has ended (periodEnding cannot be in the future)'];
    const releaseDay = todayIso(episode.releasedAt!);
    if (input.periodEnding < releaseDay)
      errors.periodEnding = [`The period cannot end before the release (${releaseDay})`];
    const notes = input.notes?.trim() || null;
    if (input.compliance !== SupervisionCompliance.COMPLIANT && !notes)
      errors.notes = ['Say what happened when the child was not fully compliant'];
    throwIfAny(errors);

    return this.dataSource.transaction(async (em) => {
      await this.locks.lockPlan(em, plan.id);
      const found = await em.findOneBy(SupervisionCheck, { planId: plan.id, periodEnding: input.periodEnding });
      let existing: SupervisionCheck | null = null;
      if (found) {
        if (input.expectedVersion == null) {
          throw new ConflictError(
            `Supervision to ${input.periodEnding} is already recorded (version ${found.version}): send the version you loaded to correct it`,
            {
              currentVersion: found.version,
              current: found,
            },
          );
        }
        existing = await this.history.lockAtVersion(
          em,
          SupervisionCheck,
          found.id,
          input.expectedVersion,
          'Supervision check',
        );
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

  /** A correction may not make the appointment the same as another on the plan (its kind at its time). */
  private async assertNotTwice(em: EntityManager, row: ReleaseAppointment): Promise<void> {
    const other = await em.findOneBy(ReleaseAppointment, { planId: row.planId, kind: row.kind, at: row.at });
    if (other && other.id !== row.id && other.outcome !== AppointmentOutcome.RESCHEDULED)
      throw BadUserInputError.forField('at', 'Another appointment of this kind is recorded at that time');
  }

  private assertOutcomePossible(outcome: AppointmentOutcome, at: Date, episode: CustodialEpisode): void {
    if (!HAPPENED_OUTCOMES.includes(outcome)) return;
    if (!hasBeenReleased(episode))
      throw new ConflictError(`${RELEASE_FIRST}: only then can an appointment after release be kept or missed`);
    if (at.getTime() > this.clock.now().getTime())
      throw BadUserInputError.forField(
        'outcome',
        `An appointment can be ${words(outcome)} only once its time has passed`,
      );
  }
}

/** A correction's kind, time and person are left out to keep them; none of them can be cleared. */
function assertCorrectionGiven(input: UpdateAppointmentOutcomeInput): void {
  const problems: FieldErrors = {};
  if (input.kind === null) problems.kind = ['Select what the appointment is'];
  if (input.at === null) problems.at = ['Enter when the appointment is'];
  if (input.withWhom === null || (input.withWhom !== undefined && !input.withWhom.trim()))
    problems.withWhom = ['Enter who the appointment is with'];
  throwIfAny(problems);
}

/** A missed appointment is followed up, so the reason it was missed is part of the record (notes). */
function assertReasonWhenMissed(outcome: AppointmentOutcome, notes: string | null | undefined): void {
  if (outcome === AppointmentOutcome.MISSED && !notes?.trim())
    throw BadUserInputError.forField('notes', 'Say why the appointment was missed');
}
