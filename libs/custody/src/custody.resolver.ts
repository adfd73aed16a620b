import { ParseUUIDPipe } from '@nestjs/common';
import {
  Args,
  ArgsType,
  Context,
  Field,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
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
  Public,
  selectedFieldPaths,
} from '@resettle/access';
import { Child, ChildrenService } from '@resettle/children';
import {
  Clock,
  Connection,
  daysBetween,
  DirectFieldResolvers,
  GraphqlContext,
  PageArgs,
  resolverFields,
} from '@resettle/common';
import { User, USER_LOADER, UsersService } from '@resettle/identity';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { CaseloadService } from './caseload.service';
import { SUPERVISION_TRANSFERS_LOADER } from './caseload-parts';
import { CASELOAD_RESOLVER_NEEDS, CaseloadPrefetch, CaseloadPrefetchPart, pageNarrowing } from './caseload-prefetch';
import { CustodyService } from './custody.service';
import { CaseloadOrder } from './custody-enums';
import {
  AssignCaseManagerInput,
  CaseloadFilter,
  ClearReleaseDateOverrideInput,
  GrantEarlyReleaseInput,
  OrderLateReleaseInput,
  OverrideReleaseDateInput,
  RecordRecallInput,
  RecordReleaseInput,
  RecordSentenceInput,
  StartCustodialEpisodeInput,
  TransferEpisodeInput,
  TransferSupervisionInput,
} from './dto/episode.inputs';
import { ExpectedReleaseDay, ReleaseDateInput, ReleaseDates } from './dto/release-date.types';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { Sentence } from './entities/sentence.entity';
import { SupervisionTransfer } from './entities/supervision-transfer.entity';
import { EpisodeCommands } from './episode-commands.service';
import { EPISODE_CHILD_LOADER } from './episode-json';
import { EpisodeRead } from './episode-read.service';
import { expectedReleaseDay } from './rules/expected-release-date';

@ObjectType()
class CustodialEpisodeConnection extends Connection(CustodialEpisode, 'CustodialEpisode') {}

@ArgsType()
export class CaseloadArgs extends PageArgs {
  @Field(() => CaseloadFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseloadFilter)
  filter?: CaseloadFilter;

  @Field(() => CaseloadOrder, {
    nullable: true,
    description: 'The order (default RELEASE_DATE). A cursor pages only the order it came from.',
  })
  @IsOptional()
  @IsEnum(CaseloadOrder)
  orderBy?: CaseloadOrder;
}

const EPISODE = 'Custodial episode';

/**
 * The paths under the episode of the page's fields with resolvers (one outside the episodes as `../path`, which no
 * need names), or null when the page must be read whole (see `resolverFields`).
 */
function caseloadResolvers(info: GraphQLResolveInfo): string[] | null {
  const node = 'edges.node.';
  return (
    resolverFields(info)?.map(({ path }) => (path.startsWith(node) ? path.slice(node.length) : `../${path}`)) ?? null
  );
}

@Resolver(() => CustodialEpisode)
export class CustodyResolver {
  constructor(
    private readonly custody: CustodyService,
    private readonly caseloads: CaseloadService,
    private readonly commands: EpisodeCommands,
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly prefetch: CaseloadPrefetch,
    private readonly episodeRead: EpisodeRead,
    direct: DirectFieldResolvers,
  ) {
    // A caseload page asks this of every episode; it needs nothing of Nest's per-call pipeline.
    direct.register('CustodialEpisode', 'child', (episode: CustodialEpisode, ctx: GraphqlContext) =>
      this.child(episode, ctx),
    );
  }

  /** Each child's relations, for the access checks of the page's fields (see `AccessService.primeRelations`). */
  private readonly relationsPart: CaseloadPrefetchPart = {
    field: 'access:relations',
    sql: (episode) => this.access.relationsSql(`${episode}.child_id`),
    prime: (loaders, episode, value) => this.access.primeRelations(loaders, episode.childId, value),
  };

  @Query(() => ReleaseDates, {
    description:
      'Release dates for a sentence, by the rules of England and Wales. Public: pure arithmetic, no record is read.',
  })
  @Public()
  calculateReleaseDates(@Args('input') input: ReleaseDateInput): ReleaseDates {
    return this.custody.calculate(input);
  }

  @Query(() => CustodialEpisodeConnection, {
    description:
      'Children in custody that your organisation works with, soonest expected release first (remanded children last) unless orderBy says otherwise, 50 a page by default.',
  })
  @Allow(Capability.READ_CASELOAD)
  async caseload(
    @Args() args: CaseloadArgs,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // What each episode on the page is asked for (`child.givenName`, `milestones.key`), to read it with the page.
    const selected = selectedFieldPaths(info, 8)
      .filter((path) => path.startsWith('edges.node.'))
      .map((path) => path.slice('edges.node.'.length));
    const parts = this.prefetch.partsFor(selected);
    // Anything below the episode may ask the policy about its child (a pathway's visibility, a guarded field):
    // read each child's relations with the page too.
    if (selected.some((path) => path.includes('.'))) parts.push(this.relationsPart);
    const page = await this.caseloads.caseload(
      args.filter ?? {},
      caseloadScope(caller.actor),
      args.first,
      args.after,
      args.orderBy ?? CaseloadOrder.RELEASE_DATE,
      {
        loaders: ctx.loaders,
        selected,
        parts,
        narrowing: pageNarrowing(selected, caseloadResolvers(info), CASELOAD_RESOLVER_NEEDS),
      },
      // One audit row per child on the page, written by the page's own statement.
      this.access.listReadAudit(caller, 'CustodialEpisode', selectedFieldPaths(info)),
    );
    return page;
  }

  @Query(() => CustodialEpisode)
  @Allow(Capability.READ_CHILD)
  async custodialEpisode(
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // One statement gives the episode, the child's access facts and what the fields asked for need (the plan page:
    // its child, organisations, plan, pathways, meetings, ...), instead of a query per field.
    const selected = selectedFieldPaths(info, 8);
    const read = await this.episodeRead.read(id, selected, [this.relationsPart, ...this.prefetch.partsFor(selected)]);
    if (!read) return this.access.refuseMissing(caller, { type: EPISODE, id });
    // The policy decides on the facts read with the episode; the rest reaches the loaders only once it allows.
    read.prime(ctx.loaders, [this.relationsPart]);
    await this.access.authorizeRead(
      ctx,
      caller,
      read.episode.childId,
      { type: EPISODE, id },
      { episodeId: id, fieldsRead: selectedFieldPaths(info) },
    );
    read.prime(ctx.loaders);
    return read.episode;
  }

  @Mutation(() => CustodialEpisode, { description: 'A child enters custody on remand or straight from sentence.' })
  @Allow(Capability.CHANGE_CUSTODY)
  async startCustodialEpisode(
    @Args('input') input: StartCustodialEpisodeInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.access.authorizeChange(
      ctx,
      caller,
      input.childId,
      ChildAction.START_EPISODE,
      { type: 'Child', id: input.childId },
      {
        episodeId: 'new',
        supervisingServiceId: input.supervisingServiceId,
        currentEstablishmentId: input.establishmentId,
        establishmentIds: [input.establishmentId],
      },
    );
    return this.commands.startEpisode(input, caller);
  }

  @Mutation(() => CustodialEpisode, { description: 'A sentence after remand, or a new sentence during custody.' })
  @Allow(Capability.CHANGE_CUSTODY)
  async recordSentence(
    @Args('input') input: RecordSentenceInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.recordSentence(input, caller);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.CHANGE_CUSTODY)
  async grantEarlyRelease(
    @Args('input') input: GrantEarlyReleaseInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.grantEarlyRelease(input, caller);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.CHANGE_CUSTODY)
  async orderLateRelease(
    @Args('input') input: OrderLateReleaseInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.orderLateRelease(input, caller);
  }

  @Mutation(() => CustodialEpisode, {
    description:
      'Hands the episode to another youth justice service (the child moved area): a manager of the supervising service.',
  })
  @Allow(Capability.TRANSFER_SUPERVISION)
  async transferSupervision(
    @Args('input') input: TransferSupervisionInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.TRANSFER_SUPERVISION);
    return this.commands.transferSupervision(input, caller);
  }

  @Query(() => [SupervisionTransfer], {
    description:
      "The episode's hand-overs between youth justice services, oldest first; also for a service that handed it on.",
  })
  @Allow(Capability.READ_CHILD)
  async supervisionTransfers(
    @Args('episodeId', { type: () => ID }, ParseUUIDPipe) episodeId: string,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const episode =
      (await this.custody.find(episodeId)) ??
      (await this.access.refuseMissing(caller, { type: EPISODE, id: episodeId }));
    await this.access.authorizeChange(
      ctx,
      caller,
      episode.childId,
      ChildAction.READ_SUPERVISION_TRANSFERS,
      { type: EPISODE, id: episodeId },
      episode.id,
      { auditAllowed: true },
    );
    return this.custody.supervisionTransfersOf(episode.id);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.CHANGE_CUSTODY)
  async transferEpisode(
    @Args('input') input: TransferEpisodeInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.transfer(input, caller);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.CHANGE_CUSTODY)
  async recordRelease(
    @Args('input') input: RecordReleaseInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.recordRelease(input, caller);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.CHANGE_CUSTODY)
  async recordRecall(
    @Args('input') input: RecordRecallInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.RECALL);
    return this.commands.recordRecall(input, caller);
  }

  @Mutation(() => CustodialEpisode, { description: 'Set the release date by hand, with the reason.' })
  @Allow(Capability.CHANGE_CUSTODY)
  async overrideReleaseDate(
    @Args('input') input: OverrideReleaseDateInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.overrideReleaseDate(input, caller);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.CHANGE_CUSTODY)
  async clearReleaseDateOverride(
    @Args('input') input: ClearReleaseDateOverrideInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.CHANGE_CUSTODY);
    return this.commands.clearReleaseDateOverride(input, caller);
  }

  @Mutation(() => CustodialEpisode)
  @Allow(Capability.ASSIGN_CASE_MANAGER)
  async assignCaseManager(
    @Args('input') input: AssignCaseManagerInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeEpisode(ctx, caller, input.episodeId, ChildAction.ASSIGN_CASE_MANAGER);
    return this.commands.assignCaseManager(input, caller);
  }

  /** Missing and not-yours look the same: NOT_FOUND, and an audit row either way. */
  private async authorizeEpisode(
    ctx: AccessContext,
    caller: Caller,
    episodeId: string,
    action: ChildAction,
  ): Promise<void> {
    const episode =
      (await this.custody.find(episodeId)) ??
      (await this.access.refuseMissing(caller, { type: EPISODE, id: episodeId }));
    await this.access.authorizeChange(
      ctx,
      caller,
      episode.childId,
      action,
      { type: EPISODE, id: episodeId },
      episode.id,
    );
  }

  // ---- fields, each batched per request

  @DecidedByParent()
  @ResolveField(() => Child)
  child(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.load<string, Child | null>(
      EPISODE_CHILD_LOADER,
      (ids) => this.children.findByIds(ids),
      episode.childId,
    );
  }

  @DecidedByParent()
  @ResolveField(() => Organisation)
  currentEstablishment(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, episode.currentEstablishmentId);
  }

  @DecidedByParent()
  @ResolveField(() => Organisation)
  supervisingService(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, episode.supervisingServiceId);
  }

  @DecidedByParent()
  @ResolveField(() => User, { nullable: true })
  caseManager(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    if (!episode.caseManagerId) return null;
    return ctx.loaders
      .get<string, User | null>(USER_LOADER, (ids) => this.users.findByIds(ids))
      .load(episode.caseManagerId);
  }

  @DecidedByParent()
  @ResolveField(() => Int, { nullable: true, description: 'Days from today to the expected release day.' })
  daysToRelease(@Parent() episode: CustodialEpisode) {
    return episode.expectedReleaseDate ? daysBetween(this.clock.today(), episode.expectedReleaseDate) : null;
  }

  @DecidedByParent()
  @ResolveField(() => ExpectedReleaseDay, {
    nullable: true,
    description:
      'The expected leaving day with its own Friday / pre-holiday flag, after early or late release or an override.',
  })
  expectedReleaseDay(@Parent() episode: CustodialEpisode) {
    return expectedReleaseDay(episode);
  }

  @DecidedByParent()
  @ResolveField(() => [Sentence])
  sentences(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, Sentence[]>('sentences', (ids) => this.custody.sentencesOf(ids)).load(episode.id);
  }

  @DecidedByParent()
  @ResolveField('supervisionTransfers', () => [SupervisionTransfer], {
    description: 'Every hand-over of the supervision to another youth justice service, oldest first.',
  })
  supervisionTransfersOfEpisode(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, SupervisionTransfer[]>(SUPERVISION_TRANSFERS_LOADER, (ids) =>
        this.custody.supervisionTransfersOfEpisodes(ids),
      )
      .load(episode.id);
  }

  @DecidedByParent()
  @ResolveField(() => [EstablishmentTransfer], { description: 'Every placement, first to last.' })
  transfers(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, EstablishmentTransfer[]>('transfers', (ids) => this.custody.transfersOf(ids))
      .load(episode.id);
  }

  @DecidedByParent()
  @ResolveField(() => [CaseManagerAssignment])
  caseManagerHistory(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, CaseManagerAssignment[]>('caseManagerHistory', (ids) => this.custody.caseManagerHistoryOf(ids))
      .load(episode.id);
  }

  @DecidedByParent()
  @ResolveField(() => [EpisodeEvent], { description: 'Everything that happened on the episode, oldest first.' })
  history(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, EpisodeEvent[]>('episodeHistory', (ids) => this.custody.historyOf(ids))
      .load(episode.id);
  }
}

/** The custody side of a child: their episodes. Lives here so `children` does not depend on `custody`. */
@Resolver(() => SupervisionTransfer)
export class SupervisionTransferResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @DecidedByParent()
  @ResolveField(() => Organisation)
  fromService(@Parent() transfer: SupervisionTransfer, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, transfer.fromServiceId);
  }

  @DecidedByParent()
  @ResolveField(() => Organisation)
  toService(@Parent() transfer: SupervisionTransfer, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, transfer.toServiceId);
  }
}

@Resolver(() => Child)
export class ChildCustodyResolver {
  constructor(
    private readonly custody: CustodyService,
    private readonly access: AccessService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => CustodialEpisode, {
    nullable: true,
    description: 'The episode in custody now, or else the latest (null if it is not one you may see).',
  })
  async currentEpisode(@Parent() child: Child, @Context() ctx: AccessContext) {
    const episode = await ctx.loaders
      .get<string, CustodialEpisode | null>('currentEpisode', (ids) => this.custody.currentEpisodesOf(ids))
      .load(child.id);
    if (!episode) return null;
    const [visible] = await this.access.filterVisibleEpisodes(ctx, [episode]);
    return visible ?? null;
  }

  @DecidedByParent()
  @ResolveField(() => [CustodialEpisode], {
    description:
      'Every custodial episode you may see, latest first (an establishment sees those in which it held the child).',
  })
  async episodes(@Parent() child: Child, @Context() ctx: AccessContext) {
    const all = await ctx.loaders
      .get<string, CustodialEpisode[]>('episodes', (ids) => this.custody.episodesOf(ids))
      .load(child.id);
    return this.access.filterVisibleEpisodes(ctx, all);
  }
}
