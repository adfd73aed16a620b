import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { Clock, Connection, PageArgs, daysBetween, GraphqlContext } from '@resettle/common';
import { Child, ChildrenService } from '@resettle/children';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { User, UsersService } from '@resettle/identity';
import { CustodyService } from './custody.service';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { Sentence } from './entities/sentence.entity';
import { EstablishmentTransfer } from './entities/establishment-transfer.entity';
import { CaseManagerAssignment } from './entities/case-manager-assignment.entity';
import { EpisodeEvent } from './entities/episode-event.entity';
import { ExpectedReleaseDay, ReleaseDateInput, ReleaseDates } from './dto/release-date.types';
import { expectedReleaseDay } from './rules/expected-release-date';
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
} from './dto/episode.inputs';

@ObjectType()
export class CustodialEpisodeConnection extends Connection(CustodialEpisode, 'CustodialEpisode') {}

@ArgsType()
export class CaseloadArgs extends PageArgs {
  @Field(() => CaseloadFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseloadFilter)
  filter?: CaseloadFilter;
}

/** Until sign-in lands, changes are recorded without a named person. */
const NO_ACTOR = null;

@Resolver(() => CustodialEpisode)
export class CustodyResolver {
  constructor(
    private readonly custody: CustodyService,
    private readonly children: ChildrenService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Query(() => ReleaseDates, {
    description: 'Release dates for a sentence, by the rules of England and Wales. Public: pure arithmetic, no record is read.',
  })
  calculateReleaseDates(@Args('input') input: ReleaseDateInput): ReleaseDates {
    return this.custody.calculate(input);
  }

  @Query(() => CustodialEpisodeConnection, {
    description: 'Children in custody, soonest expected release first (remanded children last), 50 a page by default.',
  })
  caseload(@Args() args: CaseloadArgs) {
    return this.custody.caseload(args.filter ?? {}, args.first, args.after);
  }

  @Query(() => CustodialEpisode)
  custodialEpisode(@Args('id', { type: () => ID }, ParseUUIDPipe) id: string) {
    return this.custody.get(id);
  }

  @Mutation(() => CustodialEpisode, { description: 'A child enters custody on remand or straight from sentence.' })
  startCustodialEpisode(@Args('input') input: StartCustodialEpisodeInput) {
    return this.custody.startEpisode(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode, { description: 'A sentence after remand, or a new sentence during custody.' })
  recordSentence(@Args('input') input: RecordSentenceInput) {
    return this.custody.recordSentence(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  grantEarlyRelease(@Args('input') input: GrantEarlyReleaseInput) {
    return this.custody.grantEarlyRelease(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  orderLateRelease(@Args('input') input: OrderLateReleaseInput) {
    return this.custody.orderLateRelease(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  transferEpisode(@Args('input') input: TransferEpisodeInput) {
    return this.custody.transfer(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  recordRelease(@Args('input') input: RecordReleaseInput) {
    return this.custody.recordRelease(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  recordRecall(@Args('input') input: RecordRecallInput) {
    return this.custody.recordRecall(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode, { description: 'Set the release date by hand, with the reason.' })
  overrideReleaseDate(@Args('input') input: OverrideReleaseDateInput) {
    return this.custody.overrideReleaseDate(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  clearReleaseDateOverride(@Args('input') input: ClearReleaseDateOverrideInput) {
    return this.custody.clearReleaseDateOverride(input, NO_ACTOR);
  }

  @Mutation(() => CustodialEpisode)
  assignCaseManager(@Args('input') input: AssignCaseManagerInput) {
    return this.custody.assignCaseManager(input, NO_ACTOR);
  }

  // ---- fields, each batched per request

  @ResolveField(() => Child)
  child(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, Child | null>('child', (ids) => this.children.findByIds(ids)).load(episode.childId);
  }

  @ResolveField(() => Organisation)
  currentEstablishment(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, episode.currentEstablishmentId);
  }

  @ResolveField(() => Organisation)
  supervisingService(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return loadOrganisation(ctx, this.organisations, episode.supervisingServiceId);
  }

  @ResolveField(() => User, { nullable: true })
  caseManager(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    if (!episode.caseManagerId) return null;
    return ctx.loaders.get<string, User | null>('user', (ids) => this.users.findByIds(ids)).load(episode.caseManagerId);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Days from today to the expected release day.' })
  daysToRelease(@Parent() episode: CustodialEpisode) {
    return episode.expectedReleaseDate ? daysBetween(this.clock.today(), episode.expectedReleaseDate) : null;
  }

  @ResolveField(() => ExpectedReleaseDay, {
    nullable: true,
    description: 'The expected leaving day with its own Friday / pre-holiday flag, after early or late release or an override.',
  })
  expectedReleaseDay(@Parent() episode: CustodialEpisode) {
    return expectedReleaseDay(episode);
  }

  @ResolveField(() => [Sentence])
  sentences(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, Sentence[]>('sentences', (ids) => this.custody.sentencesOf(ids)).load(episode.id);
  }

  @ResolveField(() => [EstablishmentTransfer], { description: 'Every placement, first to last.' })
  transfers(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, EstablishmentTransfer[]>('transfers', (ids) => this.custody.transfersOf(ids)).load(episode.id);
  }

  @ResolveField(() => [CaseManagerAssignment])
  caseManagerHistory(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, CaseManagerAssignment[]>('caseManagerHistory', (ids) => this.custody.caseManagerHistoryOf(ids))
      .load(episode.id);
  }

  @ResolveField(() => [EpisodeEvent], { description: 'Everything that happened on the episode, oldest first.' })
  history(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, EpisodeEvent[]>('episodeHistory', (ids) => this.custody.historyOf(ids)).load(episode.id);
  }
}

/** The custody side of a child: their episodes. Lives here so `children` does not depend on `custody`. */
@Resolver(() => Child)
export class ChildCustodyResolver {
  constructor(private readonly custody: CustodyService) {}

  @ResolveField(() => CustodialEpisode, { nullable: true, description: 'The episode in custody now, or else the latest.' })
  currentEpisode(@Parent() child: Child, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, CustodialEpisode | null>('currentEpisode', (ids) => this.custody.currentEpisodesOf(ids)).load(child.id);
  }

  @ResolveField(() => [CustodialEpisode], { description: 'Every custodial episode, latest first.' })
  episodes(@Parent() child: Child, @Context() ctx: GraphqlContext) {
    return ctx.loaders.get<string, CustodialEpisode[]>('episodes', (ids) => this.custody.episodesOf(ids)).load(child.id);
  }
}
