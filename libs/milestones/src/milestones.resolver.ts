import { ParseUUIDPipe } from '@nestjs/common';
import { Args, Context, ID, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  caseloadScope,
  ChildAction,
  CurrentCaller,
  DecidedByParent,
  selectedFieldPaths,
} from '@resettle/access';
import { BadUserInputError, Clock, daysBetween, DirectFieldResolvers, GraphqlContext } from '@resettle/common';
import { CustodialEpisode, CustodyService } from '@resettle/custody';
import { User, UsersService } from '@resettle/identity';
import { NotificationsService } from '@resettle/notifications';
import { OrganisationsService, OrganisationType } from '@resettle/organisations';
import {
  AtRiskCaseManager,
  MilestoneConnection,
  MilestoneNotice,
  MilestoneNoticeKindEnum,
  MilestoneOffsetDirection,
  MilestonePolicyEntryType,
  MilestonePolicyType,
  MilestonesAtRiskArgs,
  SetMilestonePolicyInput,
  WaiveMilestoneInput,
} from './dto/milestone.types';
import { Milestone } from './entities/milestone.entity';
import { MilestoneKey } from './milestone-enums';
import {
  AtRiskCaseManagerCount,
  EffectivePolicy,
  MILESTONES_OF_EPISODE_LOADER,
  MilestonesService,
} from './milestones.service';
import { milestoneNoticePrefix, parseMilestoneNoticeKey } from './rules/milestone-notices';
import { mayConfigureMilestonePolicy, MILESTONE_KEYS, MilestoneOffset, offsetProblems } from './rules/milestone-policy';

const EPISODE = 'Custodial episode';
const MILESTONE = 'Milestone';

function toPolicyType(youthJusticeServiceId: string, effective: EffectivePolicy): MilestonePolicyType {
  return {
    youthJusticeServiceId,
    milestones: MILESTONE_KEYS.map((key) => toEntryType(effective, key)),
  };
}

function toEntryType(effective: EffectivePolicy, key: MilestoneKey): MilestonePolicyEntryType {
  const e = effective.policy[key];
  return {
    ...e,
    offset: { ...e.offset } as MilestonePolicyEntryType['offset'],
    reminders: e.reminders.map((r) => ({ ...r })) as MilestonePolicyEntryType['reminders'],
    escalation: e.escalation.map((s) => ({ ...s, notify: [...s.notify] })),
    overridden: effective.overridden.has(key),
  };
}

function loadPolicy(ctx: GraphqlContext, milestones: MilestonesService, serviceId: string): Promise<EffectivePolicy> {
  return ctx.loaders
    .get<string, EffectivePolicy>('milestones:policy', (ids) => milestones.effectivePolicies(ids))
    .load(serviceId);
}

function loadEpisode(
  ctx: GraphqlContext,
  custody: CustodyService,
  episodeId: string,
): Promise<CustodialEpisode | null> {
  return ctx.loaders
    .get<string, CustodialEpisode | null>('milestones:episode', (ids) => custody.findByIds(ids))
    .load(episodeId);
}

function loadUser(ctx: GraphqlContext, users: UsersService, id: string): Promise<User | null> {
  return ctx.loaders.get<string, User | null>('milestones:user', (ids) => users.findByIds(ids)).load(id);
}

const fullName = (user: User | null) => (user ? `${user.givenName} ${user.familyName}` : null);

@Resolver(() => Milestone)
export class MilestonesResolver {
  constructor(
    private readonly service: MilestonesService,
    private readonly custody: CustodyService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  @Query(() => [Milestone], { description: 'The deadlines of a custodial episode, soonest due first.' })
  @Allow(Capability.READ_CHILD)
  async milestones(
    @Args('episodeId', { type: () => ID }, ParseUUIDPipe) episodeId: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const episode =
      (await this.custody.find(episodeId)) ??
      (await this.access.refuseMissing(caller, { type: EPISODE, id: episodeId }));
    await this.access.authorizeRead(
      ctx,
      caller,
      episode.childId,
      { type: EPISODE, id: episodeId },
      { episodeId, fieldsRead: selectedFieldPaths(info) },
    );
    return (await this.service.milestonesOfEpisodes([episodeId]))[0];
  }

  @Query(() => MilestoneConnection, {
    description:
      'Unmet deadlines of children in custody that your organisation works with: missed first, then due within `withinDays` (default 14), soonest first.',
  })
  @Allow(Capability.READ_CASELOAD)
  async milestonesAtRisk(
    @Args() args: MilestonesAtRiskArgs,
    @CurrentCaller() caller: Caller,
    @Context() ctx: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MilestoneConnection> {
    const filter = args.filter ?? {};
    if (filter.onlyMissed && filter.includeMissed === false)
      throw BadUserInputError.forField(
        'filter.onlyMissed',
        'Ask for only the missed ones, or leave the missed ones out',
      );
    const scope = caseloadScope(caller.actor);
    const selected = selectedFieldPaths(info);
    const { caseManagers, ...page } = await this.service.atRisk(filter, scope, args.first, args.after, {
      caseManagers: selected.some((path) => path.startsWith('caseManagers.')),
    });
    const connection: MilestoneConnection = page;
    if (caseManagers) connection.caseManagers = await this.named(ctx, caseManagers);
    // One audit row per child on the page.
    const seen = new Set<string>();
    const rows: { childId: string; resource: { type: string; id: string } }[] = [];
    for (const { node } of page.edges) {
      if (seen.has(node.childId)) continue;
      seen.add(node.childId);
      rows.push({ childId: node.childId, resource: { type: 'CustodialEpisode', id: node.episodeId } });
    }
    await this.access.recordListRead(caller, rows, selected);
    return connection;
  }

  /** The list's case managers by name (no case manager last), each with their count. */
  private async named(ctx: GraphqlContext, counts: AtRiskCaseManagerCount[]): Promise<AtRiskCaseManager[]> {
    const named = await Promise.all(
      counts.map(async (c) => ({
        ...c,
        name: c.caseManagerId ? fullName(await loadUser(ctx, this.users, c.caseManagerId)) : null,
      })),
    );
    return named.sort(
      (a, b) =>
        Number(a.caseManagerId === null) - Number(b.caseManagerId === null) ||
        (a.name ?? '').localeCompare(b.name ?? '') ||
        (a.caseManagerId ?? '').localeCompare(b.caseManagerId ?? ''),
    );
  }

  @Mutation(() => Milestone, {
    description: 'A manager of the supervising service waives a deadline, with the reason.',
  })
  @Allow(Capability.WAIVE_MILESTONE)
  async waiveMilestone(
    @Args('input') input: WaiveMilestoneInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const milestone =
      (await this.service.find(input.milestoneId)) ??
      (await this.access.refuseMissing(caller, { type: MILESTONE, id: input.milestoneId }));
    await this.access.authorizeChange(
      ctx,
      caller,
      milestone.childId,
      ChildAction.WAIVE_MILESTONE,
      { type: MILESTONE, id: milestone.id },
      milestone.episodeId,
    );
    if (!input.reason.trim()) throw BadUserInputError.forField('reason', 'Give the reason for waiving');
    return this.service.waive(input, caller);
  }

  // ---- fields

  @DecidedByParent()
  @ResolveField(() => CustodialEpisode)
  async episode(@Parent() milestone: Milestone, @Context() ctx: GraphqlContext) {
    return loadEpisode(ctx, this.custody, milestone.episodeId);
  }

  @DecidedByParent()
  @ResolveField(() => Int, {
    nullable: true,
    description: 'Days from today to the due date (negative once past); null without a due date.',
  })
  dueInDays(@Parent() milestone: Milestone): number | null {
    return milestone.dueDate ? daysBetween(this.clock.today(), milestone.dueDate) : null;
  }

  @DecidedByParent()
  @ResolveField(() => [MilestoneNotice], {
    description:
      'The reminders and escalations sent about this deadline and to whom (names), oldest first: what the deadline engine recorded.',
  })
  notificationsSent(@Parent() milestone: Milestone, @Context() ctx: GraphqlContext): Promise<MilestoneNotice[]> {
    return ctx.loaders
      .get<string, MilestoneNotice[]>('milestones:notices', (ids) => this.noticesOf(ctx, ids))
      .load(milestone.id);
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: 'Who waived it, by name.' })
  async waivedByName(@Parent() milestone: Milestone, @Context() ctx: GraphqlContext): Promise<string | null> {
    return milestone.waivedById ? fullName(await loadUser(ctx, this.users, milestone.waivedById)) : null;
  }

  /** Each milestone's notices, read back from the notifications feature (its own tables are its own). */
  private async noticesOf(ctx: GraphqlContext, milestoneIds: readonly string[]): Promise<MilestoneNotice[][]> {
    const sent = await this.notifications.sentUnderKeyPrefixes(milestoneIds.map(milestoneNoticePrefix));
    const notices = sent.flatMap((n) => {
      const key = parseMilestoneNoticeKey(n.dedupeKey);
      return key ? [{ key, sentAt: n.createdAt }] : [];
    });
    const names = await Promise.all(notices.map((n) => loadUser(ctx, this.users, n.key.recipientUserId)));
    return milestoneIds.map((id) =>
      notices.flatMap((n, i) =>
        n.key.milestoneId === id
          ? [
              {
                kind: MilestoneNoticeKindEnum[n.key.kind],
                step: n.key.step,
                forDueDate: n.key.dueDate,
                sentAt: n.sentAt,
                recipientName: fullName(names[i]),
              },
            ]
          : [],
      ),
    );
  }

  @DecidedByParent()
  @ResolveField(() => MilestonePolicyEntryType, {
    description: 'How this deadline is worked out for the supervising service.',
  })
  async policy(@Parent() milestone: Milestone, @Context() ctx: GraphqlContext): Promise<MilestonePolicyEntryType> {
    const episode = await loadEpisode(ctx, this.custody, milestone.episodeId);
    const effective = await loadPolicy(ctx, this.service, episode!.supervisingServiceId);
    return toEntryType(effective, milestone.key);
  }
}

@Resolver(() => CustodialEpisode)
export class EpisodeMilestonesResolver {
  constructor(
    private readonly service: MilestonesService,
    direct: DirectFieldResolvers,
  ) {
    // A caseload page asks this of every episode; it needs nothing of Nest's per-call pipeline.
    direct.register('CustodialEpisode', 'milestones', (episode: CustodialEpisode, ctx: GraphqlContext) =>
      this.milestones(episode, ctx),
    );
  }

  @DecidedByParent()
  @ResolveField(() => [Milestone], { description: 'The episode’s deadlines, soonest due first.' })
  milestones(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.load<string, Milestone[]>(
      MILESTONES_OF_EPISODE_LOADER,
      (ids) => this.service.milestonesOfEpisodes(ids),
      episode.id,
    );
  }
}

@Resolver(() => MilestonePolicyType)
export class MilestonePolicyResolver {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
  ) {}

  @Query(() => MilestonePolicyType, {
    description: 'A youth justice service’s deadlines: the defaults of DOMAIN.md with its own changes.',
  })
  @Allow(Capability.READ_DIRECTORY)
  async milestonePolicy(
    @Args('youthJusticeServiceId', { type: () => ID }, ParseUUIDPipe) youthJusticeServiceId: string,
  ) {
    await this.organisations.getOfType(
      youthJusticeServiceId,
      [OrganisationType.YOUTH_JUSTICE_SERVICE],
      'youthJusticeServiceId',
    );
    return toPolicyType(youthJusticeServiceId, await this.milestones.effectivePolicy(youthJusticeServiceId));
  }

  @Mutation(() => MilestonePolicyType, {
    description:
      'A manager of a youth justice service changes one of its deadlines (offset, reminders, off), or resets it to the default.',
  })
  @Allow(Capability.CONFIGURE_MILESTONE_POLICY)
  async setMilestonePolicy(@Args('input') input: SetMilestonePolicyInput, @CurrentCaller() caller: Caller) {
    // Services are in the public directory, so another service's is FORBIDDEN rather than NOT_FOUND.
    if (!mayConfigureMilestonePolicy(caller.actor, input.youthJusticeServiceId)) {
      await this.access.refuse(
        caller,
        { type: 'MilestonePolicy', id: input.youthJusticeServiceId },
        'not a manager of this youth justice service',
        'Only a manager of the youth justice service can change its milestone policy',
      );
    }
    let offset: MilestoneOffset | undefined;
    if (input.offset) {
      if (!input.offset.direction)
        throw BadUserInputError.forField(
          'offset.direction',
          'Say whether the due date is BEFORE or AFTER the date it hangs on',
        );
      offset = { amount: input.offset.amount, unit: input.offset.unit, direction: input.offset.direction };
      const problems = offsetProblems(offset);
      if (problems.length) throw BadUserInputError.forField('offset', problems.join('; '));
    }
    const reminders = input.reminders?.map((r) => ({
      amount: r.amount,
      unit: r.unit,
      direction: MilestoneOffsetDirection.BEFORE,
    }));
    const effective = await this.milestones.setPolicy(
      {
        youthJusticeServiceId: input.youthJusticeServiceId,
        key: input.key,
        offset,
        reminders,
        disabled: input.disabled,
        resetToDefault: input.resetToDefault,
      },
      caller,
    );
    return toPolicyType(input.youthJusticeServiceId, effective);
  }
}
