import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventClass, ICalEventStatus } from 'ical-generator';
import { MeetingStatus, MeetingType, meetingTypeLabel } from './meeting-enums';

/**
 * The iCalendar feed's content, as pure functions. A calendar feed leaves the service: it is copied to phones,
 * synced to Google, Apple or Microsoft, and read over people's shoulders. So each event carries only what getting
 * to the meeting needs: the kind of meeting, the child's initials (never their name), when, where and the call
 * link. No decisions, notes, reasons, participation or invitees' details; those stay in Resettle.
 */

/** One meeting as the feed shows it. */
export interface CalendarMeeting {
  id: string;
  type: MeetingType;
  status: MeetingStatus;
  startsAt: Date;
  endsAt: Date;
  location: string | null;
  callLink: string | null;
  version: number;
  updatedAt: Date;
  /** e.g. "A.T." */
  childInitials: string;
}

const CALENDAR_NAME = 'Resettle planning meetings';

/** The event's UID: stable for the meeting's life, so a client updates the event rather than adding another. */
function meetingUid(meetingId: string): string {
  return `${meetingId}@resettle`;
}

export function buildMeetingsCalendar(meetings: readonly CalendarMeeting[], now: Date): string {
  const calendar = ical({
    name: CALENDAR_NAME,
    prodId: { company: 'Resettle', product: 'Planning meetings', language: 'EN' },
    // How often a subscribing client should fetch it again (REFRESH-INTERVAL and X-PUBLISHED-TTL).
    ttl: 60 * 60,
  });
  for (const m of meetings) {
    const cancelled = m.status === MeetingStatus.CANCELLED;
    const summary = `${meetingTypeLabel(m.type)}: ${m.childInitials}`;
    calendar.createEvent({
      id: meetingUid(m.id),
      // Every change bumps the meeting's version; clients take the highest SEQUENCE as current.
      sequence: Math.max(0, m.version - 1),
      stamp: now,
      lastModified: m.updatedAt,
      start: m.startsAt,
      end: m.endsAt,
      summary: cancelled ? `Cancelled: ${summary}` : summary,
      location: m.location ?? (m.callLink ? 'Online' : null),
      url: m.callLink,
      description: [
        cancelled ? 'This resettlement planning meeting was cancelled.' : 'A resettlement planning meeting.',
        m.callLink ? `Join online: ${m.callLink}` : null,
        'The child’s details and the plan are in Resettle.',
      ]
        .filter(Boolean)
        .join('\n'),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      class: ICalEventClass.PRIVATE,
    });
  }
  return calendar.toString();
}

// ---------------------------------------------------------------- the feed's secret

/** A new secret: 32 random bytes, base64url (43 characters). Shown once, in the feed's URL; never stored. */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up: the token's SHA-256, hex. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all, so anything else is refused before it reaches the database. */
export function isWellFormedFeedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function feedPath(token: string): string {
  return `/calendar/${token}.ics`;
}
