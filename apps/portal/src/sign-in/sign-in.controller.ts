import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { apiFormErrors, formError, FormErrors, validateForm } from '../forms/form-errors';
import { SignInForm, WorkPhoneForm } from '../forms/portal-forms';
import { homeFor, renderPage, safeReturnTo } from '../http/page';
import { accountChoices } from '../notifications/email-choices.controller';
import { DraftStore } from '../session/draft-store';
import { ApiTokens, flash, SignedInUser, signedInUser } from '../session/portal-session';
import { TokenStore } from '../session/token-store';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresAt } }`;
const ME = `query { me { id email givenName familyName roles workPhone organisation { id name type } } }`;
const SET_WORK_PHONE = `mutation($input: SetMyWorkPhoneInput!) { setMyWorkPhone(input: $input) { workPhone } }`;
const LOGOUT = `mutation($input: LogoutInput!) { logout(input: $input) }`;

/**
 * Signing in and out. The api checks the password, throttles guessing and audits every attempt; the portal keeps the
 * tokens.
 */
@Controller()
export class SignInController {
  constructor(
    private readonly api: ApiClient,
    private readonly tokens: TokenStore,
    private readonly drafts: DraftStore,
  ) {}

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const user = signedInUser(request);
    return reply.redirect(user ? homeFor(user) : '/sign-in', 303);
  }

  @Get('sign-in')
  signInPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('returnTo') returnTo?: string,
    @Query('signedOut') signedOut?: string,
    @Query('timedOut') timedOut?: string,
    @Query('kept') kept?: string,
  ) {
    const user = signedInUser(request);
    if (user) return reply.redirect(safeReturnTo(returnTo) ?? homeFor(user), 303);
    // Just chose a password from an invitation: their email is filled in, once.
    const email = request.session?.signInEmail;
    if (email) request.session.signInEmail = undefined;
    return renderPage(request, reply, 'sign-in.njk', {
      returnTo: safeReturnTo(returnTo),
      values: { email: email ?? '' },
      signedOut: signedOut === '1',
      timedOut: timedOut === '1',
      kept: kept === '1',
    });
  }

  @Post('sign-in')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Record<string, string>) {
    const returnTo = safeReturnTo(body?.returnTo);
    const { value, errors } = validateForm(SignInForm, body);
    const again = (formErrors: unknown, status = 400) =>
      renderPage(
        request,
        reply,
        'sign-in.njk',
        { errors: formErrors, values: { email: body?.email ?? '' }, returnTo, kept: body?.kept === '1' },
        status,
      );
    if (errors) return again(errors);

    let tokens: ApiTokens;
    try {
      ({ login: tokens } = await this.api.anonymous<{ login: ApiTokens }>(request, LOGIN, {
        input: { email: value.email, password: value.password },
      }));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
        return again(formError('email', 'Email or password is not right'), 401);
      if (error instanceof ApiError && error.code === 'TOO_MANY_REQUESTS') {
        const minutes = Math.max(1, Math.ceil(Number(error.extensions.retryAfterSeconds ?? 60) / 60));
        return again(
          formError(
            'email',
            `Too many attempts to sign in. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again`,
          ),
          429,
        );
      }
      throw error;
    }
    // A new session id at sign-in, so an id planted before it (session fixation) is worth nothing after.
    await request.session.regenerate();
    await this.tokens.put(request.session.sessionId, tokens);
    const me = await this.api.send<{ me: Me }>(request, ME, {}, tokens.accessToken);
    request.session.user = toSignedInUser(me.me);
    // Answers of a form they posted after their last session ended come back with them, to this session only.
    const draftPage = await this.drafts.claim(request.session.user.id, request.session.sessionId);
    return reply.redirect(returnTo ?? draftPage ?? homeFor(request.session.user), 303);
  }

  /** Who you are; the landing page of a role the portal has no pages for yet (a national admin, say). */
  @Get('account')
  async account(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderAccount(request, reply);
  }

  /**
   * Your work phone (partners see it with your name and email on your children's referrals). Posted to the page's own
   * address, so a number the api refuses shows the page at the same URL with the error summary at the top.
   */
  @Post('account')
  async setWorkPhone(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown) {
    const typed = String((body as { workPhone?: unknown })?.workPhone ?? '');
    const { value, errors } = validateForm(WorkPhoneForm, body);
    if (errors) return this.renderAccount(request, reply, { errors, workPhone: typed }, 400);
    try {
      await this.api.asUser(request, SET_WORK_PHONE, { input: { workPhone: value.workPhone || null } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const errors = apiFormErrors(error, () => 'workPhone', 'workPhone');
        return this.renderAccount(request, reply, { errors, workPhone: typed }, 400);
      }
      throw error;
    }
    flash(request, value.workPhone ? 'Your work phone is saved.' : 'Your work phone is removed.');
    return reply.redirect('/account#work-phone', 303);
  }

  private async renderAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { errors?: FormErrors; workPhone?: string } = {},
    status = 200,
  ) {
    // Asked of the api, so a disabled account or a changed role shows at once (and a dead session signs in again).
    const { me } = await this.api.asUser<{ me: Me }>(request, ME);
    const user = toSignedInUser(me);
    return renderPage(
      request,
      reply,
      'account.njk',
      {
        me: user,
        workPhone: me.workPhone,
        workPhoneValue: form.workPhone ?? me.workPhone ?? '',
        errors: form.errors,
        isCaseManager: me.roles.includes('YJS_CASE_MANAGER') || me.roles.includes('YJS_MANAGER'),
        hasCasePages: homeFor(user) !== '/account',
        ...(await accountChoices(this.api, request, user)),
      },
      status,
    );
  }

  @Post('sign-out')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const sessionId = request.session?.sessionId;
    const refreshToken = sessionId ? (await this.tokens.take(sessionId))?.refreshToken : undefined;
    // Revoke at the api first: a copied session cookie is then worth nothing either.
    if (refreshToken) await this.api.anonymous(request, LOGOUT, { input: { refreshToken } }).catch(() => undefined);
    if (sessionId) await this.tokens.remove(sessionId);
    await request.session.destroy();
    return reply.redirect('/sign-in?signedOut=1', 303);
  }
}

interface Me {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  workPhone: string | null;
  organisation: { id: string; name: string; type: string };
}

function toSignedInUser(me: Me): SignedInUser {
  return {
    id: me.id,
    email: me.email,
    name: `${me.givenName} ${me.familyName}`,
    roles: me.roles,
    organisationId: me.organisation.id,
    organisationName: me.organisation.name,
    organisationType: me.organisation.type,
  };
}
