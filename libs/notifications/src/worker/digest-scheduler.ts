import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '@resettle/common';
import { QueueStateKeeper } from '@resettle/queue';
import { DIGEST_JOB, DIGEST_SCHEDULER_ID, NOTIFICATIONS_QUEUE } from './notifications-queue';

/**
 * The daily digest's BullMQ job scheduler, kept by the `QueueStateKeeper`: created when the worker starts and again
 * whenever Redis loses it. `upsertJobScheduler` with a fixed id is idempotent: every worker may do it, a changed time
 * replaces the old one, and Redis holds one schedule.
 */
@Injectable()
export class DigestScheduler implements OnModuleInit {
  private readonly log = new Logger('DigestScheduler');

  constructor(
    private readonly keeper: QueueStateKeeper,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onModuleInit(): void {
    const pattern = this.config.get('NOTIFICATION_DIGEST_CRON', { infer: true });
    const tz = this.config.get('NOTIFICATION_DIGEST_TIMEZONE', { infer: true });
    this.keeper.addRecurring({
      queueName: NOTIFICATIONS_QUEUE,
      schedulerId: DIGEST_SCHEDULER_ID,
      repeat: { pattern, tz },
      job: { name: DIGEST_JOB },
    });
    this.log.log(`Daily digest scheduled: "${pattern}" ${tz}`);
  }
}
