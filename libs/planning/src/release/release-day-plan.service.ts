import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '@resettle/access';
import { BadUserInputError, Clock, ConflictError, FieldErrors } from '@resettle/common';
import { IN_CUSTODY_STATUSES } from '@resettle/custody';
import { UsersService } from '@resettle/identity';
import { PlanHistory } from '../plan-history.service';
import { PlanEventType } from '../planning-enums';
import { ConfirmReleaseDayPlanInput, PlanReleaseDayInput } from './dto/release.inputs';
import { ReleaseDayPlan } from './entities/release-day-plan.entity';
import { applyPatch, throwIfAny } from './release-helpers';
import { ReleasePlanLocks } from './release-plan-locks';
import { releaseDayPlanGaps } from './rules/release-day-gaps';

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
/** The release-day plan: who meets the child, where they go, what they have with them; and its confirmation. */
@Injectable()
export class ReleaseDayPlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locks: ReleasePlanLocks,
    private readonly history: PlanHistory,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async planReleaseDay(input: PlanReleaseDayInput, caller: Caller): Promise<ReleaseDayPlan> {
    const { plan, episode } = await this.locks.planAndEpisode(input.planId);
    if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
      throw new ConflictError(
        `The child has left custody (the episode is ${episode.status}): record what happened on the day with recordReleaseDay`,
      );
    }
    const today = this.clock.today();
    const errors: FieldErrors = {};
    if (input.meetingDate && input.meetingDate < today)
      errors.meetingDate = ['The day of release cannot be in the past'];
    if (input.supervisionExplainedOn && input.supervisionExplainedOn > today)
      errors.supervisionExplainedOn = ['supervisionExplainedOn cannot be in the future'];
    if (input.supervisionExplainedById) {
      const [user] = await this.users.findByIds([input.supervisionExplainedById]);
      if (!user) errors.supervisionExplainedById = ['No such user'];
    }
    throwIfAny(errors);

    return this.dataSource.transaction(async (em) => {
      const existing = await this.locks.lockOnePerPlan(
        em,
        ReleaseDayPlan,
        plan.id,
        input.expectedVersion,
        'Release-day plan',
      );
      const before = existing ? { ...existing } : null;
      const row = existing ?? em.create(ReleaseDayPlan, { planId: plan.id });
      for (const field of RELEASE_DAY_FIELDS)
        if (!existing && row[field] === undefined) (row as unknown as Record<string, unknown>)[field] = null;
      applyPatch(row, input, RELEASE_DAY_FIELDS);
      // The day of release defaults to the day the child is expected to leave; the first appointment to that day
      // (and follows it while it was left there).
      row.meetingDate ??= episode.expectedReleaseDate;
      const followsReleaseDay =
        !before || before.firstAppointmentDate === null || before.firstAppointmentDate === before.meetingDate;
      if (input.firstAppointmentDate === undefined && followsReleaseDay) row.firstAppointmentDate = row.meetingDate;
      row.firstAppointmentDate ??= row.meetingDate;
      if (row.meetingDate && row.firstAppointmentDate && row.firstAppointmentDate < row.meetingDate) {
        throw BadUserInputError.forField(
          'firstAppointmentDate',
          `The first youth justice appointment cannot be before the day of release (${row.meetingDate})`,
        );
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
          summary: !before
            ? 'Release-day plan started'
            : withdrawn
              ? 'Release-day plan changed after confirmation: confirm it again'
              : 'Release-day plan updated',
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
    const { plan, episode } = await this.locks.planAndEpisode(input.planId);
    if (!IN_CUSTODY_STATUSES.includes(episode.status)) {
      throw new ConflictError(
        `The child has left custody (the episode is ${episode.status}): the release-day plan can no longer be confirmed`,
      );
    }
    return this.dataSource.transaction(async (em) => {
      const found = await em.findOneBy(ReleaseDayPlan, { planId: plan.id });
      if (!found)
        throw new ConflictError('There is no release-day plan to confirm yet: start one with planReleaseDay', {
          gaps: releaseDayPlanGaps(null, null),
        });
      const row = await this.history.lockAtVersion(
        em,
        ReleaseDayPlan,
        found.id,
        input.expectedVersion,
        'Release-day plan',
      );
      const gaps = releaseDayPlanGaps(row, episode.expectedReleaseDate);
      if (gaps.length) {
        throw new ConflictError(
          `The release-day plan cannot be confirmed yet: ${gaps.map((g) => g.message).join('; ')}`,
          { gaps },
        );
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
}
