import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Capability, mayPerform, Role } from '@resettle/access';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import {
  afterReleaseFieldOf,
  APPOINTMENT_KIND_LABELS,
  appointmentInput,
  barrierInput,
  BARRIERS,
  COMPLIANCE_LABELS,
  OUTCOME_LABELS,
  supervisionInput,
} from './after-release-forms';

type Values = Record<string, string>;
type Form = 'appointment' | 'barrier' | 'supervision';

interface Loaded {
  me: { roles: string[]; organisationId: string };
  episode: {
    id: string;
    status: string;
    releasedAt: string | null;
    child: { givenName: string; familyName: string; preferredName: string | null };
    supervisingService: { id: string; name: string };
    resettlementPlan: {
      id: string;
      appointments: Record<string, string>[] | null;
      engagementBarriers: Record<string, string>[] | null;
      supervisionChecks: Record<string, string>[] | null;
      history: { type: string; summary: string; createdAt: string; recordedByName: string | null }[] | null;
    };
  };
}

const PAGE = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id status releasedAt
    child { givenName familyName preferredName } supervisingService { id name }
    resettlementPlan { id
      appointments { id kind at withWhom place outcome notes }
      engagementBarriers { id barrier assessment planToAddress status }
      supervisionChecks { id periodEnding compliance notes }
      history { type summary createdAt recordedByName } } } }`;
const MUTATIONS: Record<Form, string> = {
  appointment: `mutation($input: RecordAppointmentInput!) { recordAppointment(input: $input) { id } }`,
  barrier: `mutation($input: RecordEngagementBarrierInput!) { recordEngagementBarrier(input: $input) { id } }`,
  supervision: `mutation($input: RecordSupervisionCheckInput!) { recordSupervisionCheck(input: $input) { id } }`,
};
const PARSERS = { appointment: appointmentInput, barrier: barrierInput, supervision: supervisionInput };
const FIRST_FIELD: Record<Form, string> = { appointment: 'kind', barrier: 'barrier', supervision: 'periodEndingDay' };
const SAVED: Record<Form, string> = {
  appointment: 'Appointment recorded',
  barrier: 'Barrier to engagement recorded',
  supervision: 'Supervision check recorded',
};
const AFTER_RELEASE_EVENTS = ['APPOINTMENT_RECORDED', 'BARRIER_ASSESSED', 'SUPERVISION_RECORDED'];

/**
 * After release in the portal (issue 20): the case manager records the appointments kept or missed (why, when
 * missed), the barriers to engagement and the supervision checks; the page shows what is recorded, by whom and when.
 * Every change is a POST then a redirect; the api decides who may and what is already there.
 */
@Controller('episodes/:episodeId/after-release')
export class AfterReleaseController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async page(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
  ) {
    return this.render(request, reply, await this.load(request, id));
  }

  @Post('appointment')
  appointment(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    return this.save('appointment', request, reply, id, body);
  }

  @Post('barrier')
  barrier(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    return this.save('barrier', request, reply, id, body);
  }

  @Post('supervision')
  supervision(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: Values,
  ) {
    return this.save('supervision', request, reply, id, body);
  }

  private async save(form: Form, request: FastifyRequest, reply: FastifyReply, id: string, body: Values) {
    const loaded = await this.load(request, id);
    const values = formValues(body);
    const { input, errors } = PARSERS[form](loaded.episode.resettlementPlan.id, values);
    if (errors) return this.render(request, reply, loaded, { form, values, errors }, 400);
    try {
      await this.api.asUser(request, MUTATIONS[form], { input });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fallback = FIRST_FIELD[form];
      const [status, refused] =
        error.code === 'BAD_USER_INPUT'
          ? [400, apiFormErrors(error, (path) => afterReleaseFieldOf(form, path), fallback)]
          : error.code === 'CONFLICT'
            ? [409, formError(fallback, `${error.message}. Nothing you entered was saved`)]
            : error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'
              ? [
                  403,
                  formError(
                    fallback,
                    `You cannot record this: ask ${loaded.episode.supervisingService.name}. Nothing was saved.`,
                  ),
                ]
              : [0, null];
      if (!refused) throw error;
      // What is there now, with what was typed kept in the form.
      const fresh = await this.load(request, id);
      return this.render(request, reply, fresh, { form, values, errors: refused }, status);
    }
    flash(request, SAVED[form]);
    return reply.redirect(`/episodes/${id}/after-release#${form}s`, 303);
  }

  private async load(request: FastifyRequest, id: string): Promise<Loaded> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{
      custodialEpisode: Loaded['episode'] | null;
      me: Loaded['me'];
    }>(request, PAGE, { id });
    if (!episode?.resettlementPlan) throw new ApiError('Not found', 'NOT_FOUND');
    return { me, episode };
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    { me, episode }: Loaded,
    typed: { form?: Form; values?: Values; errors?: FormErrors } = {},
    status = 200,
  ) {
    const plan = episode.resettlementPlan;
    const values = (form: Form) => (typed.form === form ? (typed.values ?? {}) : {});
    const a = values('appointment');
    const b = values('barrier');
    const s = values('supervision');
    const radios = (labels: Record<string, string>, chosen: string | undefined) =>
      Object.entries(labels).map(([value, text]) => ({ value, text, checked: chosen === value }));
    return renderPage(
      request,
      reply,
      'release/after-release.njk',
      {
        episode,
        childName: `${episode.child.preferredName || episode.child.givenName} ${episode.child.familyName}`,
        released: !!episode.releasedAt,
        mayChange:
          mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_PLAN) &&
          me.organisationId === episode.supervisingService.id,
        appointments: (plan.appointments ?? []).map((x) => ({
          ...x,
          kindText: APPOINTMENT_KIND_LABELS[x.kind] ?? x.kind,
          outcomeText: OUTCOME_LABELS[x.outcome] ?? x.outcome,
        })),
        barriers: plan.engagementBarriers ?? [],
        checks: (plan.supervisionChecks ?? []).map((x) => ({
          ...x,
          complianceText: COMPLIANCE_LABELS[x.compliance] ?? x.compliance,
        })),
        recorded: (plan.history ?? []).filter((e) => AFTER_RELEASE_EVENTS.includes(e.type)).reverse(),
        a,
        b,
        s,
        errors: typed.errors,
        kindItems: radios(APPOINTMENT_KIND_LABELS, a.kind),
        outcomeItems: radios({ KEPT: 'Kept', MISSED: 'Missed' }, a.outcome),
        barrierChoices: BARRIERS.map((text) => ({ value: text, text, checked: b.barrier === text })),
        complianceItems: radios(COMPLIANCE_LABELS, s.compliance),
      },
      status,
    );
  }
}

/** The posted answers without the CSRF token (text only). */
function formValues(body: unknown): Values {
  const values: Values = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf' || typeof value !== 'string' || value.length > 5000) continue;
    values[name] = value.replace(/\r\n?/g, '\n');
  }
  return values;
}
