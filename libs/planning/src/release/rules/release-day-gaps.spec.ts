import { ReleaseDayPlanFacts, releaseDayPlanGaps, releaseDayPlanWarnings } from './release-day-gaps';

/** A plan with nothing missing: released on Thursday 10 December 2026, met at 09:30, seen by the YJS at 14:00. */
const COMPLETE: ReleaseDayPlanFacts = {
  metByName: 'Sam Carter',
  metByRelationship: 'Foster carer',
  appropriateAdult: true,
  meetingDate: '2026-12-10',
  meetingTime: '09:30',
  travelArrangements: 'Foster carer drives; train warrant as a fallback',
  firstDestination: 'Foster home, 4 Elm Row',
  firstAppointmentDate: '2026-12-10',
  firstAppointmentTime: '14:00',
  firstAppointmentWith: 'Case manager',
  firstAppointmentPlace: 'YJS office, Market Street',
  medication: 'None',
  idDocuments: 'Birth certificate held by the establishment, handed over at the gate',
  phone: 'Phone returned from property',
  moneyAndProperty: '£46 discharge grant; property in two bags',
  supervisionExplainedById: null,
  supervisionExplainedByName: 'J. Patel, case manager',
  supervisionExplainedOn: '2026-12-03',
};

const fieldsOf = (plan: Partial<ReleaseDayPlanFacts>, expected: string | null = '2026-12-10') =>
  releaseDayPlanGaps({ ...COMPLETE, ...plan }, expected).map((g) => g.field);

describe('releaseDayPlanGaps', () => {
  it('finds nothing missing in a complete plan', () => {
    expect(releaseDayPlanGaps(COMPLETE, '2026-12-10')).toEqual([]);
  });

  it('says there is no plan when none was started', () => {
    expect(releaseDayPlanGaps(null, '2026-12-10')).toEqual([
      { field: 'planReleaseDay', message: 'There is no release-day plan yet' },
    ]);
  });

  it.each<[string, Partial<ReleaseDayPlanFacts>, string | null, string[]]>([
    // --- at the gate
    ['nobody named to meet the child', { metByName: null }, '2026-12-10', ['metByName']],
    ['a name of blanks counts as none', { metByName: '   ' }, '2026-12-10', ['metByName']],
    ['no relationship', { metByRelationship: null }, '2026-12-10', ['metByRelationship']],
    ['not said whether an appropriate adult', { appropriateAdult: null }, '2026-12-10', ['appropriateAdult']],
    ['met by someone who is not an appropriate adult', { appropriateAdult: false }, '2026-12-10', ['appropriateAdult']],
    [
      'no day',
      { meetingDate: null, firstAppointmentDate: null },
      '2026-12-10',
      ['meetingDate', 'firstAppointmentDate'],
    ],
    ['no time', { meetingTime: null }, '2026-12-10', ['meetingTime']],
    ['no travel', { travelArrangements: '' }, '2026-12-10', ['travelArrangements']],
    ['nowhere to go first', { firstDestination: null }, '2026-12-10', ['firstDestination']],
    // --- the day planned against the day expected
    ['the release day moved since (early release granted for 3 December)', {}, '2026-12-03', ['meetingDate']],
    ['no expected date (remand): the day planned stands', {}, null, []],
    // --- the first youth justice appointment
    [
      'no first appointment at all',
      {
        firstAppointmentDate: null,
        firstAppointmentTime: null,
        firstAppointmentWith: null,
        firstAppointmentPlace: null,
      },
      '2026-12-10',
      ['firstAppointmentDate', 'firstAppointmentTime', 'firstAppointmentWith', 'firstAppointmentPlace'],
    ],
    [
      'first appointment the day before release',
      { firstAppointmentDate: '2026-12-09' },
      '2026-12-10',
      ['firstAppointmentDate'],
    ],
    [
      'first appointment (09:00) before the child is met (09:30)',
      { firstAppointmentTime: '09:00' },
      '2026-12-10',
      ['firstAppointmentTime'],
    ],
    [
      'first appointment the next day at 09:00 is fine',
      { firstAppointmentDate: '2026-12-11', firstAppointmentTime: '09:00' },
      '2026-12-10',
      [],
    ],
    // --- what the child leaves with: each must be considered ("None" is an answer)
    ['medication not considered', { medication: null }, '2026-12-10', ['medication']],
    [
      'ID, phone, money and property not considered',
      { idDocuments: null, phone: null, moneyAndProperty: null },
      '2026-12-10',
      ['idDocuments', 'phone', 'moneyAndProperty'],
    ],
    // --- supervision requirements explained
    [
      'nobody explained supervision',
      { supervisionExplainedByName: null },
      '2026-12-10',
      ['supervisionExplainedByName'],
    ],
    [
      'explained by a user of the service (no name needed)',
      { supervisionExplainedByName: null, supervisionExplainedById: '4f7c2a5e-2a53-4b9f-9a1e-1f2d3c4b5a69' },
      '2026-12-10',
      [],
    ],
    ['not said when', { supervisionExplainedOn: null }, '2026-12-10', ['supervisionExplainedOn']],
  ])('%s', (_case, change, expected, gaps) => {
    expect(fieldsOf(change, expected)).toEqual(gaps);
  });

  it('lists every gap of an empty plan, in the order of the form, each in words', () => {
    const empty = Object.fromEntries(Object.keys(COMPLETE).map((k) => [k, null])) as unknown as ReleaseDayPlanFacts;
    const gaps = releaseDayPlanGaps(empty, '2026-12-10');
    expect(gaps.map((g) => g.field)).toEqual([
      'metByName',
      'metByRelationship',
      'appropriateAdult',
      'meetingDate',
      'meetingTime',
      'travelArrangements',
      'firstDestination',
      'firstAppointmentDate',
      'firstAppointmentTime',
      'firstAppointmentWith',
      'firstAppointmentPlace',
      'medication',
      'idDocuments',
      'phone',
      'moneyAndProperty',
      'supervisionExplainedByName',
      'supervisionExplainedOn',
    ]);
    expect(gaps[0].message).toBe('Who meets the child at the gate');
  });

  it('says the child must be met by an appropriate adult, not just that it is unknown', () => {
    expect(releaseDayPlanGaps({ ...COMPLETE, appropriateAdult: false }, null)[0].message).toBe(
      'The child must be met by an appropriate adult',
    );
  });

  it('names both days when the release day has moved', () => {
    expect(releaseDayPlanGaps(COMPLETE, '2026-12-03')[0].message).toBe(
      'The plan is for 2026-12-10, but the child is now expected to leave on 2026-12-03',
    );
  });
});

describe('releaseDayPlanWarnings', () => {
  it.each<[string, Partial<ReleaseDayPlanFacts>, number]>([
    ['first appointment on the day of release', {}, 0],
    ['first appointment the day after release', { firstAppointmentDate: '2026-12-11' }, 1],
    ['no day yet', { meetingDate: null }, 0],
  ])('%s', (_case, change, count) => {
    expect(releaseDayPlanWarnings({ ...COMPLETE, ...change })).toHaveLength(count);
  });

  it('has none for a plan not started', () => {
    expect(releaseDayPlanWarnings(null)).toEqual([]);
  });
});
