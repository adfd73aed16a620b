import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { from, Observable, switchMap } from 'rxjs';
import { AccessContext, callerOf, Capability, mayPerform } from '@resettle/access';
import { isPageLink, READ_NOTIFICATIONS_AT_HEADER } from '@resettle/common';
import { NotificationsService } from '../notifications.service';

/** The operation the marking is audited as: the same as `markNotificationsReadAt`'s, whichever way it was asked. */
const AUDITED_AS = 'markNotificationsReadAt';

interface ReadAtContext extends AccessContext {
  /** Once per request: the marking the request's first guarded field started, which the others wait for too. */
  readAtPage?: Promise<void>;
}

/**
 * The portal's page, opened: a request carrying READ_NOTIFICATIONS_AT_HEADER (the page's path) marks read the
 * caller's unread notifications that link there, exactly as `markNotificationsReadAt` would (the same capability,
 * the same service call, audited as that operation), before its first field is answered, so the page already counts
 * them read. It saves the portal a request to the api before every page. After the access guard (which has signed
 * the caller in and allowed the field); nothing for a public field or a malformed header. A failure here is logged
 * and never costs the caller the answer they asked for.
 */
@Injectable()
export class ReadAtPageInterceptor implements NestInterceptor {
  private readonly log = new Logger(ReadAtPageInterceptor.name);

  constructor(private readonly notifications: NotificationsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const ctx = GqlExecutionContext.create(context).getContext<ReadAtContext>();
    if (!ctx.readAtPage) {
      const header = ctx.req.headers[READ_NOTIFICATIONS_AT_HEADER];
      if (header === undefined) return next.handle();
      const link = Array.isArray(header) ? undefined : header;
      const actor = ctx.actor;
      if (!actor || !isPageLink(link) || !mayPerform(actor, Capability.READ_OWN_NOTIFICATIONS)) return next.handle();
      ctx.readAtPage = this.markRead(ctx, link);
    }
    return from(ctx.readAtPage).pipe(switchMap(() => next.handle()));
  }

  private async markRead(ctx: ReadAtContext, link: string): Promise<void> {
    try {
      await this.notifications.markReadAt(callerOf(ctx, AUDITED_AS), link);
    } catch (error) {
      this.log.warn(`Notifications for ${link} not marked read: ${String(error)}`);
    }
  }
}
