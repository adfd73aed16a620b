import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isInfrastructureError } from '@resettle/common';
import { ApiError, SignInRequiredError } from '../api/api-error';
import { DraftStore } from '../session/draft-store';
import { draftFields, draftPageOf } from '../session/form-drafts';
import { renderPage } from './page';

/**
 * Every failure becomes a GOV.UK page: sign in again, page not found (also for a record that is not yours: the api
 * answers NOT_FOUND for both, so the portal cannot tell and does not try), form expired (CSRF), too many requests,
 * the service is unavailable for a moment (PostgreSQL or Redis away: try again, nothing was changed), or sorry, there
 * is a problem. Nothing of the error's inside reaches the person.
 */
@Catch()
export class PortalExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Portal');

  constructor(private readonly drafts?: DraftStore) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;

    if (exception instanceof SignInRequiredError) {
      let returnTo = request.method === 'GET' ? exception.returnTo : undefined;
      let kept = false;
      // A form posted after the session ended (its CSRF token matched, so it is theirs): keep the answers for the
      // person, and bring them back to the form once they have signed in again.
      const page = request.method === 'POST' && exception.userId ? draftPageOf(request.url) : null;
      const fields = page ? draftFields(request.body) : null;
      if (page && fields && this.drafts) {
        try {
          await this.drafts.keepForUser(exception.userId!, { page, fields });
          [returnTo, kept] = [page, true];
        } catch (error) {
          this.log.warn(`Could not keep a form's answers: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const query = new URLSearchParams({
        ...(returnTo && returnTo !== '/' ? { returnTo } : {}),
        ...(kept ? { kept: '1' } : {}),
      }).toString();
      reply.redirect(query ? `/sign-in?${query}` : '/sign-in', 303);
      return;
    }
    const status = statusOf(exception);
    const page = PAGES[status] ?? PAGES[500];
    if (status === 503) {
      reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
      this.log.warn(`Service unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (status >= 500)
      this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    try {
      await renderPage(
        request,
        reply,
        page,
        { retryAfterSeconds: exception instanceof ApiError ? exception.extensions.retryAfterSeconds : undefined },
        status,
      );
    } catch (error) {
      // The session or the view engine itself failed: a plain page is still better than nothing.
      this.log.error(error instanceof Error ? error.message : String(error));
      reply.code(status).type('text/plain').send('Sorry, there is a problem with the service. Try again later.');
    }
  }
}

const PAGES: Record<number, string> = {
  403: 'errors/forbidden.njk',
  404: 'errors/not-found.njk',
  419: 'errors/form-expired.njk',
  429: 'errors/too-many-requests.njk',
  500: 'errors/problem.njk',
  503: 'errors/unavailable.njk',
};

/** What the unavailable page and its Retry-After header suggest: outages the service rides out last seconds. */
const RETRY_AFTER_SECONDS = 5;

/** The HTTP status and page of a failure (exported for its table test). */
export function statusOf(exception: unknown): number {
  if (exception instanceof ApiError) {
    return { NOT_FOUND: 404, FORBIDDEN: 403, TOO_MANY_REQUESTS: 429, SERVICE_UNAVAILABLE: 503 }[exception.code] ?? 500;
  }
  // The portal's own Redis (sessions) away.
  if (isInfrastructureError(exception)) return 503;
  // @fastify/csrf-protection refuses a form whose token is missing or does not match the session (expired, or
  // forged); Nest hands a Fastify error on as an HttpException with its message and status.
  if (exception instanceof HttpException && exception.getStatus() === 403 && /csrf/i.test(exception.message))
    return 419;
  if (exception instanceof HttpException)
    return exception.getStatus() === 404
      ? 404
      : exception.getStatus() === 403
        ? 403
        : exception.getStatus() < 500
          ? 404
          : 500;
  const statusCode = (exception as { statusCode?: number }).statusCode;
  if (statusCode === 404) return 404;
  return 500;
}
