import { MilestoneAnchor, MilestoneKey } from '../milestone-enums';
import {
  AnchorFacts,
  anchorsOf,
  applies,
  applyOffset,
  DEFAULT_MILESTONE_POLICY,
  dueDate,
  escalationDates,
  mayConfigureMilestonePolicy,
  mergePolicy,
  MilestoneAnchors,
  MilestoneOffset,
  offsetProblems,
  reminderDates,
} from './milestone-policy';

const K = MilestoneKey;
const anchors = (a: Partial<Record<MilestoneAnchor, string | null>>): MilestoneAnchors => ({
  [MilestoneAnchor.REMAND_DATE]: null,
  [MilestoneAnchor.SENTENCE_DATE]: null,
  [MilestoneAnchor.EARLIEST_RELEASE_DATE]: null,
  [MilestoneAnchor.RELEASE_DATE]: null,
  [MilestoneAnchor.NEXT_HEARING_DATE]: null,
  ...a,
});

describe('DEFAULT_MILESTONE_POLICY (DOMAIN.md "Deadlines")', () => {
  it.each`
    key                                | anchor                                   | amount | unit              | direction
    ${K.DETENTION_PLACEMENT_PLAN}      | ${MilestoneAnchor.REMAND_DATE}           | ${10}  | ${'WORKING_DAYS'} | ${'AFTER'}
    ${K.INITIAL_PLANNING_MEETING}      | ${MilestoneAnchor.SENTENCE_DATE}         | ${10}  | ${'WORKING_DAYS'} | ${'AFTER'}
    ${K.ACCOMMODATION_REFERRAL_SENT}   | ${MilestoneAnchor.SENTENCE_DATE}         | ${10}  | ${'WORKING_DAYS'} | ${'AFTER'}
    ${K.ACCOMMODATION_CONFIRMED}       | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${28}  | ${'DAYS'}         | ${'BEFORE'}
    ${K.CHILD_TOLD_WHERE_LIVING}       | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${14}  | ${'DAYS'}         | ${'BEFORE'}
    ${K.ETE_PLACE_CONFIRMED}           | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${14}  | ${'DAYS'}         | ${'BEFORE'}
    ${K.HEALTH_HANDOVER_ARRANGED}      | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${14}  | ${'DAYS'}         | ${'BEFORE'}
    ${K.DAY_OF_RELEASE_PLAN_CONFIRMED} | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${14}  | ${'DAYS'}         | ${'BEFORE'}
    ${K.PRE_RELEASE_MEETING_HELD}      | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${20}  | ${'WORKING_DAYS'} | ${'BEFORE'}
  `('$key: $amount $unit $direction $anchor', ({ key, anchor, amount, unit, direction }) => {
    const entry = DEFAULT_MILESTONE_POLICY[key as MilestoneKey];
    expect(entry.anchor).toBe(anchor);
    expect(entry.offset).toEqual({ amount, unit, direction });
    expect(entry.reminders).toEqual([
      { amount: 5, unit: 'WORKING_DAYS', direction: 'BEFORE' },
      { amount: 1, unit: 'WORKING_DAYS', direction: 'BEFORE' },
    ]);
    expect(entry.escalation.map((s) => [s.level, s.afterWorkingDays])).toEqual([
      [1, 0],
      [2, 2],
      [3, 5],
    ]);
  });

  it('adds the partner organisation’s lead to the ladder only for a partner’s pathway', () => {
    expect(DEFAULT_MILESTONE_POLICY[K.ETE_PLACE_CONFIRMED].escalation[1].notify).toEqual([
      'OWNER_MANAGER',
      'PARTNER_LEAD',
    ]);
    expect(DEFAULT_MILESTONE_POLICY[K.HEALTH_HANDOVER_ARRANGED].partnerPathways).toEqual([
      'PHYSICAL_HEALTH',
      'MENTAL_HEALTH',
      'SUBSTANCE_MISUSE',
    ]);
    expect(DEFAULT_MILESTONE_POLICY[K.INITIAL_PLANNING_MEETING].escalation.flatMap((s) => s.notify)).toEqual([
      'OWNER',
      'OWNER_MANAGER',
      'HEAD_OF_SERVICE',
    ]);
  });
});

describe('dueDate', () => {
  it.each`
    key                                | anchorName                               | anchor          | due             | why
    ${K.DETENTION_PLACEMENT_PLAN}      | ${MilestoneAnchor.REMAND_DATE}           | ${'2026-11-20'} | ${'2026-12-04'} | ${'Fri remand: Mon 23 is day 1, Fri 4 Dec day 10'}
    ${K.DETENTION_PLACEMENT_PLAN}      | ${MilestoneAnchor.REMAND_DATE}           | ${'2026-12-18'} | ${'2027-01-06'} | ${'Christmas: 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan skipped'}
    ${K.INITIAL_PLANNING_MEETING}      | ${MilestoneAnchor.SENTENCE_DATE}         | ${'2026-12-23'} | ${'2027-01-11'} | ${'24, 29, 30, 31 Dec, 4-8 Jan, 11 Jan'}
    ${K.ACCOMMODATION_REFERRAL_SENT}   | ${MilestoneAnchor.SENTENCE_DATE}         | ${'2026-11-23'} | ${'2026-12-07'} | ${'Mon + 10 working days'}
    ${K.ACCOMMODATION_CONFIRMED}       | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${'2027-03-15'} | ${'2027-02-15'} | ${'28 days before a Monday is a Monday'}
    ${K.ACCOMMODATION_CONFIRMED}       | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${'2027-01-22'} | ${'2026-12-24'} | ${'28 days before is Fri 25 Dec: back to Thu 24 Dec'}
    ${K.DAY_OF_RELEASE_PLAN_CONFIRMED} | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${'2027-03-13'} | ${'2027-02-26'} | ${'14 days before a Saturday is a Saturday: back to the Friday'}
    ${K.ETE_PLACE_CONFIRMED}           | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${'2027-01-11'} | ${'2026-12-24'} | ${'14 days before is Mon 28 Dec (bank holiday): back to Thu 24 Dec'}
    ${K.PRE_RELEASE_MEETING_HELD}      | ${MilestoneAnchor.EARLIEST_RELEASE_DATE} | ${'2027-01-15'} | ${'2026-12-15'} | ${'20 working days back over Christmas and New Year'}
  `('$key from $anchor → $due ($why)', ({ key, anchorName, anchor, due }) => {
    expect(dueDate(DEFAULT_MILESTONE_POLICY[key as MilestoneKey], anchors({ [anchorName]: anchor }))).toBe(due);
  });

  it('is null while the date it hangs on is unknown (remand: no release date, no sentence)', () => {
    expect(
      dueDate(
        DEFAULT_MILESTONE_POLICY[K.PRE_RELEASE_MEETING_HELD],
        anchors({ [MilestoneAnchor.REMAND_DATE]: '2026-11-20' }),
      ),
    ).toBeNull();
    expect(
      dueDate(
        DEFAULT_MILESTONE_POLICY[K.INITIAL_PLANNING_MEETING],
        anchors({ [MilestoneAnchor.REMAND_DATE]: '2026-11-20' }),
      ),
    ).toBeNull();
  });

  it.each<[string, MilestoneOffset, string]>([
    ['2026-11-21', { amount: 0, unit: 'DAYS', direction: 'AFTER' }, '2026-11-20'], // a Saturday itself → Friday
    ['2026-11-20', { amount: 1, unit: 'DAYS', direction: 'AFTER' }, '2026-11-20'], // Sat → back to Fri
    ['2026-11-20', { amount: 3, unit: 'DAYS', direction: 'AFTER' }, '2026-11-23'],
    ['2026-11-20', { amount: 1, unit: 'WORKING_DAYS', direction: 'AFTER' }, '2026-11-23'],
    ['2026-11-23', { amount: 1, unit: 'WORKING_DAYS', direction: 'BEFORE' }, '2026-11-20'],
  ])('applyOffset(%s, %j) = %s', (from, offset, expected) => {
    expect(applyOffset(from, offset)).toBe(expected);
  });
});

describe('anchorsOf', () => {
  const base: AnchorFacts = {
    startDate: '2026-10-01',
    remandDate: null,
    latestSentenceDate: null,
    earliestReleaseDate: null,
    earlyReleaseDate: null,
    lateReleaseDate: null,
    releaseDateOverride: null,
    expectedReleaseDate: null,
    sentenced: false,
    nextHearingDate: null,
  };
  it.each<[string, Partial<AnchorFacts>, Partial<Record<MilestoneAnchor, string | null>>]>([
    [
      'remand: only the remand date',
      { remandDate: '2026-10-01' },
      { REMAND_DATE: '2026-10-01', SENTENCE_DATE: null, EARLIEST_RELEASE_DATE: null },
    ],
    ['sentenced straight away: the start date', { sentenced: true }, { SENTENCE_DATE: '2026-10-01' }],
    [
      'sentenced after remand: the latest sentence',
      { remandDate: '2026-10-01', sentenced: true, latestSentenceDate: '2026-11-02' },
      { SENTENCE_DATE: '2026-11-02' },
    ],
    [
      'DTO 8+ months: the presumed early release (ETD)',
      { sentenced: true, earliestReleaseDate: '2027-03-01', expectedReleaseDate: '2027-04-01' },
      { EARLIEST_RELEASE_DATE: '2027-03-01', RELEASE_DATE: '2027-04-01' },
    ],
    [
      'early release granted for a later day',
      {
        sentenced: true,
        earliestReleaseDate: '2027-03-01',
        earlyReleaseDate: '2027-03-15',
        expectedReleaseDate: '2027-03-15',
      },
      { EARLIEST_RELEASE_DATE: '2027-03-15' },
    ],
    [
      'early release granted for a Saturday: the day the child leaves',
      {
        sentenced: true,
        earliestReleaseDate: '2026-12-30',
        earlyReleaseDate: '2027-01-02',
        expectedReleaseDate: '2026-12-31',
      },
      { EARLIEST_RELEASE_DATE: '2026-12-31' },
    ],
    [
      'late release ordered',
      {
        sentenced: true,
        earliestReleaseDate: '2027-03-01',
        lateReleaseDate: '2027-05-01',
        expectedReleaseDate: '2027-04-30',
      },
      { EARLIEST_RELEASE_DATE: '2027-04-30' },
    ],
    [
      'a manual override wins',
      {
        sentenced: true,
        earliestReleaseDate: '2027-03-01',
        releaseDateOverride: '2027-06-01',
        expectedReleaseDate: '2027-06-01',
      },
      { EARLIEST_RELEASE_DATE: '2027-06-01' },
    ],
    [
      'a presumed ETD on a Sunday: the Friday before',
      { sentenced: true, earliestReleaseDate: '2027-03-14', expectedReleaseDate: '2027-04-14' },
      { EARLIEST_RELEASE_DATE: '2027-03-12' },
    ],
    [
      'no early release: the expected day',
      { sentenced: true, expectedReleaseDate: '2027-02-05' },
      { EARLIEST_RELEASE_DATE: '2027-02-05' },
    ],
  ])('%s', (_label, facts, expected) => {
    expect(anchorsOf({ ...base, ...facts })).toMatchObject(expected);
  });
});

describe('applies', () => {
  it.each`
    key                           | remandDate      | disabled | expected
    ${K.DETENTION_PLACEMENT_PLAN} | ${'2026-11-20'} | ${false} | ${true}
    ${K.DETENTION_PLACEMENT_PLAN} | ${null}         | ${false} | ${false}
    ${K.INITIAL_PLANNING_MEETING} | ${null}         | ${false} | ${true}
    ${K.INITIAL_PLANNING_MEETING} | ${'2026-11-20'} | ${false} | ${true}
    ${K.ETE_PLACE_CONFIRMED}      | ${null}         | ${true}  | ${false}
  `('$key, remand $remandDate, disabled $disabled → $expected', ({ key, remandDate, disabled, expected }) => {
    expect(
      applies({ ...DEFAULT_MILESTONE_POLICY[key as MilestoneKey], disabled }, { remandDate, onRemand: !!remandDate }),
    ).toBe(expected);
  });
});

describe('reminders and escalation', () => {
  it('reminds 5 and 1 working days before, over Christmas', () => {
    expect(reminderDates('2027-01-06', DEFAULT_MILESTONE_POLICY[K.DETENTION_PLACEMENT_PLAN].reminders)).toEqual([
      '2026-12-29',
      '2027-01-05',
    ]);
  });
  it('escalates at the due date, then 2 and 5 working days after', () => {
    expect(
      escalationDates('2026-12-24', DEFAULT_MILESTONE_POLICY[K.INITIAL_PLANNING_MEETING].escalation).map((s) => [
        s.level,
        s.on,
      ]),
    ).toEqual([
      [1, '2026-12-24'],
      [2, '2026-12-30'],
      [3, '2027-01-05'],
    ]);
  });
});

describe('mergePolicy', () => {
  it('overrides an offset, the reminders and turns one off, leaving the rest and the defaults untouched', () => {
    const merged = mergePolicy(DEFAULT_MILESTONE_POLICY, [
      { key: K.ACCOMMODATION_CONFIRMED, offset: { amount: 42, unit: 'DAYS', direction: 'BEFORE' } },
      { key: K.INITIAL_PLANNING_MEETING, reminders: [{ amount: 3, unit: 'DAYS', direction: 'AFTER' }] },
      { key: K.CHILD_TOLD_WHERE_LIVING, disabled: true },
      { key: K.ETE_PLACE_CONFIRMED, offset: null, reminders: null, disabled: null },
    ]);
    expect(merged[K.ACCOMMODATION_CONFIRMED].offset).toEqual({ amount: 42, unit: 'DAYS', direction: 'BEFORE' });
    expect(merged[K.ACCOMMODATION_CONFIRMED].reminders).toEqual(
      DEFAULT_MILESTONE_POLICY[K.ACCOMMODATION_CONFIRMED].reminders,
    );
    expect(merged[K.INITIAL_PLANNING_MEETING].reminders).toEqual([{ amount: 3, unit: 'DAYS', direction: 'BEFORE' }]);
    expect(merged[K.CHILD_TOLD_WHERE_LIVING].disabled).toBe(true);
    expect(merged[K.ETE_PLACE_CONFIRMED]).toEqual(DEFAULT_MILESTONE_POLICY[K.ETE_PLACE_CONFIRMED]);
    expect(DEFAULT_MILESTONE_POLICY[K.ACCOMMODATION_CONFIRMED].offset.amount).toBe(28);
    expect(DEFAULT_MILESTONE_POLICY[K.CHILD_TOLD_WHERE_LIVING].disabled).toBe(false);
    expect(dueDate(merged[K.ACCOMMODATION_CONFIRMED], anchors({ EARLIEST_RELEASE_DATE: '2027-03-15' }))).toBe(
      '2027-02-01',
    );
  });

  it.each<[MilestoneOffset, number]>([
    [{ amount: 10, unit: 'WORKING_DAYS', direction: 'AFTER' }, 0],
    [{ amount: -1, unit: 'DAYS', direction: 'BEFORE' }, 1],
    [{ amount: 366, unit: 'DAYS', direction: 'BEFORE' }, 1],
    [{ amount: 1.5, unit: 'DAYS', direction: 'BEFORE' }, 1],
  ])('offsetProblems(%j) has %i problem(s)', (offset, n) => {
    expect(offsetProblems(offset)).toHaveLength(n);
  });
});

describe('mayConfigureMilestonePolicy', () => {
  const SERVICE = 'service-a';
  it.each`
    organisationId | roles                                  | expected
    ${SERVICE}     | ${['YJS_MANAGER']}                     | ${true}
    ${SERVICE}     | ${['YJS_CASE_MANAGER', 'YJS_MANAGER']} | ${true}
    ${SERVICE}     | ${['YJS_CASE_MANAGER']}                | ${false}
    ${'service-b'} | ${['YJS_MANAGER']}                     | ${false}
    ${SERVICE}     | ${['ESTABLISHMENT_MANAGER']}           | ${false}
    ${SERVICE}     | ${['NATIONAL_ADMIN']}                  | ${false}
  `('$roles of $organisationId → $expected', ({ organisationId, roles, expected }) => {
    expect(mayConfigureMilestonePolicy({ organisationId, roles }, SERVICE)).toBe(expected);
  });
});
