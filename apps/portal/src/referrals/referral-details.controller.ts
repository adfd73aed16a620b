import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { ReferralDetailsForm } from '../forms/portal-forms';
import { renderPage } from '../http/page';
import { flash, signedInUser } from '../session/portal-session';
import { sidesOf } from './referral-actions';
import { STATUS_LABELS, TYPE_LABELS } from './referral-labels';

const DETAILS = `query($id: ID!) { referral(id: $id) { id version type status fromServiceId toOrganisationId
  childWishes familyViews needsAndRisks toOrganisation { name }
  summary { givenName familyName preferredName } } }`;
const UPDATE = `mutation($input: UpdateReferralDraftInput!) { updateReferralDraft(input: $input) { id version } }`;

interface Details {
  id: string;
  version: number;
  type: string;
  status: string;
  fromServiceId: string;
  toOrganisationId: string;
  childWishes: string | null;
  familyViews: string | null;
  needsAndRisks: string | null;
  toOrganisation: { name: string };
  summary: { givenName: string; familyName: string; preferredName: string | null } | null;
}

/** The statuses in which the service that made a referral may change what it says (the api's rule). */
export const DETAILS_EDITABLE = ['DRAFT', 'INFORMATION_REQUESTED'];

const STALE =
  'Someone else changed this referral since you opened it. The form now shows what is there now: nothing you entered was saved';

/**
 * The youth justice service changes what its referral says (the child's wishes, the family's views, needs and risks)
 * while it is a draft or the partner has asked for more information, then sends it again from the referral's page.
 * The api decides (`updateReferralDraft`, with the version the page showed); a referral that has moved on meanwhile
 * goes back to its page, which says what it is now.
 */
@Controller('referrals/:id/details')
export class ReferralDetailsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('id', ParseUUIDPipe) id: string) {
    const referral = await this.load(request, id);
    if (!this.mayChange(request, referral)) return this.moved(request, reply, referral);
    return this.render(request, reply, referral, valuesOf(referral));
  }

  @Post()
  async save(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Record<string, string>,
  ) {
    const referral = await this.load(request, id);
    if (!this.mayChange(request, referral)) return this.moved(request, reply, referral);
    const { value, errors } = validateForm(ReferralDetailsForm, body);
    if (errors) return this.render(request, reply, referral, body, errors, 400);
    try {
      await this.api.asUser(request, UPDATE, {
        input: {
          referralId: id,
          expectedVersion: value.expectedVersion,
          childWishes: value.childWishes || null,
          familyViews: value.familyViews || null,
          needsAndRisks: value.needsAndRisks || null,
        },
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'CONFLICT') {
        const now = await this.load(request, id);
        if (!this.mayChange(request, now)) return this.moved(request, reply, now);
        return this.render(request, reply, now, valuesOf(now), formError('childWishes', STALE), 409);
      }
      if (error.code === 'BAD_USER_INPUT') {
        const errs = apiFormErrors(error, (path) => path.split('.').pop(), 'childWishes');
        return this.render(request, reply, referral, body, errs, 400);
      }
      throw error;
    }
    flash(
      request,
      referral.status === 'DRAFT'
        ? 'Referral changed: it is still a draft until you send it'
        : 'Referral changed: answer in the messages if you have not, then send it again',
    );
    return reply.redirect(`/referrals/${id}`, 303);
  }

  private async load(request: FastifyRequest, id: string): Promise<Details> {
    return (await this.api.asUser<{ referral: Details }>(request, DETAILS, { id })).referral;
  }

  private mayChange(request: FastifyRequest, referral: Details): boolean {
    return (
      sidesOf(this.organisationOf(request), referral).includes('YJS') && DETAILS_EDITABLE.includes(referral.status)
    );
  }

  /** Moved on (sent again, withdrawn, offered...): the error summary saying what it is now, never "Page not found". */
  private moved(request: FastifyRequest, reply: FastifyReply, referral: Details) {
    const now = STATUS_LABELS[referral.status]?.text ?? referral.status;
    const message = sidesOf(this.organisationOf(request), referral).includes('YJS')
      ? `This referral cannot be changed now: it is “${now}”. Nothing was saved.`
      : 'Only the youth justice service that made this referral can change it.';
    return this.render(request, reply, referral, {}, formError('referral', message), 409, true);
  }

  private organisationOf(request: FastifyRequest): string {
    const user = signedInUser(request);
    if (!user) throw new SignInRequiredError(request.url);
    return user.organisationId;
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    referral: Details,
    values: Record<string, string>,
    errors?: FormErrors,
    status = 200,
    closed = false,
  ) {
    const s = referral.summary;
    return renderPage(
      request,
      reply,
      'referrals/details.njk',
      {
        referral,
        typeLabel: TYPE_LABELS[referral.type] ?? referral.type,
        childName: s ? `${s.preferredName || s.givenName} ${s.familyName}` : 'Draft referral',
        values,
        errors,
        closed,
      },
      status,
    );
  }
}

function valuesOf(referral: Details): Record<string, string> {
  return {
    expectedVersion: String(referral.version),
    childWishes: referral.childWishes ?? '',
    familyViews: referral.familyViews ?? '',
    needsAndRisks: referral.needsAndRisks ?? '',
  };
}
