import { myPlanOf, PlanData } from './my-plan';

const now = new Date('2026-12-01T12:00:00Z');

function plan(over: Partial<NonNullable<PlanData['resettlementPlan']>> = {}, top: Partial<PlanData> = {}): PlanData {
  return {
    expectedReleaseDate: '2027-01-14',
    child: { givenName: 'Jordan', preferredName: null },
    caseManager: { givenName: 'Sam', familyName: 'Okafor' },
    supervisingService: { name: 'Leeds Youth Justice Service' },
    resettlementPlan: {
      childVoice: { aspirations: 'Be a mechanic', strengths: 'Fixing bikes', selfAssessment: 'Help with reading' },
      pathways: [],
      referrals: [],
      meetings: [],
      releaseDay: null,
      appointments: [],
      ...over,
    },
    ...top,
  };
}

const referral = (type: string, status: string, offerAddressOrPlace: string, updatedAt = '2026-11-01T00:00:00Z') => ({
  type,
  status,
  toOrganisation: { name: 'Council' },
  offerAddressOrPlace,
  offerPlacementType: 'Supported lodgings',
  offerProvider: 'Provider',
  offerStartDate: '2027-01-14',
  updatedAt,
});

describe('myPlanOf', () => {
  it.each([
    ['no referral yet: not known', [], false, null],
    [
      'an offer not yet confirmed is not where I will live',
      [referral('ACCOMMODATION', 'OFFERED', '1 Offered Street')],
      false,
      null,
    ],
    ['a confirmed address is', [referral('ACCOMMODATION', 'CONFIRMED', '2 Confirmed Road')], true, '2 Confirmed Road'],
    [
      'the latest confirmed wins after one fell through',
      [
        referral('ACCOMMODATION', 'FELL_THROUGH', '3 Old Lane', '2026-10-01T00:00:00Z'),
        referral('ACCOMMODATION', 'CONFIRMED', '4 New Close', '2026-11-20T00:00:00Z'),
      ],
      true,
      '4 New Close',
    ],
    ['an education place is not an address', [referral('EDUCATION', 'CONFIRMED', 'Leeds City College')], false, null],
  ])('where I will live: %s', (_why, referrals, known, address) => {
    const mine = myPlanOf(plan({ referrals }), now);
    expect(mine.live).toMatchObject({ known, address });
  });

  it('uses the name the child goes by, and their own words', () => {
    const mine = myPlanOf(plan({}, { child: { givenName: 'Jordan', preferredName: 'JJ' } }), now);
    expect(mine.name).toBe('JJ');
    expect(mine.myWords).toEqual({ hopes: 'Be a mechanic', goodAt: 'Fixing bikes', whatINeed: 'Help with reading' });
    expect(mine.caseManager).toBe('Sam Okafor, Leeds Youth Justice Service');
  });

  it('lists who helps with what: active pathways with someone named, in plain words', () => {
    const pathways = [
      {
        type: 'MENTAL_HEALTH',
        status: 'IN_PROGRESS',
        childView: 'I want to talk to someone',
        ownerName: 'Alex',
        responsibleOrganisation: { name: 'CAMHS' },
        needSummary: null,
      },
      {
        type: 'SUBSTANCE_MISUSE',
        status: 'SUPPORT_NOT_REQUIRED',
        childView: null,
        ownerName: 'Kim',
        responsibleOrganisation: null,
        needSummary: null,
      },
      {
        type: 'FAMILY_AND_RELATIONSHIPS',
        status: 'IN_PROGRESS',
        childView: null,
        ownerName: null,
        responsibleOrganisation: null,
        needSummary: null,
      },
    ];
    expect(myPlanOf(plan({ pathways }), now).helpers).toEqual([
      { about: 'How I am feeling', who: 'Alex, CAMHS', inMyWords: 'I want to talk to someone' },
    ]);
  });

  it('next appointments: upcoming meetings, the first appointment on release day and planned appointments, soonest first', () => {
    const mine = myPlanOf(
      plan({
        meetings: [
          { type: 'PRE_RELEASE', startsAt: '2026-12-10T10:00:00Z', status: 'SCHEDULED', location: 'Wetherby' },
          { type: 'INITIAL', startsAt: '2026-10-01T10:00:00Z', status: 'HELD', location: 'Wetherby' },
          { type: 'REVIEW', startsAt: '2026-12-05T10:00:00Z', status: 'CANCELLED', location: null },
        ],
        releaseDay: {
          meetingDate: '2027-01-14',
          meetingTime: '09:00',
          metByName: 'Sam Okafor',
          metByRelationship: 'Case manager',
          travelArrangements: 'Car',
          firstDestination: 'Home',
          firstAppointmentDate: '2027-01-14',
          firstAppointmentTime: '14:00',
          firstAppointmentPlace: 'YJS office',
          firstAppointmentWith: null,
        },
        appointments: [
          { at: '2027-01-20T11:00:00Z', kind: 'HEALTH', withWhom: 'the GP', place: 'Surgery', outcome: 'PLANNED' },
          { at: '2026-11-20T11:00:00Z', kind: 'HEALTH', withWhom: 'the dentist', place: null, outcome: 'PLANNED' },
        ],
      }),
      now,
    );
    expect(mine.appointments.map((a) => a.what)).toEqual([
      'Meeting before I leave',
      'First appointment with my youth justice worker',
      'Appointment with the GP',
    ]);
    expect(mine.meetMe).toMatchObject({
      known: true,
      who: 'Sam Okafor, Case manager',
      when: { date: '2027-01-14', time: '09:00' },
    });
  });

  it('a plan with nothing arranged says so rather than failing', () => {
    const mine = myPlanOf(plan({ childVoice: null }, { caseManager: null }), now);
    expect(mine).toMatchObject({
      live: { known: false },
      meetMe: { known: false, when: { date: '2027-01-14' } },
      learn: { known: false },
      helpers: [],
      appointments: [],
      caseManager: null,
    });
  });
});
