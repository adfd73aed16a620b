import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '@resettle/access';
import { BadUserInputError, Clock, ConflictError, FieldErrors, todayIso } from '@resettle/common';
import { PlanHistory } from '../plan-history.service';
import { PlanEventType } from '../planning-enums';
import { RecordReleaseDayInput } from './dto/release.inputs';
import { ReleaseRecord } from './entities/release-record.entity';
import { applyPatch, comparable, hasBeenReleased, RELEASE_FIRST, throwIfAny, words } from './release-helpers';
import { ReleasePlanLocks } from './release-plan-locks';

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
const RELEASE_RECORD_REQUIRED = [
  'metAtGate',
  'firstNightAddress',
  'firstNightPlacementType',
  'firstNightAsPlanned',
] as const;

/** The release as it happened: met at the gate or not, the first night, whether things went as planned. */
@Injectable()
export class ReleaseRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locks: ReleasePlanLocks,
    private readonly history: PlanHistory,
    private readonly clock: Clock,
  ) {}

  async recordReleaseDay(input: RecordReleaseDayInput, caller: Caller): Promise<ReleaseRecord> {
    const { plan, episode } = await this.locks.planAndEpisode(input.planId);
    if (!hasBeenReleased(episode)) throw new ConflictError(RELEASE_FIRST);
    if (input.releasedAt) {
      if (input.releasedAt.getTime() > this.clock.now().getTime())
        throw BadUserInputError.forField('releasedAt', 'releasedAt cannot be in the future');
      if (todayIso(input.releasedAt) < episode.startDate) {
        throw BadUserInputError.forField(
          'releasedAt',
          `The release cannot be before the episode began (${episode.startDate})`,
        );
      }
    }
    return this.dataSource.transaction(async (em) => {
      const existing = await this.locks.lockOnePerPlan(
        em,
        ReleaseRecord,
        plan.id,
        input.expectedVersion,
        'Release record',
      );
      const before = existing ? { ...existing } : null;
      const row =
        existing ??
        em.create(ReleaseRecord, {
          planId: plan.id,
          releasedAt: episode.releasedAt!,
          eteStartedAsPlanned: null,
          firstAppointmentsKept: null,
          metByName: null,
          metByRelationship: null,
          notes: null,
        });
      applyPatch(row, input, RELEASE_RECORD_FIELDS);
      if (input.releasedAt === null) row.releasedAt = episode.releasedAt!;

      const errors: FieldErrors = {};
      for (const field of RELEASE_RECORD_REQUIRED) {
        if (row[field] === null || row[field] === undefined)
          errors[field] = [existing ? `${field} cannot be cleared` : `${field} is required`];
      }
      if (row.metAtGate === true && !row.metByName) errors.metByName = ['Say who met the child at the gate'];
      if (row.metAtGate === false) {
        // Nobody met the child: a name sent now contradicts that; one kept from before is cleared.
        if (input.metByName?.trim() || input.metByRelationship?.trim())
          errors.metByName = ['Leave metByName and metByRelationship out when nobody met the child'];
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
}
