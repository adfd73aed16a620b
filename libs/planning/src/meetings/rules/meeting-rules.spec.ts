import { MeetingStatus, MeetingType } from '../meeting-enums';
import {
  actionDueDateErrors,
  attendanceErrors,
  changeRefusal,
  childInitials,
  feedOrigin,
  initialMeetingRefusal,
  inviteeErrors,
  meetingTimeAndPlaceErrors,
  outcomeTimeRefusal,
} from './meeting-rules';

const NOW = new Date('2026-11-23T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('meeting time and place', () => {
  it.each([
    // [case, startsAt, endsAt, location, callLink, fields with errors]
    ['an hour, in a room', '2026-12-01T10:00Z', '2026-12-01T11:00Z', 'Room 4', null, []],
    ['on a call only', '2026-12-01T10:00Z', '2026-12-01T11:00Z', null, 'https://meet.example.com/x', []],
    ['yesterday (put in afterwards, to record it)', '2026-11-22T10:00Z', '2026-11-22T11:00Z', 'Room 4', null, []],
    ['ends when it starts', '2026-12-01T10:00Z', '2026-12-01T10:00Z', 'Room 4', null, ['endsAt']],
    ['ends before it starts', '2026-12-01T10:00Z', '2026-12-01T09:00Z', 'Room 4', null, ['endsAt']],
    ['12 hours exactly', '2026-12-01T08:00Z', '2026-12-01T20:00Z', 'Room 4', null, []],
    ['over 12 hours (a wrong day)', '2026-12-01T10:00Z', '2026-12-02T10:00Z', 'Room 4', null, ['endsAt']],
    ['91 days ago', '2026-08-24T09:59Z', '2026-08-24T11:00Z', 'Room 4', null, ['startsAt']],
    ['90 days ago', '2026-08-25T10:00Z', '2026-08-25T11:00Z', 'Room 4', null, []],
    ['a wrong year, far ahead', '2036-12-01T10:00Z', '2036-12-01T11:00Z', 'Room 4', null, ['startsAt']],
    ['nowhere', '2026-12-01T10:00Z', '2026-12-01T11:00Z', '  ', null, ['location']],
  ])('%s', (_case, startsAt, endsAt, location, callLink, fields) => {
    const errors = meetingTimeAndPlaceErrors({ startsAt: at(startsAt), endsAt: at(endsAt), location, callLink }, NOW);
    expect(Object.keys(errors).sort()).toEqual([...fields].sort());
  });
});

describe('what each status allows', () => {
  it.each([
    [MeetingStatus.SCHEDULED, 'reschedule', null],
    [MeetingStatus.SCHEDULED, 'cancel', null],
    [MeetingStatus.SCHEDULED, 'recordOutcome', null],
    [MeetingStatus.HELD, 'reschedule', /cannot be rescheduled/],
    [MeetingStatus.HELD, 'cancel', /cannot be cancelled/],
    [MeetingStatus.HELD, 'recordOutcome', /already recorded/],
    [MeetingStatus.CANCELLED, 'reschedule', /was cancelled/],
    [MeetingStatus.CANCELLED, 'cancel', /already cancelled/],
    [MeetingStatus.CANCELLED, 'recordOutcome', /was cancelled/],
  ] as const)('%s: %s', (status, change, refusal) => {
    const result = changeRefusal(status, change);
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toMatch(refusal);
  });
});

describe('one initial meeting per plan', () => {
  const m = (type: MeetingType, status: MeetingStatus) => ({ type, status });
  it.each([
    ['the first', MeetingType.INITIAL, [], null],
    ['after a cancelled one', MeetingType.INITIAL, [m(MeetingType.INITIAL, MeetingStatus.CANCELLED)], null],
    [
      'while one is scheduled',
      MeetingType.INITIAL,
      [m(MeetingType.INITIAL, MeetingStatus.SCHEDULED)],
      /already has an initial/,
    ],
    ['after one was held', MeetingType.INITIAL, [m(MeetingType.INITIAL, MeetingStatus.HELD)], /has been held/],
    [
      'a review, whatever came before',
      MeetingType.REVIEW,
      [m(MeetingType.INITIAL, MeetingStatus.HELD), m(MeetingType.REVIEW, MeetingStatus.SCHEDULED)],
      null,
    ],
  ])('%s', (_case, type, existing, refusal) => {
    const result = initialMeetingRefusal(type, existing);
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toMatch(refusal);
  });
});

describe('when an outcome can be recorded', () => {
  it.each([
    // [case, startsAt, heldAt, expected code or null]
    ['held as planned, an hour ago', '2026-11-23T09:00Z', '2026-11-23T09:00Z', null],
    ['held just now', '2026-11-23T10:00Z', '2026-11-23T10:00Z', null],
    ['the meeting is tomorrow', '2026-11-24T09:00Z', '2026-11-24T09:00Z', 'CONFLICT'],
    ['brought forward but not rescheduled', '2026-11-24T09:00Z', '2026-11-22T09:00Z', 'CONFLICT'],
    ['started, but heldAt is in the future', '2026-11-23T09:00Z', '2026-11-23T11:00Z', 'BAD_USER_INPUT'],
  ])('%s', (_case, startsAt, heldAt, code) => {
    expect(outcomeTimeRefusal(at(startsAt), at(heldAt), NOW)?.code ?? null).toBe(code);
  });
});

describe('attendance', () => {
  it.each([
    ['everyone, once', ['a', 'b'], ['a', 'b'], []],
    ['no invitees, no attendance', [], [], []],
    ['someone missing', ['a', 'b'], ['a'], ['attendance']],
    ['someone twice', ['a', 'b'], ['a', 'b', 'a'], ['attendance.2.inviteeId']],
    ['someone not invited', ['a'], ['a', 'z'], ['attendance.1.inviteeId']],
  ])('%s', (_case, invitees, given, fields) => {
    expect(
      Object.keys(
        attendanceErrors(
          invitees,
          given.map((inviteeId) => ({ inviteeId })),
        ),
      ),
    ).toEqual(fields);
  });
});

describe('action due dates', () => {
  it.each([
    // The day is London's: in November (GMT) 23:30 UTC is still 30 November there.
    ['on the day', '2026-11-30T23:30:00Z', '2026-11-30', []],
    ['the day before', '2026-11-30T10:00:00Z', '2026-11-29', ['actions.0.dueDate']],
    // In British Summer Time, 23:30 UTC is already the next day in London.
    ['the next London day in summer', '2026-06-30T23:30:00Z', '2026-06-30', ['actions.0.dueDate']],
  ])('%s', (_case, heldAt, dueDate, fields) => {
    expect(Object.keys(actionDueDateErrors(at(heldAt), [{ dueDate }]))).toEqual(fields);
  });
});

describe('invitees', () => {
  it.each([
    [
      'an organisation, a user and a named person',
      [{ organisationId: 'o1' }, { userId: 'u1' }, { name: 'Sam Advocate', email: 'sam@example.com' }],
      [],
    ],
    ['nobody in particular', [{ role: 'Chair' } as never], ['invitees.0']],
    ['the same user twice', [{ userId: 'u1' }, { userId: 'u1', role: 'Chair' }], ['invitees.1']],
    [
      'the same email twice, in any case',
      [
        { name: 'A', email: 'a@example.com' },
        { name: 'B', email: ' A@Example.com' },
      ],
      ['invitees.1'],
    ],
    ['the same organisation twice', [{ organisationId: 'o1' }, { organisationId: 'o1' }], ['invitees.1']],
    [
      'two people of one organisation',
      [
        { organisationId: 'o1', name: 'A' },
        { organisationId: 'o1', name: 'B' },
      ],
      [],
    ],
    ['an organisation and a person of it', [{ organisationId: 'o1' }, { organisationId: 'o1', name: 'A' }], []],
  ])('%s', (_case, invitees, fields) => {
    expect(Object.keys(inviteeErrors(invitees))).toEqual(fields);
  });
});

describe('the child’s initials', () => {
  it.each([
    [{ givenName: 'Jordan', familyName: 'Tester' }, 'J.T.'],
    [{ givenName: 'Alexandra', familyName: 'okafor', preferredName: 'Sasha' }, 'S.O.'],
    [{ givenName: ' émile ', familyName: 'Zola', preferredName: '  ' }, 'É.Z.'],
  ])('%j → %s', (child, initials) => {
    expect(childInitials(child)).toBe(initials);
  });
});

describe('where a calendar feed’s URL starts', () => {
  it.each([
    [undefined, 'http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['', 'http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['https://resettle.example.gov.uk', 'http://api:3000', 'https://resettle.example.gov.uk'],
    ['https://resettle.example.gov.uk/', 'http://api:3000', 'https://resettle.example.gov.uk'],
    ['https://gateway.example.gov.uk/resettle-api/', 'http://api:3000', 'https://gateway.example.gov.uk/resettle-api'],
  ])('configured %s, reached at %s → %s', (configured, requestOrigin, origin) => {
    expect(feedOrigin(configured, requestOrigin)).toBe(origin);
  });
});
