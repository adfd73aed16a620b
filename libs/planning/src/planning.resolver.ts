import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
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
  selectedFieldPaths,
} from '@resettle/access';
import { DirectFieldResolvers, thenMaybe } from '@resettle/common';
import { CustodialEpisode } from '@resettle/custody';
import { User, UsersService } from '@resettle/identity';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
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
import { AddPathwayActionPayload, ChildVoice, PlanAgreement, RepeatedIntervention } from './plan.types';
import { PlanAccess } from './plan-access';
import {
  PATHWAY_ACTIONS_LOADER,
  PLAN_BY_ID_LOADER,
  PLAN_CIRCUMSTANCES_LOADER,
  PRIOR_INTERVENTIONS_LOADER,
} from './plan-prefetch';
import { PATHWAYS_OF_PLAN_LOADER, PLAN_OF_EPISODE_LOADER, PlanningService } from './planning.service';
import { agreementBlockerDetails } from './rules/plan-agreement';
import { repeatedInterventions } from './rules/repeated-interventions';

const PLAN = 'Resettlement plan';
const WHOLE_PLAN = 'Null unless you may see the whole plan (partners see only their own pathways).';

/**
 * The plan over GraphQL. Every operation asks the access policy first: the supervising service changes the plan;
 * a pathway may also be changed by the organisation responsible for it (an establishment: while it holds the child).
 */
@Resolver(() => ResettlementPlan)
export class PlanningResolver {
  constructor(
    private readonly planning: PlanningService,
    private readonly access: AccessService,
    private readonly planAccess: PlanAccess,
    direct: DirectFieldResolvers,
  ) {
    // Every plan read and caseload page asks this; the policy decides inside (`visiblePathways`), not Nest.
    direct.register('ResettlementPlan', 'pathways', (plan: ResettlementPlan, ctx: AccessContext) =>
      this.pathways(plan, ctx),
    );
  }

  @Query(() => ResettlementPlan, {
    description: 'The plan of a custodial episode (NOT_FOUND if it is not yours to see).',
  })
  @Allow(Capability.READ_CHILD)
  async resettlementPlan(
    @Args('episodeId', { type: () => ID }, ParseUUIDPipe) episodeId: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const plan =
      (await this.planning.findPlanOfEpisode(episodeId)) ??
      (await this.access.refuseMissing(caller, { type: PLAN, id: episodeId }));
    await this.access.authorizeRead(
      ctx,
      caller,
      plan.childId,
      { type: PLAN, id: episodeId },
      { planOfEpisode: episodeId, fieldsRead: selectedFieldPaths(info) },
    );
    return plan;
  }

  // ---------------------------------------------------------------- changes to the plan as a whole

  @Mutation(() => ResettlementPlan, {
    description: 'The child’s self-assessment, aspirations, strengths and how they learn and communicate.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async updateChildVoice(
    @Args('input') input: UpdateChildVoiceInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.planning.updateChildVoice(input, caller);
  }

  @Mutation(() => ResettlementPlan, {
    description: 'How and when the plan was explained, and the child’s and parent/carer’s agreement in their words.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordPlanExplanation(
    @Args('input') input: RecordPlanExplanationInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.planning.recordPlanExplanation(input, caller);
  }

  @Mutation(() => ResettlementPlan, {
    description: 'Refused with CONFLICT (and the reasons) while an active pathway lacks the child’s view.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async markPlanAgreed(
    @Args('input') input: MarkPlanAgreedInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.planning.markPlanAgreed(input, caller);
  }

  @Mutation(() => PlanCircumstance, {
    description: 'A circumstance (looked after, a girl, a parent, …) and what the plan does about it.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordCircumstance(
    @Args('input') input: RecordCircumstanceInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePlan(ctx, caller, input.planId);
    return this.planning.recordCircumstance(input, caller);
  }

  @Mutation(() => PlanCircumstance, {
    description: 'Removes a circumstance recorded in error or no longer so; returns it as it was.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async removeCircumstance(
    @Args('input') input: RemoveCircumstanceInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const found =
      (await this.planning.findCircumstance(input.circumstanceId)) ??
      (await this.access.refuseMissing(caller, { type: 'Circumstance', id: input.circumstanceId }));
    await this.authorizePlan(ctx, caller, found.planId);
    return this.planning.removeCircumstance(input, caller);
  }

  @Mutation(() => PriorIntervention, {
    description: 'An intervention done on an earlier order: planning it again will warn.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordPriorIntervention(
    @Args('input') input: RecordPriorInterventionInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeChildHistory(ctx, caller, input.childId, { type: 'Child', id: input.childId });
    return this.planning.recordPriorIntervention(input, caller);
  }

  @Mutation(() => PriorIntervention, { description: 'What, when, by whom and how an earlier intervention went.' })
  @Allow(Capability.CHANGE_PLAN)
  async updatePriorIntervention(
    @Args('input') input: UpdatePriorInterventionInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePriorIntervention(ctx, caller, input.priorInterventionId);
    return this.planning.updatePriorIntervention(input, caller);
  }

  @Mutation(() => PriorIntervention, { description: 'Removes an earlier intervention; returns it as it was.' })
  @Allow(Capability.CHANGE_PLAN)
  async removePriorIntervention(
    @Args('input') input: RemovePriorInterventionInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePriorIntervention(ctx, caller, input.priorInterventionId);
    return this.planning.removePriorIntervention(input, caller);
  }

  // ---------------------------------------------------------------- pathways

  @Mutation(() => Pathway, {
    description: 'Need, responsible organisation and owner, status, the child’s view, notes.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async updatePathway(
    @Args('input') input: UpdatePathwayInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePathway(ctx, caller, input.pathwayId);
    return this.planning.updatePathway(input, caller);
  }

  @Mutation(() => AddPathwayActionPayload)
  @Allow(Capability.CHANGE_PLAN)
  async addPathwayAction(
    @Args('input') input: AddPathwayActionInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizePathway(ctx, caller, input.pathwayId);
    return this.planning.addPathwayAction(input, caller);
  }

  @Mutation(() => PathwayAction, {
    description: 'Change an action, or mark it done (doneOn) or open again (doneOn: null).',
  })
  @Allow(Capability.CHANGE_PLAN)
  async updatePathwayAction(
    @Args('input') input: UpdatePathwayActionInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const action =
      (await this.planning.findAction(input.actionId)) ??
      (await this.access.refuseMissing(caller, { type: 'Pathway action', id: input.actionId }));
    await this.authorizePathway(ctx, caller, action.pathwayId, { type: 'Pathway action', id: input.actionId });
    return this.planning.updatePathwayAction(input, caller);
  }

  // ---------------------------------------------------------------- fields

  private async showsWholePlan(ctx: AccessContext, plan: ResettlementPlan): Promise<boolean> {
    return (await this.access.visibleFieldGroups(ctx, plan.childId)).has(ChildFieldGroup.PLAN);
  }

  @DecidedByParent()
  @ResolveField(() => ChildVoice, { nullable: true, description: WHOLE_PLAN })
  async childVoice(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext): Promise<ChildVoice | null> {
    return (await this.showsWholePlan(ctx, plan)) ? plan : null;
  }

  @DecidedByParent()
  @ResolveField(() => PlanAgreement, { nullable: true, description: WHOLE_PLAN })
  async agreement(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext): Promise<PlanAgreement | null> {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    const pathways = await this.pathwaysOf(ctx, plan);
    const blockerDetails = agreementBlockerDetails({
      explainedOn: plan.explainedOn,
      childAgreement: plan.childAgreement,
      pathways,
    });
    return { ...plan, blockers: blockerDetails.map((b) => b.text), blockerDetails };
  }

  @DecidedByParent()
  @ResolveField(() => [Pathway], {
    description: 'The nine pathways, or for a partner the ones their organisation is responsible for.',
  })
  pathways(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext): Pathway[] | Promise<Pathway[]> {
    // At once when the page primed the pathways and the child's relations (no promise for each of 50 plans).
    return thenMaybe(this.pathwaysOf(ctx, plan), (pathways) =>
      this.access.visiblePathways(ctx, plan.childId, pathways),
    );
  }

  @DecidedByParent()
  @ResolveField(() => [PlanCircumstance], { nullable: true, description: WHOLE_PLAN })
  async circumstances(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, PlanCircumstance[]>(PLAN_CIRCUMSTANCES_LOADER, (ids) => this.planning.circumstancesOf(ids))
      .load(plan.id);
  }

  @DecidedByParent()
  @ResolveField(() => [PriorIntervention], {
    nullable: true,
    description: `Interventions done on earlier orders. ${WHOLE_PLAN}`,
  })
  async priorInterventions(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders
      .get<string, PriorIntervention[]>(PRIOR_INTERVENTIONS_LOADER, (ids) => this.planning.priorInterventionsOf(ids))
      .load(plan.childId);
  }

  @DecidedByParent()
  @ResolveField(() => [RepeatedIntervention], {
    nullable: true,
    description: `Open actions that plan again an intervention the child did on an earlier order. ${WHOLE_PLAN}`,
  })
  async repeatedInterventions(
    @Parent() plan: ResettlementPlan,
    @Context() ctx: AccessContext,
  ): Promise<RepeatedIntervention[] | null> {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    const earlier = await ctx.loaders
      .get<string, PriorIntervention[]>(PRIOR_INTERVENTIONS_LOADER, (ids) => this.planning.priorInterventionsOf(ids))
      .load(plan.childId);
    if (!earlier.length) return [];
    const pathways = await this.pathwaysOf(ctx, plan);
    const actions = await ctx.loaders
      .get<string, PathwayAction[]>(PATHWAY_ACTIONS_LOADER, (ids) => this.planning.actionsOf(ids))
      .loadMany(pathways.map((p) => p.id));
    return repeatedInterventions(
      earlier,
      pathways.flatMap((p, i) => {
        const of = actions[i];
        return of instanceof Error ? [] : of.map((a) => ({ ...a, pathwayType: p.type }));
      }),
    );
  }

  @DecidedByParent()
  @ResolveField(() => [PlanEvent], {
    nullable: true,
    description: `Every change to the plan, oldest first. ${WHOLE_PLAN}`,
  })
  async history(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await this.showsWholePlan(ctx, plan))) return null;
    return ctx.loaders.get<string, PlanEvent[]>('planHistory', (ids) => this.planning.historyOf(ids)).load(plan.id);
  }

  // ---------------------------------------------------------------- internals

  private pathwaysOf(ctx: AccessContext, plan: ResettlementPlan): Pathway[] | Promise<Pathway[]> {
    return ctx.loaders.load<string, Pathway[]>(
      PATHWAYS_OF_PLAN_LOADER,
      (ids) => this.planning.pathwaysOf(ids),
      plan.id,
    );
  }

  /** The child's history is recorded by a service that may change one of their plans (one it supervises). */
  private async authorizeChildHistory(
    ctx: AccessContext,
    caller: Caller,
    childId: string,
    resource: { type: string; id: string },
  ): Promise<void> {
    const relations = await this.access.relationsOf(ctx, childId);
    const theirs = relations?.episodes.find((e) => e.supervisingServiceId === caller.actor.organisationId)?.episodeId;
    await this.access.authorizeChange(ctx, caller, childId, ChildAction.CHANGE_PLAN, resource, theirs ?? 'none');
  }

  private async authorizePriorIntervention(ctx: AccessContext, caller: Caller, id: string): Promise<void> {
    const resource = { type: 'Earlier intervention', id };
    const found =
      (await this.planning.findPriorIntervention(id)) ?? (await this.access.refuseMissing(caller, resource));
    await this.authorizeChildHistory(ctx, caller, found.childId, resource);
  }

  /** The plan as a whole is the supervising service's. */
  private authorizePlan(ctx: AccessContext, caller: Caller, planId: string): Promise<ResettlementPlan> {
    return this.planAccess.authorizePlanChange(ctx, caller, planId);
  }

  private async authorizePathway(
    ctx: AccessContext,
    caller: Caller,
    pathwayId: string,
    resource = { type: 'Pathway', id: pathwayId },
  ): Promise<void> {
    const pathway = (await this.planning.findPathway(pathwayId)) ?? (await this.access.refuseMissing(caller, resource));
    const plan = (await this.planning.findPlan(pathway.planId))!;
    await this.access.authorizeChange(ctx, caller, plan.childId, ChildAction.CHANGE_PATHWAY, resource, plan.episodeId, {
      pathwayOrganisationId: pathway.responsibleOrganisationId,
    });
  }
}

@Resolver(() => Pathway)
export class PathwayResolver {
  constructor(
    private readonly planning: PlanningService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => Boolean, {
    description:
      'Whether you may change this pathway now (the access policy’s CHANGE_PATHWAY: the supervising service, the organisation responsible for it; an establishment only the ones it owns, while it holds the child). For a page to offer only what is allowed; every change is decided again.',
  })
  async mayChange(@Parent() pathway: Pathway, @Context() ctx: AccessContext): Promise<boolean> {
    const plan = await ctx.loaders
      .get<string, ResettlementPlan | null>(PLAN_BY_ID_LOADER, (ids) => this.planning.plansByIds(ids))
      .load(pathway.planId);
    if (!plan) return false;
    return this.access.mayAct(ctx, plan.childId, ChildAction.CHANGE_PATHWAY, plan.episodeId, {
      pathwayOrganisationId: pathway.responsibleOrganisationId,
    });
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, { nullable: true })
  responsibleOrganisation(@Parent() pathway: Pathway, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, pathway.responsibleOrganisationId);
  }

  @DecidedByParent()
  @ResolveField(() => [PathwayAction])
  actions(@Parent() pathway: Pathway, @Context() ctx: AccessContext) {
    return ctx.loaders
      .get<string, PathwayAction[]>(PATHWAY_ACTIONS_LOADER, (ids) => this.planning.actionsOf(ids))
      .load(pathway.id);
  }
}

/** The plan of an episode, for whoever may see the episode. */
@Resolver(() => CustodialEpisode)
export class EpisodePlanResolver {
  constructor(
    private readonly planning: PlanningService,
    direct: DirectFieldResolvers,
  ) {
    // A caseload page asks this of every episode; it needs nothing of Nest's per-call pipeline.
    direct.register('CustodialEpisode', 'resettlementPlan', (episode: CustodialEpisode, ctx: AccessContext) =>
      this.resettlementPlan(episode, ctx),
    );
  }

  @DecidedByParent()
  @ResolveField(() => ResettlementPlan, { nullable: true })
  resettlementPlan(@Parent() episode: CustodialEpisode, @Context() ctx: AccessContext) {
    return ctx.loaders.load<string, ResettlementPlan | null>(
      PLAN_OF_EPISODE_LOADER,
      (ids) => this.planning.plansOfEpisodes(ids),
      episode.id,
    );
  }
}

/** Who made each change to the plan, by name (the identity feature's users, through the request's DataLoader). */
@Resolver(() => PlanEvent)
export class PlanEventResolver {
  constructor(private readonly users: UsersService) {}

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: 'Who made the change, by name (null for the system).' })
  async recordedByName(@Parent() event: PlanEvent, @Context() ctx: AccessContext): Promise<string | null> {
    if (!event.recordedById) return null;
    const user = await ctx.loaders
      .get<string, User | null>('planning:user', (ids) => this.users.findByIds(ids))
      .load(event.recordedById);
    return user ? `${user.givenName} ${user.familyName}` : null;
  }
}
