import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { isPageLink } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { signedInUser } from '../session/portal-session';

const MARK_READ_AT = `mutation($link: String!) { markNotificationsReadAt(input: { link: $link }) }`;

/**
 * The page a notification may link to, for a request: its path, or null for what is never a notification's page
 * (the notifications list itself, sign-in, invitations, health, assets) and for anything but a signed-in GET. Pure.
 */
export function notificationPageOf(method: string, url: string, signedIn: boolean): string | null {
  if (method !== 'GET' || !signedIn) return null;
  const path = url.split(/[?#]/)[0];
  if (/^\/(notifications|session|sign-in|sign-out|invitation|health|assets)(\/|$)/.test(path)) return null;
  const page = path.replace(/\/+$/, '') || '/';
  // Only a link the api takes (`isPageLink`, as notifications' links are): anything else is no notification's page.
  return isPageLink(page) ? page : null;
}

/** The marking still owed for a request's page, done before its answer is sent (`markReadBeforeSending`). */
const owed = new WeakMap<FastifyRequest, () => Promise<void>>();

/**
 * A notification is read when its page is opened, or an action taken there brings the person back to it: for any
 * signed-in page, the api marks read the person's unread notifications that link to that page (most pages mark
 * nothing, and the api then writes nothing). It is asked with the page's own first call to the api
 * (`ApiClient.markReadWithNextCall`: a header on that request, which the api acts on before answering it, so the page
 * already counts them read), rather than with a request of its own before every page. A page that makes no call as
 * the person, or whose first call failed, has them marked with `markNotificationsReadAt` before its answer is sent
 * (`markReadBeforeSending`, the portal's onSend hook). Never beside the page's own
 * calls, so that they never race it for a token refresh. A failure here never costs the person their page: the
 * page's own call meets the same api and says what is wrong.
 */
@Injectable()
export class ReadOnOpenInterceptor implements NestInterceptor {
  private readonly logger = new Logger(ReadOnOpenInterceptor.name);

  constructor(private readonly api: ApiClient) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const link = notificationPageOf(request.method, request.url, signedInUser(request) !== undefined);
    if (!link) return next.handle();
    this.api.markReadWithNextCall(request, link);
    owed.set(request, async () => {
      const unmarked = this.api.takeUnmarkedReadAt(request);
      if (unmarked && signedInUser(request)) await this.markRead(request, unmarked);
    });
    return next.handle();
  }

  private async markRead(request: FastifyRequest, link: string): Promise<void> {
    try {
      await this.api.asUser(request, MARK_READ_AT, { link });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.logger.warn(`Notifications for ${link} not marked read: ${error.code}`);
    }
  }
}

/**
 * Before any answer is sent: the page's notifications, if no call to the api has marked them yet (see
 * ReadOnOpenInterceptor). Never fails the answer.
 */
export async function markReadBeforeSending(request: FastifyRequest): Promise<void> {
  const mark = owed.get(request);
  if (!mark) return;
  owed.delete(request);
  try {
    await mark();
  } catch (error) {
    new Logger(ReadOnOpenInterceptor.name).warn(`Notifications not marked read: ${String(error)}`);
  }
}
