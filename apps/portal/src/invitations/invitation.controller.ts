import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { ChoosePasswordForm } from '../forms/portal-forms';
import { renderPage } from '../http/page';
import { flash, signedInUser } from '../session/portal-session';

const INVITATION = `query($token: String!) { invitation(token: $token) { status problem email givenName organisationName expiresAt } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { email } }`;

interface InvitationLink {
  status: string;
  problem: string | null;
  email: string | null;
  givenName: string | null;
  organisationName: string | null;
  expiresAt: string | null;
}

/** `/invitation/<token>` as logs show it: the token is the link's secret. */
export function redactInvitationUrl(url: string | undefined): string | undefined {
  return url?.replace(/^\/invitation\/[^/?#]+/, '/invitation/[secret]');
}

/**
 * The emailed invitation link: the person chooses their own password (GOV.UK's "create a password" pattern), then
 * signs in with it. Not signed in, of course; the api checks the link and the password rules and audits the choice.
 * The token travels in the form's body when posted, never in a URL the portal logs.
 */
@Controller('invitation')
export class InvitationController {
  constructor(private readonly api: ApiClient) {}

  @Get(':token')
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('token') token: string) {
    // The page carries the token: never kept by a browser's or a proxy's cache.
    reply.header('cache-control', 'no-store');
    const user = signedInUser(request);
    if (user) return renderPage(request, reply, 'invitation/signed-in.njk', {});
    const link = await this.lookup(request, token);
    if (link.status !== 'PENDING') return this.problem(request, reply, link);
    return this.form(request, reply, token, link);
  }

  @Post()
  async choose(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    reply.header('cache-control', 'no-store');
    const token = typeof body?.token === 'string' ? body.token : '';
    const link = await this.lookup(request, token);
    if (link.status !== 'PENDING') return this.problem(request, reply, link);
    const { value, errors } = validateForm(ChoosePasswordForm, body);
    if (errors) return this.form(request, reply, token, link, errors, 400);
    if (value.password !== value.confirmPassword) {
      return this.form(
        request,
        reply,
        token,
        link,
        formError('confirmPassword', 'The passwords do not match: enter the same password twice'),
        400,
      );
    }
    let email: string;
    try {
      ({
        acceptInvitation: { email },
      } = await this.api.anonymous<{ acceptInvitation: { email: string } }>(request, ACCEPT, {
        input: { token, password: value.password },
      }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        return this.form(
          request,
          reply,
          token,
          link,
          apiFormErrors(error, (path) => (path.split('.').pop() === 'password' ? 'password' : undefined), 'password'),
          400,
        );
      }
      // Used, replaced or expired since the page was shown.
      if (error instanceof ApiError && error.code === 'CONFLICT')
        return this.problem(request, reply, await this.lookup(request, token));
      throw error;
    }
    flash(request, 'Your password is set. Sign in with it now.');
    request.session.signInEmail = email;
    return reply.redirect('/sign-in', 303);
  }

  private async lookup(request: FastifyRequest, token: string): Promise<InvitationLink> {
    return (
      await this.api.anonymous<{ invitation: InvitationLink }>(request, INVITATION, { token: token.slice(0, 200) })
    ).invitation;
  }

  private form(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    link: InvitationLink,
    errors?: FormErrors,
    status = 200,
  ) {
    return renderPage(request, reply, 'invitation/choose-password.njk', { token, link, errors }, status);
  }

  /** A link that does not work (any more): what happened and what to do, with nothing about whose it was. */
  private problem(request: FastifyRequest, reply: FastifyReply, link: InvitationLink) {
    return renderPage(request, reply, 'invitation/link-problem.njk', { link }, link.status === 'UNKNOWN' ? 404 : 410);
  }
}
