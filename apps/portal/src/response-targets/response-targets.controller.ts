import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { UnsavedAnswer, unsavedAnswers } from '../forms/unsaved';
import { renderPage } from '../http/page';
import { flash, signedInUser } from '../session/portal-session';
import { ResponseTargetsForm } from './response-targets-form';
import {
  answerText,
  answerTexts,
  fieldOfTargetPath,
  RESPONSE_STEPS,
  StepTarget,
  targetsInput,
  usesDefault,
  valuesOfTargets,
  workingDaysText,
} from './response-targets-view';

const TARGETS = `query($id: ID) {
  mayConfigureReferralResponseTargets(organisationId: $id)
  targets: referralResponseTargets(organisationId: $id) { step workingDays ownTarget nationalWorkingDays version } }`;
const MAY_SET = `query($id: ID) { mayConfigureReferralResponseTargets(organisationId: $id) }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name } }`;
const COUNCILS = `query($filter: OrganisationFilter, $after: String) {
  organisations(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;
const SET = `mutation($input: SetReferralResponseTargetsInput!) { setReferralResponseTargets(input: $input) { step } }`;

const STALE =
  'Someone else changed these response targets since you opened the page. The form now shows what is there now: nothing you entered was saved';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether to link to the response targets: only a council's lead (for their own council) or a national admin (the
 * national defaults, or a council chosen by address); the api says who the lead is.
 */
export async function mayConfigureResponseTargets(
  api: ApiClient,
  request: FastifyRequest,
  user: { roles: string[]; organisationId: string },
): Promise<boolean> {
  const isNationalAdmin = user.roles.includes('NATIONAL_ADMIN');
  if (!isNationalAdmin && !user.roles.includes('LA_ACCOMMODATION_OFFICER')) return false;
  const { mayConfigureReferralResponseTargets: may } = await api.asUser<{
    mayConfigureReferralResponseTargets: boolean;
  }>(request, MAY_SET, { id: isNationalAdmin ? null : user.organisationId });
  return may;
}

/**
 * A council's targets, in working days, for answering accommodation referrals: its lead sets them (a national admin
 * any council's, chosen from the list of councils, or the national defaults). Each step of a council's either uses the
 * national default (so a later change of it applies) or is the council's own figure. Enter, check, save, against the
 * version the page was loaded at: a stale one shows what is there now beside what was typed, nothing overwritten.
 * The api decides who may; the portal only offers the page to them.
 */
@Controller('response-targets')
export class ResponseTargetsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('organisationId') id?: string) {
    const council = await this.council(request, id);
    return this.render(request, reply, 'response-targets/form.njk', council, council.values);
  }

  /** Back from the check step to the form, with what was typed. */
  @Post('change')
  async change(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const council = await this.council(request, body?.organisationId);
    const { values } = this.entries(body, council.isDefaults);
    return this.render(request, reply, 'response-targets/form.njk', council, values);
  }

  @Post('check')
  async check(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const council = await this.council(request, body?.organisationId);
    const { values, errors } = this.entries(body, council.isDefaults);
    if (errors) return this.render(request, reply, 'response-targets/form.njk', council, values, errors, 400);
    return this.render(request, reply, 'response-targets/check.njk', council, values);
  }

  @Post()
  async save(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const council = await this.council(request, body?.organisationId);
    const { values, errors } = this.entries(body, council.isDefaults);
    if (errors) return this.render(request, reply, 'response-targets/form.njk', council, values, errors, 400);
    try {
      await this.api.asUser(request, SET, {
        input: {
          organisationId: council.organisationId ?? undefined,
          expectedVersion: Number(values.expectedVersion),
          targets: targetsInput(values, council.isDefaults),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const apiErrors = apiFormErrors(error, fieldOfTargetPath, RESPONSE_STEPS[0].field);
        return this.render(request, reply, 'response-targets/form.njk', council, values, apiErrors, 400);
      }
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        // What is there now (and its version), with what this person typed beside it, not saved.
        const fresh = await this.council(request, body?.organisationId);
        const national = Object.fromEntries(fresh.rows.map((r) => [r.field, r.nationalWorkingDays]));
        const labels = Object.fromEntries(RESPONSE_STEPS.map((s) => [s.field, s.label]));
        const unsaved = unsavedAnswers(
          answerTexts(values, national, fresh.isDefaults),
          answerTexts(fresh.values, national, fresh.isDefaults),
          labels,
        );
        const field = fresh.isDefaults ? RESPONSE_STEPS[0].field : `${RESPONSE_STEPS[0].field}Choice`;
        return this.render(
          request,
          reply,
          'response-targets/form.njk',
          fresh,
          fresh.values,
          formError(field, STALE),
          409,
          unsaved,
        );
      }
      throw error;
    }
    flash(request, `Response targets saved for ${council.name}`);
    const query = council.organisationId ? `?organisationId=${council.organisationId}` : '';
    return reply.redirect(`/response-targets${query}`, 303);
  }

  /** The council asked for (a national admin's choice), else the person's own; refused unless they may set it. */
  private async council(request: FastifyRequest, asked?: string) {
    const user = signedInUser(request);
    if (!user) throw new SignInRequiredError(request.url);
    const isNationalAdmin = user.roles.includes('NATIONAL_ADMIN');
    // A national admin without a council sets the national defaults.
    const organisationId =
      typeof asked === 'string' && UUID.test(asked) ? asked : isNationalAdmin ? null : user.organisationId;
    const data = await this.api.asUser<{ mayConfigureReferralResponseTargets: boolean; targets: StepTarget[] }>(
      request,
      TARGETS,
      { id: organisationId },
    );
    if (!data.mayConfigureReferralResponseTargets)
      throw new ApiError('Only the council’s lead can change its response targets', 'FORBIDDEN');
    const name = organisationId
      ? (await this.api.asUser<{ organisation: { name: string } }>(request, ORGANISATION, { id: organisationId }))
          .organisation.name
      : 'the national defaults';
    const isDefaults = organisationId === null;
    const rows = RESPONSE_STEPS.map((s) => {
      const t = data.targets.find((x) => x.step === s.step);
      const nationalWorkingDays = t?.nationalWorkingDays ?? 0;
      return {
        ...s,
        workingDays: t?.workingDays ?? nationalWorkingDays,
        ownTarget: t?.ownTarget ?? false,
        nationalWorkingDays,
        nationalText: workingDaysText(nationalWorkingDays),
      };
    });
    return {
      organisationId,
      name,
      isDefaults,
      rows,
      values: valuesOfTargets(data.targets, isDefaults),
      councils: isNationalAdmin ? await this.councils(request) : null,
    };
  }

  /** Every local authority, by name, for a national admin's choice (about 150: a page or two). */
  private async councils(request: FastifyRequest): Promise<{ id: string; name: string }[]> {
    const all: { id: string; name: string }[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { organisations } = await this.api.asUser<{
        organisations: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string; name: string } }[];
        };
      }>(request, COUNCILS, { filter: { types: ['LOCAL_AUTHORITY'] }, after });
      all.push(...organisations.edges.map((e) => e.node));
      if (!organisations.pageInfo.hasNextPage || !organisations.pageInfo.endCursor) break;
      after = organisations.pageInfo.endCursor;
    }
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The answers as typed, and what is wrong with them (class-validator), before anything is sent. */
  private entries(
    body: Record<string, string> | undefined,
    isDefaults: boolean,
  ): { values: Record<string, string>; errors: FormErrors | null } {
    const { value, errors } = validateForm(ResponseTargetsForm, body);
    const typed = value as unknown as Record<string, unknown>;
    const values: Record<string, string> = { expectedVersion: String(body?.expectedVersion ?? '') };
    for (const s of RESPONSE_STEPS) {
      values[s.field] = String(typed[s.field] ?? '');
      if (!isDefaults) values[`${s.field}Choice`] = typed[`${s.field}Choice`] === 'default' ? 'default' : 'own';
    }
    return { values, errors };
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    view: string,
    council: Awaited<ReturnType<ResponseTargetsController['council']>>,
    values: Record<string, string>,
    errors?: FormErrors,
    status = 200,
    unsaved?: UnsavedAnswer[],
  ) {
    const rows = council.rows.map((r) => ({
      ...r,
      usesDefault: usesDefault(values, r.field, council.isDefaults),
      valueText: answerText(values, r.field, r.nationalWorkingDays, council.isDefaults),
      nowText: council.isDefaults
        ? workingDaysText(r.workingDays)
        : r.ownTarget
          ? `${workingDaysText(r.workingDays)}: your council’s own (national default: ${r.nationalText})`
          : `${workingDaysText(r.workingDays)}: the national default`,
    }));
    const councilItems = council.councils
      ? [
          { value: '', text: 'The national defaults', selected: council.organisationId === null },
          ...council.councils.map((c) => ({ value: c.id, text: c.name, selected: c.id === council.organisationId })),
        ]
      : null;
    return renderPage(request, reply, view, { council, rows, values, errors, unsaved, councilItems }, status);
  }
}
