import { Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccountNotices, IdentityModule } from '@resettle/identity';
import { NotificationsModule } from '../notifications.module';
import { NotificationsService } from '../notifications.service';
import { NotificationsResolver } from './notifications.resolver';
import { ReadAtPageInterceptor } from './read-at-page.interceptor';

/** The kind of a notice about an account changed from outside its organisation. */
const ACCOUNT_CHANGE_KIND = 'ACCOUNT_CHANGE';

/**
 * The signed-in person's notifications over GraphQL (the api only); and the delivery of identity's account
 * notices (an account created, enabled or given roles from outside its organisation), as notifications made in
 * the change's own transaction; and the notifications of a portal page marked read with the page's own request.
 */
@Module({
  imports: [NotificationsModule, IdentityModule],
  // The portal's page opened, with its own first request (READ_NOTIFICATIONS_AT_HEADER): its notifications read.
  providers: [NotificationsResolver, { provide: APP_INTERCEPTOR, useClass: ReadAtPageInterceptor }],
})
export class NotificationsGraphqlModule implements OnModuleInit {
  constructor(
    private readonly accountNotices: AccountNotices,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.accountNotices.deliverWith(async (em, notices) => {
      await this.notifications.notifyMany(
        em,
        notices.map((n) => ({ ...n, kind: ACCOUNT_CHANGE_KIND })),
      );
    });
  }
}
