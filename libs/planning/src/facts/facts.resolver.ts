import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  ChildFieldGroup,
  CurrentCaller,
  DecidedByParent,
} from '@resettle/access';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanAccess } from '../plan-access';
import { CHILDRENS_SERVICES_INFORMED_LOADER } from '../plan-prefetch';
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
import { PlanFactsService } from './facts.service';

const WHOLE_PLAN = 'Null unless you may see the whole plan (partners see only their own pathways).';

/**
 * The facts deadlines are met by, over GraphQL: the supervising youth justice service records them
 * (`ChildAction.CHANGE_PLAN` on the plan's episode), as it does the rest of the plan.
 */
@Resolver(() => ResettlementPlan)
export class PlanFactsResolver {
  constructor(
    private readonly facts: PlanFactsService,
    private readonly access: AccessService,
    private readonly planAccess: PlanAccess,
  ) {}

  @Mutation(() => AccommodationArrangement, {
    description:
      'Where the child will live when no accommodation referral is needed (home to family, say): meets "accommodation confirmed".',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordAccommodationArrangement(
    @Args('input') input: RecordAccommodationArrangementInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.planAccess.authorizePlanChange(ctx, caller, input.planId);
    return this.facts.recordAccommodationArrangement(input, caller);
  }

  @Mutation(() => ChildToldWhereLiving, {
    description:
      'The child told where they will live (the plan’s confirmed address). CONFLICT while no address is confirmed.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordChildToldWhereLiving(
    @Args('input') input: RecordChildToldWhereLivingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.planAccess.authorizePlanChange(ctx, caller, input.planId);
    return this.facts.recordChildTold(input, caller);
  }

  @Mutation(() => EtePlacement, {
    description: 'The education, training or employment place confirmed: meets "ETE place confirmed".',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordEtePlacement(
    @Args('input') input: RecordEtePlacementInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.planAccess.authorizePlanChange(ctx, caller, input.planId);
    return this.facts.recordEtePlacement(input, caller);
  }

  @Mutation(() => HealthHandover, {
    description: 'A health pathway handed over: receiving provider and first appointment.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordHealthHandover(
    @Args('input') input: RecordHealthHandoverInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.planAccess.authorizePlanChange(ctx, caller, input.planId);
    return this.facts.recordHealthHandover(input, caller);
  }

  @Mutation(() => ChildrensServicesInformed, {
    description:
      'Children’s services (the child’s responsible local authority, else their home one) told of the court hearing the ' +
      'child waits for, before it: meets "children’s services informed" for that hearing. BAD_USER_INPUT naming ' +
      'informedOn (in the future, before custody began, not before the hearing) or hearingId (not this child’s); ' +
      'CONFLICT for a hearing with its outcome or cancelled, or a child with no local authority recorded.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordChildrensServicesInformed(
    @Args('input') input: RecordChildrensServicesInformedInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.planAccess.authorizePlanChange(ctx, caller, input.planId);
    return this.facts.recordChildrensServicesInformed(input, caller);
  }

  @DecidedByParent()
  @ResolveField(() => [ChildrensServicesInformed], {
    nullable: true,
    description: `Each time children’s services were told of a court hearing, oldest first. ${WHOLE_PLAN}`,
  })
  async childrensServicesInformed(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, ChildrensServicesInformed[]>(CHILDRENS_SERVICES_INFORMED_LOADER, (ids) =>
        this.facts.childrensServicesInformedOf(ids),
      )
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [AccommodationArrangement], {
    nullable: true,
    description: `Accommodation arrangements, oldest first. ${WHOLE_PLAN}`,
  })
  async accommodationArrangements(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, AccommodationArrangement[]>('accommodationArrangements', (ids) => this.facts.arrangementsOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [ChildToldWhereLiving], {
    nullable: true,
    description: `Each time the child was told where they will live, oldest first. ${WHOLE_PLAN}`,
  })
  async childToldWhereLiving(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, ChildToldWhereLiving[]>('childToldWhereLiving', (ids) => this.facts.childToldOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [EtePlacement], {
    nullable: true,
    description: `ETE places confirmed, oldest first. ${WHOLE_PLAN}`,
  })
  async etePlacements(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, EtePlacement[]>('etePlacements', (ids) => this.facts.etePlacementsOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [HealthHandover], {
    nullable: true,
    description: `Health handovers, oldest first. ${WHOLE_PLAN}`,
  })
  async healthHandovers(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, HealthHandover[]>('healthHandovers', (ids) => this.facts.healthHandoversOf(ids))
      .load(plan.id);
  }

  private async showsWholePlan(ctx: AccessContext, plan: ResettlementPlan): Promise<boolean> {
    return (await this.access.visibleFieldGroups(ctx, plan.childId)).has(ChildFieldGroup.PLAN);
  }
}
