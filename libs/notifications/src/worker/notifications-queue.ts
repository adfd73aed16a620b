import type { RegisterQueueOptions } from '@nestjs/bullmq';

export const NOTIFICATIONS_QUEUE = 'notifications';
/** Job names on the queue (the relay's topic `notifications.email` becomes job `email`). */
export const EMAIL_JOB = 'email';
export const DIGEST_JOB = 'digest';
/** An invitation's email (outbox topic `notifications.invitation`, written by identity). */
export const INVITATION_JOB = 'invitation';
/** The job scheduler that adds a `digest` job every day. */
export const DIGEST_SCHEDULER_ID = 'notifications-daily-digest';

/**
 * The queue's registration. BullMQ applies `defaultJobOptions` to jobs added through a Queue registered with them,
 * so whoever adds jobs to this queue (the outbox relay) should register it with these same options.
 * Five attempts with exponential backoff (1, 2, 4, 8 s); failed jobs are kept a week, to be seen and retried.
 */
export const NOTIFICATIONS_QUEUE_OPTIONS: RegisterQueueOptions = {
  name: NOTIFICATIONS_QUEUE,
  defaultJobOptions: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 86400, count: 1000 },
    removeOnFail: { age: 7 * 86400 },
  },
};

export interface EmailJobData {
  notificationId: string;
}

export interface InvitationJobData {
  invitationId: string;
}
