import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { apiFormErrors, FormErrors, validateForm } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { flash, signedInUser } from '../session/portal-session';
import { ResponseTargetsForm } from './response-targets-form';
import { fieldOfTargetPath, RESPONSE_STEPS, workingDaysText } from './response-targets-view';

const TARGETS = `query($id: ID) {
  mayConfigureReferralResponseTargets(organisationId: $id)
  own: referralResponseTargets(organisationId: $id) { step workingDays ownTarget }
  national: referralResponseTargets { step workingDays } }`;
const MAY_SET = `query($id: ID) { mayConfigureReferralResponseTargets(organisationId: $id) }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name } }`;
const SET = `mutation($input: SetReferralResponseTargetsInput!) { setReferralResponseTargets(input: $input) { step } }`;

interface Target {
  step: string;
  workingDays: number;
  ownTarget?: boolean;
}

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
 * any council's, or without a council the national defaults). The api decides who may; the portal only offers the
 * page to them. Enter, check, save.
 */
@Controller('response-targets')
export class ResponseTargetsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('organisationId') id?: string) {
    const council = await this.council(request, id);
    const values = Object.fromEntries(council.rows.map((r) => [r.field, String(r.workingDays)]));
    return this.render(request, reply, 'response-targets/form.njk', council, values);
  }

  /** Back from the check step to the form, with what was typed. */
  @Post('change')
  async change(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const council = await this.council(request, body?.organisationId);
    const { values } = this.entries(body);
    return this.render(request, reply, 'response-targets/form.njk', council, values);
  }

  @Post('check')
  async check(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const council = await this.council(request, body?.organisationId);
    const { values, errors } = this.entries(body);
    if (errors) return this.render(request, reply, 'response-targets/form.njk', council, values, errors, 400);
    return this.render(request, reply, 'response-targets/check.njk', council, values);
  }

  @Post()
  async save(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const council = await this.council(request, body?.organisationId);
    const { values, errors } = this.entries(body);
    if (errors) return this.render(request, reply, 'response-targets/form.njk', council, values, errors, 400);
    try {
      await this.api.asUser(request, SET, {
        input: {
          organisationId: council.organisationId ?? undefined,
          targets: RESPONSE_STEPS.map((s) => ({ step: s.step, workingDays: Number(values[s.field]) })),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const apiErrors = apiFormErrors(error, fieldOfTargetPath, RESPONSE_STEPS[0].field);
        return this.render(request, reply, 'response-targets/form.njk', council, values, apiErrors, 400);
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
    const data = await this.api.asUser<{
      mayConfigureReferralResponseTargets: boolean;
      own: Target[];
      national: Target[];
    }>(request, TARGETS, { id: organisationId });
    if (!data.mayConfigureReferralResponseTargets)
      throw new ApiError('Only the council’s lead can change its response targets', 'FORBIDDEN');
    const name = organisationId
      ? (await this.api.asUser<{ organisation: { name: string } }>(request, ORGANISATION, { id: organisationId }))
          .organisation.name
      : 'the national defaults';
    const rows = RESPONSE_STEPS.map((s) => {
      const own = data.own.find((t) => t.step === s.step);
      const national = data.national.find((t) => t.step === s.step)?.workingDays ?? 0;
      return {
        ...s,
        workingDays: own?.workingDays ?? national,
        ownTarget: own?.ownTarget ?? false,
        nationalText: workingDaysText(national),
      };
    });
    return { organisationId, name, isDefaults: organisationId === null, rows };
  }

  /** The four entries as typed, and what is wrong with them (class-validator), before anything is sent. */
  private entries(body: Record<string, string> | undefined): {
    values: Record<string, string>;
    errors: FormErrors | null;
  } {
    const { value, errors } = validateForm(ResponseTargetsForm, body);
    const values = Object.fromEntries(RESPONSE_STEPS.map((s) => [s.field, String(value[s.field] ?? '')]));
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
  ) {
    const rows = council.rows.map((r) => ({
      ...r,
      valueText: /^\d+$/.test(values[r.field] ?? '') ? workingDaysText(Number(values[r.field])) : values[r.field],
    }));
    return renderPage(request, reply, view, { council, rows, values, errors }, status);
  }
}
