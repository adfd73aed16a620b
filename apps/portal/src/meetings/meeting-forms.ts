import { dateFromParts, dateProblem } from '../forms/date-input';
import { type FormErrors, toFormErrors } from '../forms/form-errors';

/** The meeting pages' forms as plain functions (table-tested): what was typed, checked and turned into api input. */

export type Values = Record<string, string | string[]>;

export const MEETING_TYPES = ['INITIAL', 'REVIEW', 'PRE_RELEASE', 'POST_RELEASE', 'OTHER'] as const;
export const PARTICIPATION_LABELS: Record<string, string> = {
  IN_PERSON: 'In person',
  REMOTELY: 'Remotely (by video or phone)',
  VIEWS_SHARED_BEFOREHAND: 'Not there: their views were shared beforehand',
  NOT_PARTICIPATING: 'Not taking part',
};
export const ATTENDANCE_LABELS: Record<string, string> = {
  ATTENDED: 'Attended',
  APOLOGIES: 'Sent apologies',
  DID_NOT_ATTEND: 'Did not attend',
};
export const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  SCHEDULED: { text: 'Scheduled', classes: 'govuk-tag--blue' },
  HELD: { text: 'Held', classes: 'govuk-tag--green' },
  CANCELLED: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};
export const LENGTHS: Record<string, string> = {
  '30': '30 minutes',
  '60': '1 hour',
  '90': '1 hour 30 minutes',
  '120': '2 hours',
  '180': '3 hours',
};

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A time as people type it: "14:30", "9.05", "2pm", "2:30pm", "12am" (midnight); null for anything else. */
export function parseTime(text: unknown): { hour: number; minute: number } | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!match) return null;
  const [, h, m, suffix] = match;
  let hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (minute > 59) return null;
  if (suffix) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/^p/i.test(suffix) ? 12 : 0);
  } else if (m === undefined || hour > 23) {
    return null; // "9" alone: morning or evening?
  }
  return { hour, minute };
}

/** London's wall clock at an instant: `YYYY-MM-DD` and `HH:MM`. */
function londonWallClock(instant: Date): { date: string; time: string } {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * The instant a London wall-clock time names, as an ISO date-time (GMT in winter, BST in summer). Null for a time
 * the clocks skip (01:00–01:59 on the last Sunday of March); the hour the clocks repeat in October is read as BST,
 * the first of the two.
 */
export function londonDateTime(date: string, hour: number, minute: number): string | null {
  const wanted = `${date} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const asUtc = Date.parse(`${date}T${wanted.slice(11)}:00Z`);
  // London is UTC+0 or UTC+1: try BST first (the earlier instant), then GMT.
  for (const offsetHours of [1, 0]) {
    const instant = new Date(asUtc - offsetHours * 3_600_000);
    const wall = londonWallClock(instant);
    if (`${wall.date} ${wall.time}` === wanted) return instant.toISOString();
  }
  return null;
}

/** The form's values for an instant: GOV.UK date boxes and a 24-hour time, in London time. */
export function dateTimeValues(prefix: string, iso: string): Record<string, string> {
  const { date, time } = londonWallClock(new Date(iso));
  return {
    [`${prefix}Day`]: String(Number(date.slice(8, 10))),
    [`${prefix}Month`]: String(Number(date.slice(5, 7))),
    [`${prefix}Year`]: date.slice(0, 4),
    [`${prefix}Time`]: time,
  };
}

const str = (values: Values, name: string): string => {
  const v = values[name];
  return (typeof v === 'string' ? v : '').trim();
};
const list = (values: Values, name: string): string[] => {
  const v = values[name];
  return (Array.isArray(v) ? v : v ? [v] : []).filter((x) => typeof x === 'string' && x !== '');
};

/** The date and time boxes `<prefix>Day/Month/Year/Time` as an ISO instant, or what is wrong with them. */
export function dateTimeFrom(
  values: Values,
  prefix: string,
  label: string,
): { iso: string } | { field: string; message: string } {
  const [day, month, year] = ['Day', 'Month', 'Year'].map((part) => str(values, prefix + part));
  const problem = dateProblem(label, day, month, year);
  if (problem) return { field: `${prefix}Day`, message: problem };
  const timeText = str(values, `${prefix}Time`);
  if (!timeText) return { field: `${prefix}Time`, message: 'Enter the time' };
  const time = parseTime(timeText);
  if (!time) return { field: `${prefix}Time`, message: 'Enter the time like 14:30 or 2:30pm' };
  const iso = londonDateTime(dateFromParts(day, month, year)!, time.hour, time.minute);
  if (!iso) {
    return {
      field: `${prefix}Time`,
      message: 'The clocks go forward at 1am that day: there is no such time, choose another',
    };
  }
  return { iso };
}

export interface Organisation {
  id: string;
  name: string;
}

/** The time and place of a meeting (schedule and reschedule), checked; the api's input fields, or the errors. */
function timeAndPlace(values: Values): { input: Record<string, unknown>; errors: [string, string][] } {
  const errors: [string, string][] = [];
  const input: Record<string, unknown> = {};
  const start = dateTimeFrom(values, 'start', 'the date of the meeting');
  if ('iso' in start) {
    input.startsAt = start.iso;
    const minutes = str(values, 'lengthMinutes');
    if (!LENGTHS[minutes]) errors.push(['lengthMinutes', 'Select how long the meeting is']);
    else input.endsAt = new Date(Date.parse(start.iso) + Number(minutes) * 60_000).toISOString();
  } else errors.push([start.field, start.message]);
  const location = str(values, 'location');
  const callLink = str(values, 'callLink');
  if (!location && !callLink) errors.push(['location', 'Enter where the meeting is, a call link, or both']);
  if (callLink && !/^https:\/\/[^\s/]+\.[^\s]+$/i.test(callLink)) {
    errors.push(['callLink', 'Enter the call link as it starts, like https://meet.example.com/abc']);
  }
  input.location = location || null;
  input.callLink = callLink || null;
  return { input, errors };
}

/** `scheduleMeeting`'s input from the form, or the errors to show with nothing sent. */
export function scheduleInput(
  values: Values,
  planId: string,
  organisations: Organisation[],
): { input?: Record<string, unknown>; errors?: FormErrors } {
  const errors: [string, string][] = [];
  const type = str(values, 'type');
  if (!(MEETING_TYPES as readonly string[]).includes(type)) errors.push(['type', 'Select the type of meeting']);
  const place = timeAndPlace(values);
  errors.push(...place.errors);
  const participation = str(values, 'childParticipation');
  if (!PARTICIPATION_LABELS[participation]) {
    errors.push(['childParticipation', 'Select how the child will take part']);
  }
  const known = new Set(organisations.map((o) => o.id));
  const invited = list(values, 'invitees');
  if (invited.some((id) => !known.has(id))) errors.push(['invitees', 'Select organisations from the list']);
  if (errors.length) return { errors: toFormErrors(errors) };
  return {
    input: {
      planId,
      type,
      ...place.input,
      childParticipation: participation,
      invitees: invited.map((organisationId) => ({ organisationId })),
      notes: str(values, 'notes') || null,
    },
  };
}

/** `rescheduleMeeting`'s input: a new time, and the place (kept as shown on the form). */
export function rescheduleInput(
  values: Values,
  meetingId: string,
): { input?: Record<string, unknown>; errors?: FormErrors } {
  const place = timeAndPlace(values);
  if (place.errors.length) return { errors: toFormErrors(place.errors) };
  return { input: { meetingId, expectedVersion: Number(str(values, 'expectedVersion')), ...place.input } };
}

/** `cancelMeeting`'s input: the reason (3 to 1000 characters, as the api asks). */
export function cancelInput(
  values: Values,
  meetingId: string,
): { input?: Record<string, unknown>; errors?: FormErrors } {
  const reason = str(values, 'reason');
  if (!reason) return { errors: toFormErrors([['reason', 'Enter why the meeting is cancelled']]) };
  if (reason.length < 3 || reason.length > 1000) {
    return { errors: toFormErrors([['reason', 'The reason must be between 3 and 1000 characters']]) };
  }
  return { input: { meetingId, expectedVersion: Number(str(values, 'expectedVersion')), reason } };
}

export interface Invitee {
  id: string;
  name: string | null;
  organisation: { name: string } | null;
}

/**
 * `recordMeetingOutcome`'s input: each invitee's attendance (`attendance-<id>`), how the child took part, decisions
 * one a line, and an action agreed (a pathway, what, by when) that the api adds to that pathway in the same change.
 */
export function outcomeInput(
  values: Values,
  meetingId: string,
  invitees: Invitee[],
  pathways: { type: string; ownerOrganisationId: string }[],
): { input?: Record<string, unknown>; errors?: FormErrors } {
  const errors: [string, string][] = [];
  const attendance = invitees.map((invitee) => ({
    inviteeId: invitee.id,
    attendance: str(values, `attendance-${invitee.id}`),
  }));
  for (const a of attendance) {
    if (!ATTENDANCE_LABELS[a.attendance]) {
      const who = invitees.find((i) => i.id === a.inviteeId)!;
      errors.push([`attendance-${a.inviteeId}`, `Select whether ${inviteeName(who)} attended`]);
    }
  }
  const participation = str(values, 'childParticipation');
  if (!PARTICIPATION_LABELS[participation]) errors.push(['childParticipation', 'Select how the child took part']);
  const decisions = str(values, 'decisions')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const actions: Record<string, unknown>[] = [];
  const pathwayType = str(values, 'actionPathway');
  const description = str(values, 'actionDescription');
  const anyDue = ['Day', 'Month', 'Year'].some((p) => str(values, `actionDue${p}`));
  if (pathwayType || description || anyDue) {
    const pathway = pathways.find((p) => p.type === pathwayType);
    if (!pathway) errors.push(['actionPathway', 'Select the pathway the action is on']);
    if (!description) errors.push(['actionDescription', 'Enter the action']);
    const [d, m, y] = ['Day', 'Month', 'Year'].map((p) => str(values, `actionDue${p}`));
    const problem = dateProblem('the date the action is due', d, m, y);
    if (problem) errors.push(['actionDueDay', problem]);
    if (pathway && description && !problem) {
      actions.push({
        pathwayType,
        description,
        ownerOrganisationId: pathway.ownerOrganisationId,
        ownerName: str(values, 'actionOwner') || null,
        dueDate: dateFromParts(d, m, y),
      });
    }
  }
  if (errors.length) return { errors: toFormErrors(errors) };
  return {
    input: {
      meetingId,
      expectedVersion: Number(str(values, 'expectedVersion')),
      attendance,
      childParticipation: participation,
      decisions,
      actions,
      outcomeNotes: str(values, 'outcomeNotes') || null,
    },
  };
}

export function inviteeName(invitee: Invitee): string {
  if (invitee.name && invitee.organisation) return `${invitee.name} (${invitee.organisation.name})`;
  return invitee.name ?? invitee.organisation?.name ?? 'Someone invited';
}

/** The form's field for an api input path (`input.startsAt`, `input.attendance`, `input.actions.0.dueDate`). */
export function fieldOfApiPath(path: string): string | undefined {
  const name = path.replace(/^input\./, '').split('.');
  const map: Record<string, string> = {
    type: 'type',
    startsAt: 'startDay',
    endsAt: 'lengthMinutes',
    location: 'location',
    callLink: 'callLink',
    invitees: 'invitees',
    childParticipation: 'childParticipation',
    reason: 'reason',
    decisions: 'decisions',
    heldAt: 'childParticipation',
  };
  if (name[0] === 'actions') {
    return (
      { dueDate: 'actionDueDay', description: 'actionDescription', pathwayType: 'actionPathway' }[name[2] ?? ''] ??
      'actionPathway'
    );
  }
  return map[name[0]];
}

export interface MeetingRow {
  status: string;
  startsAt: string;
  endsAt: string;
}

/** Upcoming: scheduled and not yet over, soonest first. Past: the rest (held, cancelled, or over), latest first. */
export function splitMeetings<T extends MeetingRow>(meetings: T[], now: Date): { upcoming: T[]; past: T[] } {
  const over = (m: T) => m.status !== 'SCHEDULED' || Date.parse(m.endsAt) <= now.getTime();
  return {
    upcoming: meetings.filter((m) => !over(m)).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    past: meetings.filter(over).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt)),
  };
}

/** The organisations one may invite: the child's services and those on the plan, each once, in that order. */
export function invitableOrganisations(episode: {
  supervisingService: Organisation;
  currentEstablishment: Organisation;
  resettlementPlan: {
    pathways: { responsibleOrganisation: Organisation | null }[];
    referrals: { toOrganisation: Organisation | null }[];
  } | null;
}): Organisation[] {
  const all = [
    episode.supervisingService,
    episode.currentEstablishment,
    ...(episode.resettlementPlan?.pathways ?? []).map((p) => p.responsibleOrganisation),
    ...(episode.resettlementPlan?.referrals ?? []).map((r) => r.toOrganisation),
  ];
  const seen = new Map<string, Organisation>();
  for (const o of all) if (o && !seen.has(o.id)) seen.set(o.id, { id: o.id, name: o.name });
  return [...seen.values()];
}
