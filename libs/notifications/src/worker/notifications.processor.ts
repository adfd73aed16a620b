import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { Clock } from '@resettle/common';
import { QueueWorkers } from '@resettle/queue';
import { InvitationEmailOutcome, InvitationMailer } from './invitation-mailer.service';
import { DigestRun, EmailOutcome, NotificationMailer } from './notification-mailer.service';
import {
  DIGEST_JOB,
  EMAIL_JOB,
  EmailJobData,
  INVITATION_JOB,
  InvitationJobData,
  NOTIFICATIONS_QUEUE,
} from './notifications-queue';

/**
 * The `notifications` queue: `email` sends one notification's email, `digest` sends the daily digests, `invitation`
 * one invitation's link. All are idempotent (the rows record `emailed_at`), so a redelivered or retried job sends
 * nothing twice. A failure throws: BullMQ retries with exponential backoff, and keeps the job once its attempts are
 * used up; PostgreSQL or Redis away spends no attempt (`QueueWorkers`).
 */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap {
  private readonly log = new Logger('NotificationsProcessor');

  constructor(
    private readonly mailer: NotificationMailer,
    private readonly clock: Clock,
    private readonly invitations: InvitationMailer,
    private readonly workers: QueueWorkers,
  ) {}

  onApplicationBootstrap(): void {
    this.workers.start(NOTIFICATIONS_QUEUE, (job) => this.process(job), { concurrency: 5 });
  }

  async process(job: Job): Promise<EmailOutcome | DigestRun | InvitationEmailOutcome> {
    switch (job.name) {
      case EMAIL_JOB: {
        const { notificationId } = (job.data ?? {}) as Partial<EmailJobData>;
        if (typeof notificationId !== 'string') throw new UnrecoverableError('email job without a notificationId');
        return this.mailer.sendOne(notificationId);
      }
      case INVITATION_JOB: {
        const { invitationId } = (job.data ?? {}) as Partial<InvitationJobData>;
        if (typeof invitationId !== 'string') throw new UnrecoverableError('invitation job without an invitationId');
        return this.invitations.sendOne(invitationId);
      }
      case DIGEST_JOB: {
        const run = await this.mailer.sendDigests(this.clock.now());
        this.log.log(`Digest: ${run.sent} emails covering ${run.notifications} notifications`);
        return run;
      }
      default:
        throw new UnrecoverableError(`Unknown job "${job.name}" on the ${NOTIFICATIONS_QUEUE} queue`);
    }
  }
}
