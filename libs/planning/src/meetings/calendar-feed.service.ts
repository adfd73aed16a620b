import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { ChildrenService } from '@resettle/children';
import { Clock } from '@resettle/common';
import { UsersService } from '@resettle/identity';
import { CalendarFeedSecret } from './entities/calendar-feed.entity';
import { CalendarFeed } from './meeting.types';
import {
  buildMeetingsCalendar,
  feedPath,
  hashFeedToken,
  isWellFormedFeedToken,
  newFeedToken,
} from './meeting-calendar';
import { MeetingsService } from './meetings.service';
import { childInitials } from './rules/meeting-rules';

/** The feed carries meetings from this many days ago onwards. */
const FEED_DAYS_BACK = 30;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Each user's secret iCalendar feed of the planning meetings they scheduled or are invited to. The URL holds a
 * 32-byte random token; only its SHA-256 is stored, so a copy of the database does not open anyone's feed.
 * Creating the feed again replaces the token (the old URL then answers 404).
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly children: ChildrenService,
    private readonly meetings: MeetingsService,
    private readonly clock: Clock,
  ) {}

  /** Creates the caller's feed, or replaces its secret. `origin` is `https://host` as the caller reached the api. */
  async createOrRotate(caller: Caller, origin: string): Promise<CalendarFeed> {
    const token = newFeedToken();
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      // One statement, so two requests at once cannot both insert.
      const [row]: { created_at: Date; rotated_at: Date | null }[] = await em.query(
        `INSERT INTO calendar_feed (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, rotated_at = EXCLUDED.created_at
         RETURNING created_at, rotated_at`,
        [caller.actor.userId, hashFeedToken(token), now],
      );
      const rotated = row.rotated_at !== null;
      await this.audit.recordChange(em, caller, {
        resourceType: 'CalendarFeed',
        resourceId: caller.actor.userId,
        before: null,
        after: null,
        // Never the token or its hash.
        detail: { event: rotated ? 'CALENDAR_FEED_ROTATED' : 'CALENDAR_FEED_CREATED' },
      });
      const path = feedPath(token);
      return {
        url: `${origin}${path}`,
        webcalUrl: `${origin.replace(/^https?:/, 'webcal:')}${path}`,
        path,
        createdAt: row.created_at,
        rotatedAt: row.rotated_at,
      };
    });
  }

  /** Turns the caller's feed off; true if they had one. */
  async revoke(caller: Caller): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const had = ((await em.delete(CalendarFeedSecret, { userId: caller.actor.userId })).affected ?? 0) > 0;
      if (had) {
        await this.audit.recordChange(em, caller, {
          resourceType: 'CalendarFeed',
          resourceId: caller.actor.userId,
          before: null,
          after: null,
          detail: { event: 'CALENDAR_FEED_REVOKED' },
        });
      }
      return had;
    });
  }

  /**
   * The feed's iCalendar text for a token, or null for a token that is not one (unknown, replaced, revoked, or its
   * user disabled): the controller answers 404 to all alike. Each child whose meeting is in the feed gets an audit
   * row (their initials and meeting times left the service), as a page of the caseload does.
   */
  async calendarFor(
    token: string,
    request: { requestId: string | null; clientIp: string | null },
  ): Promise<string | null> {
    if (!isWellFormedFeedToken(token)) return null;
    const feed = await this.dataSource.getRepository(CalendarFeedSecret).findOneBy({ tokenHash: hashFeedToken(token) });
    if (!feed) return null;
    const [user] = await this.users.findByIds([feed.userId]);
    if (!user || user.disabled) return null;

    const now = this.clock.now();
    const meetings = await this.meetings.calendarMeetingsOf(user, new Date(now.getTime() - FEED_DAYS_BACK * DAY));
    const childIds = [...new Set(meetings.map((m) => m.childId))];
    const children = childIds.length ? await this.children.findByIds(childIds) : [];
    const initialsOf = new Map(childIds.map((id, i) => [id, children[i] ? childInitials(children[i]!) : '']));

    await this.audit.record(
      childIds.map((childId) => ({
        actor: { userId: user.id, organisationId: user.organisationId, roles: user.roles },
        action: 'calendarFeed',
        resourceType: 'CalendarFeed',
        resourceId: user.id,
        childId,
        outcome: AuditOutcome.ALLOWED,
        fieldsRead: [
          'childInitials',
          'meetings.type',
          'meetings.startsAt',
          'meetings.endsAt',
          'meetings.location',
          'meetings.callLink',
        ],
        requestId: request.requestId,
        clientIp: request.clientIp,
      })),
    );
    return buildMeetingsCalendar(
      meetings.map((m) => ({ ...m, childInitials: initialsOf.get(m.childId) ?? '' })),
      now,
    );
  }
}
