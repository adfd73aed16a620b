import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock, isUuid } from '@resettle/common';
import { RELEASE_DAY_TOLERANCE_DAYS } from '@resettle/custody';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { postedValues, PostedValuesOptions } from '../forms/posted-values';
import { renderPage } from '../http/page';
import { govukDate, govukDateTime } from '../http/view-filters';
import { flash } from '../session/portal-session';
import { CustodyEpisodeRef, mayChangeCustody } from './establishment-forms';
import {
  LateReleaseForm,
  lateReleaseInput,
  mayRecall,
  mayTransferSupervision,
  MOVEMENT_FIELD_OF,
  movementDayProblem,
  RecallForm,
  recallInput,
  releaseDepartureWords,
  ReleaseForm,
  releaseInput,
  SupervisionTransferForm,
  supervisionTransferInput,
  TransferForm,
  transferInput,
} from './movement-forms';

type Values = Record<string, string>;
/** What a posted form of this page holds (see postedValues). */
const POSTED: PostedValuesOptions = { skip: ['step'], maxLength: 1200 };
type Named = { id: string; name: string };

const CONTEXT = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id version status startDate remandDate sentenceType expectedReleaseDate daysToRelease
    midTermDate latestReleaseDate lateReleaseDate
    child { givenName familyName preferredName }
    currentEstablishment { id name } supervisingService { id name }
    resettlementPlan { releaseDay { meetingDate meetingTime metByName metByRelationship travelArrangements
      firstDestination confirmedAt } } } }`;

const ORGANISATIONS = `query($filter: OrganisationFilter, $after: String) {
  organisations(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;

const CASE_MANAGERS = `query($id: ID!) { caseManagersOf(organisationId: $id) { id name } }`;

interface Episode extends CustodyEpisodeRef {
  id: string;
  version: number;
  status: string;
  startDate: string;
  remandDate: string | null;
  sentenceType: string | null;
  expectedReleaseDate: string | null;
  daysToRelease: number | null;
  midTermDate: string | null;
  latestReleaseDate: string | null;
  lateReleaseDate: string | null;
  child: { givenName: string; familyName: string; preferredName: string | null };
  currentEstablishment: Named;
  supervisingService: Named;
  resettlementPlan: { releaseDay: Record<string, string | null> | null } | null;
}
interface Me {
  roles: string[];
  organisationId: string | null;
}

/** One movement of the custody record: its form, its check step, and the api's mutation. */
interface Movement {
  path: string;
  title: string;
  /** What the confirm button says. */
  confirm: string;
  form: new () => object;
  firstField: string;
  mutation: string;
  may(me: Me, episode: Episode): boolean;
  /** Why the form does not apply to this record (a late release with no DTO), or null. */
  notApplicable?(episode: Episode): string | null;
  input(values: Values): Record<string, unknown>;
  /** The day the movement took effect, checked before the check step: its field and its words. */
  day?: { field: string; what: string; of(input: Record<string, unknown>): string; maxDaysBack?: number };
  rows(values: Values, input: Record<string, unknown>, name: (id: unknown) => string): { key: string; value: string }[];
  done(childName: string, input: Record<string, unknown>, name: (id: unknown) => string): string;
  /** The organisations the select chooses from, and its first item. */
  organisations?: { types: string[]; choose: string };
  /** Where to go once recorded, when not the plan page. */
  after?: string;
}

const ESTABLISHMENT_CHOICE = { types: ['YOI', 'STC', 'SCH', 'SECURE_SCHOOL'], choose: 'Select an establishment' };

const MOVEMENTS: Record<string, Movement> = {
  lateRelease: {
    path: 'late-release',
    title: 'Record a late release order',
    confirm: 'Record the late release order',
    form: LateReleaseForm,
    firstField: 'releaseOnDay',
    mutation: `mutation($input: OrderLateReleaseInput!) { orderLateRelease(input: $input) { id } }`,
    may: mayChangeCustody,
    notApplicable: (e) =>
      e.sentenceType === 'DTO' && e.latestReleaseDate && e.status === 'SENTENCED'
        ? null
        : 'Late release applies only to a sentenced child on a detention and training order of 8 months or more: there is none on this record.',
    input: lateReleaseInput,
    rows: (_v, input) => [{ key: 'Late release on', value: govukDate(input.releaseOn) }],
    done: (child, input) =>
      `The late release order is recorded: ${child} is expected to leave on ${govukDate(input.releaseOn)}`,
  },
  transfer: {
    path: 'transfer',
    title: 'Record a transfer to another establishment',
    confirm: 'Record the transfer',
    form: TransferForm,
    firstField: 'toEstablishmentId',
    mutation: `mutation($input: TransferEpisodeInput!) { transferEpisode(input: $input) { id } }`,
    may: mayChangeCustody,
    input: transferInput,
    day: { field: 'transferDateDay', what: 'The day of the transfer', of: (i) => String(i.transferDate) },
    rows: (_v, input, name) => [
      { key: 'Moving to', value: name(input.toEstablishmentId) },
      { key: 'Day of the transfer', value: govukDate(input.transferDate) },
      { key: 'Reason', value: String(input.reason) },
    ],
    done: (child, input, name) => `The transfer is recorded: ${child} is now held at ${name(input.toEstablishmentId)}`,
    organisations: ESTABLISHMENT_CHOICE,
  },
  release: {
    path: 'release',
    title: 'Record the release',
    confirm: 'Record the release',
    form: ReleaseForm,
    firstField: 'releasedAtDay',
    mutation: `mutation($input: RecordReleaseInput!) { recordRelease(input: $input) { id } }`,
    may: mayChangeCustody,
    input: releaseInput,
    day: {
      field: 'releasedAtDay',
      what: 'The day the child left',
      of: (i) => (i.releasedAt ? govukIso(String(i.releasedAt)) : ''),
    },
    rows: (values, input) => [
      { key: 'Left custody', value: input.releasedAt ? govukDateTime(input.releasedAt) : '' },
      ...(input.reasonForDifferentDay
        ? [{ key: 'Why on another day than expected', value: String(input.reasonForDifferentDay) }]
        : []),
    ],
    done: (child, input) =>
      `The release is recorded: ${child} left custody on ${govukDate(govukIso(String(input.releasedAt)))}`,
  },
  recall: {
    path: 'recall',
    title: 'Record a recall to custody',
    confirm: 'Record the recall',
    form: RecallForm,
    firstField: 'recalledOnDay',
    mutation: `mutation($input: RecordRecallInput!) { recordRecall(input: $input) { id } }`,
    may: mayRecall,
    input: recallInput,
    day: { field: 'recalledOnDay', what: 'The day the child returned to custody', of: (i) => String(i.recalledOn) },
    rows: (_v, input, name) => [
      { key: 'Returned to custody on', value: govukDate(input.recalledOn) },
      { key: 'Held at', value: name(input.establishmentId) },
      { key: 'Reason', value: String(input.reason) },
    ],
    done: (child, input, name) => `The recall is recorded: ${child} is held at ${name(input.establishmentId)}`,
    organisations: ESTABLISHMENT_CHOICE,
  },
  supervision: {
    path: 'transfer-supervision',
    title: 'Move to another youth justice service',
    confirm: 'Move the supervision',
    form: SupervisionTransferForm,
    firstField: 'toServiceId',
    mutation: `mutation($input: TransferSupervisionInput!) { transferSupervision(input: $input) { id } }`,
    may: mayTransferSupervision,
    input: supervisionTransferInput,
    // The api's rule: today or up to 28 days back (paperwork catching up).
    day: {
      field: 'effectiveDateDay',
      what: 'The day the move takes effect',
      of: (i) => String(i.effectiveDate),
      maxDaysBack: 28,
    },
    rows: (_v, input, name) => [
      { key: 'Moving to', value: name(input.toServiceId) },
      {
        key: 'Case manager',
        value: input.caseManagerId
          ? name(input.caseManagerId)
          : `No one yet: a manager of ${name(input.toServiceId)} assigns one`,
      },
      { key: 'Takes effect on', value: govukDate(input.effectiveDate) },
      { key: 'Reason', value: String(input.reason) },
    ],
    done: (child, input, name) =>
      `The supervision of ${child} has moved to ${name(input.toServiceId)}: the plan is now theirs`,
    organisations: { types: ['YOUTH_JUSTICE_SERVICE'], choose: 'Select a youth justice service' },
    // The plan is no longer this service's to see.
    after: '/caseload',
  },
};

/** The London day of an instant (what the api counts the release day by). */
function govukIso(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(instant));
}

/**
 * The child's movements in the portal, for the establishment holding the child (and the supervising service, whom
 * the api lets do the same): a late release order, a transfer out to another establishment with the reason, the
 * release (with the release-day plan it departs from, and why, when the child left more than a few days from the
 * expected day), and, for the supervising service, a recall. Each is a GOV.UK form, then a check step, then the api's
 * mutation; the api decides every change and refusal, shown as an error summary naming the field. No JavaScript needed.
 */
@Controller('episodes/:episodeId')
export class MovementsController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get('late-release')
  lateReleaseForm(@Req() q: FastifyRequest, @Res() r: FastifyReply, @Param('episodeId', ParseUUIDPipe) id: string) {
    return this.show(MOVEMENTS.lateRelease, q, r, id);
  }
  @Post('late-release')
  lateReleasePost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.post(MOVEMENTS.lateRelease, q, r, id, body);
  }

  @Get('transfer')
  transferForm(@Req() q: FastifyRequest, @Res() r: FastifyReply, @Param('episodeId', ParseUUIDPipe) id: string) {
    return this.show(MOVEMENTS.transfer, q, r, id);
  }
  @Post('transfer')
  transferPost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.post(MOVEMENTS.transfer, q, r, id, body);
  }

  @Get('transfer-supervision')
  supervisionForm(@Req() q: FastifyRequest, @Res() r: FastifyReply, @Param('episodeId', ParseUUIDPipe) id: string) {
    return this.show(MOVEMENTS.supervision, q, r, id);
  }
  @Post('transfer-supervision')
  supervisionPost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.post(MOVEMENTS.supervision, q, r, id, body);
  }

  @Get('release')
  releaseForm(@Req() q: FastifyRequest, @Res() r: FastifyReply, @Param('episodeId', ParseUUIDPipe) id: string) {
    return this.show(MOVEMENTS.release, q, r, id);
  }
  @Post('release')
  releasePost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.post(MOVEMENTS.release, q, r, id, body);
  }

  @Get('recall')
  recallForm(@Req() q: FastifyRequest, @Res() r: FastifyReply, @Param('episodeId', ParseUUIDPipe) id: string) {
    return this.show(MOVEMENTS.recall, q, r, id);
  }
  @Post('recall')
  recallPost(
    @Req() q: FastifyRequest,
    @Res() r: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ) {
    return this.post(MOVEMENTS.recall, q, r, id, body);
  }

  // ---------------------------------------------------------------- the flow

  private async show(m: Movement, request: FastifyRequest, reply: FastifyReply, episodeId: string) {
    const { episode, me } = await this.load(request, episodeId);
    const refused = m.may(me, episode) ? undefined : formError(m.firstField, cannotChange(m, episode));
    return this.renderForm(
      m,
      request,
      reply,
      episode,
      { expectedVersion: String(episode.version) },
      refused,
      refused ? 403 : 200,
    );
  }

  /** One address for the three steps: `step` is check (the form sent), change (back to the form), or confirm. */
  private async post(m: Movement, request: FastifyRequest, reply: FastifyReply, episodeId: string, body: unknown) {
    const { episode } = await this.load(request, episodeId);
    const values = postedValues(body, POSTED);
    const step = stepOf(body);
    values.expectedVersion ||= String(episode.version);
    // Back to the form; or, on the supervision form, the receiving service chosen and its case managers offered.
    if (step === 'change' || step === 'case-managers') return this.renderForm(m, request, reply, episode, values);
    const { errors } = validateForm(m.form, values);
    if (errors) return this.renderForm(m, request, reply, episode, values, errors, 400);
    const input = m.input(values);
    if (m.day) {
      const problem = movementDayProblem(
        m.day.of(input),
        this.clock.today(),
        episode.startDate,
        m.day.what,
        m.day.maxDaysBack,
      );
      if (problem) return this.renderForm(m, request, reply, episode, values, formError(m.day.field, problem), 400);
    }
    const departure =
      m === MOVEMENTS.release ? releaseDepartureWords(episode.expectedReleaseDate, m.day!.of(input)) : null;
    if (departure && !input.reasonForDifferentDay) {
      const message = `The child left ${departure}: say why the release was on another day`;
      return this.renderForm(m, request, reply, episode, values, formError('reasonForDifferentDay', message), 400);
    }
    const organisations = m.organisations ? await this.organisations(request, m.organisations.types) : [];
    const caseManagers = m === MOVEMENTS.supervision ? await this.caseManagers(request, values.toServiceId) : [];
    if (values.caseManagerId && !caseManagers?.some((c) => c.id === values.caseManagerId)) {
      // The service was changed after its case manager was chosen: choose again from the new service's.
      const message = 'Select a case manager of the receiving service, or no one yet';
      return this.renderForm(m, request, reply, episode, values, formError('caseManagerId', message), 400);
    }
    const named = [...organisations, ...(caseManagers ?? [])];
    const name = (id: unknown) => named.find((o) => o.id === id)?.name ?? 'Not known';

    if (step !== 'confirm') {
      return renderPage(request, reply, 'establishment/movement-check.njk', {
        ...common(episode),
        movement: m,
        rows: m.rows(values, input, name),
        departure,
        releaseDay: m === MOVEMENTS.release ? releaseDayRows(episode) : null,
        hidden: Object.entries(values).map(([n, value]) => ({ name: n, value })),
      });
    }
    try {
      await this.api.asUser(request, m.mutation, {
        input: { episodeId, expectedVersion: Number(values.expectedVersion), ...input },
      });
    } catch (error) {
      const refused = refusal(m, error, episode);
      if (!refused) throw error;
      // A change made meanwhile: the form again against the record as it is now.
      const fresh = refused.status === 409 ? (await this.load(request, episodeId)).episode : episode;
      if (refused.status === 409) values.expectedVersion = String(fresh.version);
      return this.renderForm(m, request, reply, fresh, values, refused.errors, refused.status);
    }
    flash(request, m.done(common(episode).childName, input, name));
    return reply.redirect(m.after ?? `/plans/${episodeId}`, 303);
  }

  private async load(request: FastifyRequest, episodeId: string): Promise<{ episode: Episode; me: Me }> {
    const { custodialEpisode: episode, me } = await this.api.asUser<{ custodialEpisode: Episode; me: Me }>(
      request,
      CONTEXT,
      { id: episodeId },
    );
    return { episode, me };
  }

  private async organisations(request: FastifyRequest, types: string[]): Promise<Named[]> {
    const all: Named[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { organisations } = await this.api.asUser<{
        organisations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Named }[] };
      }>(request, ORGANISATIONS, { filter: { types }, after });
      all.push(...organisations.edges.map((e) => e.node));
      if (!organisations.pageInfo.hasNextPage || !organisations.pageInfo.endCursor) break;
      after = organisations.pageInfo.endCursor;
    }
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The active case managers of the receiving service (`caseManagersOf`: names and ids only), or null while no
   * youth justice service is chosen (or the api answers that it is not one).
   */
  private async caseManagers(request: FastifyRequest, serviceId: string | undefined): Promise<Named[] | null> {
    if (!isUuid(serviceId)) return null;
    try {
      const { caseManagersOf } = await this.api.asUser<{ caseManagersOf: Named[] }>(request, CASE_MANAGERS, {
        id: serviceId,
      });
      return caseManagersOf;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
      throw error;
    }
  }

  private async renderForm(
    m: Movement,
    request: FastifyRequest,
    reply: FastifyReply,
    episode: Episode,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    const organisations = m.organisations ? await this.organisations(request, m.organisations.types) : [];
    const chosen = values.toEstablishmentId ?? values.establishmentId ?? values.toServiceId;
    const receiving =
      m === MOVEMENTS.supervision
        ? organisations.find((o) => o.id === values.toServiceId && o.id !== episode.supervisingService.id)
        : undefined;
    const caseManagers = receiving ? await this.caseManagers(request, receiving.id) : null;
    return renderPage(
      request,
      reply,
      `establishment/${m.path}.njk`,
      {
        ...common(episode),
        movement: m,
        values,
        errors,
        notApplicable: m.notApplicable?.(episode) ?? null,
        tolerance: RELEASE_DAY_TOLERANCE_DAYS,
        releaseDay: m === MOVEMENTS.release ? releaseDayRows(episode) : null,
        establishmentItems: [
          { value: '', text: m.organisations?.choose ?? '' },
          ...organisations
            .filter((o) => m !== MOVEMENTS.transfer || o.id !== episode.currentEstablishment.id)
            .filter((o) => m !== MOVEMENTS.supervision || o.id !== episode.supervisingService.id)
            .map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen })),
        ],
        receivingService: caseManagers ? receiving : null,
        caseManagerItems: caseManagers
          ? [
              { value: '', text: `No one yet: a manager of ${receiving!.name} assigns one` },
              ...caseManagers.map((c) => ({ value: c.id, text: c.name, selected: c.id === values.caseManagerId })),
            ]
          : null,
      },
      status,
    );
  }
}

/** What the api refused, as the form's errors; null for what is not a refusal of this change. */
function refusal(m: Movement, error: unknown, episode: Episode): { errors: FormErrors; status: number } | null {
  if (!(error instanceof ApiError)) return null;
  const fieldOf = (path: string) => MOVEMENT_FIELD_OF[path.split('.').pop() ?? ''];
  if (error.code === 'BAD_USER_INPUT') return { errors: apiFormErrors(error, fieldOf, m.firstField), status: 400 };
  if (error.code === 'CONFLICT') {
    return {
      errors: formError(
        m.firstField,
        `${error.message.replace(/\.$/, '')}. Nothing was saved: check the record as it is now and try again.`,
      ),
      status: 409,
    };
  }
  if (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') {
    return { errors: formError(m.firstField, `${cannotChange(m, episode)} Nothing was saved.`), status: 403 };
  }
  return null;
}

function cannotChange(m: Movement, episode: Episode): string {
  if (m === MOVEMENTS.supervision) {
    return `You cannot move this child's supervision: only a manager of ${episode.supervisingService.name}, the supervising youth justice service, can, while the child is in custody.`;
  }
  return m === MOVEMENTS.recall
    ? `You cannot record a recall for this child: only ${episode.supervisingService.name}, the supervising youth justice service, can, once the child has been released.`
    : `You cannot change this custody record: only ${episode.currentEstablishment.name}, where the child is held, or ${episode.supervisingService.name} can, while the child is in custody.`;
}

function common(episode: Episode) {
  const { child } = episode;
  return { episode, childName: `${child.preferredName || child.givenName} ${child.familyName}` };
}

/** The release-day plan a release is measured against: the expected day, and the arrangements made for it. */
function releaseDayRows(episode: Episode): { key: string; value: string }[] {
  const plan = episode.resettlementPlan?.releaseDay;
  const rows = [
    {
      key: 'Expected release day',
      value: episode.expectedReleaseDate ? govukDate(episode.expectedReleaseDate) : 'Not known (on remand)',
    },
  ];
  if (!plan) return [...rows, { key: 'Release-day plan', value: 'None made yet' }];
  const add = (key: string, value: string | null | undefined) => value && rows.push({ key, value });
  add(
    'Met on the day',
    plan.meetingDate ? `${govukDate(plan.meetingDate)}${plan.meetingTime ? ` at ${plan.meetingTime}` : ''}` : null,
  );
  add(
    'Met by',
    plan.metByName ? `${plan.metByName}${plan.metByRelationship ? ` (${plan.metByRelationship})` : ''}` : null,
  );
  add('Travel', plan.travelArrangements);
  add('First destination', plan.firstDestination);
  add('Plan confirmed', plan.confirmedAt ? govukDate(govukIso(plan.confirmedAt)) : 'Not yet');
  return rows;
}

/** Which button sent the form: the form's own hidden step comes first, the button pressed (when named) last. */
function stepOf(body: unknown): string | undefined {
  const step = (body as Record<string, unknown> | null)?.step;
  const last = Array.isArray(step) ? step.at(-1) : step;
  return typeof last === 'string' ? last : undefined;
}
