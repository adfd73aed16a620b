import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Caller } from '@resettle/access';
import { byIds, groupByIds } from '@resettle/common';
import { CustodialEpisode, CustodyService } from '@resettle/custody';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
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
import { EngagementBarrier } from './entities/engagement-barrier.entity';
import { ReleaseAppointment } from './entities/release-appointment.entity';
import { ReleaseDayPlan } from './entities/release-day-plan.entity';
import { ReleaseRecord } from './entities/release-record.entity';
import { SupervisionCheck } from './entities/supervision-check.entity';
import { PostReleaseService } from './post-release.service';
import { ReleaseDayPlanService } from './release-day-plan.service';
import { ReleaseRecordService } from './release-record.service';

/**
 * The day of release and after it, as the resolvers see it: the reads (batched, for DataLoader) here, and each change
 * in the service of its part — the release-day plan and its confirmation (`ReleaseDayPlanService`), the record of what
 * happened (`ReleaseRecordService`), the appointments, barriers to engagement and supervision compliance after it
 * (`PostReleaseService`). Every change runs in one transaction that locks the row it changes, refuses a stale
 * version (with the current state), and appends the plan's history and the audit row (`PlanHistory`). The episode
 * is read through `CustodyService`, never custody's tables.
 */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyService,
    private readonly dayPlan: ReleaseDayPlanService,
    private readonly record: ReleaseRecordService,
    private readonly postRelease: PostReleaseService,
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
    const rows = await this.dataSource
      .getRepository(ReleaseAppointment)
      .find({ where: { planId: In([...planIds]) }, order: { at: 'ASC', createdAt: 'ASC' } });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  async engagementBarriersOf(planIds: readonly string[]): Promise<EngagementBarrier[][]> {
    const rows = await this.dataSource
      .getRepository(EngagementBarrier)
      .find({ where: { planId: In([...planIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  async supervisionChecksOf(planIds: readonly string[]): Promise<SupervisionCheck[][]> {
    const rows = await this.dataSource
      .getRepository(SupervisionCheck)
      .find({ where: { planId: In([...planIds]) }, order: { periodEnding: 'ASC' } });
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

  // ---------------------------------------------------------------- changes, each in the service of its part

  planReleaseDay(input: PlanReleaseDayInput, caller: Caller): Promise<ReleaseDayPlan> {
    return this.dayPlan.planReleaseDay(input, caller);
  }

  confirmReleaseDayPlan(input: ConfirmReleaseDayPlanInput, caller: Caller): Promise<ReleaseDayPlan> {
    return this.dayPlan.confirmReleaseDayPlan(input, caller);
  }

  recordReleaseDay(input: RecordReleaseDayInput, caller: Caller): Promise<ReleaseRecord> {
    return this.record.recordReleaseDay(input, caller);
  }

  recordAppointment(input: RecordAppointmentInput, caller: Caller): Promise<ReleaseAppointment> {
    return this.postRelease.recordAppointment(input, caller);
  }

  updateAppointmentOutcome(input: UpdateAppointmentOutcomeInput, caller: Caller): Promise<ReleaseAppointment> {
    return this.postRelease.updateAppointmentOutcome(input, caller);
  }

  recordEngagementBarrier(input: RecordEngagementBarrierInput, caller: Caller): Promise<EngagementBarrier> {
    return this.postRelease.recordEngagementBarrier(input, caller);
  }

  updateEngagementBarrier(input: UpdateEngagementBarrierInput, caller: Caller): Promise<EngagementBarrier> {
    return this.postRelease.updateEngagementBarrier(input, caller);
  }

  recordSupervisionCheck(input: RecordSupervisionCheckInput, caller: Caller): Promise<SupervisionCheck> {
    return this.postRelease.recordSupervisionCheck(input, caller);
  }
}
