import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { auditActorOf, Caller } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { Clock, ConnectionShape, decodeCursor, encodeCursor, isUuid, pageSize, toConnection } from '@resettle/common';
import { writeOutbox } from '@resettle/queue';
import { Notification } from './entities/notification.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { EmailMode } from './notification-enums';
import { NotificationRequest } from './notify';

/** The outbox topic of one notification's email: the relay adds job `email` to queue `notifications`. */
const NOTIFICATION_EMAIL_TOPIC = 'notifications.email';

export interface NotifyResult {
  /** False when a notification with the same dedupe key already existed (nothing new was written). */
  created: boolean;
  notificationId: string;
}

export interface NotificationPreferencesView {
  emailMode: EmailMode;
  /** Kinds of notice the person wants no email of (still shown in the portal). */
  emailOffKinds: string[];
  /** Null while the person has never chosen (the default applies). */
  updatedAt: Date | null;
}

/** One notification as the feature that made it reads it back (see `sentUnderKeyPrefixes`). */
export interface SentNotification {
  dedupeKey: string;
  recipientUserId: string;
  kind: string;
  createdAt: Date;
}

/** An unread notification as the feature whose page it links to reads it (see `unreadAt`). */
export interface UnreadNotification {
  link: string;
  dedupeKey: string;
  createdAt: Date;
}

export interface NotificationListArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/** Longest stored text, so one runaway caller cannot fill a table or an inbox. */
const MAX_TITLE = 300;
const MAX_BODY = 5000;
/** At most this many ids per markNotificationsRead. */
export const MAX_MARK_READ_IDS = 500;

/**
 * In-app notifications and email preferences. `notify` is how any feature tells someone something, in its own
 * transaction; everything else is the signed-in person's own notifications, always scoped to them in SQL.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- making notifications

  /**
   * Makes the notification in the caller's transaction (`em`), unless one with the same dedupe key exists. When it
   * is new and its recipient wants email at once, writes the outbox row for the worker to email it.
   */
  async notify(em: EntityManager, request: NotificationRequest): Promise<NotifyResult> {
    const [result] = await this.notifyMany(em, [request]);
    return result;
  }

  /** As `notify`, for many at once (one INSERT); results in the order of `requests`. */
  async notifyMany(em: EntityManager, requests: readonly NotificationRequest[]): Promise<NotifyResult[]> {
    if (requests.length === 0) return [];
    requests.forEach(checkRequest);
    // The first request of each key is the one that counts (a repeated key in one call is a duplicate too).
    const firstOfKey = new Map<string, number>();
    requests.forEach((r, index) => firstOfKey.has(r.dedupeKey) || firstOfKey.set(r.dedupeKey, index));
    const unique = requests.filter((r, index) => firstOfKey.get(r.dedupeKey) === index);
    const now = this.clock.now();
    const inserted: { id: string; dedupe_key: string; recipient_user_id: string; kind: string }[] = await em.query(
      `INSERT INTO notification (recipient_user_id, kind, title, body, link, child_id, dedupe_key, created_at)
       SELECT r.recipient_user_id, r.kind, r.title, r.body, r.link, r.child_id, r.dedupe_key, $8::timestamptz
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[])
           AS r(recipient_user_id, kind, title, body, link, child_id, dedupe_key)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, dedupe_key, recipient_user_id, kind`,
      [
        unique.map((r) => r.recipientUserId),
        unique.map((r) => r.kind),
        unique.map((r) => r.title.trim().slice(0, MAX_TITLE)),
        unique.map((r) => r.body.trim().slice(0, MAX_BODY)),
        unique.map((r) => r.link ?? null),
        unique.map((r) => r.childId ?? null),
        unique.map((r) => r.dedupeKey),
        now,
      ],
    );
    const createdByKey = new Map(inserted.map((row) => [row.dedupe_key, row]));
    const existingKeys = unique.map((r) => r.dedupeKey).filter((key) => !createdByKey.has(key));
    const existing: { id: string; dedupe_key: string }[] = existingKeys.length
      ? await em.query(`SELECT id, dedupe_key FROM notification WHERE dedupe_key = ANY($1::text[])`, [existingKeys])
      : [];
    const existingByKey = new Map(existing.map((row) => [row.dedupe_key, row.id]));

    if (inserted.length > 0) {
      const recipients = [...new Set(inserted.map((row) => row.recipient_user_id))];
      const modes = await this.emailModesOf(em, recipients);
      const off = await this.emailOffKindsOf(em, recipients);
      await writeOutbox(
        em,
        inserted
          .filter(
            (row) =>
              modes.get(row.recipient_user_id) === EmailMode.IMMEDIATE &&
              !off.get(row.recipient_user_id)?.includes(row.kind),
          )
          .map((row) => ({
            topic: NOTIFICATION_EMAIL_TOPIC,
            payload: { notificationId: row.id },
            jobId: `email:${row.id}`,
          })),
      );
    }

    return requests.map((r, index) => {
      const created = createdByKey.get(r.dedupeKey);
      // A key repeated within this call: only its first occurrence reports created.
      const first = firstOfKey.get(r.dedupeKey) === index;
      if (created) return { created: first, notificationId: created.id };
      return { created: false, notificationId: existingByKey.get(r.dedupeKey)! };
    });
  }

  /** Each user's email mode (IMMEDIATE when they never chose). */
  async emailModesOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, EmailMode>> {
    const rows: { user_id: string; email_mode: EmailMode }[] = userIds.length
      ? await em.query(`SELECT user_id, email_mode FROM notification_preference WHERE user_id = ANY($1::uuid[])`, [
          [...userIds],
        ])
      : [];
    const modes = new Map(rows.map((row) => [row.user_id, row.email_mode]));
    return new Map(userIds.map((id) => [id, modes.get(id) ?? EmailMode.IMMEDIATE]));
  }

  /** Each user's kinds of notice they want no email of (none when they never chose). */
  async emailOffKindsOf(em: EntityManager, userIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows: { user_id: string; email_off_kinds: string[] }[] = userIds.length
      ? await em.query(`SELECT user_id, email_off_kinds FROM notification_preference WHERE user_id = ANY($1::uuid[])`, [
          [...userIds],
        ])
      : [];
    return new Map(rows.map((row) => [row.user_id, row.email_off_kinds]));
  }

  /**
   * What was sent under dedupe keys that begin with one of `prefixes`, oldest first: how a feature reads back whom it
   * told (the deadline engine's `milestone:<id>:`). Not scoped to a person: the calling feature decides who may see
   * it, and shows names, never the rows. Each prefix is an index range (`ix_notification_dedupe_key_prefix`).
   */
  async sentUnderKeyPrefixes(prefixes: readonly string[]): Promise<SentNotification[]> {
    if (!prefixes.length) return [];
    const likes = prefixes.map((_, i) => `dedupe_key LIKE $${i + 1}`).join(' OR ');
    const rows: { dedupe_key: string; recipient_user_id: string; kind: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT dedupe_key, recipient_user_id, kind, created_at FROM notification WHERE ${likes} ORDER BY created_at, dedupe_key`,
        prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      );
    return rows.map((r) => ({
      dedupeKey: r.dedupe_key,
      recipientUserId: r.recipient_user_id,
      kind: r.kind,
      createdAt: new Date(r.created_at),
    }));
  }

  /**
   * The person's unread notifications that link to one of `links`, oldest first: how a feature tells them what is
   * new on its pages (the referrals inbox's markers). Scoped to the person in SQL (`ix_notification_recipient_unread`).
   */
  async unreadAt(userId: string, links: readonly string[]): Promise<UnreadNotification[]> {
    if (!links.length) return [];
    const rows: { link: string; dedupe_key: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT link, dedupe_key, created_at FROM notification
        WHERE recipient_user_id = $1 AND read_at IS NULL AND link = ANY($2::text[])
        ORDER BY created_at, dedupe_key`,
      [userId, [...new Set(links)]],
    );
    return rows.map((r) => ({ link: r.link, dedupeKey: r.dedupe_key, createdAt: new Date(r.created_at) }));
  }

  // ---------------------------------------------------------------- the signed-in person's own

  /** The person's notifications, newest first, keyset-paginated on (created_at, id). */
  async list(userId: string, args: NotificationListArgs): Promise<ConnectionShape<Notification>> {
    const limit = pageSize(args.first);
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipient_user_id = :userId', { userId });
    if (args.unreadOnly) qb.andWhere('n.read_at IS NULL');
    const totalCount = await qb.clone().getCount();
    if (args.after) {
      const [createdAt, id] = decodeCursor(
        args.after,
        2,
        ([c, i]) => typeof c === 'string' && !Number.isNaN(Date.parse(c)) && isUuid(i),
      ) as [string, string];
      qb.andWhere('(n.created_at, n.id) < (:afterCreatedAt, :afterId)', {
        afterCreatedAt: new Date(createdAt),
        afterId: id,
      });
    }
    const rows = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (n) => encodeCursor([n.createdAt.toISOString(), n.id]));
  }

  async unreadCount(userId: string): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(row.count);
  }

  /**
   * Marks the caller's own unread notifications among `ids` read; returns how many it marked. Ids that are not
   * the caller's (or do not exist, or are already read) are passed over without a word, so they reveal nothing.
   */
  async markRead(caller: Caller, ids: readonly string[]): Promise<number> {
    const wanted = [...new Set(ids)];
    return this.dataSource.transaction(async (em) => {
      const marked: { id: string }[] = wanted.length
        ? (
            await em.query(
              `UPDATE notification SET read_at = $3
                WHERE recipient_user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL
                RETURNING id`,
              [caller.actor.userId, wanted, this.clock.now()],
            )
          )[0]
        : [];
      await this.auditChange(em, caller, {
        event: 'NOTIFICATIONS_READ',
        asked: wanted.length,
        marked: marked.map((r) => r.id),
      });
      return marked.length;
    });
  }

  /**
   * Marks read the caller's unread notifications that link to `link` or to a page above it (the page was opened: a
   * referral's offer form reads the notices that link to the referral). Most page views mark nothing: those write
   * nothing and leave no audit row; a change is audited like the others.
   */
  async markReadAt(caller: Caller, link: string, inTransaction?: EntityManager): Promise<number> {
    const unreadHere = `recipient_user_id = $1 AND (link = $2 OR starts_with($2, link || '/')) AND read_at IS NULL`;
    // The portal asks this before every signed-in page, and almost every time nothing is unread there: one read, no
    // transaction. (A notice arriving just after is read on the next visit, as it would be had it come a moment later.)
    if (!inTransaction) {
      const [{ unread }]: { unread: boolean }[] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM notification WHERE ${unreadHere}) AS unread`,
        [caller.actor.userId, link],
      );
      if (!unread) return 0;
    }
    // In the caller's transaction when given one (a feature marking read what its change has dealt with).
    const run = <T>(work: (em: EntityManager) => Promise<T>) =>
      inTransaction ? work(inTransaction) : this.dataSource.transaction(work);
    return run(async (em) => {
      const [marked]: [{ id: string }[], number] = await em.query(
        `UPDATE notification SET read_at = $3 WHERE ${unreadHere} RETURNING id`,
        [caller.actor.userId, link, this.clock.now()],
      );
      if (marked.length) {
        await this.auditChange(em, caller, {
          event: 'NOTIFICATIONS_READ_AT_PAGE',
          link,
          marked: marked.map((r) => r.id),
        });
      }
      return marked.length;
    });
  }

  async markAllRead(caller: Caller): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const [, affected]: [unknown, number] = await em.query(
        `UPDATE notification SET read_at = $2 WHERE recipient_user_id = $1 AND read_at IS NULL`,
        [caller.actor.userId, this.clock.now()],
      );
      await this.auditChange(em, caller, { event: 'ALL_NOTIFICATIONS_READ', marked: affected });
      return affected;
    });
  }

  async preferencesOf(userId: string): Promise<NotificationPreferencesView> {
    const row = await this.dataSource.getRepository(NotificationPreference).findOneBy({ userId });
    return row
      ? { emailMode: row.emailMode, emailOffKinds: row.emailOffKinds, updatedAt: row.updatedAt }
      : { emailMode: EmailMode.IMMEDIATE, emailOffKinds: [], updatedAt: null };
  }

  /** Sets the email mode and, when given, the kinds of notice emailed never (the rest keep their value). */
  async setPreferences(
    caller: Caller,
    emailMode: EmailMode,
    emailOffKinds?: readonly string[] | null,
  ): Promise<NotificationPreferencesView> {
    const userId = caller.actor.userId;
    return this.dataSource.transaction(async (em) => {
      const [before]: { email_mode: EmailMode; email_off_kinds: string[] }[] = await em.query(
        `SELECT email_mode, email_off_kinds FROM notification_preference WHERE user_id = $1 FOR UPDATE`,
        [userId],
      );
      const offKinds = emailOffKinds ? [...new Set(emailOffKinds)].sort() : (before?.email_off_kinds ?? []);
      const [row]: { email_mode: EmailMode; email_off_kinds: string[]; updated_at: Date }[] = await em.query(
        `INSERT INTO notification_preference (user_id, email_mode, email_off_kinds, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET email_mode = EXCLUDED.email_mode,
           email_off_kinds = EXCLUDED.email_off_kinds, updated_at = EXCLUDED.updated_at
         RETURNING email_mode, email_off_kinds, updated_at`,
        [userId, emailMode, offKinds, this.clock.now()],
      );
      await this.audit.record(
        {
          actor: auditActorOf(caller.actor),
          action: caller.operation,
          resourceType: 'NotificationPreference',
          resourceId: userId,
          outcome: AuditOutcome.SUCCEEDED,
          // The kinds switched off are audited when given (a change of mode alone leaves them as they were).
          before: {
            emailMode: before?.email_mode ?? EmailMode.IMMEDIATE,
            ...(emailOffKinds ? { emailOffKinds: before?.email_off_kinds ?? [] } : {}),
          },
          after: { emailMode: row.email_mode, ...(emailOffKinds ? { emailOffKinds: row.email_off_kinds } : {}) },
          requestId: caller.requestId,
          clientIp: caller.clientIp,
        },
        em,
      );
      return { emailMode: row.email_mode, emailOffKinds: row.email_off_kinds, updatedAt: row.updated_at };
    });
  }

  private async auditChange(em: EntityManager, caller: Caller, detail: Record<string, unknown>): Promise<void> {
    await this.audit.record(
      {
        actor: auditActorOf(caller.actor),
        action: caller.operation,
        resourceType: 'Notification',
        resourceId: null,
        outcome: AuditOutcome.SUCCEEDED,
        detail,
        requestId: caller.requestId,
        clientIp: caller.clientIp,
      },
      em,
    );
  }
}

function checkRequest(r: NotificationRequest): void {
  const problems: string[] = [];
  if (!isUuid(r.recipientUserId)) problems.push('recipientUserId must be a user id');
  if (r.childId != null && !isUuid(r.childId)) problems.push('childId must be a child id');
  if (!r.dedupeKey?.trim()) problems.push('dedupeKey is required');
  if (!r.kind?.trim()) problems.push('kind is required');
  if (!r.title?.trim()) problems.push('title is required');
  if (typeof r.body !== 'string') problems.push('body is required');
  if (problems.length) throw new Error(`Bad notification request (${r.dedupeKey}): ${problems.join('; ')}`);
}
