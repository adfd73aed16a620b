import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, FormErrors, toFormErrors } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { govukDateTime } from '../http/view-filters';
import { MEETING_LABELS, PATHWAY_LABELS } from '../plans/plan-labels';
import { flash } from '../session/portal-session';
import {
  ATTENDANCE_LABELS,
  cancelInput,
  dateTimeValues,
  fieldOfApiPath,
  invitableOrganisations,
  inviteeName,
  LENGTHS,
  MEETING_TYPES,
  outcomeInput,
  PARTICIPATION_LABELS,
  rescheduleInput,
  scheduleInput,
  splitMeetings,
  STATUS_TAGS,
  Values,
} from './meeting-forms';

const MEETINGS = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id status child { givenName familyName preferredName }
    currentEstablishment { id name } supervisingService { id name }
    resettlementPlan { id
      pathways { type responsibleOrganisation { id name } }
      referrals { toOrganisation { id name } }
      meetings { id version type status startsAt endsAt location callLink childParticipation notes cancellationReason
        invitees { id name email role attendance organisation { id name } }
        outcome { heldAt childParticipation decisions notes }
        actions { description dueDate } } } } }`;

const FIELDS = 'id version type status startsAt endsAt location callLink';
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${FIELDS} } }`;
const RESCHEDULE = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { ${FIELDS} } }`;
const CANCEL = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { ${FIELDS} } }`;
const OUTCOME = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) {
  meeting { ${FIELDS} } actions { id } warnings } }`;

interface Org {
  id: string;
  name: string;
}
interface Meeting {
  id: string;
  version: number;
  type: string;
  status: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  callLink: string | null;
  childParticipation: string;
  notes: string | null;
  cancellationReason: string | null;
  invitees: {
    id: string;
    name: string | null;
    email: string | null;
    role: string | null;
    attendance: string | null;
    organisation: Org | null;
  }[];
  outcome: { heldAt: string; childParticipation: string; decisions: string[]; notes: string | null } | null;
  actions: { description: string; dueDate: string }[] | null;
}
interface Episode {
  id: string;
  status: string;
  child: { givenName: string; familyName: string; preferredName: string | null };
  currentEstablishment: Org;
  supervisingService: Org;
  resettlementPlan: {
    id: string;
    pathways: { type: string; responsibleOrganisation: Org | null }[];
    referrals: { toOrganisation: Org | null }[];
    meetings: Meeting[] | null;
  } | null;
}
interface Me {
  roles: string[];
  organisationId: string | null;
}

type Change = 'reschedule' | 'cancel' | 'outcome';

/**
 * A child's planning meetings for youth justice staff: the list, scheduling with a check step, rescheduling,
 * cancelling with a reason and recording the outcome (attendance, decisions, an action landing on a pathway). GOV.UK
 * forms that work without JavaScript; the api decides every change. A stale version (someone changed the meeting
 * meanwhile) is the api's CONFLICT, shown in the error summary with the meeting as it is now.
 */
@Controller('episodes/:episodeId/meetings')
export class MeetingsController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    const { episode, me } = await this.load(request, episodeId);
    const { upcoming, past } = splitMeetings(episode.resettlementPlan?.meetings ?? [], this.clock.now());
    return renderPage(request, reply, 'meetings/list.njk', {
      ...common(episode),
      mayChange: mayChangeMeetings(me, episode),
      upcoming: upcoming.map(view),
      past: past.map(view),
    });
  }

  // ---------------------------------------------------------------- schedule, with a check step

  @Get('new')
  async scheduleForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    const { episode } = await this.load(request, episodeId);
    return this.renderSchedule(request, reply, episode, { lengthMinutes: '60' });
  }

  /** One address for the three steps: `step` is check (the form sent), change (back to the form), or confirm. */
  @Post('new')
  async schedulePost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Body() body: Values,
  ) {
    const { episode } = await this.load(request, episodeId);
    const values = formValues(body);
    const step = body?.step;
    if (step === 'change') return this.renderSchedule(request, reply, episode, values);
    if (!episode.resettlementPlan) return this.renderSchedule(request, reply, episode, values, noPlan(), 400);
    const organisations = invitableOrganisations(episode);
    const { input, errors } = scheduleInput(values, episode.resettlementPlan.id, organisations);
    if (errors || !input) return this.renderSchedule(request, reply, episode, values, errors, 400);
    if (step !== 'confirm') {
      const invited = (input.invitees as unknown[]).length;
      return renderPage(request, reply, 'meetings/check.njk', {
        ...common(episode),
        answers: [
          { key: 'Type', value: MEETING_LABELS[values.type as string] },
          {
            key: 'Date and time',
            value: `${govukDateTime(input.startsAt)} (${LENGTHS[values.lengthMinutes as string]})`,
          },
          { key: 'Where', value: (input.location as string | null) ?? 'By call only' },
          { key: 'Call link', value: (input.callLink as string | null) ?? 'None' },
          {
            key: 'Invited',
            value: invited
              ? organisations
                  .filter((o) => (values.invitees ?? []).includes(o.id))
                  .map((o) => o.name)
                  .join(', ')
              : 'Nobody yet',
          },
          { key: 'How the child will take part', value: PARTICIPATION_LABELS[values.childParticipation as string] },
          ...(input.notes ? [{ key: 'Agenda or arrangements', value: input.notes as string }] : []),
        ],
        hidden: hiddenFields(values),
      });
    }
    try {
      await this.api.asUser(request, SCHEDULE, { input });
    } catch (error) {
      const refused = refusal(error, 'type');
      if (!refused) throw error;
      return this.renderSchedule(request, reply, episode, values, refused.errors, refused.status);
    }
    flash(request, `${MEETING_LABELS[values.type as string]} scheduled for ${govukDateTime(input.startsAt)}`);
    return reply.redirect(`/episodes/${episodeId}/meetings`, 303);
  }

  // ---------------------------------------------------------------- reschedule, cancel, record the outcome

  @Get(':meetingId/:change')
  async changeForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('change') change: string,
  ) {
    const { episode, meeting } = await this.loadMeeting(request, episodeId, meetingId);
    const kind = changeOf(change);
    return this.renderChange(request, reply, kind, episode, meeting, initialValues(kind, meeting));
  }

  @Post(':meetingId/:change')
  async changePost(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Param('change') change: string,
    @Body() body: Values,
  ) {
    const kind = changeOf(change);
    const { episode, meeting } = await this.loadMeeting(request, episodeId, meetingId);
    const values = formValues(body);
    if (!values.expectedVersion) values.expectedVersion = String(meeting.version);
    const pathways = (episode.resettlementPlan?.pathways ?? []).map((p) => ({
      type: p.type,
      ownerOrganisationId: p.responsibleOrganisation?.id ?? episode.supervisingService.id,
    }));
    const { input, errors } =
      kind === 'reschedule'
        ? rescheduleInput(values, meetingId)
        : kind === 'cancel'
          ? cancelInput(values, meetingId)
          : outcomeInput(values, meetingId, meeting.invitees, pathways);
    if (errors || !input) return this.renderChange(request, reply, kind, episode, meeting, values, errors, 400);
    try {
      await this.api.asUser(request, { reschedule: RESCHEDULE, cancel: CANCEL, outcome: OUTCOME }[kind], { input });
    } catch (error) {
      const first = { reschedule: 'startDay', cancel: 'reason', outcome: 'childParticipation' }[kind];
      const refused = refusal(error, first);
      if (!refused) throw error;
      if (refused.status !== 409) {
        return this.renderChange(request, reply, kind, episode, meeting, values, refused.errors, refused.status);
      }
      // Changed meanwhile: the form again, against the meeting as it is now (shown above the form).
      const fresh = await this.loadMeeting(request, episodeId, meetingId);
      values.expectedVersion = String(fresh.meeting.version);
      return this.renderChange(request, reply, kind, fresh.episode, fresh.meeting, values, refused.errors, 409);
    }
    const what = MEETING_LABELS[meeting.type];
    flash(
      request,
      kind === 'reschedule'
        ? `${what} moved to ${govukDateTime(input.startsAt)}`
        : kind === 'cancel'
          ? `${what} of ${govukDateTime(meeting.startsAt)} cancelled`
          : `The outcome of the ${what.toLowerCase()} of ${govukDateTime(meeting.startsAt)} is recorded`,
    );
    return reply.redirect(`/episodes/${episodeId}/meetings`, 303);
  }

  // ---------------------------------------------------------------- internals

  private async load(request: FastifyRequest, episodeId: string): Promise<{ episode: Episode; me: Me }> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{ custodialEpisode: Episode; me: Me }>(
      request,
      MEETINGS,
      { id: episodeId },
    );
    return { episode, me };
  }

  /** The meeting of this child's plan (another's, or none: the api's NOT_FOUND, the not-found page). */
  private async loadMeeting(request: FastifyRequest, episodeId: string, meetingId: string) {
    const { episode } = await this.load(request, episodeId);
    const meeting = episode.resettlementPlan?.meetings?.find((m) => m.id === meetingId);
    if (!meeting) throw new ApiError('Planning meeting not found', 'NOT_FOUND');
    return { episode, meeting };
  }

  private renderSchedule(
    request: FastifyRequest,
    reply: FastifyReply,
    episode: Episode,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    const invited = values.invitees ?? [];
    return renderPage(
      request,
      reply,
      'meetings/schedule.njk',
      {
        ...common(episode),
        values,
        errors,
        typeItems: MEETING_TYPES.map((value) => ({
          value,
          text: MEETING_LABELS[value],
          checked: values.type === value,
        })),
        ...placeItems(values),
        participationItems: items(PARTICIPATION_LABELS, values.childParticipation),
        organisationItems: invitableOrganisations(episode).map((o) => ({
          value: o.id,
          text: o.name,
          checked: invited.includes(o.id),
        })),
      },
      status,
    );
  }

  private renderChange(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: Change,
    episode: Episode,
    meeting: Meeting,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      `meetings/${kind}.njk`,
      {
        ...common(episode),
        meeting: view(meeting),
        values,
        errors,
        ...placeItems(values),
        participationItems: items(PARTICIPATION_LABELS, values.childParticipation),
        attendance: meeting.invitees.map((invitee) => ({
          name: `attendance-${invitee.id}`,
          legend: inviteeName(invitee),
          items: items(ATTENDANCE_LABELS, values[`attendance-${invitee.id}`]),
        })),
        pathwayItems: [
          { value: '', text: 'No action' },
          ...(episode.resettlementPlan?.pathways ?? []).map((p) => ({
            value: p.type,
            text: PATHWAY_LABELS[p.type] ?? p.type,
            selected: values.actionPathway === p.type,
          })),
        ],
      },
      status,
    );
  }
}

function changeOf(change: string): Change {
  if (change === 'reschedule' || change === 'cancel' || change === 'outcome') return change;
  throw new ApiError('Page not found', 'NOT_FOUND');
}

function initialValues(kind: Change, meeting: Meeting): Values {
  const values: Values = { expectedVersion: String(meeting.version) };
  if (kind !== 'reschedule') return values;
  const minutes = String(Math.round((Date.parse(meeting.endsAt) - Date.parse(meeting.startsAt)) / 60_000));
  return {
    ...values,
    ...dateTimeValues('start', meeting.startsAt),
    lengthMinutes: minutes,
    location: meeting.location ?? '',
    callLink: meeting.callLink ?? '',
  };
}

/**
 * Whether the links to change meetings are for this person: `@Allow(CHANGE_PLAN)` on their roles and the
 * supervising service's own child (the policy's rule). The api still decides every change.
 */
function mayChangeMeetings(me: Me, episode: { supervisingService: { id: string } }): boolean {
  return (
    mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_PLAN) &&
    me.organisationId === episode.supervisingService.id
  );
}

function view(meeting: Meeting) {
  return {
    ...meeting,
    label: MEETING_LABELS[meeting.type],
    when: govukDateTime(meeting.startsAt),
    tag: STATUS_TAGS[meeting.status],
    invited: meeting.invitees.map((i) => ({
      name: inviteeName(i),
      role: i.role,
      attendance: i.attendance ? ATTENDANCE_LABELS[i.attendance] : null,
    })),
    participation: PARTICIPATION_LABELS[meeting.outcome?.childParticipation ?? meeting.childParticipation],
  };
}

function common(episode: Episode) {
  const { child } = episode;
  return { episode, childName: `${child.preferredName || child.givenName} ${child.familyName}` };
}

function items(labels: Record<string, string>, chosen: unknown) {
  return Object.entries(labels).map(([value, text]) => ({ value, text, checked: chosen === value }));
}

function placeItems(values: Values) {
  return {
    lengthItems: Object.entries(LENGTHS).map(([value, text]) => ({
      value,
      text,
      selected: values.lengthMinutes === value,
    })),
  };
}

function noPlan(): FormErrors {
  return toFormErrors([['type', 'This child has no resettlement plan yet: start the plan before scheduling meetings']]);
}

/** What the api refused, as the form's errors; null for what is not a refusal of this change. */
function refusal(error: unknown, firstField: string): { errors: FormErrors; status: number } | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'BAD_USER_INPUT') return { errors: apiFormErrors(error, fieldOfApiPath, firstField), status: 400 };
  if (error.code === 'CONFLICT') {
    const text = `${error.message.replace(/\s*Reload and try again\.?$/, '').replace(/\.$/, '')}. Nothing was saved: the meeting as it is now is shown below.`;
    return { errors: toFormErrors([[firstField, text]]), status: 409 };
  }
  if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') {
    const text = 'You cannot change this child’s meetings: only their youth justice service can. Nothing was saved.';
    return { errors: toFormErrors([[firstField, text]]), status: 403 };
  }
  return null;
}

/** The posted answers, without the CSRF token and the step; `invitees` may be several. */
function formValues(body: unknown): Values {
  const values: Values = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf' || name === 'step') continue;
    if (name === 'invitees') {
      values.invitees = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    } else if (typeof value === 'string' && value.length <= 5000) values[name] = value;
  }
  return values;
}

function hiddenFields(values: Values): { name: string; value: string }[] {
  return Object.entries(values).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v })),
  );
}
