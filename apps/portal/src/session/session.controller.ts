import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { homeFor, safeReturnTo } from '../http/page';
import { signedInUser } from './portal-session';
import { TokenStore } from './token-store';

/**
 * The session timeout warning's server side (GOV.UK pattern; the script is `public/timeout-warning.mjs`): how long
 * is left, without renewing it (another tab may have kept the session going), staying signed in, and the page the
 * warning leads to when the time is up.
 */
@Controller('session')
export class SessionController {
  constructor(private readonly tokens: TokenStore) {}

  @Get()
  async status(@Req() request: FastifyRequest) {
    const sessionId = request.session?.sessionId;
    return { secondsLeft: sessionId && signedInUser(request) ? await this.tokens.secondsLeft(sessionId) : 0 };
  }

  /** "Stay signed in": renews the idle timeout (a POST with the page's CSRF token, like every change). */
  @Post('keep-alive')
  async keepAlive(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const sessionId = request.session?.sessionId;
    const alive = sessionId && signedInUser(request) ? await this.tokens.take(sessionId) : null;
    if (!alive) return reply.code(401).send({ secondsLeft: 0 });
    return reply.send({ secondsLeft: await this.tokens.secondsLeft(sessionId!) });
  }

  /** Where the warning sends the page when time is up: signed out, told why, and brought back after signing in. */
  @Get('timed-out')
  async timedOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('returnTo') returnTo?: string) {
    const back = safeReturnTo(returnTo);
    const user = signedInUser(request);
    const sessionId = request.session?.sessionId;
    // Kept going from another tab: nothing timed out.
    if (user && sessionId && (await this.tokens.secondsLeft(sessionId)) > 0)
      return reply.redirect(back ?? homeFor(user), 303);
    if (sessionId) await this.tokens.remove(sessionId);
    if (user) await request.session.destroy();
    return reply.redirect(
      `/sign-in?${new URLSearchParams({ timedOut: '1', ...(back ? { returnTo: back } : {}) })}`,
      303,
    );
  }
}
