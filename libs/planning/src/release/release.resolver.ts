import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  ChildAction,
  ChildFieldGroup,
  CurrentCaller,
  DecidedByParent,
  ESTABLISHMENT_RELEASE_DAY_FIELDS,
  ResourceRef,
} from '@resettle/access';
import { CustodialEpisode } from '@resettle/custody';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanAccess } from '../plan-access';
import { RELEASE_APPOINTMENTS_LOADER, RELEASE_DAY_PLAN_LOADER } from '../plan-prefetch';
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
import { ReleaseService } from './release.service';
import { ReleaseDayGap } from './release.types';
import { releaseDayPlanGaps, releaseDayPlanWarnings } from './rules/release-day-gaps';

const PLAN = 'Resettlement plan';
const WHOLE_PLAN = 'Null unless you may see the whole plan (partners see only their own pathways).';

/**
 * The day of release and after it, over GraphQL. Every change is the supervising youth justice service's
 * (`ChildAction.CHANGE_PLAN` on the plan's episode), except the release-day arrangements that are the establishment's
 * (medication, ID documents, money and property: `ChildAction.ARRANGE_RELEASE_DAY`), which the establishment holding
 * the child also records; it records the release itself on the episode (custody's `recordRelease`).
 */
@Resolver(() => ResettlementPlan)
export class ReleaseResolver {
  constructor(
    private readonly release: ReleaseService,
    private readonly access: AccessService,
    private readonly planAccess: PlanAccess,
  ) {}

  // ---------------------------------------------------------------- the day of release

  @Mutation(() => ReleaseDayPlan, {
    description:
      'Starts the release-day plan (leave out expectedVersion) or changes it (send the version you loaded). The day defaults to the expected release date, the first youth justice appointment to that day. A change withdraws any confirmation.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async planReleaseDay(
    @Args('input') input: PlanReleaseDayInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    // Only the establishment's arrangements (medication, ID, money and property) named: the policy's narrower act,
    // which the establishment holding the child also has; anything else in the plan is the supervising service's.
    const establishmentPart = Object.entries(input).every(
      ([field, value]) =>
        value === undefined ||
        field === 'planId' ||
        field === 'expectedVersion' ||
        ESTABLISHMENT_RELEASE_DAY_FIELDS.includes(field),
    );
    await this.planAccess.authorizePlanChange(
      ctx,
      caller,
      input.planId,
      { type: PLAN, id: input.planId },
      establishmentPart ? ChildAction.ARRANGE_RELEASE_DAY : ChildAction.CHANGE_PLAN,
    );
    return this.release.planReleaseDay(input, caller);
  }

  @Mutation(() => ReleaseDayPlan, {
    description:
      'Records that the release-day plan is complete. CONFLICT, listing the gaps, while anything is missing.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async confirmReleaseDayPlan(
    @Args('input') input: ConfirmReleaseDayPlanInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.release.confirmReleaseDayPlan(input, caller);
  }

  @Mutation(() => ReleaseRecord, {
    description:
      'What happened on the day of release: who met the child, the first night, ETE and first appointments. CONFLICT until the release is recorded on the episode.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordReleaseDay(
    @Args('input') input: RecordReleaseDayInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.release.recordReleaseDay(input, caller);
  }

  // ---------------------------------------------------------------- after release

  @Mutation(() => ReleaseAppointment, {
    description: 'An appointment after release: PLANNED (possible before release), KEPT, MISSED or RESCHEDULED.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordAppointment(
    @Args('input') input: RecordAppointmentInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.release.recordAppointment(input, caller);
  }

  @Mutation(() => ReleaseAppointment, {
    description:
      'Kept, missed or rescheduled (KEPT and MISSED only after release, once its time has passed); and a correction of what was recorded wrongly: its kind, time, with whom and where.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async updateAppointmentOutcome(
    @Args('input') input: UpdateAppointmentOutcomeInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const resource = { type: 'Release appointment', id: input.appointmentId };
    const appointment =
      (await this.release.findAppointment(input.appointmentId)) ?? (await this.access.refuseMissing(caller, resource));
    await this.authorizePlan(ctx, caller, appointment.planId, resource);
    return this.release.updateAppointmentOutcome(input, caller);
  }

  @Mutation(() => EngagementBarrier, {
    description: 'A barrier to the child engaging, how it was assessed, and the plan to address it.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordEngagementBarrier(
    @Args('input') input: RecordEngagementBarrierInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.release.recordEngagementBarrier(input, caller);
  }

  @Mutation(() => EngagementBarrier, {
    description: 'Change a barrier’s assessment or plan, or mark it ADDRESSED (or OPEN again).',
  })
  @Allow(Capability.CHANGE_PLAN)
  async updateEngagementBarrier(
    @Args('input') input: UpdateEngagementBarrierInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const resource = { type: 'Engagement barrier', id: input.barrierId };
    const barrier =
      (await this.release.findBarrier(input.barrierId)) ?? (await this.access.refuseMissing(caller, resource));
    await this.authorizePlan(ctx, caller, barrier.planId, resource);
    return this.release.updateEngagementBarrier(input, caller);
  }

  @Mutation(() => SupervisionCheck, {
    description:
      'Compliance with supervision over a period after release; send expectedVersion to correct a period already recorded.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordSupervisionCheck(
    @Args('input') input: RecordSupervisionCheckInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.release.recordSupervisionCheck(input, caller);
  }

  // ---------------------------------------------------------------- fields of the plan

  @DecidedByParent()
  @ResolveField(() => ReleaseDayPlan, {
    nullable: true,
    description: `The plan for the day of release; null until started. ${WHOLE_PLAN}`,
  })
  async releaseDay(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, ReleaseDayPlan | null>(RELEASE_DAY_PLAN_LOADER, (ids) => this.release.releaseDayPlansOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => Boolean, {
    description:
      'Whether you may change the release-day arrangements that are the establishment’s (medication, ID documents, money and property) with planReleaseDay: the supervising service and the establishment holding the child (the policy’s ARRANGE_RELEASE_DAY). For a page to offer only what is allowed.',
  })
  mayArrangeReleaseDay(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext): Promise<boolean> {
    return this.access.mayAct(ctx, plan.childId, ChildAction.ARRANGE_RELEASE_DAY, plan.episodeId);
  }

  @DecidedByParent()
  @ResolveField(() => ReleaseRecord, {
    nullable: true,
    description: `What happened on the day of release; null until recorded. ${WHOLE_PLAN}`,
  })
  async releaseRecord(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, ReleaseRecord | null>('releaseRecord', (ids) => this.release.releaseRecordsOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [ReleaseAppointment], {
    nullable: true,
    description: `Appointments after release, soonest first. ${WHOLE_PLAN}`,
  })
  async appointments(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, ReleaseAppointment[]>(RELEASE_APPOINTMENTS_LOADER, (ids) => this.release.appointmentsOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [EngagementBarrier], {
    nullable: true,
    description: `Barriers to engagement, oldest first. ${WHOLE_PLAN}`,
  })
  async engagementBarriers(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, EngagementBarrier[]>('engagementBarriers', (ids) => this.release.engagementBarriersOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [SupervisionCheck], {
    nullable: true,
    description: `Supervision compliance by period, oldest first. ${WHOLE_PLAN}`,
  })
  async supervisionChecks(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, SupervisionCheck[]>('supervisionChecks', (ids) => this.release.supervisionChecksOf(ids))
      .load(plan.id);
  }

  // ---------------------------------------------------------------- internals

  private async showsWholePlan(ctx: AccessContext, plan: ResettlementPlan): Promise<boolean> {
    return (await this.access.visibleFieldGroups(ctx, plan.childId)).has(ChildFieldGroup.PLAN);
  }

  /** The plan is the supervising service's to change; missing and not-yours both NOT_FOUND, audited either way. */
  private authorizePlan(
    ctx: AccessContext,
    caller: Caller,
    planId: string,
    resource: ResourceRef = { type: PLAN, id: planId },
  ): Promise<ResettlementPlan> {
    return this.planAccess.authorizePlanChange(ctx, caller, planId, resource);
  }
}

/** What the release-day plan still lacks, worked out against the episode's expected release date now. */
@Resolver(() => ReleaseDayPlan)
export class ReleaseDayPlanResolver {
  constructor(private readonly release: ReleaseService) {}

  @DecidedByParent()
  @ResolveField(() => [ReleaseDayGap], {
    description: 'What must be filled in before the plan can be confirmed; empty when nothing is missing.',
  })
  async gaps(@Parent() day: ReleaseDayPlan, @Context() ctx: AccessContext): Promise<ReleaseDayGap[]> {
    const episode = await ctx.loaders
      .get<string, CustodialEpisode | null>('episodeOfPlan', (ids) => this.release.episodesOfPlans(ids))
      .load(day.planId);
    return releaseDayPlanGaps(day, episode?.expectedReleaseDate ?? null);
  }

  @DecidedByParent()
  @ResolveField(() => [String], { description: 'Worth a second look, though they do not stop confirmation.' })
  warnings(@Parent() day: ReleaseDayPlan): string[] {
    return releaseDayPlanWarnings(day);
  }
}
