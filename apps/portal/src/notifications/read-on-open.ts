import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
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
  if (!/^\/(?![/\\])[^\s]*$/.test(path) || path.length > 300) return null;
  if (/^\/(notifications|session|sign-in|sign-out|invitation|health|assets)(\/|$)/.test(path)) return null;
  return path.replace(/\/+$/, '') || '/';
}

/**
 * A notification is read when its page is opened, or an action taken there brings the person back to it: before
 * any signed-in page is drawn, the api marks read the person's unread notifications that link to that page (most
 * pages mark nothing, and the api then writes nothing). Before the page, not beside it, so that the page's own call
 * never races this one for a token refresh, and the page already counts them read. A failure here never costs the
 * person their page: the page's own call meets the same api and says what is wrong.
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
    return from(this.markRead(request, link)).pipe(switchMap(() => next.handle()));
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
