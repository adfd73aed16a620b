import { Job, UnrecoverableError } from 'bullmq';
import { FixedClock } from '@resettle/common';
import type { QueueWorkers } from '@resettle/queue';
import { InvitationMailer } from './invitation-mailer.service';
import { NotificationMailer } from './notification-mailer.service';
import { NotificationsProcessor } from './notifications.processor';

describe('NotificationsProcessor', () => {
  const clock = new FixedClock(new Date('2026-11-24T07:00:00Z'));
  const mailer = {
    sendOne: jest.fn(async () => 'SENT'),
    sendDigests: jest.fn(async () => ({ sent: 2, notifications: 5, failed: 0 })),
  };
  const invitations = { sendOne: jest.fn(async () => 'SENT') };
  // Only process() is tried here: the worker that calls it is started by QueueWorkers in the worker process.
  const processor = new NotificationsProcessor(
    mailer as unknown as NotificationMailer,
    clock,
    invitations as unknown as InvitationMailer,
    {} as QueueWorkers,
  );
  const job = (name: string, data: unknown) => ({ name, data }) as Job;

  it('sends one notification’s email for an email job', async () => {
    await expect(processor.process(job('email', { notificationId: 'n-1' }))).resolves.toBe('SENT');
    expect(mailer.sendOne).toHaveBeenCalledWith('n-1');
  });

  it('emails one invitation for an invitation job', async () => {
    await expect(processor.process(job('invitation', { invitationId: 'i-1' }))).resolves.toBe('SENT');
    expect(invitations.sendOne).toHaveBeenCalledWith('i-1');
  });

  it('runs the digests up to now for a digest job', async () => {
    await expect(processor.process(job('digest', {}))).resolves.toEqual({ sent: 2, notifications: 5, failed: 0 });
    expect(mailer.sendDigests).toHaveBeenCalledWith(clock.now());
  });

  it.each([
    ['email', {}],
    ['email', null],
    ['invitation', {}],
    ['sms', { notificationId: 'n-1' }],
  ])('refuses %s %j without retrying (UnrecoverableError)', async (name, data) => {
    await expect(processor.process(job(name, data))).rejects.toBeInstanceOf(UnrecoverableError);
  });
});
