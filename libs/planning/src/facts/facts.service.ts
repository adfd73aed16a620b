import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Caller } from '@resettle/access';
import { ChildrenService } from '@resettle/children';
import { BadUserInputError, Clock, ConflictError, groupByIds, NotFoundError, todayIso } from '@resettle/common';
import { CustodyService } from '@resettle/custody';
import { OrganisationsService } from '@resettle/organisations';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanHistory } from '../plan-history.service';
import { PlanEventType } from '../planning-enums';
import { childrensServicesInformedProblem } from './childrens-services-informed';
import {
  RecordAccommodationArrangementInput,
  RecordChildrensServicesInformedInput,
  RecordChildToldWhereLivingInput,
  RecordEtePlacementInput,
  RecordHealthHandoverInput,
} from './dto/facts.inputs';
import { AccommodationArrangement } from './entities/accommodation-arrangement.entity';
import { ChildToldWhereLiving } from './entities/child-told-where-living.entity';
import { ChildrensServicesInformed } from './entities/childrens-services-informed.entity';
import { EtePlacement } from './entities/ete-placement.entity';
import { HealthHandover } from './entities/health-handover.entity';
import { ConfirmedAddress, currentAddress, PlanFactSources } from './plan-fact-sources';

const HEALTH_WORDS: Record<string, string> = {
  PHYSICAL_HEALTH: 'physical health (GP)',
  MENTAL_HEALTH: 'mental health',
  SUBSTANCE_MISUSE: 'substance misuse',
};

/**
 * The facts a case manager records that deadlines are met by (never a pathway's status): where the child will live
 * when no referral is needed, that the child was told, the ETE place, each health handover. Each is an append,
 * recorded through the plan's history (audit, and the milestones' refresh in the same transaction).
 */
@Injectable()
export class PlanFactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly history: PlanHistory,
    private readonly sources: PlanFactSources,
    private readonly clock: Clock,
    private readonly custody: CustodyService,
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
  ) {}

  // ---------------------------------------------------------------- reads

  /** Every confirmed address of a plan: its accommodation arrangements and what other features confirm (referrals). */
  async confirmedAddresses(em: EntityManager, planId: string): Promise<(ConfirmedAddress & { confirmedOn: string })[]> {
    const arrangements = await em.find(AccommodationArrangement, { where: { planId } });
    const own: ConfirmedAddress[] = arrangements.map((a) => ({
      type: 'AccommodationArrangement',
      id: a.id,
      address: a.address,
      startDate: a.startDate,
      confirmedAt: a.createdAt,
      confirmedBy: a.confirmedBy,
      kind: a.kind,
      livingWith: a.livingWith,
    }));
    return [...own, ...(await this.sources.confirmedAddresses(em, planId))].map((a) => ({
      ...a,
      confirmedOn: todayIso(a.confirmedAt),
    }));
  }

  /**
   * For the deadlines: each record that children's services were told of a hearing, and the hearing the child waits
   * for now (null when none does), in the caller's transaction.
   */
  async hearingFacts(
    em: EntityManager,
    plan: { id: string; episodeId: string },
  ): Promise<{
    childrensServicesInformed: {
      id: string;
      hearingId: string;
      hearingDate: string;
      localAuthorityId: string;
      informedOn: string;
      informedBy: string;
      informedWhom: string | null;
      recordedAt: Date;
    }[];
    nextHearing: { id: string; hearingDate: string } | null;
  }> {
    const told = await em.find(ChildrensServicesInformed, { where: { planId: plan.id } });
    const [next] = await this.custody.nextHearingsOf([plan.episodeId], em);
    return {
      childrensServicesInformed: told.map((t) => ({
        id: t.id,
        hearingId: t.hearingId,
        hearingDate: t.hearingDate,
        localAuthorityId: t.localAuthorityId,
        informedOn: t.informedOn,
        informedBy: t.informedBy,
        informedWhom: t.informedWhom,
        recordedAt: t.createdAt,
      })),
      nextHearing: next ? { id: next.id, hearingDate: next.hearingDate } : null,
    };
  }

  async arrangementsOf(planIds: readonly string[]): Promise<AccommodationArrangement[][]> {
    return this.listOf(AccommodationArrangement, planIds);
  }

  async childToldOf(planIds: readonly string[]): Promise<ChildToldWhereLiving[][]> {
    return this.listOf(ChildToldWhereLiving, planIds);
  }

  async etePlacementsOf(planIds: readonly string[]): Promise<EtePlacement[][]> {
    return this.listOf(EtePlacement, planIds);
  }

  async healthHandoversOf(planIds: readonly string[]): Promise<HealthHandover[][]> {
    return this.listOf(HealthHandover, planIds);
  }

  async childrensServicesInformedOf(planIds: readonly string[]): Promise<ChildrensServicesInformed[][]> {
    return this.listOf(ChildrensServicesInformed, planIds);
  }

  private async listOf<T extends { planId: string; createdAt: Date }>(
    entity: new () => T,
    planIds: readonly string[],
  ): Promise<T[][]> {
    const rows = await this.dataSource
      .getRepository(entity)
      .find({ where: { planId: In([...planIds]) } as never, order: { createdAt: 'ASC' } as never });
    return groupByIds(planIds, rows, (r) => r.planId);
  }

  // ---------------------------------------------------------------- changes

  async recordAccommodationArrangement(
    input: RecordAccommodationArrangementInput,
    caller: Caller,
  ): Promise<AccommodationArrangement> {
    this.notPast('startDate', input.startDate, 'The start date cannot be in the past');
    return this.inPlan(input.planId, async (em, plan) => {
      const saved = await em.save(
        em.create(AccommodationArrangement, {
          planId: plan.id,
          address: input.address.trim(),
          startDate: input.startDate,
          kind: input.kind,
          livingWith: input.livingWith.trim(),
          confirmedBy: input.confirmedBy.trim(),
          recordedById: caller.actor.userId,
          // The service's clock (as every other recorded moment): the order of facts is decided by it.
          createdAt: this.clock.now(),
        }),
      );
      await this.record(
        em,
        plan,
        caller,
        PlanEventType.ACCOMMODATION_ARRANGED,
        `Accommodation confirmed: ${saved.address}, from ${saved.startDate}, confirmed by ${saved.confirmedBy}`,
        'AccommodationArrangement',
        saved,
      );
      return saved;
    });
  }

  async recordChildTold(input: RecordChildToldWhereLivingInput, caller: Caller): Promise<ChildToldWhereLiving> {
    if (input.toldOn > this.clock.today())
      throw BadUserInputError.forField('toldOn', 'The day the child was told cannot be in the future');
    return this.inPlan(input.planId, async (em, plan) => {
      const address = currentAddress(await this.confirmedAddresses(em, plan.id), todayIso);
      if (!address) {
        throw new ConflictError(
          'No address is confirmed yet: confirm the accommodation referral or record the accommodation arrangement first, then tell the child',
        );
      }
      const confirmedOn = todayIso(address.confirmedAt);
      if (input.toldOn < confirmedOn) {
        throw BadUserInputError.forField(
          'toldOn',
          `The child can be told only once the address is confirmed (${address.address} was confirmed on ${confirmedOn})`,
        );
      }
      const saved = await em.save(
        em.create(ChildToldWhereLiving, {
          planId: plan.id,
          addressRecordType: address.type,
          addressRecordId: address.id,
          address: address.address,
          toldOn: input.toldOn,
          toldBy: input.toldBy.trim(),
          how: input.how,
          hasSeenIt: input.hasSeenIt ?? null,
          recordedById: caller.actor.userId,
          // The service's clock (as every other recorded moment): the order of facts is decided by it.
          createdAt: this.clock.now(),
        }),
      );
      await this.record(
        em,
        plan,
        caller,
        PlanEventType.CHILD_TOLD_WHERE_LIVING,
        `The child told where they will live (${saved.address}) on ${saved.toldOn} by ${saved.toldBy}`,
        'ChildToldWhereLiving',
        saved,
      );
      return saved;
    });
  }

  async recordEtePlacement(input: RecordEtePlacementInput, caller: Caller): Promise<EtePlacement> {
    this.notPast('startDate', input.startDate, 'The start date cannot be in the past');
    return this.inPlan(input.planId, async (em, plan) => {
      const saved = await em.save(
        em.create(EtePlacement, {
          planId: plan.id,
          provider: input.provider.trim(),
          startDate: input.startDate,
          hoursPerWeek: input.hoursPerWeek,
          confirmedBy: input.confirmedBy.trim(),
          recordedById: caller.actor.userId,
          // The service's clock (as every other recorded moment): the order of facts is decided by it.
          createdAt: this.clock.now(),
        }),
      );
      await this.record(
        em,
        plan,
        caller,
        PlanEventType.ETE_PLACE_CONFIRMED,
        `ETE place confirmed: ${saved.provider}, from ${saved.startDate}, ${saved.hoursPerWeek} hours a week, confirmed by ${saved.confirmedBy}`,
        'EtePlacement',
        saved,
      );
      return saved;
    });
  }

  async recordHealthHandover(input: RecordHealthHandoverInput, caller: Caller): Promise<HealthHandover> {
    this.notPast('firstAppointmentOn', input.firstAppointmentOn, 'The first appointment cannot be in the past');
    return this.inPlan(input.planId, async (em, plan) => {
      const saved = await em.save(
        em.create(HealthHandover, {
          planId: plan.id,
          pathwayType: input.pathwayType,
          receivingProvider: input.receivingProvider.trim(),
          firstAppointmentOn: input.firstAppointmentOn,
          recordedById: caller.actor.userId,
          // The service's clock (as every other recorded moment): the order of facts is decided by it.
          createdAt: this.clock.now(),
        }),
      );
      await this.record(
        em,
        plan,
        caller,
        PlanEventType.HEALTH_HANDOVER_ARRANGED,
        `Health handover (${HEALTH_WORDS[saved.pathwayType]}): ${saved.receivingProvider}, first appointment ${saved.firstAppointmentOn}`,
        'HealthHandover',
        saved,
      );
      return saved;
    });
  }

  /**
   * Children's services told of the hearing the child waits for, before it: the child's responsible local authority
   * (else their home authority) is the one recorded as told. BAD_USER_INPUT for another child's hearing or a day
   * that is not before it (`childrensServicesInformedProblem`); CONFLICT for a hearing already over or cancelled, or a
   * child with no local authority recorded.
   */
  async recordChildrensServicesInformed(
    input: RecordChildrensServicesInformedInput,
    caller: Caller,
  ): Promise<ChildrensServicesInformed> {
    return this.inPlan(input.planId, async (em, plan) => {
      const hearing = await this.custody.findHearing(input.hearingId);
      const episode = await this.custody.get(plan.episodeId);
      const ofThisChild = hearing && hearing.episodeId === plan.episodeId ? hearing : null;
      const problem = childrensServicesInformedProblem({
        informedOn: input.informedOn,
        today: this.clock.today(),
        episodeStart: episode.startDate,
        hearing: ofThisChild
          ? { hearingDate: ofThisChild.hearingDate, waiting: !ofThisChild.outcome && !ofThisChild.cancelledAt }
          : null,
      });
      if (problem?.conflict) throw new ConflictError(problem.message);
      if (problem) throw BadUserInputError.forField(problem.field, problem.message);
      const child = await this.children.get(plan.childId);
      const authorityId = child.responsibleAuthorityId ?? child.homeAuthorityId;
      if (!authorityId) {
        throw new ConflictError(
          'The child has no responsible or home local authority recorded: record it on the child first, then who was told',
        );
      }
      const authority = await this.organisations.get(authorityId);
      const saved = await em.save(
        em.create(ChildrensServicesInformed, {
          planId: plan.id,
          hearingId: ofThisChild!.id,
          hearingDate: ofThisChild!.hearingDate,
          localAuthorityId: authority.id,
          informedOn: input.informedOn,
          informedBy: input.informedBy.trim(),
          informedWhom: input.informedWhom?.trim() || null,
          recordedById: caller.actor.userId,
          // The service's clock (as every other recorded moment): the order of facts is decided by it.
          createdAt: this.clock.now(),
        }),
      );
      await this.record(
        em,
        plan,
        caller,
        PlanEventType.CHILDRENS_SERVICES_INFORMED,
        `Children's services (${authority.name}) told of the hearing on ${saved.hearingDate} at ${ofThisChild!.court}, on ${saved.informedOn} by ${saved.informedBy}` +
          (saved.informedWhom ? ` (told: ${saved.informedWhom})` : ''),
        'ChildrensServicesInformed',
        saved,
      );
      return saved;
    });
  }

  // ---------------------------------------------------------------- internals

  private notPast(field: string, date: string, message: string): void {
    if (date < this.clock.today()) throw BadUserInputError.forField(field, message);
  }

  /** In one transaction with the plan locked (so two records of the same plan are made one after the other). */
  private inPlan<T>(planId: string, work: (em: EntityManager, plan: ResettlementPlan) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      const plan = await em.findOne(ResettlementPlan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw new NotFoundError('Resettlement plan', planId);
      return work(em, plan);
    });
  }

  private record(
    em: EntityManager,
    plan: ResettlementPlan,
    caller: Caller,
    type: PlanEventType,
    summary: string,
    recordType: string,
    row: { id: string },
  ): Promise<void> {
    return this.history.record(
      em,
      {
        planId: plan.id,
        childId: plan.childId,
        type,
        summary,
        record: { type: recordType, id: row.id },
        before: null,
        after: { ...row },
      },
      caller,
    );
  }
}
