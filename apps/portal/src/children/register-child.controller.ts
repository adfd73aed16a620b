import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Capability, mayPerform, Role } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { apiFormErrors, FormErrors, toFormErrors } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { flash, signedInUser } from '../session/portal-session';
import {
  formValues,
  GENDER_LABELS,
  GENDERS,
  parseRegisterChild,
  parseStartCustody,
  RegisterChildInput,
  registerRows,
  SENTENCE_LABELS,
  SENTENCE_TYPES,
  setAsideIds,
  startCustodyRows,
  Values,
} from './child-forms';

const ORGANISATIONS = `query($filter: OrganisationFilter, $after: String) {
  organisations(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;
const DUPLICATES = `query($input: PossibleDuplicatesInput!) { possibleDuplicateChildren(input: $input) {
  id givenName familyName preferredName dateOfBirth currentEpisode { id } } }`;
const REGISTER = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id givenName familyName } }`;
const CHILD = `query($id: ID!) { child(id: $id) { id givenName familyName preferredName dateOfBirth currentEpisode { id } } }`;
const START = `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`;

interface Named {
  id: string;
  name: string;
}
interface Duplicate {
  id: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  currentEpisode: { id: string } | null;
}
type ChildSummary = Omit<Duplicate, 'currentEpisode'> & { currentEpisode: { id: string } | null };

/** The api's input fields, as this page's form fields (a date's error goes on its day box). */
const REGISTER_FIELD: Record<string, string> = {
  givenName: 'givenName',
  familyName: 'familyName',
  preferredName: 'preferredName',
  dateOfBirth: 'dobDay',
  gender: 'gender',
  homeAuthorityId: 'homeAuthorityId',
  lookedAfter: 'lookedAfter',
  responsibleAuthorityId: 'responsibleAuthorityId',
};
const CUSTODY_FIELD: Record<string, string> = {
  remandDate: 'remandDateDay',
  sentenceType: 'sentenceType',
  sentenceDate: 'sentenceDateDay',
  termMonths: 'termMonths',
  extensionMonths: 'extensionMonths',
  remandDays: 'remandDays',
  establishmentId: 'establishmentId',
  court: 'court',
};
const lastPart = (path: string) => path.split('.').pop() ?? '';

/**
 * Issue 20: registering a child new to the service, and starting their time in custody. Each is a GOV.UK form, then
 * check your answers (the answers carried in hidden fields, so it works without JavaScript), then the api's mutation.
 * A registration the api refuses as a possible duplicate shows those children: the user ticks each one that is
 * another child to go on, or goes to that child's record instead. Youth justice services only (as in the api).
 */
@Controller('children')
export class RegisterChildController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get('register')
  async registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.assertYouthJustice(request);
    return this.renderRegister(request, reply, {});
  }

  /** One address for the three steps: `step` is check (the form sent), change (back to the form), or confirm. */
  @Post('register')
  async register(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    this.assertYouthJustice(request);
    const values = formValues(body);
    const step = (body as Values | null)?.step;
    if (step === 'change') return this.renderRegister(request, reply, values);
    const { input, errors } = parseRegisterChild(values, this.clock.today());
    if (!input) return this.renderRegister(request, reply, values, errors!, 400);
    const setAside = setAsideIds(body);
    if (step !== 'confirm') return this.renderRegisterCheck(request, reply, values, input, setAside);

    let child: { id: string; givenName: string; familyName: string };
    try {
      ({ registerChild: child } = await this.api.asUser<{ registerChild: typeof child }>(request, REGISTER, {
        input: { ...input, duplicatesSetAside: setAside },
      }));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'CONFLICT') {
        const open = (error.extensions.duplicateIds as string[] | undefined) ?? [];
        const message =
          setAside.length === 0 && open.length === 1
            ? 'Tick the child below if they are not the same child, or go to their record instead'
            : 'Tick each child below who is not the same child, or go to their record instead';
        return this.renderRegisterCheck(
          request,
          reply,
          values,
          input,
          setAside,
          toFormErrors([['setAside', message]]),
          409,
        );
      }
      if (error.code === 'BAD_USER_INPUT') {
        const errors = apiFormErrors(error, (path) => REGISTER_FIELD[lastPart(path)], 'givenName');
        return this.renderRegister(request, reply, values, errors, 400);
      }
      throw error;
    }
    flash(request, `${child.givenName} ${child.familyName} is registered. Their reference is ${child.id}.`);
    return reply.redirect(`/children/${child.id}/custody`, 303);
  }

  @Get(':childId/custody')
  async custodyForm(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('childId', ParseUUIDPipe) childId: string,
  ) {
    this.assertYouthJustice(request);
    const child = await this.child(request, childId);
    return this.renderCustody(request, reply, child, {});
  }

  @Post(':childId/custody')
  async startCustody(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('childId', ParseUUIDPipe) childId: string,
    @Body() body: unknown,
  ) {
    const user = this.assertYouthJustice(request);
    const child = await this.child(request, childId);
    const values = formValues(body);
    const step = (body as Values | null)?.step;
    if (step === 'change' || child.currentEpisode) return this.renderCustody(request, reply, child, values);
    const { input, errors } = parseStartCustody(values, this.clock.today());
    if (!input) return this.renderCustody(request, reply, child, values, errors!, 400);
    if (step !== 'confirm') {
      const establishments = await this.organisations(request, ['YOI', 'STC', 'SCH']);
      const nameOf = (id: string) => establishments.find((o) => o.id === id)?.name ?? 'Not known';
      return renderPage(request, reply, 'children/custody-check.njk', {
        child,
        rows: startCustodyRows(values, nameOf),
        hidden: Object.entries(values).map(([name, value]) => ({ name, value })),
      });
    }
    let episode: { id: string };
    try {
      ({ startCustodialEpisode: episode } = await this.api.asUser<{ startCustodialEpisode: { id: string } }>(
        request,
        START,
        { input: { ...input, childId, supervisingServiceId: user.organisationId } },
      ));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'BAD_USER_INPUT') {
        const errors = apiFormErrors(error, (path) => CUSTODY_FIELD[lastPart(path)], 'kind');
        return this.renderCustody(request, reply, child, values, errors, 400);
      }
      if (error.code === 'CONFLICT') {
        // Already in custody (started by someone else meanwhile): the page as it is now, and why.
        const errors = toFormErrors([['kind', `${error.message}. Nothing was recorded.`]]);
        return this.renderCustody(request, reply, await this.child(request, childId), values, errors, 409);
      }
      if (error.code === 'NOT_FOUND' && error.message.includes('establishmentId')) {
        // Gone from the directory (or no longer secure) since the list was shown.
        const errors = toFormErrors([['establishmentId', 'Select where the child is held from the list']]);
        return this.renderCustody(request, reply, child, values, errors, 400);
      }
      if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND') {
        // The child was just read, so this refuses the start itself: another service's child.
        const message =
          'You cannot start custody for this child: only a youth justice service that registered or supervises ' +
          'them can. Nothing was recorded.';
        return this.renderCustody(request, reply, child, values, toFormErrors([['kind', message]]), 403);
      }
      throw error;
    }
    flash(request, 'Custody started: the plan and its deadlines are set up');
    return reply.redirect(`/plans/${episode.id}`, 303);
  }

  // ---------------------------------------------------------------- internals

  /** Youth justice services register children and start their custody (the api refuses anyone else too). */
  private assertYouthJustice(request: FastifyRequest) {
    const user = signedInUser(request);
    if (!user) throw new SignInRequiredError(request.url);
    if (!mayPerform({ roles: user.roles as Role[] }, Capability.REGISTER_CHILD)) {
      throw new ApiError('Only a youth justice service can register a child or start custody', 'FORBIDDEN');
    }
    return user;
  }

  private async child(request: FastifyRequest, id: string): Promise<ChildSummary> {
    return (await this.api.asUser<{ child: ChildSummary }>(request, CHILD, { id })).child;
  }

  /** Every organisation of these types in the directory (local authorities: a few hundred at most). */
  private async organisations(request: FastifyRequest, types: string[]): Promise<Named[]> {
    const all: Named[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { organisations } = await this.api.asUser<{
        organisations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Named }[] };
      }>(request, ORGANISATIONS, { filter: { types }, after });
      all.push(...organisations.edges.map((e) => e.node));
      if (!organisations.pageInfo.hasNextPage || !organisations.pageInfo.endCursor) break;
      after = organisations.pageInfo.endCursor;
    }
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }

  private async renderRegister(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    const authorities = await this.organisations(request, ['LOCAL_AUTHORITY']);
    const select = (chosen: string | undefined, none: string) => [
      { value: '', text: none },
      ...authorities.map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen })),
    ];
    return renderPage(
      request,
      reply,
      'children/register.njk',
      {
        values,
        errors,
        genderItems: GENDERS.map((g) => ({ value: g, text: GENDER_LABELS[g], checked: values.gender === g })),
        homeAuthorityItems: select(values.homeAuthorityId, 'Not known'),
        responsibleAuthorityItems: select(values.responsibleAuthorityId, 'Select a local authority'),
      },
      status,
    );
  }

  private async renderRegisterCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    input: RegisterChildInput,
    setAside: string[],
    errors?: FormErrors,
    status = 200,
  ) {
    const [authorities, { possibleDuplicateChildren: duplicates }] = await Promise.all([
      this.organisations(request, ['LOCAL_AUTHORITY']),
      this.api.asUser<{ possibleDuplicateChildren: Duplicate[] }>(request, DUPLICATES, {
        input: { givenName: input.givenName, familyName: input.familyName, dateOfBirth: input.dateOfBirth },
      }),
    ]);
    const nameOf = (id: string) => authorities.find((o) => o.id === id)?.name ?? 'Not known';
    return renderPage(
      request,
      reply,
      'children/register-check.njk',
      {
        errors,
        rows: registerRows(values, nameOf),
        hidden: Object.entries(values).map(([name, value]) => ({ name, value })),
        duplicates: duplicates.map((d) => ({ ...d, setAside: setAside.includes(d.id) })),
      },
      status,
    );
  }

  private async renderCustody(
    request: FastifyRequest,
    reply: FastifyReply,
    child: ChildSummary,
    values: Values,
    errors?: FormErrors,
    status = 200,
  ) {
    const establishments = child.currentEpisode ? [] : await this.organisations(request, ['YOI', 'STC', 'SCH']);
    return renderPage(
      request,
      reply,
      'children/custody.njk',
      {
        child,
        values,
        errors,
        sentenceItems: SENTENCE_TYPES.map((t) => ({
          value: t,
          text: SENTENCE_LABELS[t],
          checked: values.sentenceType === t,
        })),
        establishmentItems: [
          { value: '', text: 'Select where the child is held' },
          ...establishments.map((o) => ({ value: o.id, text: o.name, selected: o.id === values.establishmentId })),
        ],
      },
      status,
    );
  }
}
