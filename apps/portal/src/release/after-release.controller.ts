import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Capability, mayPerform, Role } from '@resettle/access';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors } from '../forms/form-errors';
import { postedValues } from '../forms/posted-values';
import { unsavedAnswers } from '../forms/unsaved';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';
import {
  afterReleaseFieldOf,
  AfterReleaseForm,
  answersOf,
  APPOINTMENT_KIND_LABELS,
  appointmentChangeInput,
  appointmentInput,
  BARRIER_STATUS_LABELS,
  barrierChangeInput,
  barrierInput,
  BARRIERS,
  changeValuesOf,
  COMPLIANCE_LABELS,
  OUTCOME_LABELS,
  supervisionChangeInput,
  supervisionInput,
} from './after-release-forms';

type Values = Record<string, string>;
type Form = AfterReleaseForm;

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
      appointments { id kind at withWhom place outcome notes version }
      engagementBarriers { id barrier assessment planToAddress status version }
      supervisionChecks { id periodEnding compliance notes version }
      history { type summary createdAt recordedByName } } } }`;
const MUTATIONS: Record<Form, string> = {
  appointment: `mutation($input: RecordAppointmentInput!) { recordAppointment(input: $input) { id } }`,
  barrier: `mutation($input: RecordEngagementBarrierInput!) { recordEngagementBarrier(input: $input) { id } }`,
  supervision: `mutation($input: RecordSupervisionCheckInput!) { recordSupervisionCheck(input: $input) { id } }`,
};
const CHANGES: Record<Form, string> = {
  appointment: `mutation($input: UpdateAppointmentOutcomeInput!) { updateAppointmentOutcome(input: $input) { id } }`,
  barrier: `mutation($input: UpdateEngagementBarrierInput!) { updateEngagementBarrier(input: $input) { id } }`,
  supervision: MUTATIONS.supervision,
};
const PARSERS = { appointment: appointmentInput, barrier: barrierInput, supervision: supervisionInput };
const CHANGE_FIRST_FIELD: Record<Form, string> = {
  appointment: 'kind',
  barrier: 'barrier',
  supervision: 'compliance',
};
const CHANGED: Record<Form, string> = {
  appointment: 'Appointment changed',
  barrier: 'Barrier to engagement changed',
  supervision: 'Supervision check corrected',
};
const TITLES: Record<Form, { record: string; change: string }> = {
  appointment: { record: 'Check the appointment', change: 'Change the appointment' },
  barrier: { record: 'Check the barrier to engagement', change: 'Change the barrier to engagement' },
  supervision: { record: 'Check the supervision check', change: 'Correct the supervision check' },
};
const LISTS: Record<Form, 'appointments' | 'engagementBarriers' | 'supervisionChecks'> = {
  appointment: 'appointments',
  barrier: 'engagementBarriers',
  supervision: 'supervisionChecks',
};
const STALE =
  'Someone else changed this record since you opened it. The form now shows what is there now: nothing you entered was saved';
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
 * Each new record and each change goes through a check step first. A record already there is changed on a page of
 * its own (an appointment's outcome and notes, and what was recorded wrongly: its kind, time, person and place; a
 * barrier; a supervision check), carrying the version the page showed:
 * a stale one shows what is there now beside what was typed, nothing overwritten. Every save is a POST then a
 * redirect; the api decides who may and what is already there.
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

  /** A new record's answers, checked before saving (or its mistakes shown on the page). */
  @Post(':form/check')
  async check(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Body() body: Values,
  ) {
    const f = formOf(form);
    const loaded = await this.load(request, id);
    const values = formValues(body);
    const { errors } = PARSERS[f](loaded.episode.resettlementPlan.id, values);
    if (errors) return this.render(request, reply, loaded, { form: f, values, errors }, 400);
    return this.renderCheck(request, reply, loaded, f, values, null);
  }

  /** Back from the check step to the page, with what was typed. */
  @Post(':form/change')
  async back(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Body() body: Values,
  ) {
    return this.render(request, reply, await this.load(request, id), { form: formOf(form), values: formValues(body) });
  }

  @Post(':form')
  record(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Body() body: Values,
  ) {
    return this.save(formOf(form), request, reply, id, body);
  }

  // ---------------------------------------------------------------- changing a record already there

  @Get(':form/:recordId')
  async changePage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
  ) {
    const f = formOf(form);
    const loaded = await this.load(request, id);
    const record = recordOf(loaded, f, recordId);
    return this.renderChange(request, reply, loaded, f, record, changeValuesOf(f, record));
  }

  @Post(':form/:recordId/check')
  async checkChange(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Body() body: Values,
  ) {
    const f = formOf(form);
    const loaded = await this.load(request, id);
    const record = recordOf(loaded, f, recordId);
    const values = formValues(body);
    const { errors } = this.changeInput(loaded, f, record, values);
    if (errors) return this.renderChange(request, reply, loaded, f, record, values, errors, 400);
    return this.renderCheck(request, reply, loaded, f, values, record);
  }

  @Post(':form/:recordId/change')
  async backToChange(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Body() body: Values,
  ) {
    const f = formOf(form);
    const loaded = await this.load(request, id);
    return this.renderChange(request, reply, loaded, f, recordOf(loaded, f, recordId), formValues(body));
  }

  @Post(':form/:recordId')
  async saveChange(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('form') form: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @Body() body: Values,
  ) {
    const f = formOf(form);
    const loaded = await this.load(request, id);
    const record = recordOf(loaded, f, recordId);
    const values = formValues(body);
    const { input, errors } = this.changeInput(loaded, f, record, values);
    if (errors) return this.renderChange(request, reply, loaded, f, record, values, errors, 400);
    try {
      await this.api.asUser(request, CHANGES[f], { input });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const field = CHANGE_FIRST_FIELD[f];
      if (error.code === 'CONFLICT') {
        // What is there now (and its version), with what this person typed beside it, not saved.
        const fresh = await this.load(request, id);
        const now = recordOf(fresh, f, recordId);
        const nowValues = changeValuesOf(f, now);
        const words = (v: Values) => Object.fromEntries(answersOf(f, v, true).map((a) => [a.label, a.text])) as Values;
        const labels = Object.fromEntries(answersOf(f, values, true).map((a) => [a.label, a.label]));
        const unsaved = unsavedAnswers(words(values), words(nowValues), labels);
        return this.renderChange(request, reply, fresh, f, now, nowValues, formError(field, STALE), 409, unsaved);
      }
      const refused =
        error.code === 'BAD_USER_INPUT'
          ? apiFormErrors(error, (path) => changeFieldOf(f, path), field)
          : error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN'
            ? formError(
                field,
                `You cannot change this: ask ${loaded.episode.supervisingService.name}. Nothing was saved.`,
              )
            : null;
      if (!refused) throw error;
      return this.renderChange(
        request,
        reply,
        loaded,
        f,
        record,
        values,
        refused,
        error.code === 'BAD_USER_INPUT' ? 400 : 403,
      );
    }
    flash(request, CHANGED[f]);
    return reply.redirect(`/episodes/${id}/after-release#${f}s`, 303);
  }

  private changeInput(loaded: Loaded, form: Form, record: Record<string, string>, values: Values) {
    if (form === 'appointment') return appointmentChangeInput(record.id, values);
    if (form === 'barrier') return barrierChangeInput(record.id, values);
    return supervisionChangeInput(loaded.episode.resettlementPlan.id, record.periodEnding, values);
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
        mayChange: this.mayChange({ me, episode }),
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

  /** The check step: the answers in words, then save (or back to change them), the answers riding in hidden fields. */
  private renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    form: Form,
    values: Values,
    record: Record<string, string> | null,
  ) {
    const base = `/episodes/${loaded.episode.id}/after-release/${form}${record ? `/${record.id}` : ''}`;
    return renderPage(request, reply, 'release/after-release-check.njk', {
      ...this.heading(loaded),
      title: record ? TITLES[form].change.replace(/^(Change|Correct)/, 'Check') : TITLES[form].record,
      rows: answersOf(form, values, !!record).map((a) => ({
        key: { text: a.label },
        value: { text: a.text || 'Not given' },
      })),
      hidden: Object.entries(values).map(([name, value]) => ({ name, value })),
      saveAction: base,
      changeAction: `${base}/change`,
      saveText: record ? 'Save the change' : TITLES[form].record.replace('Check the', 'Record the'),
    });
  }

  private renderChange(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    form: Form,
    record: Record<string, string>,
    values: Values,
    errors?: FormErrors,
    status = 200,
    unsaved?: { label: string; now: string; typed: string }[],
  ) {
    const radios = (labels: Record<string, string>, chosen: string | undefined) =>
      Object.entries(labels).map(([value, text]) => ({ value, text, checked: chosen === value }));
    return renderPage(
      request,
      reply,
      'release/after-release-change.njk',
      {
        ...this.heading(loaded),
        form,
        title: TITLES[form].change,
        record: {
          ...record,
          kindText: APPOINTMENT_KIND_LABELS[record.kind] ?? record.kind,
        },
        values,
        errors,
        unsaved,
        mayChange: this.mayChange(loaded),
        action: `/episodes/${loaded.episode.id}/after-release/${form}/${record.id}/check`,
        kindItems: radios(APPOINTMENT_KIND_LABELS, values.kind),
        outcomeItems: radios(OUTCOME_LABELS, values.outcome),
        statusItems: radios(BARRIER_STATUS_LABELS, values.status),
        complianceItems: radios(COMPLIANCE_LABELS, values.compliance),
      },
      status,
    );
  }

  private heading({ episode }: Loaded) {
    return {
      episode,
      childName: `${episode.child.preferredName || episode.child.givenName} ${episode.child.familyName}`,
    };
  }

  private mayChange({ me, episode }: Loaded): boolean {
    return (
      mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_PLAN) &&
      me.organisationId === episode.supervisingService.id
    );
  }
}

/** The form a path names; anything else is not found. */
function formOf(form: string): Form {
  if (form === 'appointment' || form === 'barrier' || form === 'supervision') return form;
  throw new ApiError('Not found', 'NOT_FOUND');
}

/** The record of a form on the plan, or the not-found page. */
function recordOf(loaded: Loaded, form: Form, id: string): Record<string, string> {
  const found = (loaded.episode.resettlementPlan[LISTS[form]] ?? []).find((r) => r.id === id);
  if (!found) throw new ApiError('Not found', 'NOT_FOUND');
  return found;
}

/** Where on a change form an api refusal's field is answered. */
function changeFieldOf(form: Form, path: string): string {
  const field = path.split('.').pop() ?? '';
  if (form === 'appointment') return afterReleaseFieldOf('appointment', path);
  if (form === 'barrier') return field in { assessment: 1, planToAddress: 1, status: 1 } ? field : 'barrier';
  return field === 'notes' ? 'supervisionNotes' : 'compliance';
}

/** The posted answers without the CSRF token (text only). */
const formValues = (body: unknown): Values => postedValues(body, { maxLength: 5000, unixLines: true });
