import { FieldErrors, todayIso } from '@resettle/common';
import { MeetingStatus, MeetingType, meetingTypeLabel } from '../meeting-enums';

/**
 * The rules of planning meetings, as plain functions (no framework, no I/O) so they are table-tested. Each returns
 * what is wrong, in words a case manager can act on; empty (or null) when nothing is.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A meeting that already happened may be put in afterwards, to record it; further back than this is a typo. */
const MAX_DAYS_IN_THE_PAST = 90;
/** Planning is for this custodial episode: further ahead than this is a typo (a wrong year). */
const MAX_DAYS_AHEAD = 2 * 366;
/** A planning meeting is a few hours at most: longer is a typo (a wrong day or am/pm). */
const MAX_DURATION_MINUTES = 12 * 60;

/** When and where a meeting is: it ends after it starts, within sensible bounds, somewhere or on a call. */
export function meetingTimeAndPlaceErrors(
  meeting: { startsAt: Date; endsAt: Date; location: string | null; callLink: string | null },
  now: Date,
): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const start = meeting.startsAt.getTime();
  const end = meeting.endsAt.getTime();
  if (end <= start) add('endsAt', 'endsAt must be after startsAt');
  else if (end - start > MAX_DURATION_MINUTES * MINUTE)
    add('endsAt', `A meeting can last at most ${MAX_DURATION_MINUTES / 60} hours`);
  if (start < now.getTime() - MAX_DAYS_IN_THE_PAST * DAY)
    add('startsAt', `startsAt can be at most ${MAX_DAYS_IN_THE_PAST} days in the past`);
  if (start > now.getTime() + MAX_DAYS_AHEAD * DAY)
    add('startsAt', `startsAt can be at most ${MAX_DAYS_AHEAD} days ahead`);
  if (!meeting.location?.trim() && !meeting.callLink?.trim()) add('location', 'Give a location, a call link, or both');
  return errors;
}

export type MeetingChange = 'reschedule' | 'cancel' | 'recordOutcome';

/** Why a meeting in this status cannot take this change (a CONFLICT), or null if it can. */
export function changeRefusal(status: MeetingStatus, change: MeetingChange): string | null {
  if (status === MeetingStatus.CANCELLED) {
    return change === 'cancel'
      ? 'The meeting is already cancelled'
      : 'The meeting was cancelled: schedule a new one instead';
  }
  if (status === MeetingStatus.HELD) {
    switch (change) {
      case 'reschedule':
        return 'The meeting has been held, so it cannot be rescheduled: schedule a new one instead';
      case 'cancel':
        return 'The meeting has been held, so it cannot be cancelled';
      case 'recordOutcome':
        return 'The outcome of this meeting is already recorded: change its actions on the pathways instead';
    }
  }
  return null;
}

/** An initial meeting once per plan, unless the earlier one was cancelled. */
export function initialMeetingRefusal(
  type: MeetingType,
  existing: readonly { type: MeetingType; status: MeetingStatus }[],
): string | null {
  if (type !== MeetingType.INITIAL) return null;
  const earlier = existing.find((m) => m.type === MeetingType.INITIAL && m.status !== MeetingStatus.CANCELLED);
  if (!earlier) return null;
  return earlier.status === MeetingStatus.HELD
    ? `This plan’s ${meetingTypeLabel(MeetingType.INITIAL).toLowerCase()} has been held: schedule a review meeting instead`
    : `This plan already has an ${meetingTypeLabel(MeetingType.INITIAL).toLowerCase()}: reschedule that one, or cancel it first`;
}

/**
 * Whether the outcome can be recorded now: the meeting must have started (CONFLICT: reschedule it first if it was
 * brought forward), and the time it was held cannot be in the future (BAD_USER_INPUT).
 */
export function outcomeTimeRefusal(
  startsAt: Date,
  heldAt: Date,
  now: Date,
): { code: 'CONFLICT' | 'BAD_USER_INPUT'; message: string } | null {
  if (startsAt.getTime() > now.getTime()) {
    return {
      code: 'CONFLICT',
      message: `The meeting has not happened yet (it starts ${startsAt.toISOString()}): record its outcome once it has been held, or reschedule it first if it was brought forward`,
    };
  }
  if (heldAt.getTime() > now.getTime()) return { code: 'BAD_USER_INPUT', message: 'heldAt cannot be in the future' };
  return null;
}

/** Attendance for each invitee, exactly once, and for nobody else. */
export function attendanceErrors(inviteeIds: readonly string[], given: readonly { inviteeId: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const known = new Set(inviteeIds);
  const seen = new Set<string>();
  given.forEach((row, i) => {
    if (!known.has(row.inviteeId)) add(`attendance.${i}.inviteeId`, 'Not an invitee of this meeting');
    else if (seen.has(row.inviteeId)) add(`attendance.${i}.inviteeId`, 'Attendance is given twice for this invitee');
    seen.add(row.inviteeId);
  });
  const missing = inviteeIds.filter((id) => !seen.has(id));
  if (missing.length) add('attendance', `Give the attendance of every invitee (missing: ${missing.join(', ')})`);
  return errors;
}

/** An action agreed at a meeting is due on or after the day it was held. */
export function actionDueDateErrors(heldAt: Date, actions: readonly { dueDate: string }[]): FieldErrors {
  const heldOn = todayIso(heldAt);
  const errors: FieldErrors = {};
  actions.forEach((a, i) => {
    if (a.dueDate < heldOn) errors[`actions.${i}.dueDate`] = [`dueDate cannot be before the meeting (${heldOn})`];
  });
  return errors;
}

export interface InviteeFacts {
  organisationId?: string | null;
  userId?: string | null;
  name?: string | null;
  email?: string | null;
}

/** Each invitee is an organisation, a user or a named person, and nobody is invited twice. */
export function inviteeErrors(invitees: readonly InviteeFacts[]): FieldErrors {
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  invitees.forEach((invitee, i) => {
    if (!invitee.organisationId && !invitee.userId && !invitee.name?.trim()) {
      errors[`invitees.${i}`] = ['Give an organisation, a user or a person’s name'];
      return;
    }
    const email = invitee.email?.trim().toLowerCase();
    // A person is the same person by user or by email; an organisation invited as a whole, by organisation.
    const keys = [
      invitee.userId ? `user:${invitee.userId}` : null,
      email ? `email:${email}` : null,
      !invitee.userId && !email && !invitee.name?.trim() ? `organisation:${invitee.organisationId}` : null,
      !invitee.userId && !email && invitee.name?.trim()
        ? `name:${invitee.organisationId ?? ''}:${invitee.name.trim().toLowerCase()}`
        : null,
    ].filter((k): k is string => !!k);
    if (keys.some((k) => seen.has(k))) errors[`invitees.${i}`] = ['This invitee is in the list twice'];
    keys.forEach((k) => seen.add(k));
  });
  return errors;
}

/** The child as a calendar feed names them: initials only (e.g. "A.T."), since the feed leaves the service. */
export function childInitials(child: { givenName: string; familyName: string; preferredName?: string | null }): string {
  const first = (child.preferredName?.trim() || child.givenName.trim()).charAt(0);
  const last = child.familyName.trim().charAt(0);
  return [first, last]
    .filter(Boolean)
    .map((c) => `${c.toLocaleUpperCase('en-GB')}.`)
    .join('');
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * What a calendar feed's URL starts with: the configured public address (CALENDAR_FEED_BASE_URL, which may hold a
 * path where a proxy puts the api; without its trailing slash) when there is one, else the address the caller
 * reached the api at.
 */
export function feedOrigin(configured: string | undefined, requestOrigin: string): string {
  return configured ? configured.replace(/\/+$/, '') : requestOrigin;
}
