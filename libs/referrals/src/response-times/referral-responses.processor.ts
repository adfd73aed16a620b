import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueStateKeeper, QueueWorkers } from '@resettle/queue';
import { ReferralResponseTimes, ResponseRun } from './referral-response-times.service';

export const REFERRAL_RESPONSES_QUEUE = 'referral-responses';
/** How often councils' reminders and escalations are looked for. */
const CHECK_EVERY_MS = 5 * 60 * 1000;
const CHECK_SCHEDULER_ID = 'referral-responses-check';

/**
 * The `referral-responses` queue: one `check` job every 5 minutes (a BullMQ job scheduler, kept by the
 * `QueueStateKeeper`, so several workers never run it at once and a Redis that lost it gets it back). A check reads
 * everything from PostgreSQL and is idempotent, so a check run twice, or late, sends each notice once.
 */
@Injectable()
export class ReferralResponsesProcessor implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly responseTimes: ReferralResponseTimes,
    private readonly workers: QueueWorkers,
    private readonly keeper: QueueStateKeeper,
  ) {}

  onModuleInit(): void {
    this.keeper.addRecurring({
      queueName: REFERRAL_RESPONSES_QUEUE,
      schedulerId: CHECK_SCHEDULER_ID,
      repeat: { every: CHECK_EVERY_MS },
      job: { name: 'check' },
    });
  }

  onApplicationBootstrap(): void {
    this.workers.start(REFERRAL_RESPONSES_QUEUE, (job) => this.process(job), { concurrency: 1 });
  }

  process(job: Job): Promise<ResponseRun | 'unknown'> {
    return job.name === 'check' ? this.responseTimes.run() : Promise.resolve('unknown');
  }
}
