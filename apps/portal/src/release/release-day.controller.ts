import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Capability, mayPerform, Role } from '@resettle/access';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors } from '../forms/form-errors';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { UnsavedAnswer, unsavedAnswers } from '../forms/unsaved';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import {
  ARRANGEMENT_LABELS,
  arrangementsInput,
  pageFieldOf,
  PLACEMENT_LABELS,
  PLACEMENT_TYPES,
  PLAN_LABELS,
  planValues,
  RECORD_LABELS,
  recordFieldOf,
  recordValues,
  releaseDayPlanInput,
  releaseRecordInput,
} from './release-day-forms';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { maxLength: 5000, unixLines: true };
type Plan = Record<string, unknown> & { version: number; confirmedAt: string | null; gaps: Gap[]; warnings: string[] };
type Gap = { field: string; message: string };

interface Loaded {
  me: { roles: string[]; organisationId: string };
  episode: {
    id: string;
    status: string;
    expectedReleaseDate: string | null;
    child: { givenName: string; familyName: string; preferredName: string | null };
    supervisingService: { id: string; name: string };
    resettlementPlan: {
      id: string;
      /** The policy's answer: the supervising service, and the establishment holding the child. */
      mayArrangeReleaseDay: boolean;
      releaseDay: Plan | null;
      releaseRecord: Record<string, unknown> | null;
    };
  };
}

const PAGE = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id status expectedReleaseDate
    child { givenName familyName preferredName } supervisingService { id name }
    resettlementPlan { id mayArrangeReleaseDay
      releaseDay { version metByName metByRelationship appropriateAdult meetingDate meetingTime travelArrangements
        firstDestination firstAppointmentDate firstAppointmentTime firstAppointmentWith firstAppointmentPlace medication
        idDocuments phone moneyAndProperty supervisionExplainedByName supervisionExplainedOn confirmedAt
        gaps { field message } warnings }
      releaseRecord { version releasedAt metAtGate metByName metByRelationship firstNightAddress firstNightPlacementType
        firstNightAsPlanned notes } } } }`;
const PLAN_RELEASE_DAY = `mutation($input: PlanReleaseDayInput!) { planReleaseDay(input: $input) { id version } }`;
const CONFIRM = `mutation($input: ConfirmReleaseDayPlanInput!) { confirmReleaseDayPlan(input: $input) { id confirmedAt } }`;
const RECORD = `mutation($input: RecordReleaseDayInput!) { recordReleaseDay(input: $input) { id version } }`;

const STALE =
  'Someone else changed the release-day plan since you opened it. The form now shows what is there now: nothing you entered was saved, so make your change again';
const NOT_CONFIRMED =
  'The release-day plan was not confirmed: it changed since you checked it, or something is now missing. The page shows it as it is now';
const STALE_RECORD =
  'Someone else recorded the release day since you opened the page. It now shows what is there now: nothing you entered was saved';

/**
 * The day of release in the portal (issue 20): the release-day plan with the gaps the api reports (each linking to its
 * field), confirmed through a check step; once the child is released, the day as it happened and the first night.
 * Every change is a POST then a redirect, with the version the page showed; the api decides who may.
 */
@Controller('episodes/:episodeId/release-day')
export class ReleaseDayController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    const loaded = await this.load(request, id);
    return this.render(request, reply, loaded, {});
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const values = postedValues(body, POSTED);
    const { input, errors } = releaseDayPlanInput(loaded.episode.resettlementPlan.id, values);
    if (errors) return this.render(request, reply, loaded, { values, errors }, 400);
    try {
      await this.api.asUser(request, PLAN_RELEASE_DAY, { input });
    } catch (error) {
      const refusal = this.refusal(error, loaded, (path) => pageFieldOf(path.split('.').pop() ?? ''), 'metByName');
      if (refusal.status === 409) {
        const fresh = await this.load(request, id);
        const now = planValues(fresh.episode.resettlementPlan.releaseDay);
        const unsaved = unsavedAnswers(values, now, PLAN_LABELS);
        return this.render(request, reply, fresh, { errors: formError('metByName', STALE), unsaved }, 409);
      }
      return this.render(request, reply, loaded, { values, errors: refusal.errors }, refusal.status);
    }
    flash(request, 'Release-day plan saved');
    return reply.redirect(`/episodes/${id}/release-day`, 303);
  }

  /**
   * The establishment's part (medication, ID, money and property), for those the policy lets arrange it but not
   * change the rest of the plan (the establishment holding the child).
   */
  @Post('arrangements')
  async arrange(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const values = postedValues(body, POSTED);
    try {
      await this.api.asUser(request, PLAN_RELEASE_DAY, {
        input: arrangementsInput(loaded.episode.resettlementPlan.id, values),
      });
    } catch (error) {
      const refusal = this.refusal(error, loaded, (path) => pageFieldOf(path.split('.').pop() ?? ''), 'medication');
      if (refusal.status === 409) {
        const fresh = await this.load(request, id);
        const now = planValues(fresh.episode.resettlementPlan.releaseDay);
        const unsaved = unsavedAnswers(values, now, ARRANGEMENT_LABELS);
        return this.render(request, reply, fresh, { errors: formError('medication', STALE), unsaved }, 409);
      }
      return this.render(request, reply, loaded, { values, errors: refusal.errors }, refusal.status);
    }
    flash(request, 'Medication, ID and property saved');
    return reply.redirect(`/episodes/${id}/release-day#arrangements`, 303);
  }

  @Get('check')
  async check(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    const loaded = await this.load(request, id);
    const plan = loaded.episode.resettlementPlan.releaseDay;
    if (!plan || plan.gaps.length || plan.confirmedAt) return reply.redirect(`/episodes/${id}/release-day`, 303);
    return this.renderCheck(request, reply, loaded, plan);
  }

  @Post('confirm')
  async confirm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const plan = loaded.episode.resettlementPlan.releaseDay;
    if (!plan) return reply.redirect(`/episodes/${id}/release-day`, 303);
    try {
      await this.api.asUser(request, CONFIRM, {
        input: { planId: loaded.episode.resettlementPlan.id, expectedVersion: Number(body?.expectedVersion) },
      });
    } catch (error) {
      const refusal = this.refusal(error, loaded, () => 'confirm', 'confirm');
      if (refusal.status === 409) {
        // Changed meanwhile, or something is missing now: the plan page shows what is there and its gaps.
        const fresh = await this.load(request, id);
        return this.render(request, reply, fresh, { errors: formError('metByName', NOT_CONFIRMED) }, 409);
      }
      return this.renderCheck(request, reply, loaded, plan, refusal.errors, refusal.status);
    }
    flash(request, 'Release-day plan confirmed');
    return reply.redirect(`/episodes/${id}/release-day`, 303);
  }

  @Post('record')
  async record(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    const loaded = await this.load(request, id);
    const values = postedValues(body, POSTED);
    const { input, errors } = releaseRecordInput(loaded.episode.resettlementPlan.id, values);
    if (errors) return this.render(request, reply, loaded, { recordValues: values, errors }, 400);
    try {
      await this.api.asUser(request, RECORD, { input });
    } catch (error) {
      const refusal = this.refusal(error, loaded, recordFieldOf, 'metAtGate');
      if (refusal.status === 409) {
        const fresh = await this.load(request, id);
        const now = recordValues(fresh.episode.resettlementPlan.releaseRecord);
        const unsaved = unsavedAnswers(values, now, RECORD_LABELS);
        return this.render(request, reply, fresh, { errors: formError('metAtGate', STALE_RECORD), unsaved }, 409);
      }
      return this.render(request, reply, loaded, { recordValues: values, errors: refusal.errors }, refusal.status);
    }
    flash(request, 'Release day recorded');
    return reply.redirect(`/episodes/${id}/release-day#record`, 303);
  }

  // ---------------------------------------------------------------- internals

  private async load(request: FastifyRequest, id: string): Promise<Loaded> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{
      custodialEpisode: Loaded['episode'] | null;
      me: Loaded['me'];
    }>(request, PAGE, { id });
    if (!episode?.resettlementPlan) throw new ApiError('Not found', 'NOT_FOUND');
    return { me, episode };
  }

  /** The api's refusal against the form: its messages against the fields, a stale version (409), or not theirs. */
  private refusal(
    error: unknown,
    loaded: Loaded,
    fieldOf: (path: string) => string | undefined,
    fallback: string,
  ): { errors: FormErrors; status: number } {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'BAD_USER_INPUT') return { errors: apiFormErrors(error, fieldOf, fallback), status: 400 };
    if (error.code === 'CONFLICT') return { errors: formError(fallback, error.message), status: 409 };
    if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
      return {
        errors: formError(
          fallback,
          `You cannot change the release day: ask ${loaded.episode.supervisingService.name}. Nothing was saved.`,
        ),
        status: 403,
      };
    throw error;
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    { me, episode }: Loaded,
    form: { values?: Values; recordValues?: Values; errors?: FormErrors; unsaved?: UnsavedAnswer[] },
    status = 200,
  ) {
    const plan = episode.resettlementPlan.releaseDay;
    const values = form.values ?? planValues(plan);
    const record = form.recordValues ?? recordValues(episode.resettlementPlan.releaseRecord);
    const yesNo = (name: string, v: Values) => [
      { value: 'yes', text: 'Yes', checked: v[name] === 'yes' },
      { value: 'no', text: 'No', checked: v[name] === 'no' },
    ];
    return renderPage(
      request,
      reply,
      'release/release-day.njk',
      {
        episode,
        plan,
        childName: childName(episode),
        mayChange: mayChange(me, episode),
        // The establishment's part alone: offered when the policy allows it and the rest is not theirs.
        mayArrange:
          !mayChange(me, episode) && episode.resettlementPlan.mayArrangeReleaseDay && episode.status !== 'RELEASED',
        released: episode.status === 'RELEASED',
        summary: plan ? checkRows(episode.id, plan).map(({ key, value }) => ({ key, value })) : [],
        gaps: (plan?.gaps ?? []).map((g) => ({ text: g.message, href: `#${pageFieldOf(g.field)}` })),
        values,
        record,
        errors: form.errors,
        unsaved: form.unsaved,
        appropriateAdultItems: yesNo('appropriateAdult', values),
        metAtGateItems: yesNo('metAtGate', record),
        asPlannedItems: yesNo('firstNightAsPlanned', record),
        placementItems: PLACEMENT_TYPES.map((t) => ({
          value: t,
          text: PLACEMENT_LABELS[t],
          checked: record.firstNightPlacementType === t,
        })),
      },
      status,
    );
  }

  private renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    { episode }: Loaded,
    plan: Plan,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      'release/check.njk',
      { episode, plan, childName: childName(episode), rows: checkRows(episode.id, plan), errors },
      status,
    );
  }
}

function childName({ child }: Loaded['episode']): string {
  return `${child.preferredName || child.givenName} ${child.familyName}`;
}

/** The supervising service's staff who may change the plan; the api decides in the end. */
function mayChange(me: Loaded['me'], episode: Loaded['episode']): boolean {
  return (
    mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_PLAN) &&
    me.organisationId === episode.supervisingService.id
  );
}

function checkRows(episodeId: string, plan: Plan) {
  const text = (v: unknown) => (typeof v === 'string' && v ? v : 'Not given');
  const row = (key: string, value: string, field: string) => ({
    key: { text: key },
    value: { text: value },
    actions: {
      items: [
        {
          href: `/episodes/${episodeId}/release-day#${field}`,
          text: 'Change',
          visuallyHiddenText: key.toLowerCase(),
        },
      ],
    },
  });
  const at = (date: unknown, time: unknown) => [date, time].filter((v) => typeof v === 'string' && v).join(' at ');
  return [
    row(
      'Who meets the child',
      `${text(plan.metByName)}${plan.metByRelationship ? ` (${plan.metByRelationship as string})` : ''}${plan.appropriateAdult ? ', an appropriate adult' : ''}`,
      'metByName',
    ),
    row('When', text(at(plan.meetingDate, plan.meetingTime)), 'meetingDateDay'),
    row('Travel', text(plan.travelArrangements), 'travelArrangements'),
    row('Where they go first', text(plan.firstDestination), 'firstDestination'),
    row(
      'First appointment',
      [at(plan.firstAppointmentDate, plan.firstAppointmentTime), plan.firstAppointmentWith, plan.firstAppointmentPlace]
        .filter(Boolean)
        .join(', ') || 'Not given',
      'firstAppointmentDateDay',
    ),
    row('Medication', text(plan.medication), 'medication'),
    row('ID', text(plan.idDocuments), 'idDocuments'),
    row('Phone', text(plan.phone), 'phone'),
    row('Money and property', text(plan.moneyAndProperty), 'moneyAndProperty'),
    row(
      'Supervision explained',
      plan.supervisionExplainedByName
        ? `By ${plan.supervisionExplainedByName as string}${plan.supervisionExplainedOn ? ` on ${plan.supervisionExplainedOn as string}` : ''}`
        : 'Not given',
      'supervisionExplainedByName',
    ),
  ];
}
