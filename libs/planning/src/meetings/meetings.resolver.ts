import { ConfigService } from '@nestjs/config';
import { Args, Context, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import {
  AccessContext,
  AccessService,
  Allow,
  Caller,
  Capability,
  ChildFieldGroup,
  CurrentCaller,
  DecidedByParent,
  selectedFieldPaths,
} from '@resettle/access';
import { Child, ChildrenService } from '@resettle/children';
import { AppConfig } from '@resettle/common';
import { UsersService } from '@resettle/identity';
import { loadOrganisation, Organisation, OrganisationsService } from '@resettle/organisations';
import { PathwayAction } from '../entities/pathway-action.entity';
import { ResettlementPlan } from '../entities/resettlement-plan.entity';
import { PlanAccess } from '../plan-access';
import { PLAN_MEETINGS_LOADER } from '../plan-prefetch';
import { CalendarFeedService } from './calendar-feed.service';
import {
  CancelMeetingInput,
  MyMeetingsArgs,
  RecordMeetingOutcomeInput,
  RescheduleMeetingInput,
  ScheduleMeetingInput,
} from './dto/meeting.inputs';
import { MeetingInvitee } from './entities/meeting-invitee.entity';
import { PlanningMeeting } from './entities/planning-meeting.entity';
import { CalendarFeed, MeetingOutcome, PlanningMeetingConnection, RecordMeetingOutcomePayload } from './meeting.types';
import { MeetingStatus } from './meeting-enums';
import { MeetingsService } from './meetings.service';
import { childInitials, feedOrigin } from './rules/meeting-rules';

const MEETING = 'Planning meeting';
const WHOLE_PLAN =
  'Null unless you may see the whole plan (an invitee from outside it sees the meeting’s logistics only).';

/** Whether the signed-in person may see the whole plan of this child (not only a meeting they are invited to). */
async function showsWholePlan(access: AccessService, ctx: AccessContext, childId: string): Promise<boolean> {
  return (await access.visibleFieldGroups(ctx, childId)).has(ChildFieldGroup.PLAN);
}

/**
 * Planning meetings over GraphQL. The supervising youth justice service schedules, changes, cancels and records
 * meetings (`ChildAction.CHANGE_PLAN`); anyone else, and a meeting that does not exist, gets NOT_FOUND. Anyone may
 * list the meetings they scheduled or are invited to, and have a calendar feed of them.
 */
@Resolver(() => PlanningMeeting)
export class MeetingsResolver {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly feeds: CalendarFeedService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly children: ChildrenService,
    private readonly planAccess: PlanAccess,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  // ---------------------------------------------------------------- meetings

  @Mutation(() => PlanningMeeting, {
    description: 'An initial meeting once per plan, unless the earlier one was cancelled (else CONFLICT).',
  })
  @Allow(Capability.CHANGE_PLAN)
  async scheduleMeeting(
    @Args('input') input: ScheduleMeetingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.planAccess.authorizePlanChange(ctx, caller, input.planId);
    return this.meetings.schedule(input, caller);
  }

  @Mutation(() => PlanningMeeting, {
    description:
      'A new time, and optionally place, invitees and participation. A held or cancelled meeting cannot be (CONFLICT).',
  })
  @Allow(Capability.CHANGE_PLAN)
  async rescheduleMeeting(
    @Args('input') input: RescheduleMeetingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeMeeting(ctx, caller, input.meetingId);
    return this.meetings.reschedule(input, caller);
  }

  @Mutation(() => PlanningMeeting, { description: 'Cancels a scheduled meeting, keeping it and the reason.' })
  @Allow(Capability.CHANGE_PLAN)
  async cancelMeeting(
    @Args('input') input: CancelMeetingInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeMeeting(ctx, caller, input.meetingId);
    return this.meetings.cancel(input, caller);
  }

  @Mutation(() => RecordMeetingOutcomePayload, {
    description:
      'Once the meeting has happened: attendance, participation, decisions, and actions added to the plan’s pathways.',
  })
  @Allow(Capability.CHANGE_PLAN)
  async recordMeetingOutcome(
    @Args('input') input: RecordMeetingOutcomeInput,
    @CurrentCaller() caller: Caller,
    @Context() ctx: AccessContext,
  ) {
    await this.authorizeMeeting(ctx, caller, input.meetingId);
    return this.meetings.recordOutcome(input, caller);
  }

  @Query(() => PlanningMeetingConnection, {
    description: 'The meetings you scheduled or are invited to (by your account or your email), soonest first.',
  })
  @Allow(Capability.READ_SELF)
  async myMeetings(@Args() args: MyMeetingsArgs, @CurrentCaller() caller: Caller, @Info() info: GraphQLResolveInfo) {
    const me = await this.users.get(caller.actor.userId);
    const page = await this.meetings.meetingsOf(me, args);
    // Each meeting tells of a child: one audit row per meeting on the page.
    await this.access.recordListRead(
      caller,
      page.edges.map(({ node }) => ({ childId: node.childId, resource: { type: 'PlanningMeeting', id: node.id } })),
      selectedFieldPaths(info).map((path) => path.replace(/^edges\.node\./, '')),
    );
    return page;
  }

  // ---------------------------------------------------------------- the calendar feed

  @Mutation(() => CalendarFeed, {
    description:
      'Your secret calendar URL for your meetings, to subscribe to in a calendar app. Calling it again replaces the secret: the old URL stops working.',
  })
  @Allow(Capability.READ_SELF)
  createCalendarFeed(@CurrentCaller() caller: Caller, @Context() ctx: AccessContext) {
    return this.feeds.createOrRotate(
      caller,
      feedOrigin(this.config.get('CALENDAR_FEED_BASE_URL', { infer: true }), originOf(ctx)),
    );
  }

  @Mutation(() => Boolean, {
    description: 'Turns your calendar feed off (its URL then answers 404); true if you had one.',
  })
  @Allow(Capability.READ_SELF)
  revokeCalendarFeed(@CurrentCaller() caller: Caller) {
    return this.feeds.revoke(caller);
  }

  // ---------------------------------------------------------------- fields

  @DecidedByParent()
  @ResolveField(() => [MeetingInvitee])
  invitees(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    return ctx.loaders
      .get<string, MeetingInvitee[]>('meetingInvitees', (ids) => this.meetings.inviteesOf(ids))
      .load(meeting.id);
  }

  @DecidedByParent()
  @ResolveField(() => String, { description: 'The child’s initials (e.g. "A.T."), as the calendar feed names them.' })
  async childInitials(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    const child = await ctx.loaders
      .get<string, Child | null>('meetingChild', (ids) => this.children.findByIds(ids))
      .load(meeting.childId);
    return child ? childInitials(child) : '';
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: `Support the child needs to take part. ${WHOLE_PLAN}` })
  async childParticipationNotes(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    return (await showsWholePlan(this.access, ctx, meeting.childId)) ? meeting.childParticipationNotes : null;
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: WHOLE_PLAN })
  async parentCarerParticipationNotes(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    return (await showsWholePlan(this.access, ctx, meeting.childId)) ? meeting.parentCarerParticipationNotes : null;
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: `Agenda or arrangements. ${WHOLE_PLAN}` })
  async notes(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    return (await showsWholePlan(this.access, ctx, meeting.childId)) ? meeting.notes : null;
  }

  @DecidedByParent()
  @ResolveField(() => String, { nullable: true, description: `Why it was cancelled. ${WHOLE_PLAN}` })
  async cancellationReason(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    return (await showsWholePlan(this.access, ctx, meeting.childId)) ? meeting.cancellationReason : null;
  }

  @DecidedByParent()
  @ResolveField(() => MeetingOutcome, { nullable: true, description: `Null until the meeting is held. ${WHOLE_PLAN}` })
  async outcome(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext): Promise<MeetingOutcome | null> {
    if (meeting.status !== MeetingStatus.HELD || !meeting.heldAt || !meeting.childParticipationAtMeeting) return null;
    if (!(await showsWholePlan(this.access, ctx, meeting.childId))) return null;
    return {
      heldAt: meeting.heldAt,
      childParticipation: meeting.childParticipationAtMeeting,
      childParticipationNotes: meeting.childParticipationAtMeetingNotes,
      parentCarerParticipation: meeting.parentCarerParticipationAtMeeting,
      parentCarerParticipationNotes: meeting.parentCarerParticipationAtMeetingNotes,
      decisions: meeting.decisions,
      notes: meeting.outcomeNotes,
      recordedById: meeting.outcomeRecordedById,
    };
  }

  @DecidedByParent()
  @ResolveField(() => [PathwayAction], {
    nullable: true,
    description: `The pathway actions the meeting agreed. ${WHOLE_PLAN}`,
  })
  async actions(@Parent() meeting: PlanningMeeting, @Context() ctx: AccessContext) {
    if (!(await showsWholePlan(this.access, ctx, meeting.childId))) return null;
    return ctx.loaders
      .get<string, PathwayAction[]>('meetingActions', (ids) => this.meetings.actionsOfMeetings(ids))
      .load(meeting.id);
  }

  // ---------------------------------------------------------------- internals

  /** A meeting is changed by those who may change its plan as a whole; missing and not-yours both NOT_FOUND. */
  private async authorizeMeeting(ctx: AccessContext, caller: Caller, meetingId: string): Promise<void> {
    const resource = { type: MEETING, id: meetingId };
    const meeting = (await this.meetings.findMeeting(meetingId)) ?? (await this.access.refuseMissing(caller, resource));
    await this.planAccess.authorizePlanChange(ctx, caller, meeting.planId, resource);
  }
}

/** A plan's meetings, for those who may see the whole plan. */
@Resolver(() => ResettlementPlan)
export class PlanMeetingsResolver {
  constructor(
    private readonly meetingsService: MeetingsService,
    private readonly access: AccessService,
  ) {}

  @DecidedByParent()
  @ResolveField(() => [PlanningMeeting], {
    nullable: true,
    description: 'The plan’s planning meetings, newest first. Null unless you may see the whole plan.',
  })
  async meetings(@Parent() plan: ResettlementPlan, @Context() ctx: AccessContext) {
    if (!(await showsWholePlan(this.access, ctx, plan.childId))) return null;
    return ctx.loaders
      .get<string, PlanningMeeting[]>(PLAN_MEETINGS_LOADER, (ids) => this.meetingsService.meetingsOfPlans(ids))
      .load(plan.id);
  }
}

@Resolver(() => MeetingInvitee)
export class MeetingInviteeResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @DecidedByParent()
  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Parent() invitee: MeetingInvitee, @Context() ctx: AccessContext) {
    return loadOrganisation(ctx, this.organisations, invitee.organisationId);
  }
}

/**
 * `https://host[:port]` as the caller reached the api, for the feed's absolute URL. Fastify gives the protocol
 * (from X-Forwarded-Proto only behind a trusted proxy) and the Host header; an odd Host falls back to localhost.
 */
function originOf(ctx: AccessContext): string {
  const req = ctx.req as unknown as {
    protocol?: string;
    host?: string;
    headers: Record<string, string | string[] | undefined>;
  };
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  const host = req.host ?? (typeof req.headers.host === 'string' ? req.headers.host : '');
  return `${protocol}://${/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost'}`;
}
