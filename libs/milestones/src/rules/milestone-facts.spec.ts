import { MilestoneKey as K } from '../milestone-enums';
import { factMeeting, healthPathwaysNeedingHandover, PlanFacts, reopensForAnotherHearing } from './milestone-facts';

const at = new Date('2026-11-20T10:00:00Z');
const later = new Date('2026-11-25T10:00:00Z');
const pathway = (type: string, status: string, extra: Partial<PlanFacts['pathways'][number]> = {}) => ({
  id: `p-${type}`,
  type,
  status,
  needLevel: null,
  responsibleOrganisationId: null,
  childView: null,
  updatedAt: at,
  ...extra,
});
const facts = (f: Partial<PlanFacts>): PlanFacts => ({
  planId: 'plan',
  episodeId: 'ep',
  meetingsHeld: [],
  releaseDayPlan: null,
  pathways: [],
  confirmedAddresses: [],
  childTold: [],
  etePlacements: [],
  healthHandovers: [],
  ...f,
});
const address = (id: string, confirmedAt: Date, startDate = '2026-12-10', type = 'Referral') => ({
  type,
  id,
  address: `${id} High Street, Leeds`,
  startDate,
  confirmedAt,
  confirmedOn: confirmedAt.toISOString().slice(0, 10),
  confirmedBy: 'Leeds City Council',
  kind: 'Supported lodgings',
  livingWith: null,
});
const told = (id: string, addressId: string, toldOn: string, recordedAt: Date, addressRecordType = 'Referral') => ({
  id,
  addressRecordType,
  addressRecordId: addressId,
  address: `${addressId} High Street, Leeds`,
  toldOn,
  toldBy: 'Sam Case, case manager',
  how: 'IN_PERSON',
  recordedAt,
});
const handover = (id: string, pathwayType: string, recordedAt = at) => ({
  id,
  pathwayType,
  receivingProvider: `${pathwayType} team`,
  firstAppointmentOn: '2026-12-12',
  recordedAt,
});

describe('factMeeting: a pathway status meets nothing', () => {
  const ticked = facts({
    pathways: [
      'ACCOMMODATION',
      'EDUCATION_TRAINING_EMPLOYMENT',
      'PHYSICAL_HEALTH',
      'MENTAL_HEALTH',
      'SUBSTANCE_MISUSE',
    ].map((t) => pathway(t, 'ARRANGED', { childView: 'I know where I am going', responsibleOrganisationId: 'la' })),
  });
  it.each([K.ACCOMMODATION_CONFIRMED, K.CHILD_TOLD_WHERE_LIVING, K.ETE_PLACE_CONFIRMED, K.HEALTH_HANDOVER_ARRANGED])(
    '%s is not met by ARRANGED pathways',
    (key) => {
      expect(factMeeting(key, ticked)).toBeNull();
    },
  );
});

describe('factMeeting: meetings and the release day', () => {
  it('a held INITIAL meeting meets the initial meeting and the detention placement plan', () => {
    const f = facts({ meetingsHeld: [{ id: 'm1', type: 'INITIAL', heldAt: at }] });
    expect(factMeeting(K.INITIAL_PLANNING_MEETING, f)).toMatchObject({
      type: 'PlanningMeeting',
      id: 'm1',
      at: at.toISOString(),
    });
    expect(factMeeting(K.DETENTION_PLACEMENT_PLAN, f)).toMatchObject({ id: 'm1' });
    expect(factMeeting(K.PRE_RELEASE_MEETING_HELD, f)).toBeNull();
  });

  it('the release-day plan counts only once confirmed', () => {
    expect(
      factMeeting(K.DAY_OF_RELEASE_PLAN_CONFIRMED, facts({ releaseDayPlan: { id: 'r', confirmedAt: null } })),
    ).toBeNull();
    expect(
      factMeeting(K.DAY_OF_RELEASE_PLAN_CONFIRMED, facts({ releaseDayPlan: { id: 'r', confirmedAt: at } })),
    ).toMatchObject({ type: 'ReleaseDayPlan', id: 'r' });
  });

  it('the referral sent (interim): the accommodation pathway with a responsible authority, started', () => {
    expect(
      factMeeting(
        K.ACCOMMODATION_REFERRAL_SENT,
        facts({ pathways: [pathway('ACCOMMODATION', 'IN_PROGRESS', { responsibleOrganisationId: 'la' })] }),
      ),
    ).toMatchObject({ type: 'Pathway' });
    expect(
      factMeeting(K.ACCOMMODATION_REFERRAL_SENT, facts({ pathways: [pathway('ACCOMMODATION', 'IN_PROGRESS')] })),
    ).toBeNull();
  });
});

describe('factMeeting: accommodation confirmed', () => {
  it.each<[string, Partial<PlanFacts>, string | null]>([
    ['nothing confirmed', {}, null],
    ['a confirmed referral starting after confirmation', { confirmedAddresses: [address('a', at)] }, 'a'],
    [
      'a referral confirmed with a start date already past',
      { confirmedAddresses: [address('a', at, '2026-11-19')] },
      null,
    ],
    ['starting the day it was confirmed', { confirmedAddresses: [address('a', at, '2026-11-20')] }, 'a'],
    [
      'an arrangement (home to family)',
      { confirmedAddresses: [address('h', at, '2026-12-10', 'AccommodationArrangement')] },
      'h',
    ],
    ['two: the later is current', { confirmedAddresses: [address('b', later), address('a', at)] }, 'b'],
  ])('%s', (_, f, expected) => {
    const evidence = factMeeting(K.ACCOMMODATION_CONFIRMED, facts(f));
    if (expected === null) expect(evidence).toBeNull();
    else
      expect(evidence).toMatchObject({
        id: expected,
        address: `${expected} High Street, Leeds`,
        confirmedBy: 'Leeds City Council',
        startDate: expect.any(String),
      });
  });
});

describe('factMeeting: the child told where they will live', () => {
  it.each<[string, Partial<PlanFacts>, string | null]>([
    ['told, no address confirmed', { childTold: [told('t', 'a', '2026-11-21', later)] }, null],
    [
      'told the current address after it was confirmed',
      { confirmedAddresses: [address('a', at)], childTold: [told('t', 'a', '2026-11-21', later)] },
      't',
    ],
    [
      'told the same day, recorded after',
      { confirmedAddresses: [address('a', at)], childTold: [told('t', 'a', '2026-11-20', later)] },
      't',
    ],
    [
      'told on a day before it was confirmed',
      { confirmedAddresses: [address('a', at)], childTold: [told('t', 'a', '2026-11-19', later)] },
      null,
    ],
    [
      'recorded before the address was confirmed',
      { confirmedAddresses: [address('a', later)], childTold: [told('t', 'a', '2026-11-25', at)] },
      null,
    ],
    [
      'told an address since replaced',
      {
        confirmedAddresses: [address('a', at), address('b', later)],
        childTold: [told('t', 'a', '2026-11-21', new Date('2026-11-21T09:00:00Z'))],
      },
      null,
    ],
    [
      'told again about the new address',
      {
        confirmedAddresses: [address('a', at), address('b', later)],
        childTold: [
          told('t', 'a', '2026-11-21', new Date('2026-11-21T09:00:00Z')),
          told('t2', 'b', '2026-11-26', new Date('2026-11-26T09:00:00Z')),
        ],
      },
      't2',
    ],
  ])('%s', (_, f, expected) => {
    const evidence = factMeeting(K.CHILD_TOLD_WHERE_LIVING, facts(f));
    if (expected === null) expect(evidence).toBeNull();
    else
      expect(evidence).toMatchObject({
        type: 'ChildToldWhereLiving',
        id: expected,
        toldBy: 'Sam Case, case manager',
        how: 'IN_PERSON',
      });
  });
});

describe('factMeeting: ETE place and health handover', () => {
  it('the ETE place is met by the recorded place, with provider, start, hours and who confirmed', () => {
    expect(factMeeting(K.ETE_PLACE_CONFIRMED, facts({}))).toBeNull();
    const e = {
      id: 'e',
      provider: 'Leeds College',
      startDate: '2026-12-14',
      hoursPerWeek: 16,
      confirmedBy: 'Admissions',
      recordedAt: at,
    };
    expect(factMeeting(K.ETE_PLACE_CONFIRMED, facts({ etePlacements: [e] }))).toEqual({
      type: 'EtePlacement',
      id: 'e',
      at: at.toISOString(),
      provider: 'Leeds College',
      startDate: '2026-12-14',
      hoursPerWeek: 16,
      confirmedBy: 'Admissions',
    });
  });

  it.each<[string, string | null, string | null, string[]]>([
    ['needs not assessed: all three', null, null, ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE']],
    ['no mental health or substance need: GP only', 'NONE', 'NONE', ['PHYSICAL_HEALTH']],
    ['a substance misuse need', 'NONE', 'HIGH', ['PHYSICAL_HEALTH', 'SUBSTANCE_MISUSE']],
  ])('handover needed when %s', (_, mh, sm, expected) => {
    expect(
      healthPathwaysNeedingHandover([
        pathway('MENTAL_HEALTH', 'ARRANGED', { needLevel: mh }),
        pathway('SUBSTANCE_MISUSE', 'ARRANGED', { needLevel: sm }),
      ]),
    ).toEqual(expected);
  });

  it.each<[string, string[], string[], boolean]>([
    ['GP handed over, no other need', ['NONE', 'NONE'], ['PHYSICAL_HEALTH'], true],
    ['nothing handed over', ['NONE', 'NONE'], [], false],
    ['substance need not handed over', ['NONE', 'MEDIUM'], ['PHYSICAL_HEALTH'], false],
    ['every need handed over', ['LOW', 'MEDIUM'], ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'], true],
  ])('%s', (_, [mh, sm], handed, met) => {
    const f = facts({
      pathways: [
        pathway('PHYSICAL_HEALTH', 'IN_PROGRESS'),
        pathway('MENTAL_HEALTH', 'IN_PROGRESS', { needLevel: mh }),
        pathway('SUBSTANCE_MISUSE', 'IN_PROGRESS', { needLevel: sm }),
      ],
      healthHandovers: handed.map((t, i) => handover(`h${i}`, t)),
    });
    const evidence = factMeeting(K.HEALTH_HANDOVER_ARRANGED, f);
    expect(!!evidence).toBe(met);
    if (met) expect((evidence as unknown as { handovers: unknown[] }).handovers).toHaveLength(handed.length);
  });
});

describe("factMeeting: children's services informed of the hearing", () => {
  const next = { id: 'h2', hearingDate: '2026-12-14' };
  const informed = (id: string, hearingId: string, informedOn: string, recordedAt = at) => ({
    id,
    hearingId,
    hearingDate: hearingId === 'h2' ? '2026-12-14' : '2026-11-30',
    localAuthorityId: 'la-leeds',
    informedOn,
    informedBy: 'Sam Case, case manager',
    informedWhom: 'Duty social worker',
    recordedAt,
  });
  const started = [pathway('FAMILY_AND_RELATIONSHIPS', 'IN_PROGRESS', { responsibleOrganisationId: 'la-leeds' })];
  it.each<[string, Partial<PlanFacts>, string | null]>([
    ['nothing recorded', { nextHearing: next }, null],
    ['the family pathway owned and started (a status, no fact)', { nextHearing: next, pathways: started }, null],
    [
      'told of the next hearing, before it',
      { nextHearing: next, childrensServicesInformed: [informed('c1', 'h2', '2026-11-20')] },
      'c1',
    ],
    [
      'told of an earlier hearing only',
      { nextHearing: next, childrensServicesInformed: [informed('c0', 'h1', '2026-11-10')] },
      null,
    ],
    [
      'told, and the hearing then moved to that day',
      {
        nextHearing: { id: 'h2', hearingDate: '2026-11-20' },
        childrensServicesInformed: [informed('c1', 'h2', '2026-11-20')],
      },
      null,
    ],
    ['no hearing waits', { nextHearing: null, childrensServicesInformed: [informed('c1', 'h2', '2026-11-20')] }, null],
    [
      'told twice: the latest record',
      {
        nextHearing: next,
        childrensServicesInformed: [informed('c1', 'h2', '2026-11-18'), informed('c2', 'h2', '2026-11-24', later)],
      },
      'c2',
    ],
  ])('%s → %s', (_case, f, expected) => {
    const evidence = factMeeting(K.HEARING_CHILDRENS_SERVICES_INFORMED, facts(f));
    expect(evidence?.id ?? null).toBe(expected);
    if (evidence) {
      expect(evidence).toMatchObject({
        type: 'ChildrensServicesInformed',
        hearingId: 'h2',
        localAuthorityId: 'la-leeds',
        informedBy: 'Sam Case, case manager',
        informedWhom: 'Duty social worker',
      });
    }
  });

  it.each<
    [string, string, { type?: string; hearingId?: string } | null, { id: string; hearingDate: string } | null, boolean]
  >([
    [
      'met for the hearing that still waits',
      K.HEARING_CHILDRENS_SERVICES_INFORMED,
      { type: 'ChildrensServicesInformed', hearingId: 'h2' },
      next,
      false,
    ],
    [
      'met for a hearing now over (remanded again)',
      K.HEARING_CHILDRENS_SERVICES_INFORMED,
      { type: 'ChildrensServicesInformed', hearingId: 'h1' },
      next,
      true,
    ],
    [
      'met, and no hearing waits (the deadline closes otherwise)',
      K.HEARING_CHILDRENS_SERVICES_INFORMED,
      { type: 'ChildrensServicesInformed', hearingId: 'h1' },
      null,
      false,
    ],
    ['another deadline', K.HEARING_ETE_ARRANGEMENTS, { type: 'EtePlacement' }, next, false],
    ['no evidence', K.HEARING_CHILDRENS_SERVICES_INFORMED, null, next, false],
  ])('reopensForAnotherHearing: %s → %s', (_case, key, evidence, nextHearing, expected) => {
    expect(reopensForAnotherHearing({ key, evidence }, { nextHearing })).toBe(expected);
  });
});
