import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@resettle/audit';
import { OutboxMessage } from '@resettle/queue';
import { Notification } from './entities/notification.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationsService } from './notifications.service';

/**
 * Notifications' entities and service, for the api and the worker: `notify` makes a notification in the caller's
 * transaction. Sending email is NotificationsWorkerModule's (the worker only).
 */
@Module({
  // OutboxMessage too: `notify` writes the outbox, so its entity must be known wherever this module runs.
  imports: [TypeOrmModule.forFeature([Notification, NotificationPreference, OutboxMessage]), AuditModule],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
