import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AppConfig } from '@resettle/common';
import { DIGEST_JOB, DIGEST_SCHEDULER_ID, NOTIFICATIONS_QUEUE } from './notifications-queue';

/**
 * Registers the daily digest with BullMQ's job scheduler when the worker starts. `upsertJobScheduler` with a fixed
 * id is idempotent: every worker may do it, a changed time replaces the old one, and Redis holds one schedule.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('DigestScheduler');

  constructor(
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly queue: Queue,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const pattern = this.config.get('NOTIFICATION_DIGEST_CRON', { infer: true });
    const tz = this.config.get('NOTIFICATION_DIGEST_TIMEZONE', { infer: true });
    await this.queue.upsertJobScheduler(DIGEST_SCHEDULER_ID, { pattern, tz }, { name: DIGEST_JOB, data: {} });
    this.log.log(`Daily digest scheduled: "${pattern}" ${tz}`);
  }
}
