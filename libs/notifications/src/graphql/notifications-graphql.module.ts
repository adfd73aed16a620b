import { Module, OnModuleInit } from '@nestjs/common';
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
 * the change's own transaction; and ReadAtPageInterceptor, which the api registers for every request (app.module.ts),
 * to mark a portal page's notifications read with the page's own request.
 */
@Module({
  imports: [NotificationsModule, IdentityModule],
  providers: [NotificationsResolver, ReadAtPageInterceptor],
  exports: [ReadAtPageInterceptor],
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
