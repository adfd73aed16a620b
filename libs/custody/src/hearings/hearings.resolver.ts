import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  ChildAction,
  CurrentCaller,
  DecidedByParent,
} from '@resettle/access';
import { GraphqlContext } from '@resettle/common';
import { EPISODE_HEARINGS_LOADER, NEXT_HEARING_LOADER } from '../caseload-parts';
import { CustodyService } from '../custody.service';
import {
  CancelHearingInput,
  MoveHearingInput,
  RecordHearingOutcomeInput,
  ScheduleHearingInput,
} from '../dto/hearing.inputs';
import { CourtHearing } from '../entities/court-hearing.entity';
import { CustodialEpisode } from '../entities/custodial-episode.entity';
import { HearingCommands } from './hearing-commands.service';

const EPISODE = 'Custodial episode';
const HEARING = 'Court hearing';

/**
 * A remanded child's court hearings. Who may: as for any change of custody, the supervising youth justice service
 * and the establishment holding the child (`ChildAction.CHANGE_CUSTODY`); anyone else is told NOT_FOUND.
 */
@Resolver(() => CustodialEpisode)
export class HearingsResolver {
  constructor(
    private readonly custody: CustodyService,
    private readonly commands: HearingCommands,
    private readonly access: AccessService,
  ) {}

  @Mutation(() => CourtHearing, {
    description: 'Schedule the next court hearing of a child on remand (today or later; one at a time).',
  })
  @Allow(Capability.CHANGE_CUSTODY)
  async scheduleHearing(
    @Args('input') input: ScheduleHearingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    const episode =
      (await this.custody.find(input.episodeId)) ??
      (await this.access.refuseMissing(caller, { type: EPISODE, id: input.episodeId }));
    await this.access.authorizeChange(
      ctx,
      caller,
      episode.childId,
      ChildAction.CHANGE_CUSTODY,
      { type: EPISODE, id: episode.id },
      episode.id,
    );
    return this.commands.schedule(input, caller);
  }

  @Mutation(() => CourtHearing, {
    description: "Move a hearing to a new date, with the reason: the hearing's deadlines are planned again from it.",
  })
  @Allow(Capability.CHANGE_CUSTODY)
  async moveHearing(
    @Args('input') input: MoveHearingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeHearing(ctx, caller, input.hearingId);
    return this.commands.move(input, caller);
  }

  @Mutation(() => CourtHearing, {
    description:
      'Cancel a hearing that waits for its outcome (the court vacated the listing, or it was entered in error), with the reason: its deadlines still open are waived, and the next hearing can be scheduled.',
  })
  @Allow(Capability.CHANGE_CUSTODY)
  async cancelHearing(
    @Args('input') input: CancelHearingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeHearing(ctx, caller, input.hearingId);
    return this.commands.cancel(input, caller);
  }

  @Mutation(() => CourtHearing, {
    description:
      'What the court decided: remanded again (to the next hearing), sentenced (the sentence is recorded), or released on bail or to the local authority’s care (the episode ends).',
  })
  @Allow(Capability.CHANGE_CUSTODY)
  async recordHearingOutcome(
    @Args('input') input: RecordHearingOutcomeInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeHearing(ctx, caller, input.hearingId);
    return this.commands.recordOutcome(input, caller);
  }

  /** Missing and not-yours look the same: NOT_FOUND, and an audit row either way. */
  private async authorizeHearing(ctx: AccessContext, caller: Caller, hearingId: string): Promise<void> {
    const hearing =
      (await this.custody.findHearing(hearingId)) ??
      (await this.access.refuseMissing(caller, { type: HEARING, id: hearingId }));
    await this.access.authorizeChange(
      ctx,
      caller,
      hearing.childId,
      ChildAction.CHANGE_CUSTODY,
      { type: HEARING, id: hearingId },
      hearing.episodeId,
    );
  }

  @DecidedByParent()
  @ResolveField(() => [CourtHearing], { description: 'The court hearings of the episode, by date.' })
  hearings(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, CourtHearing[]>(EPISODE_HEARINGS_LOADER, (ids) => this.custody.hearingsOf(ids))
      .load(episode.id);
  }

  @DecidedByParent()
  @ResolveField(() => CourtHearing, {
    nullable: true,
    description: 'On remand: the hearing waiting for its outcome, which the hearing deadlines hang on.',
  })
  nextHearing(@Parent() episode: CustodialEpisode, @Context() ctx: GraphqlContext) {
    return ctx.loaders
      .get<string, CourtHearing | null>(NEXT_HEARING_LOADER, (ids) => this.custody.nextHearingsOf(ids))
      .load(episode.id);
  }
}
