import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, Clock, isUuid } from '@resettle/common';
import { UsersService } from '@resettle/identity';
import { buildDigest } from '../digest/digest';
import { notificationEmail } from '../email/email-content';
import { EmailSender } from '../email/email-sender';
import { EmailMode } from '../notification-enums';
import { NotificationsService } from '../notifications.service';

export type EmailOutcome = 'SENT' | 'ALREADY_EMAILED' | 'MISSING' | 'NOT_IMMEDIATE' | 'NO_RECIPIENT';

export interface DigestRun {
  /** People sent a digest. */
  sent: number;
  /** Notifications the digests covered. */
  notifications: number;
  /** People whose digest failed (the job then fails and is retried; the sent ones are not sent again). */
  failed: number;
}

interface NotificationRow {
  id: string;
  recipient_user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  emailed_at: Date | null;
}

const MAX_ERROR_TEXT = 1000;

/**
 * Sends notifications' emails (the worker only). Each send happens while the notification rows are locked and
 * before `emailed_at` is set in the same transaction, so a redelivered job, or two workers at once, send once.
 * A failure is recorded on the rows (`email_error`, `email_attempts`) and rethrown for BullMQ to retry.
 */
@Injectable()
export class NotificationMailer {
  private readonly log = new Logger('NotificationMailer');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
    private readonly sender: EmailSender,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {}

  private get linkBaseUrl(): string | undefined {
    return this.config.get('EMAIL_LINK_BASE_URL', { infer: true });
  }

  /** Emails one notification, unless it was emailed already, is gone, or its recipient no longer wants it at once. */
  async sendOne(notificationId: string): Promise<EmailOutcome> {
    if (!isUuid(notificationId)) return 'MISSING';
    try {
      return await this.dataSource.transaction(async (em) => {
        const [n]: NotificationRow[] = await em.query(
          `SELECT id, recipient_user_id, kind, title, body, link, created_at, emailed_at
             FROM notification WHERE id = $1 FOR UPDATE`,
          [notificationId],
        );
        if (!n) return 'MISSING';
        if (n.emailed_at) return 'ALREADY_EMAILED';
        // They may have switched to the digest (which will carry it) or to none since it was made.
        if (
          (await this.notifications.emailModesOf(em, [n.recipient_user_id])).get(n.recipient_user_id) !==
          EmailMode.IMMEDIATE
        )
          return 'NOT_IMMEDIATE';
        // Or switched this kind of notice's email off.
        if (
          (await this.notifications.emailOffKindsOf(em, [n.recipient_user_id]))
            .get(n.recipient_user_id)
            ?.includes(n.kind)
        )
          return 'NOT_IMMEDIATE';
        const [user] = await this.users.findByIds([n.recipient_user_id]);
        if (!user || user.disabled) return 'NO_RECIPIENT';
        const content = notificationEmail(
          { kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at },
          this.linkBaseUrl,
        );
        await this.sender.send({ to: user.email, ...content, templateKey: 'notification', reference: n.id });
        await this.markEmailed(em, [n.id]);
        return 'SENT';
      });
    } catch (error) {
      await this.recordFailure([notificationId], error);
      throw error;
    }
  }

  /**
   * The daily digest: each person who chose it gets one email of their notifications made up to `cutoff` and
   * neither read nor emailed yet; those are then marked emailed. One person's failure does not stop the others;
   * the run then throws, so the job is retried for those who did not get theirs.
   */
  async sendDigests(cutoff: Date): Promise<DigestRun> {
    const recipients: { user_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT n.recipient_user_id AS user_id
         FROM notification n
         JOIN notification_preference p ON p.user_id = n.recipient_user_id AND p.email_mode = $1
        WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND n.created_at <= $2`,
      [EmailMode.DAILY_DIGEST, cutoff],
    );
    const run: DigestRun = { sent: 0, notifications: 0, failed: 0 };
    let lastError: unknown;
    for (const { user_id: userId } of recipients) {
      try {
        const count = await this.sendDigestTo(userId, cutoff);
        if (count > 0) {
          run.sent += 1;
          run.notifications += count;
        }
      } catch (error) {
        run.failed += 1;
        lastError = error;
        this.log.warn(`Digest to user ${userId} failed: ${errorText(error)}`);
      }
    }
    if (run.failed > 0)
      throw new Error(`${run.failed} of ${recipients.length} digests failed; last: ${errorText(lastError)}`);
    return run;
  }

  /** One person's digest; returns how many notifications it carried (0: nothing sent). */
  async sendDigestTo(userId: string, cutoff: Date): Promise<number> {
    let ids: string[] = [];
    try {
      return await this.dataSource.transaction(async (em) => {
        // SKIP LOCKED: rows another worker is emailing right now are theirs.
        const rows: NotificationRow[] = await em.query(
          `SELECT id, recipient_user_id, kind, title, body, link, created_at, emailed_at
             FROM notification
            WHERE recipient_user_id = $1 AND emailed_at IS NULL AND read_at IS NULL AND created_at <= $2
            ORDER BY created_at, id
            FOR UPDATE SKIP LOCKED`,
          [userId, cutoff],
        );
        ids = rows.map((r) => r.id);
        if ((await this.notifications.emailModesOf(em, [userId])).get(userId) !== EmailMode.DAILY_DIGEST) return 0;
        const [user] = await this.users.findByIds([userId]);
        if (!user || user.disabled) return 0;
        const off = (await this.notifications.emailOffKindsOf(em, [userId])).get(userId) ?? [];
        const digest = buildDigest(
          rows
            .filter((r) => !off.includes(r.kind))
            .map((r) => ({ kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at })),
          { linkBaseUrl: this.linkBaseUrl, timeZone: this.config.get('NOTIFICATION_DIGEST_TIMEZONE', { infer: true }) },
        );
        if (!digest) return 0;
        await this.sender.send({
          to: user.email,
          subject: digest.subject,
          body: digest.body,
          templateKey: 'digest',
          personalisation: { subject: digest.subject, body: digest.body, count: digest.count },
          reference: `digest:${userId}:${cutoff.toISOString()}`,
        });
        await this.markEmailed(em, ids);
        return digest.count;
      });
    } catch (error) {
      await this.recordFailure(ids, error);
      throw error;
    }
  }

  private async markEmailed(em: EntityManager, ids: string[]): Promise<void> {
    await em.query(`UPDATE notification SET emailed_at = $2, email_error = NULL WHERE id = ANY($1::uuid[])`, [
      ids,
      this.clock.now(),
    ]);
  }

  /** Outside the failed transaction (it rolled back): the error and the count stay for people to see. */
  private async recordFailure(ids: string[], error: unknown): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource
      .query(
        `UPDATE notification SET email_error = $2, email_attempts = email_attempts + 1 WHERE id = ANY($1::uuid[]) AND emailed_at IS NULL`,
        [
          ids,
          `${this.clock.now().toISOString()} via ${this.sender.transport}: ${errorText(error)}`.slice(
            0,
            MAX_ERROR_TEXT,
          ),
        ],
      )
      .catch((e) => this.log.error(`Could not record an email failure: ${errorText(e)}`));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
