import { ReferralStatus as S } from '../referral-enums';
import {
  DEFAULT_RESPONSE_TARGETS,
  mayConfigureResponseTargets,
  medianAndP90,
  responseDue,
  ResponseStep as Step,
  stepOf,
  workingDaysTaken,
} from './response-due';

describe('stepOf', () => {
  it.each<[S, S | null, Step | null, string]>([
    [S.SENT, S.DRAFT, Step.ACKNOWLEDGE, 'sent for the first time'],
    [S.SENT, S.INFORMATION_REQUESTED, Step.ANSWER, 'sent again with what the council asked for'],
    [S.ACKNOWLEDGED, S.SENT, Step.OFFER, 'acknowledged: an offer is owed'],
    [S.OFFERED, S.ACKNOWLEDGED, Step.CONFIRM, 'offered: confirmation is owed'],
    [S.INFORMATION_REQUESTED, S.SENT, null, 'the service’s turn to answer'],
    [S.DRAFT, null, null, 'not sent'],
    [S.CONFIRMED, S.OFFERED, null, 'done'],
    [S.DECLINED, S.SENT, null, 'closed'],
    [S.WITHDRAWN, S.SENT, null, 'closed'],
    [S.FELL_THROUGH, S.CONFIRMED, null, 'closed'],
  ])('%s (from %s) → %s: %s', (status, from, expected) => {
    expect(stepOf(status, from)).toBe(expected);
  });
});

describe('responseDue', () => {
  // Monday 30 November 2026, 14:00 (GMT). Christmas Day and Boxing Day (substitute Monday 28th) are bank holidays.
  const sentMonday = new Date('2026-11-30T14:00:00Z');
  it.each<[string, S, S | null, Date, string, string, number, string | null, string]>([
    // why, status, from, entered, now, due date, overdue working days, owed, remind at
    [
      'acknowledge: 2 working days after Monday is Wednesday',
      S.SENT,
      S.DRAFT,
      sentMonday,
      '2026-12-01T12:00:00Z',
      '2026-12-02',
      0,
      null,
      '2026-12-02T09:00:00.000Z',
    ],
    [
      'at 09:00 on the due day the reminder is owed',
      S.SENT,
      S.DRAFT,
      sentMonday,
      '2026-12-02T09:00:00Z',
      '2026-12-02',
      0,
      'REMINDER',
      '2026-12-02T09:00:00.000Z',
    ],
    [
      'at 09:00 on the next working day it escalates',
      S.SENT,
      S.DRAFT,
      sentMonday,
      '2026-12-03T09:00:00Z',
      '2026-12-02',
      1,
      'ESCALATION',
      '2026-12-02T09:00:00.000Z',
    ],
    [
      'two working days late, over nothing but weekdays',
      S.SENT,
      S.DRAFT,
      sentMonday,
      '2026-12-04T10:00:00Z',
      '2026-12-02',
      2,
      'ESCALATION',
      '2026-12-02T09:00:00.000Z',
    ],
    [
      'a weekend does not count: sent Friday, due Tuesday',
      S.SENT,
      S.DRAFT,
      new Date('2026-12-04T16:00:00Z'),
      '2026-12-07T09:00:00Z',
      '2026-12-08',
      0,
      null,
      '2026-12-08T09:00:00.000Z',
    ],
    [
      'answer: 3 working days, over Christmas and Boxing Day',
      S.SENT,
      S.INFORMATION_REQUESTED,
      new Date('2026-12-23T10:00:00Z'),
      '2026-12-24T10:00:00Z',
      '2026-12-30',
      0,
      null,
      '2026-12-30T09:00:00.000Z',
    ],
    [
      'offer: 10 working days',
      S.ACKNOWLEDGED,
      S.SENT,
      sentMonday,
      '2026-12-14T09:00:00Z',
      '2026-12-14',
      0,
      'REMINDER',
      '2026-12-14T09:00:00.000Z',
    ],
    [
      'confirm: 3 working days; in summer time 09:00 London is 08:00 UTC',
      S.OFFERED,
      S.ACKNOWLEDGED,
      new Date('2027-06-07T10:00:00Z'),
      '2027-06-10T08:00:00Z',
      '2027-06-10',
      0,
      'REMINDER',
      '2027-06-10T08:00:00.000Z',
    ],
    [
      'just after midnight in summer it is already the next London day',
      S.OFFERED,
      S.ACKNOWLEDGED,
      new Date('2027-06-06T23:30:00Z'),
      '2027-06-07T10:00:00Z',
      '2027-06-10',
      0,
      null,
      '2027-06-10T08:00:00.000Z',
    ],
  ])('%s', (_why, status, from, enteredAt, now, dueDate, overdue, owed, remindAt) => {
    const due = responseDue({
      status,
      enteredFrom: from,
      enteredAt,
      targets: DEFAULT_RESPONSE_TARGETS,
      now: new Date(now),
    });
    expect(due).toMatchObject({ dueDate, overdueWorkingDays: overdue, owed });
    expect(due!.remindAt.toISOString()).toBe(remindAt);
  });

  it('uses the council’s own target', () => {
    const due = responseDue({
      status: S.SENT,
      enteredFrom: S.DRAFT,
      enteredAt: sentMonday,
      targets: { ...DEFAULT_RESPONSE_TARGETS, ACKNOWLEDGE: 5 },
      now: sentMonday,
    });
    expect(due).toMatchObject({ step: Step.ACKNOWLEDGE, targetDays: 5, dueDate: '2026-12-07' });
  });

  it('owes nothing while it is the service’s turn', () => {
    expect(
      responseDue({
        status: S.INFORMATION_REQUESTED,
        enteredFrom: S.SENT,
        enteredAt: sentMonday,
        targets: DEFAULT_RESPONSE_TARGETS,
        now: new Date('2027-01-30T00:00:00Z'),
      }),
    ).toBeNull();
  });
});

describe('workingDaysTaken', () => {
  it.each<[string, string, number, string]>([
    ['2026-11-30T14:00:00Z', '2026-11-30T16:00:00Z', 0, 'the same day'],
    ['2026-11-30T14:00:00Z', '2026-12-02T10:00:00Z', 2, 'Monday to Wednesday'],
    ['2026-12-04T14:00:00Z', '2026-12-07T10:00:00Z', 1, 'Friday to Monday'],
    ['2026-12-24T14:00:00Z', '2026-12-29T10:00:00Z', 1, 'over Christmas: only Tuesday 29th counts'],
  ])('%s to %s: %i (%s)', (from, to, expected) => {
    expect(workingDaysTaken(new Date(from), new Date(to))).toBe(expected);
  });
});

describe('medianAndP90', () => {
  it.each<[number[], { median: number; p90: number } | null]>([
    [[], null],
    [[3], { median: 3, p90: 3 }],
    [[1, 2, 3, 4], { median: 2.5, p90: 4 }],
    [[5, 1, 2, 3, 4, 6, 7, 8, 9, 10], { median: 5.5, p90: 9 }],
    [[0, 0, 0, 0, 0, 12], { median: 0, p90: 12 }],
  ])('%j → %j', (days, expected) => {
    expect(medianAndP90(days)).toEqual(expected);
  });
});

describe('mayConfigureResponseTargets', () => {
  const council: { id: string; leadUserId: string | null } = { id: 'leeds', leadUserId: 'lead' };
  it.each<[string, string, string[], typeof council | null, boolean]>([
    ['the council’s lead, their own council', 'lead', ['LA_ACCOMMODATION_OFFICER'], council, true],
    ['an officer who is not the lead', 'officer', ['LA_ACCOMMODATION_OFFICER'], council, false],
    ['a council with no lead named', 'officer', ['LA_ACCOMMODATION_OFFICER'], { id: 'leeds', leadUserId: null }, false],
    ['the lead of another council', 'lead', ['LA_ACCOMMODATION_OFFICER'], { id: 'york', leadUserId: 'lead' }, false],
    ['a lead, for the national defaults', 'lead', ['LA_ACCOMMODATION_OFFICER'], null, false],
    ['a national admin, any council', 'admin', ['NATIONAL_ADMIN'], council, true],
    ['a national admin, the national defaults', 'admin', ['NATIONAL_ADMIN'], null, true],
  ])('%s', (_why, userId, roles, target, expected) => {
    const organisationId = userId === 'admin' ? 'national' : 'leeds';
    expect(mayConfigureResponseTargets({ userId, organisationId, roles }, target)).toBe(expected);
  });
});
