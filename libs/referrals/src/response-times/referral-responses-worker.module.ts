import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ReferralsModule } from '../referrals.module';
import { REFERRAL_RESPONSES_QUEUE, ReferralResponsesProcessor } from './referral-responses.processor';

/**
 * The worker's half of councils' response times: the `referral-responses` queue and its scheduled check. Completed
 * and failed checks are kept a day (count-capped): each is a run over PostgreSQL, and the next one repeats its work.
 */
@Module({
  imports: [
    ReferralsModule,
    BullModule.registerQueue({
      name: REFERRAL_RESPONSES_QUEUE,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 86400, count: 300 },
        removeOnFail: { age: 86400, count: 300 },
      },
    }),
  ],
  providers: [ReferralResponsesProcessor],
})
export class ReferralResponsesWorkerModule {}
