import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessContext, DecidedByParent, ReferralFieldGroup, visibleReferralFieldGroups } from '@resettle/access';
import { Clock, daysBetween } from '@resettle/common';
import { CustodialEpisode, CustodyService } from '@resettle/custody';
import { User, UsersService } from '@resettle/identity';
import {
  DEFAULT_MILESTONE_POLICY,
  EffectivePolicy,
  Milestone,
  MilestoneAnchors,
  MilestoneOffsetType,
  MilestonesService,
} from '@resettle/milestones';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { Referral } from './entities/referral.entity';
import { ReferralEvent } from './entities/referral-event.entity';
import { ReferralMessage } from './entities/referral-message.entity';
import { ReferralContact, ReferralDeadline } from './referral.types';
import { DEADLINE_FOR, ReferralUrgency, referralUrgency } from './rules/referral-urgency';

/**
 * What both sides of a referral need to read it at a glance: who it is between, how long until the child leaves
 * and how close the deadline is. The referral itself was authorised when it was read; these fields add nothing a
 * partner may not see (the release date is in the summary already; the deadline is only its date and status).
 */
@Resolver(() => Referral)
export class ReferralFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly custody: CustodyService,
    private readonly milestones: MilestonesService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @DecidedByParent()
  @ResolveField(() => ReferralContact, {
    nullable: true,
    description:
      'The child’s case manager at the supervising service (name, work email, work phone), for both sides of the ' +
      'referral; null when none is assigned (or their account is disabled): then call `supervisingService`.',
  })
  async caseManager(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<ReferralContact | null> {
    if (!ctx.actor || !visibleReferralFieldGroups(ctx.actor, referral).has(ReferralFieldGroup.CASE_MANAGER_CONTACT))
      return null;
    const caseManagerId = (await this.episodeOf(ctx, referral))?.caseManagerId;
    const user = caseManagerId ? await loadUser(ctx, this.users, caseManagerId) : null;
    if (!user || user.disabled) return null;
    return { name: fullName(user)!, email: user.email, workPhone: user.workPhone };
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, {
    nullable: true,
    description:
      'The youth justice service supervising the child now (after the child moved area, not the one that made the ' +
      'referral): who to contact when no case manager is assigned.',
  })
  async supervisingService(@Parent() referral: Referral, @Context() ctx: AccessContext) {
    if (!ctx.actor || !visibleReferralFieldGroups(ctx.actor, referral).has(ReferralFieldGroup.CASE_MANAGER_CONTACT))
      return null;
    const episode = await this.episodeOf(ctx, referral);
    return episode ? loadOrganisation(ctx, this.organisations, episode.supervisingServiceId) : null;
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, { description: 'The organisation the referral is addressed to.' })
  toOrganisation(@Parent() referral: Referral, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, referral.toOrganisationId);
  }

  @DecidedByParent()
  @ResolveField(() => Organisation, { description: 'The youth justice service that made the referral.' })
  fromService(@Parent() referral: Referral, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, referral.fromServiceId);
  }

  @DecidedByParent()
  @ResolveField(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: the day the child is now expected to leave (live, unlike the summary); null on remand.',
  })
  async expectedReleaseDate(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<string | null> {
    return (await this.episodeOf(ctx, referral))?.expectedReleaseDate ?? null;
  }

  @DecidedByParent()
  @ResolveField(() => Int, {
    nullable: true,
    description: 'Days from today to the expected release date; null on remand.',
  })
  async daysToRelease(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<number | null> {
    const date = (await this.episodeOf(ctx, referral))?.expectedReleaseDate;
    return date ? daysBetween(this.clock.today(), date) : null;
  }

  @DecidedByParent()
  @ResolveField(() => ReferralDeadline, {
    nullable: true,
    description: 'The deadline this referral exists to meet; null if the episode has none.',
  })
  deadline(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<ReferralDeadline | null> {
    return this.deadlineOf(ctx, referral);
  }

  @DecidedByParent()
  @ResolveField(() => ReferralUrgency, {
    description: 'Overdue, due soon (within 14 days of the deadline), on track, done or closed.',
  })
  async urgency(@Parent() referral: Referral, @Context() ctx: AccessContext): Promise<ReferralUrgency> {
    const deadline = await this.deadlineOf(ctx, referral);
    return referralUrgency({
      status: referral.status,
      deadlineDueDate: deadline?.dueDate ?? null,
      deadlineStatus: deadline?.status ?? null,
      today: this.clock.today(),
    });
  }

  private episodeOf(ctx: AccessContext, referral: Referral): Promise<CustodialEpisode | null> {
    return ctx.loaders
      .get<string, CustodialEpisode | null>('referrals:episode', (ids) => this.custody.findByIds(ids))
      .load(referral.episodeId);
  }

  private async deadlineOf(ctx: AccessContext, referral: Referral): Promise<ReferralDeadline | null> {
    const all = await ctx.loaders
      .get<string, Milestone[]>('milestonesOfEpisode', (ids) => this.milestones.milestonesOfEpisodes(ids))
      .load(referral.episodeId);
    const milestone = all.find((m) => m.key === DEADLINE_FOR[referral.type]);
    return milestone
      ? {
          key: milestone.key,
          dueDate: milestone.dueDate,
          status: milestone.status,
          anchor: DEFAULT_MILESTONE_POLICY[milestone.key].anchor,
          episodeId: referral.episodeId,
        }
      : null;
  }
}

/**
 * What a referral's deadline is counted from and how far, so a page can say why it is what it is without working it
 * back from the due date. Read only when asked for (the inbox asks for the date and status alone).
 */
@Resolver(() => ReferralDeadline)
export class ReferralDeadlineFieldsResolver {
  constructor(
    private readonly custody: CustodyService,
    private readonly milestones: MilestonesService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD: the date the due date is counted from now (the earliest release date: a DTO’s presumed early ' +
      'release until a release day is decided, otherwise the expected release date); null while unknown (remand).',
  })
  async anchorDate(@Parent() deadline: ReferralDeadline, @Context() ctx: AccessContext): Promise<string | null> {
    const anchors = await ctx.loaders
      .get<string, MilestoneAnchors | null>('referrals:anchors', (ids) => this.milestones.anchorsOfEpisodes(ids))
      .load(deadline.episodeId);
    return anchors?.[deadline.anchor] ?? null;
  }

  @DecidedByParent()
  @ResolveField(() => MilestoneOffsetType, {
    description:
      'How far from the anchor date it is due, as the supervising service’s policy has it (a due date on a weekend ' +
      'or bank holiday moves to the working day before).',
  })
  async offset(@Parent() deadline: ReferralDeadline, @Context() ctx: AccessContext): Promise<MilestoneOffsetType> {
    const episode = await ctx.loaders
      .get<string, CustodialEpisode | null>('referrals:episode', (ids) => this.custody.findByIds(ids))
      .load(deadline.episodeId);
    const effective = await ctx.loaders
      .get<string, EffectivePolicy>('referrals:policy', (ids) => this.milestones.effectivePolicies(ids))
      .load(episode!.supervisingServiceId);
    return { ...effective.policy[deadline.key].offset } as MilestoneOffsetType;
  }
}

/** Loads users by id through the request's DataLoader, for the names in a referral's thread and timeline. */
function loadUser(ctx: AccessContext, users: UsersService, id: string): Promise<User | null> {
  return ctx.loaders.get<string, User | null>('referrals:user', (ids) => users.findByIds(ids)).load(id);
}

const fullName = (user: User | null) => (user ? `${user.givenName} ${user.familyName}` : null);

/** Who wrote each message: both sides of a referral see each other's names and organisations, as in any shared case. */
@Resolver(() => ReferralMessage)
export class ReferralMessageFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => Organisation)
  authorOrganisation(@Parent() message: ReferralMessage, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, message.authorOrganisationId);
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: 'Given and family name of the author.' })
  async authorName(@Parent() message: ReferralMessage, @Context() ctx: AccessContext) {
    return fullName(await loadUser(ctx, this.users, message.authorUserId));
  }
}

/** Who made each move. */
@Resolver(() => ReferralEvent)
export class ReferralEventFieldsResolver {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => Organisation)
  actorOrganisation(@Parent() event: ReferralEvent, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, event.actorOrganisationId);
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: 'Given and family name of who made the move.' })
  async actorName(@Parent() event: ReferralEvent, @Context() ctx: AccessContext) {
    return fullName(await loadUser(ctx, this.users, event.actorUserId));
  }
}
