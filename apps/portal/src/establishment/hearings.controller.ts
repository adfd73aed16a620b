import { Body, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { mayRecordFacts } from '../facts/fact-specs';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { govukDate } from '../http/view-filters';
import { flash } from '../session/portal-session';
import { CustodyEpisodeRef, mayChangeCustody } from './establishment-forms';
import {
  CancelHearingForm,
  cancelHearingInput,
  ChildrensServicesInformedForm,
  childrensServicesInformedInput,
  HEARING_FIELD_OF,
  HearingOutcomeForm,
  hearingOutcomeInput,
  MoveHearingForm,
  moveHearingInput,
  OUTCOME_LABELS,
  ScheduleHearingForm,
  scheduleHearingInput,
} from './hearing-forms';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { skip: ['step'], maxLength: 1200 };
type Named = { id: string; name: string };

const CONTEXT = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id version status startDate expectedReleaseDate daysToRelease
    child { givenName familyName preferredName responsibleAuthority { name } homeAuthority { name } }
    currentEstablishment { id name } supervisingService { id name }
    resettlementPlan { id }
    hearings { id version hearingDate court purpose outcome wentTo cancellationReason moves { from to reason } } } }`;

interface Hearing {
  id: string;
  version: number;
  hearingDate: string;
  court: string;
  purpose: string;
  outcome: string | null;
  wentTo: string | null;
  cancellationReason: string | null;
  moves: { from: string; to: string; reason: string }[];
}
interface Episode extends CustodyEpisodeRef {
  id: string;
  version: number;
  status: string;
  startDate: string;
  expectedReleaseDate: string | null;
  daysToRelease: number | null;
  child: {
    givenName: string;
    familyName: string;
    preferredName: string | null;
    responsibleAuthority: { name: string } | null;
    homeAuthority: { name: string } | null;
  };
  currentEstablishment: Named;
  supervisingService: Named;
  resettlementPlan: { id: string } | null;
  hearings: Hearing[];
}
interface Me {
  roles: string[];
  organisationId: string | null;
}

/** One change of a hearing: its form, its check step, and the api's mutation. */
interface Step {
  /** The address under /episodes/:episodeId/hearings. */
  path(hearing: Hearing | null): string;
  view: string;
  title: string;
  confirm: string;
  /** The words of the form's way back to the plan (on the cancel page, "Cancel" would say the opposite). */
  back?: string;
  form: new () => object;
  firstField: string;
  mutation: string;
  input(values: Values): Record<string, unknown>;
  rows(input: Record<string, unknown>, hearing: Hearing | null): { key: string; value: string }[];
  done(childName: string, input: Record<string, unknown>, hearing: Hearing | null): string;
  /** Who may use it, and why not (default: those who may change custody). */
  may?(me: Me, episode: Episode): boolean;
  cannot?(episode: Episode): string;
  /** What the mutation names (default: the hearing, or the episode, at the version the form was read at). */
  target?(episode: Episode, hearing: Hearing | null, values: Values): Record<string, unknown>;
}

const SCHEDULE: Step = {
  path: () => 'new',
  view: 'establishment/hearing-new.njk',
  title: 'Schedule a hearing',
  confirm: 'Schedule the hearing',
  form: ScheduleHearingForm,
  firstField: 'hearingDateDay',
  mutation: `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { id } }`,
  input: scheduleHearingInput,
  rows: (input) => [
    { key: 'Date of the hearing', value: govukDate(input.hearingDate) },
    { key: 'Court', value: String(input.court) },
    { key: 'What the hearing is for', value: String(input.purpose) },
  ],
  done: (child, input) =>
    `The hearing is scheduled: ${child} is due at ${String(input.court)} on ${govukDate(input.hearingDate)}`,
};

const MOVE: Step = {
  path: (h) => `${h!.id}/move`,
  view: 'establishment/hearing-move.njk',
  title: 'Move a hearing',
  confirm: 'Move the hearing',
  form: MoveHearingForm,
  firstField: 'hearingDateDay',
  mutation: `mutation($input: MoveHearingInput!) { moveHearing(input: $input) { id } }`,
  input: moveHearingInput,
  rows: (input, h) => [
    { key: 'Hearing', value: `${h!.court}, ${h!.purpose}` },
    { key: 'Moved from', value: govukDate(h!.hearingDate) },
    { key: 'New date', value: govukDate(input.hearingDate) },
    { key: 'Reason', value: String(input.reason) },
  ],
  done: (child, input, h) => `The hearing is moved: ${child} is due at ${h!.court} on ${govukDate(input.hearingDate)}`,
};

const OUTCOME: Step = {
  path: (h) => `${h!.id}/outcome`,
  view: 'establishment/hearing-outcome.njk',
  title: 'Record the outcome of a hearing',
  confirm: 'Record the outcome',
  form: HearingOutcomeForm,
  firstField: 'outcome',
  mutation: `mutation($input: RecordHearingOutcomeInput!) { recordHearingOutcome(input: $input) { id } }`,
  input: hearingOutcomeInput,
  rows: (input, h) => [
    { key: 'Hearing', value: `${h!.court} on ${govukDate(h!.hearingDate)}` },
    { key: 'What the court decided', value: OUTCOME_LABELS[String(input.outcome)] },
    ...(input.outcome === 'REMANDED'
      ? [
          { key: 'Next hearing', value: govukDate(input.nextHearingDate) },
          { key: 'Court of the next hearing', value: String(input.nextHearingCourt ?? h!.court) },
          { key: 'What the next hearing is for', value: String(input.nextHearingPurpose ?? h!.purpose) },
        ]
      : [{ key: 'Where the child went', value: String(input.wentTo) }]),
  ],
  done: (child, input) =>
    input.outcome === 'REMANDED'
      ? `The outcome is recorded: ${child} is remanded to the next hearing on ${govukDate(input.nextHearingDate)}`
      : `The outcome is recorded: ${child} left custody from court (${OUTCOME_LABELS[String(input.outcome)].toLowerCase()})`,
};

const CANCEL: Step = {
  path: (h) => `${h!.id}/cancel`,
  view: 'establishment/hearing-cancel.njk',
  title: 'Cancel a hearing',
  confirm: 'Cancel the hearing',
  back: 'Keep the hearing',
  form: CancelHearingForm,
  firstField: 'reason',
  mutation: `mutation($input: CancelHearingInput!) { cancelHearing(input: $input) { id } }`,
  input: cancelHearingInput,
  rows: (input, h) => [
    { key: 'Hearing', value: `${h!.court}, ${h!.purpose}` },
    { key: 'Date', value: govukDate(h!.hearingDate) },
    { key: 'Why it is cancelled', value: String(input.reason) },
  ],
  done: (child, _input, h) =>
    `The hearing is cancelled: ${child} is no longer due at ${h!.court} on ${govukDate(h!.hearingDate)}. Its deadlines still to do are waived; schedule the next hearing when the court lists one`,
};

/** Children's services told of the hearing, before it: the supervising service's record, as its other facts. */
const INFORM: Step = {
  path: (h) => `${h!.id}/childrens-services`,
  view: 'establishment/hearing-childrens-services.njk',
  title: 'Record that children’s services were told',
  confirm: 'Record that children’s services were told',
  form: ChildrensServicesInformedForm,
  firstField: 'informedOnDay',
  mutation: `mutation($input: RecordChildrensServicesInformedInput!) { recordChildrensServicesInformed(input: $input) { id } }`,
  input: childrensServicesInformedInput,
  may: (me, episode) => !!episode.resettlementPlan && mayRecordFacts(me as never, episode),
  cannot: (episode) =>
    `You cannot record this for the child: only ${episode.supervisingService.name}, the supervising youth justice service, records that children’s services were told of a hearing.`,
  target: (episode, hearing) => ({ planId: episode.resettlementPlan?.id, hearingId: hearing!.id }),
  rows: (input, h) => [
    { key: 'Hearing', value: `${h!.court} on ${govukDate(h!.hearingDate)}` },
    { key: 'Told on', value: govukDate(input.informedOn) },
    { key: 'Told by', value: String(input.informedBy) },
    { key: 'Whom they told', value: input.informedWhom ? String(input.informedWhom) : 'Not recorded' },
  ],
  done: (child, input, h) =>
    `Recorded: children’s services were told on ${govukDate(input.informedOn)} of ${child}’s hearing on ${govukDate(h!.hearingDate)}`,
};

/**
 * A remanded child's court hearings in the portal, for the establishment holding the child and the supervising
 * service (whom the api lets change custody): schedule the next hearing, move it or cancel it with the reason, and
 * record what the court decided. Each is a GOV.UK form, then a check step, then the api's mutation; the api decides
 * every change and refusal, shown as an error summary naming the field. A sentence is recorded on the existing
 * sentence page. No JavaScript needed.
 */
@Controller('episodes/:episodeId/hearings')
export class HearingsController {
  constructor(private readonly api: ApiClient) {}

  @Get('new')
  scheduleForm(@Req() q: FastifyRequest, @Res() r: FastifyReply, @Param('episodeId', ParseUUIDPipe) id: string) {
    return this.show(SCHEDULE, q, r, id);
  }
  @Post('new')
  schedulePost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.post(SCHEDULE, q, r, id, null, body);
  }

  @Get(':hearingId/move')
  moveForm(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
  ) {
    return this.show(MOVE, q, r, id, hearingId);
  }
  @Post(':hearingId/move')
  movePost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
    @Body() body: unknown,
  ) {
    return this.post(MOVE, q, r, id, hearingId, body);
  }

  @Get(':hearingId/cancel')
  cancelForm(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
  ) {
    return this.show(CANCEL, q, r, id, hearingId);
  }
  @Post(':hearingId/cancel')
  cancelPost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
    @Body() body: unknown,
  ) {
    return this.post(CANCEL, q, r, id, hearingId, body);
  }

  @Get(':hearingId/outcome')
  outcomeForm(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
  ) {
    return this.show(OUTCOME, q, r, id, hearingId);
  }
  @Post(':hearingId/outcome')
  outcomePost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
    @Body() body: unknown,
  ) {
    return this.post(OUTCOME, q, r, id, hearingId, body);
  }

  @Get(':hearingId/childrens-services')
  informForm(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
  ) {
    return this.show(INFORM, q, r, id, hearingId);
  }
  @Post(':hearingId/childrens-services')
  informPost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Param('hearingId', ParseUUIDPipe) hearingId: string,
    @Body() body: unknown,
  ) {
    return this.post(INFORM, q, r, id, hearingId, body);
  }

  // ---------------------------------------------------------------- the flow

  private async show(s: Step, request: FastifyRequest, reply: FastifyReply, episodeId: string, hearingId?: string) {
    const { episode, me, hearing } = await this.load(request, episodeId, hearingId);
    const may = s.may ? s.may(me, episode) : mayChangeCustody(me, episode);
    const refused = may ? undefined : formError(s.firstField, (s.cannot ?? cannotChange)(episode));
    const version = hearing ? hearing.version : episode.version;
    return this.renderForm(
      s,
      request,
      reply,
      episode,
      hearing,
      { expectedVersion: String(version) },
      refused,
      refused ? 403 : 200,
    );
  }

  /** One address for the three steps: `step` is check (the form sent), change (back to the form), or confirm. */
  private async post(
    s: Step,
    request: FastifyRequest,
    reply: FastifyReply,
    episodeId: string,
    hearingId: string | null,
    body: unknown,
  ) {
    const { episode, hearing } = await this.load(request, episodeId, hearingId ?? undefined);
    const values = postedValues(body, POSTED);
    const step = (body as Values | null)?.step;
    values.expectedVersion ||= String(hearing ? hearing.version : episode.version);
    if (step === 'change') return this.renderForm(s, request, reply, episode, hearing, values);
    const { errors } = validateForm(s.form, values);
    if (errors) return this.renderForm(s, request, reply, episode, hearing, values, errors, 400);
    const input = s.input(values);

    if (step !== 'confirm') {
      return renderPage(request, reply, 'establishment/hearing-check.njk', {
        ...common(episode),
        step: s,
        action: `/episodes/${episode.id}/hearings/${s.path(hearing)}`,
        rows: s.rows(input, hearing),
        hidden: Object.entries(values).map(([n, value]) => ({ name: n, value })),
      });
    }
    const target = s.target
      ? s.target(episode, hearing, values)
      : { ...(hearing ? { hearingId: hearing.id } : { episodeId }), expectedVersion: Number(values.expectedVersion) };
    try {
      await this.api.asUser(request, s.mutation, { input: { ...target, ...input } });
    } catch (error) {
      const refused = refusal(s, error, episode, hearing);
      if (!refused) throw error;
      if (refused.status !== 409)
        return this.renderForm(s, request, reply, episode, hearing, values, refused.errors, 400);
      // Changed meanwhile: the form again against the record as it is now, with what is there now in the summary.
      const fresh = await this.load(request, episodeId, hearingId ?? undefined);
      values.expectedVersion = String(fresh.hearing ? fresh.hearing.version : fresh.episode.version);
      const now = fresh.hearing ? hearingNow(fresh.hearing) : '';
      const message = `${refused.errors.list[0].text}${now ? ` Now: ${now}.` : ''}`;
      return this.renderForm(
        s,
        request,
        reply,
        fresh.episode,
        fresh.hearing,
        values,
        formError(s.firstField, message),
        409,
      );
    }
    flash(request, s.done(common(episode).childName, input, hearing));
    return reply.redirect(`/plans/${episodeId}`, 303);
  }

  private async load(
    request: FastifyRequest,
    episodeId: string,
    hearingId?: string,
  ): Promise<{ episode: Episode; me: Me; hearing: Hearing | null }> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{ custodialEpisode: Episode; me: Me }>(
      request,
      CONTEXT,
      { id: episodeId },
    );
    if (!hearingId) return { episode, me, hearing: null };
    const hearing = episode.hearings.find((h) => h.id === hearingId);
    if (!hearing) throw new NotFoundException();
    return { episode, me, hearing };
  }

  private async renderForm(
    s: Step,
    request: FastifyRequest,
    reply: FastifyReply,
    episode: Episode,
    hearing: Hearing | null,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(
      request,
      reply,
      s.view,
      {
        ...common(episode),
        step: s,
        action: `/episodes/${episode.id}/hearings/${s.path(hearing)}`,
        hearing,
        hearingRows: hearing ? hearingRows(hearing) : null,
        authority: episode.child.responsibleAuthority?.name ?? episode.child.homeAuthority?.name ?? null,
        outcomeLabels: OUTCOME_LABELS,
        values,
        errors,
      },
      status,
    );
  }
}

/** What the api refused, as the form's errors; null for what is not a refusal of this change. */
function refusal(
  s: Step,
  error: unknown,
  episode: Episode,
  hearing: Hearing | null,
): { errors: FormErrors; status: number } | null {
  if (!(error instanceof ApiError)) return null;
  const fieldOf = (path: string) => HEARING_FIELD_OF[path.split('.').pop() ?? ''];
  if (error.code === 'BAD_USER_INPUT') return { errors: apiFormErrors(error, fieldOf, s.firstField), status: 400 };
  if (error.code === 'CONFLICT') {
    const what = hearing ? 'the hearing' : 'the custody record';
    return {
      errors: formError(
        s.firstField,
        `${error.message.replace(/\.$/, '')}. Nothing was saved: check ${what} as it is now and try again.`,
      ),
      status: 409,
    };
  }
  if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') {
    return {
      errors: formError(s.firstField, `${(s.cannot ?? cannotChange)(episode)} Nothing was saved.`),
      status: 403,
    };
  }
  return null;
}

function cannotChange(episode: Episode): string {
  return `You cannot change the hearings of this child: only ${episode.currentEstablishment.name}, where the child is held, or ${episode.supervisingService.name} can, while the child is in custody.`;
}

function common(episode: Episode) {
  const { child } = episode;
  return { episode, childName: `${child.preferredName || child.givenName} ${child.familyName}` };
}

/** The hearing as it stands, for the top of its forms. */
function hearingRows(h: Hearing): { key: string; value: string }[] {
  return [
    { key: 'Date', value: govukDate(h.hearingDate) },
    { key: 'Court', value: h.court },
    { key: 'What it is for', value: h.purpose },
    ...(h.outcome ? [{ key: 'Outcome', value: OUTCOME_LABELS[h.outcome] ?? h.outcome }] : []),
    ...(h.cancellationReason ? [{ key: 'Cancelled', value: h.cancellationReason }] : []),
  ];
}

function hearingNow(h: Hearing): string {
  const outcome = h.outcome
    ? `, outcome recorded: ${OUTCOME_LABELS[h.outcome] ?? h.outcome}`
    : h.cancellationReason
      ? `, cancelled: ${h.cancellationReason}`
      : '';
  return `the hearing is at ${h.court} on ${govukDate(h.hearingDate)}${outcome}`;
}
