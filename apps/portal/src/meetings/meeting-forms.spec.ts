import {
  cancelInput,
  dateTimeFrom,
  dateTimeValues,
  fieldOfApiPath,
  invitableOrganisations,
  londonDateTime,
  outcomeInput,
  parseTime,
  rescheduleInput,
  scheduleInput,
  splitMeetings,
} from './meeting-forms';

describe('parseTime', () => {
  it.each([
    ['14:30', { hour: 14, minute: 30 }],
    [' 9:05 ', { hour: 9, minute: 5 }],
    ['09.15', { hour: 9, minute: 15 }],
    ['2pm', { hour: 14, minute: 0 }],
    ['2:30 PM', { hour: 14, minute: 30 }],
    ['12pm', { hour: 12, minute: 0 }],
    ['12am', { hour: 0, minute: 0 }],
    ['11.45a.m.', { hour: 11, minute: 45 }],
    ['0:00', { hour: 0, minute: 0 }],
    ['9', null], // morning or evening?
    ['24:00', null],
    ['13pm', null],
    ['10:60', null],
    ['half past two', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(parseTime(text)).toEqual(expected);
  });
});

describe('londonDateTime: a London wall-clock time as an instant', () => {
  it.each([
    ['winter (GMT)', '2027-01-14', 14, 30, '2027-01-14T14:30:00.000Z'],
    ['summer (BST)', '2027-07-01', 9, 0, '2027-07-01T08:00:00.000Z'],
    ['BST across midnight UTC', '2027-06-02', 0, 30, '2027-06-01T23:30:00.000Z'],
    ['the day the clocks go forward, before', '2027-03-28', 0, 30, '2027-03-28T00:30:00.000Z'],
    ['the hour the clocks skip', '2027-03-28', 1, 30, null],
    ['the day the clocks go forward, after', '2027-03-28', 2, 0, '2027-03-28T01:00:00.000Z'],
    ['the repeated hour in October: the first (BST)', '2027-10-31', 1, 30, '2027-10-31T00:30:00.000Z'],
    ['the day the clocks go back, after', '2027-10-31', 9, 0, '2027-10-31T09:00:00.000Z'],
  ])('%s', (_case, date, hour, minute, expected) => {
    expect(londonDateTime(date, hour, minute)).toBe(expected);
  });

  it('round-trips through the form values', () => {
    expect(dateTimeValues('start', '2027-07-01T08:00:00.000Z')).toEqual({
      startDay: '1',
      startMonth: '7',
      startYear: '2027',
      startTime: '09:00',
    });
  });
});

describe('dateTimeFrom', () => {
  const at = (day: string, month: string, year: string, time: string) => ({
    startDay: day,
    startMonth: month,
    startYear: year,
    startTime: time,
  });
  it.each([
    ['a summer afternoon', at('1', '7', '2027', '2:30pm'), { iso: '2027-07-01T13:30:00.000Z' }],
    ['nothing', at('', '', '', ''), { field: 'startDay', message: 'Enter the date of the meeting' }],
    [
      'no month',
      at('1', '', '2027', '10:00'),
      { field: 'startDay', message: 'The date of the meeting must include a month' },
    ],
    [
      'no such day',
      at('31', '6', '2027', '10:00'),
      { field: 'startDay', message: 'The date of the meeting must be a real date' },
    ],
    ['no time', at('1', '7', '2027', ''), { field: 'startTime', message: 'Enter the time' }],
    [
      'a time not understood',
      at('1', '7', '2027', '9'),
      { field: 'startTime', message: 'Enter the time like 14:30 or 2:30pm' },
    ],
    [
      'the skipped hour',
      at('28', '3', '2027', '1:30'),
      { field: 'startTime', message: expect.stringContaining('clocks go forward') },
    ],
  ])('%s', (_case, values, expected) => {
    expect(dateTimeFrom(values, 'start', 'the date of the meeting')).toEqual(expected);
  });
});

const ORGS = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'Youth Justice Service' },
  { id: '22222222-2222-4222-8222-222222222222', name: 'HMYOI' },
];
const GOOD = {
  type: 'REVIEW',
  startDay: '14',
  startMonth: '1',
  startYear: '2027',
  startTime: '10:00',
  lengthMinutes: '90',
  location: 'Room 2',
  callLink: '',
  invitees: [ORGS[1].id],
  childParticipation: 'IN_PERSON',
};

describe('scheduleInput', () => {
  it('makes the api input: London time, end from the length, invitees by organisation', () => {
    expect(scheduleInput(GOOD, 'plan-1', ORGS).input).toEqual({
      planId: 'plan-1',
      type: 'REVIEW',
      startsAt: '2027-01-14T10:00:00.000Z',
      endsAt: '2027-01-14T11:30:00.000Z',
      location: 'Room 2',
      callLink: null,
      childParticipation: 'IN_PERSON',
      invitees: [{ organisationId: ORGS[1].id }],
      notes: null,
    });
  });

  it.each([
    ['no type', { type: '' }, { type: 'Select the type of meeting' }],
    ['no place nor link', { location: ' ' }, { location: 'Enter where the meeting is, a call link, or both' }],
    ['an http link', { callLink: 'http://x.example.com' }, { callLink: expect.stringContaining('https://') }],
    ['an odd length', { lengthMinutes: '999' }, { lengthMinutes: 'Select how long the meeting is' }],
    ['an organisation not offered', { invitees: ['x'] }, { invitees: 'Select organisations from the list' }],
    ['no participation', { childParticipation: '' }, { childParticipation: 'Select how the child will take part' }],
  ])('%s', (_case, change, expected) => {
    const { input, errors } = scheduleInput({ ...GOOD, ...change }, 'plan-1', ORGS);
    expect(input).toBeUndefined();
    expect(Object.fromEntries(Object.entries(errors!.byField).map(([k, v]) => [k, v.text]))).toEqual(expected);
  });

  it('a call link alone will do', () => {
    const { input } = scheduleInput({ ...GOOD, location: '', callLink: 'https://meet.example.com/abc' }, 'p', ORGS);
    expect(input).toMatchObject({ location: null, callLink: 'https://meet.example.com/abc' });
  });
});

describe('rescheduleInput and cancelInput', () => {
  it('reschedules with the version shown', () => {
    expect(rescheduleInput({ ...GOOD, expectedVersion: '3' }, 'm1').input).toMatchObject({
      meetingId: 'm1',
      expectedVersion: 3,
      startsAt: '2027-01-14T10:00:00.000Z',
    });
  });
  it.each([
    ['', 'Enter why the meeting is cancelled'],
    ['no', 'The reason must be between 3 and 1000 characters'],
  ])('cancel with reason %j', (reason, message) => {
    expect(cancelInput({ reason }, 'm1').errors?.list).toEqual([{ text: message, href: '#reason' }]);
  });
  it('cancels with a reason', () => {
    expect(cancelInput({ reason: ' Child unwell ', expectedVersion: '2' }, 'm1').input).toEqual({
      meetingId: 'm1',
      expectedVersion: 2,
      reason: 'Child unwell',
    });
  });
});

describe('outcomeInput', () => {
  const invitees = [{ id: 'i1', name: null, organisation: { name: 'HMYOI' } }];
  const pathways = [{ type: 'ACCOMMODATION', ownerOrganisationId: 'o1' }];
  const base = { expectedVersion: '2', 'attendance-i1': 'APOLOGIES', childParticipation: 'IN_PERSON' };

  it('attendance, decisions one a line, an action on its pathway', () => {
    const { input } = outcomeInput(
      {
        ...base,
        decisions: 'Refer to housing\r\n\r\n Review in 6 weeks ',
        actionPathway: 'ACCOMMODATION',
        actionDescription: 'Find a placement',
        actionDueDay: '1',
        actionDueMonth: '2',
        actionDueYear: '2027',
      },
      'm1',
      invitees,
      pathways,
    );
    expect(input).toEqual({
      meetingId: 'm1',
      expectedVersion: 2,
      attendance: [{ inviteeId: 'i1', attendance: 'APOLOGIES' }],
      childParticipation: 'IN_PERSON',
      decisions: ['Refer to housing', 'Review in 6 weeks'],
      actions: [
        {
          pathwayType: 'ACCOMMODATION',
          description: 'Find a placement',
          ownerOrganisationId: 'o1',
          ownerName: null,
          dueDate: '2027-02-01',
        },
      ],
      outcomeNotes: null,
    });
  });

  it.each([
    ['attendance missing', { 'attendance-i1': '' }, { 'attendance-i1': 'Select whether HMYOI attended' }],
    [
      'half an action',
      { actionDescription: 'Find a placement' },
      {
        actionPathway: 'Select the pathway the action is on',
        actionDueDay: 'Enter the date the action is due',
      },
    ],
  ])('%s', (_case, change, expected) => {
    const { errors } = outcomeInput({ ...base, ...change }, 'm1', invitees, pathways);
    expect(Object.fromEntries(Object.entries(errors!.byField).map(([k, v]) => [k, v.text]))).toEqual(expected);
  });
});

describe('fieldOfApiPath', () => {
  it.each([
    ['input.startsAt', 'startDay'],
    ['input.endsAt', 'lengthMinutes'],
    ['input.callLink', 'callLink'],
    ['input.actions.0.dueDate', 'actionDueDay'],
    ['input.unknown', undefined],
  ])('%s', (path, field) => {
    expect(fieldOfApiPath(path)).toBe(field);
  });
});

describe('splitMeetings', () => {
  it('upcoming soonest first; past (held, cancelled, over) latest first', () => {
    const m = (id: string, status: string, startsAt: string, endsAt: string) => ({ id, status, startsAt, endsAt });
    const { upcoming, past } = splitMeetings(
      [
        m('later', 'SCHEDULED', '2026-12-10T10:00Z', '2026-12-10T11:00Z'),
        m('soon', 'SCHEDULED', '2026-12-01T10:00Z', '2026-12-01T11:00Z'),
        m('under way', 'SCHEDULED', '2026-11-23T09:30Z', '2026-11-23T10:30Z'),
        m('over', 'SCHEDULED', '2026-11-20T10:00Z', '2026-11-20T11:00Z'),
        m('held', 'HELD', '2026-11-10T10:00Z', '2026-11-10T11:00Z'),
        m('cancelled', 'CANCELLED', '2026-12-05T10:00Z', '2026-12-05T11:00Z'),
      ],
      new Date('2026-11-23T10:00Z'),
    );
    expect(upcoming.map((x) => x.id)).toEqual(['under way', 'soon', 'later']);
    expect(past.map((x) => x.id)).toEqual(['cancelled', 'over', 'held']);
  });
});

describe('invitableOrganisations', () => {
  it('the services and the plan’s organisations, each once', () => {
    const [a, b, c] = [
      { id: 'a', name: 'A' },
      { id: 'b', name: 'B' },
      { id: 'c', name: 'C' },
    ];
    expect(
      invitableOrganisations({
        supervisingService: a,
        currentEstablishment: b,
        resettlementPlan: {
          pathways: [{ responsibleOrganisation: a }, { responsibleOrganisation: null }, { responsibleOrganisation: c }],
          referrals: [{ toOrganisation: c }],
        },
      }),
    ).toEqual([a, b, c]);
  });
});
