import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '@resettle/common';
import { IdentityModule } from '@resettle/identity';
import { OrganisationsModule } from '@resettle/organisations';
import { EmailSender } from '../email/email-sender';
import { createEmailSender } from '../email/email-transport';
import { NotificationsModule } from '../notifications.module';
import { DigestScheduler } from './digest-scheduler';
import { InvitationMailer } from './invitation-mailer.service';
import { NotificationMailer } from './notification-mailer.service';
import { NotificationsProcessor } from './notifications.processor';
import { NOTIFICATIONS_QUEUE_OPTIONS } from './notifications-queue';

/**
 * The worker's half of notifications: the `notifications` queue's processor, the email sender EMAIL_TRANSPORT
 * names, and the daily digest's schedule. Needs QueueModule.forRoot('worker'), DatabaseModule, ClockModule and a
 * global ConfigModule around it (the worker module has them).
 */
@Module({
  imports: [
    NotificationsModule,
    IdentityModule,
    OrganisationsModule,
    BullModule.registerQueue(NOTIFICATIONS_QUEUE_OPTIONS),
  ],
  providers: [
    {
      provide: EmailSender,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        createEmailSender({
          EMAIL_TRANSPORT: config.get('EMAIL_TRANSPORT', { infer: true }),
          SMTP_URL: config.get('SMTP_URL', { infer: true }),
          EMAIL_FROM: config.get('EMAIL_FROM', { infer: true }),
          NOTIFY_API_KEY: config.get('NOTIFY_API_KEY', { infer: true }),
          NOTIFY_TEMPLATE_ID_NOTIFICATION: config.get('NOTIFY_TEMPLATE_ID_NOTIFICATION', { infer: true }),
          NOTIFY_TEMPLATE_ID_DIGEST: config.get('NOTIFY_TEMPLATE_ID_DIGEST', { infer: true }),
        }),
    },
    NotificationMailer,
    InvitationMailer,
    NotificationsProcessor,
    DigestScheduler,
  ],
  exports: [NotificationMailer, InvitationMailer, EmailSender],
})
export class NotificationsWorkerModule implements OnApplicationShutdown {
  constructor(@Inject(EmailSender) private readonly sender: EmailSender) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sender.close();
  }
}
