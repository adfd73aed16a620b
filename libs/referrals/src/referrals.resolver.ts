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
  CurrentCaller,
  DecidedByParent,
  referralVisible,
  selectedFieldPaths,
} from '@resettle/access';
import { PlanningService, ResettlementPlan } from '@resettle/planning';
import {
  CreateReferralInput,
  OfferReferralInput,
  PostReferralMessageInput,
  ReferralMoveInput,
  ReferralReasonInput,
  ReferralsArgs,
  RequestReferralInformationInput,
  UpdateReferralDraftInput,
} from './dto/referral.inputs';
import { Referral } from './entities/referral.entity';
import { ReferralEvent } from './entities/referral-event.entity';
import { ReferralMessage } from './entities/referral-message.entity';
import { REFERRALS_OF_PLAN_LOADER } from './plan-referrals-part';
import { ReferralConnection, ReferralSummary } from './referral.types';
import { REFERRAL, ReferralsService } from './referrals.service';
import { ReferralNews } from './rules/referral-news';

/**
 * Referrals over GraphQL. Who may attempt each operation is its capability (the youth justice side sends and
 * withdraws, a partner responds; a caller without it is FORBIDDEN at the door). Which referrals are the caller's
 * is `referralSides`: the service that made it, and the organisation it is addressed to once it is sent. Anything
 * else is NOT_FOUND, worded as for a referral that does not exist, and audited.
 */
@Resolver(() => Referral)
export class ReferralsResolver {
  constructor(
    private readonly service: ReferralsService,
    private readonly planning: PlanningService,
    private readonly access: AccessService,
  ) {}

  // ---------------------------------------------------------------- reads

  @Query(() => Referral, {
    description: 'One referral (NOT_FOUND if it is not yours: a partner sees it once it is sent).',
  })
  @Allow(Capability.READ_REFERRALS)
  async referral(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const referral = await this.visible(caller, id);
    await this.access.authorizeRead(
      ctx,
      caller,
      referral.childId,
      { type: REFERRAL, id },
      { fieldsRead: selectedFieldPaths(info) },
    );
    return referral;
  }

  @Query(() => ReferralConnection, {
    description:
      'Your referrals: for a partner, those addressed to your organisation (its inbox); for a youth justice service, those it made. Soonest release first.',
  })
  @Allow(Capability.READ_REFERRALS)
  async referrals(@Args() args: ReferralsArgs, @CurrentCaller() caller: Caller, @Info() info: GraphQLResolveInfo) {
    // One audit row per referral on the page, written by the page's own statement. A count alone (the inbox's
    // tabs ask only totalCount) reads no child's record, so it writes none.
    const fields = selectedFieldPaths(info);
    const readsRecords = fields.some((f) => f.startsWith('edges'));
    return this.service.list(
      caller.actor,
      args.filter,
      args.first,
      args.after,
      readsRecords ? this.access.listReadAudit(caller, REFERRAL, fields) : undefined,
      args.orderBy ?? undefined,
    );
  }

  @DecidedByParent()
  @ResolveField(() => ReferralSummary, {
    nullable: true,
    description: 'What the partner sees of the child, as it was when the referral was sent; null before.',
  })
  summary(@Parent() referral: Referral): ReferralSummary | null {
    return referral.summary ? { ...referral.summary, takenAt: new Date(referral.summary.takenAt) } : null;
  }

  @DecidedByParent()
  @ResolveField(() => ReferralNews, {
    nullable: true,
    description:
      'What is new on this referral for you (your unread notices about it); null when nothing is. Opening its page or acting on it marks them read.',
  })
  news(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<ReferralNews | null> {
    const actor = ctx.actor;
    if (!actor) return Promise.resolve(null);
    return ctx.loaders
      .get<string, ReferralNews | null>('referrals:news', (ids) => this.service.newsFor(actor, ids))
      .load(referral.id);
  }

  @DecidedByParent()
  @ResolveField(() => [ReferralEvent], { description: 'Every move: from, to, who and when.' })
  events(@Parent() referral: Referral, @Context() ctx: AccessContext) {
    return ctx.loaders
      .get<string, ReferralEvent[]>('referrals:events', (ids) => this.service.eventsOf(ids))
      .load(referral.id);
  }

  @DecidedByParent()
  @ResolveField(() => [ReferralMessage], {
    description: 'The thread between the youth justice service and the partner, oldest first.',
  })
  messages(@Parent() referral: Referral, @Context() ctx: AccessContext) {
    return ctx.loaders
      .get<string, ReferralMessage[]>('referrals:messages', (ids) => this.service.messagesOf(ids))
      .load(referral.id);
  }

  // ---------------------------------------------------------------- the youth justice side

  @Mutation(() => Referral, {
    description: 'A DRAFT referral from a pathway of the plan (the supervising service only).',
  })
  @Allow(Capability.SEND_REFERRAL)
  async createReferral(
    @Args('input') input: CreateReferralInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const resource = { type: 'Pathway', id: input.pathwayId };
    const pathway =
      (await this.planning.findPathway(input.pathwayId)) ?? (await this.access.refuseMissing(caller, resource));
    const plan = (await this.planning.findPlan(pathway.planId)) ?? (await this.access.refuseMissing(caller, resource));
    await this.access.authorizeChange(ctx, caller, plan.childId, ChildAction.CHANGE_PLAN, resource, plan.episodeId);
    return this.service.create(input, plan, pathway, caller.actor.organisationId, caller);
  }

  @Mutation(() => Referral, {
    description: 'Change what a DRAFT (or INFORMATION_REQUESTED) referral says. Fields left out are kept.',
  })
  @Allow(Capability.SEND_REFERRAL)
  async updateReferralDraft(@Args('input') input: UpdateReferralDraftInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.updateDraft(input, caller);
  }

  @Mutation(() => Referral, {
    description: 'DRAFT or INFORMATION_REQUESTED → SENT: takes the summary the partner sees.',
  })
  @Allow(Capability.SEND_REFERRAL)
  async sendReferral(@Args('input') input: ReferralMoveInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.send(input.referralId, input.expectedVersion, caller);
  }

  @Mutation(() => Referral, { description: 'Any open referral → WITHDRAWN, with the reason.' })
  @Allow(Capability.SEND_REFERRAL)
  async withdrawReferral(@Args('input') input: ReferralReasonInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.withdraw(input.referralId, input.expectedVersion, input.reason, caller);
  }

  // ---------------------------------------------------------------- the partner's side

  @Mutation(() => Referral, { description: 'SENT → ACKNOWLEDGED.' })
  @Allow(Capability.RESPOND_TO_REFERRAL)
  async acknowledgeReferral(@Args('input') input: ReferralMoveInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.acknowledge(input.referralId, input.expectedVersion, caller);
  }

  @Mutation(() => Referral, {
    description:
      'SENT or ACKNOWLEDGED → INFORMATION_REQUESTED, with what is needed; the service answers and sends again.',
  })
  @Allow(Capability.RESPOND_TO_REFERRAL)
  async requestReferralInformation(
    @Args('input') input: RequestReferralInformationInput,
    @CurrentCaller() caller: Caller,
  ) {
    await this.visible(caller, input.referralId);
    return this.service.requestInformation(input.referralId, input.expectedVersion, input.note, caller);
  }

  @Mutation(() => Referral, {
    description: 'ACKNOWLEDGED → OFFERED: the address or place, its type, the provider and the start date.',
  })
  @Allow(Capability.RESPOND_TO_REFERRAL)
  async offerReferral(@Args('input') input: OfferReferralInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.offer(input.referralId, input.expectedVersion, input.offer, caller);
  }

  @Mutation(() => Referral, {
    description: 'OFFERED → CONFIRMED: the pathway becomes ARRANGED with this organisation responsible.',
  })
  @Allow(Capability.RESPOND_TO_REFERRAL)
  async confirmReferral(@Args('input') input: ReferralMoveInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.confirm(input.referralId, input.expectedVersion, caller);
  }

  @Mutation(() => Referral, { description: 'Any open sent referral → DECLINED, with the reason.' })
  @Allow(Capability.RESPOND_TO_REFERRAL)
  async declineReferral(@Args('input') input: ReferralReasonInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.decline(input.referralId, input.expectedVersion, input.reason, caller);
  }

  // ---------------------------------------------------------------- either side

  @Mutation(() => Referral, {
    description: 'CONFIRMED → FELL_THROUGH, with the reason: the pathway is IN_PROGRESS again.',
  })
  @Allow(Capability.READ_REFERRALS)
  async markReferralFellThrough(@Args('input') input: ReferralReasonInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.fellThrough(input.referralId, input.expectedVersion, input.reason, caller);
  }

  @Mutation(() => ReferralMessage, { description: 'A message in the referral’s thread.' })
  @Allow(Capability.READ_REFERRALS)
  async postReferralMessage(@Args('input') input: PostReferralMessageInput, @CurrentCaller() caller: Caller) {
    await this.visible(caller, input.referralId);
    return this.service.postMessage(input, caller);
  }

  /** The referral when it is the caller's; otherwise an audited NOT_FOUND, the same as for one that does not exist. */
  private async visible(caller: Caller, id: string): Promise<Referral> {
    const referral = await this.service.find(id);
    if (!referral || !referralVisible(caller.actor, referral))
      return this.access.refuseMissing(caller, { type: REFERRAL, id });
    return referral;
  }
}

/**
 * `ResettlementPlan.referrals`: the plan's referrals the caller may see (the plan itself was authorised when it was
 * read).
 */
@Resolver(() => ResettlementPlan)
export class PlanReferralsResolver {
  constructor(private readonly service: ReferralsService) {}

  @DecidedByParent()
  @ResolveField(() => [Referral], {
    description:
      'The referrals made from this plan that are yours to see (a partner sees only those sent to it), oldest first.',
  })
  async referrals(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    const actor = ctx.actor;
    if (!actor) return [];
    const all = await ctx.loaders
      .get<string, Referral[]>(REFERRALS_OF_PLAN_LOADER, (ids) => this.service.referralsOfPlans(ids))
      .load(plan.id);
    return all.filter((r) => referralVisible(actor, r));
  }
}
