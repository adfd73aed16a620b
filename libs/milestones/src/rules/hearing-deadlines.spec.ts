import { MilestoneAnchor, MilestoneKey, MilestoneStatus } from '../milestone-enums';
import {
  AnchorFacts,
  anchorsOf,
  applies,
  DEFAULT_MILESTONE_POLICY,
  dueDate,
  hearingDeadlineWaiver,
  reopensForNextHearing,
  stillApplies,
} from './milestone-policy';

/**
 * The deadlines before each court hearing of a child on remand (issue 21): what makes release at court possible,
 * working days before the next hearing, moving with it, never for a sentenced child.
 */
const K = MilestoneKey;
const HEARING_KEYS = [
  K.HEARING_ACCOMMODATION_OPTION_IDENTIFIED,
  K.HEARING_CHILDRENS_SERVICES_INFORMED,
  K.HEARING_ETE_ARRANGEMENTS,
  K.HEARING_HEALTH_ARRANGEMENTS,
];

const onRemand: AnchorFacts = {
  startDate: '2026-11-02',
  remandDate: '2026-11-02',
  latestSentenceDate: null,
  earliestReleaseDate: null,
  earlyReleaseDate: null,
  lateReleaseDate: null,
  releaseDateOverride: null,
  expectedReleaseDate: null,
  sentenced: false,
  nextHearingDate: null,
};

describe('the hearing deadlines: how far before the next hearing', () => {
  it.each`
    key                                          | amount | partner
    ${K.HEARING_ACCOMMODATION_OPTION_IDENTIFIED} | ${5}   | ${['ACCOMMODATION']}
    ${K.HEARING_CHILDRENS_SERVICES_INFORMED}     | ${5}   | ${['FAMILY_AND_RELATIONSHIPS']}
    ${K.HEARING_ETE_ARRANGEMENTS}                | ${3}   | ${['EDUCATION_TRAINING_EMPLOYMENT']}
    ${K.HEARING_HEALTH_ARRANGEMENTS}             | ${3}   | ${['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE']}
  `('$key: $amount working days before the next hearing', ({ key, amount, partner }) => {
    const entry = DEFAULT_MILESTONE_POLICY[key as MilestoneKey];
    expect(entry.anchor).toBe(MilestoneAnchor.NEXT_HEARING_DATE);
    expect(entry.offset).toEqual({ amount, unit: 'WORKING_DAYS', direction: 'BEFORE' });
    expect(entry.appliesTo).toBe('ON_REMAND');
    expect(entry.partnerPathways).toEqual(partner);
    // The same reminders and ladder as every other deadline.
    expect(entry.reminders).toEqual(DEFAULT_MILESTONE_POLICY[K.ETE_PLACE_CONFIRMED].reminders);
    expect(entry.escalation.map((s) => s.afterWorkingDays)).toEqual([0, 2, 5]);
  });
});

describe('due dates from the hearing date (working days; the hearing day itself never counts)', () => {
  it.each`
    hearing         | fiveBefore      | threeBefore     | why
    ${'2026-12-16'} | ${'2026-12-09'} | ${'2026-12-11'} | ${'a Wednesday: a week before, and the Friday before'}
    ${'2026-12-14'} | ${'2026-12-07'} | ${'2026-12-09'} | ${'a Monday: the weekend is not counted'}
    ${'2027-01-04'} | ${'2026-12-23'} | ${'2026-12-29'} | ${'after Christmas: Christmas Day, Boxing Day (moved to the 28th) and New Year’s Day are not counted'}
    ${'2027-03-30'} | ${'2027-03-19'} | ${'2027-03-23'} | ${'the Tuesday after Easter: Good Friday and Easter Monday are not counted'}
  `('hearing $hearing: $fiveBefore and $threeBefore ($why)', ({ hearing, fiveBefore, threeBefore }) => {
    const anchors = anchorsOf({ ...onRemand, nextHearingDate: hearing });
    const due = (key: MilestoneKey) => dueDate(DEFAULT_MILESTONE_POLICY[key], anchors);
    expect(due(K.HEARING_ACCOMMODATION_OPTION_IDENTIFIED)).toBe(fiveBefore);
    expect(due(K.HEARING_CHILDRENS_SERVICES_INFORMED)).toBe(fiveBefore);
    expect(due(K.HEARING_ETE_ARRANGEMENTS)).toBe(threeBefore);
    expect(due(K.HEARING_HEALTH_ARRANGEMENTS)).toBe(threeBefore);
  });

  it('a service may set its own number of working days (configurable like every deadline)', () => {
    const entry = { ...DEFAULT_MILESTONE_POLICY[K.HEARING_ETE_ARRANGEMENTS] };
    entry.offset = { amount: 10, unit: 'WORKING_DAYS', direction: 'BEFORE' };
    expect(dueDate(entry, anchorsOf({ ...onRemand, nextHearingDate: '2026-12-16' }))).toBe('2026-12-02');
  });
});

describe('when the hearing deadlines apply', () => {
  it.each`
    facts                                                          | anchor          | why
    ${{ nextHearingDate: '2026-12-16' }}                           | ${'2026-12-16'} | ${'on remand with a next hearing'}
    ${{}}                                                          | ${null}         | ${'on remand, no hearing scheduled yet: no due date'}
    ${{ nextHearingDate: '2026-12-16', sentenced: true }}          | ${null}         | ${'sentenced: never planned from a hearing'}
    ${{ nextHearingDate: '2026-12-16', latestSentenceDate: null }} | ${'2026-12-16'} | ${'a remand without a sentence row'}
  `('$why → $anchor', ({ facts, anchor }) => {
    expect(anchorsOf({ ...onRemand, ...facts })[MilestoneAnchor.NEXT_HEARING_DATE]).toBe(anchor);
  });

  it.each`
    remandDate      | onRemandNow | nextHearingDate | planned  | stillOpen | why
    ${'2026-11-02'} | ${true}     | ${'2026-12-16'} | ${true}  | ${true}   | ${'on remand, a hearing scheduled'}
    ${'2026-11-02'} | ${true}     | ${null}         | ${false} | ${false}  | ${'on remand, no hearing (none yet, or cancelled): not planned, and open ones close'}
    ${'2026-11-02'} | ${false}    | ${null}         | ${false} | ${false}  | ${'began on remand, since sentenced or released: not planned, and open ones close'}
    ${null}         | ${false}    | ${null}         | ${false} | ${false}  | ${'sentenced from the start'}
  `('$why', ({ remandDate, onRemandNow, nextHearingDate, planned, stillOpen }) => {
    for (const key of HEARING_KEYS) {
      const entry = DEFAULT_MILESTONE_POLICY[key];
      expect(applies(entry, { remandDate, onRemand: onRemandNow, nextHearingDate })).toBe(planned);
      expect(stillApplies(entry, { onRemand: onRemandNow, nextHearingDate })).toBe(stillOpen);
    }
    // Every other deadline, once planned, stays whatever happens at court.
    expect(
      stillApplies(DEFAULT_MILESTONE_POLICY[K.DETENTION_PLACEMENT_PLAN], { onRemand: onRemandNow, nextHearingDate }),
    ).toBe(true);
  });

  it.each`
    sentenced | onRemandNow | cancelledHearingReason             | reason
    ${true}   | ${false}    | ${null}                            | ${'Does not apply: the child was sentenced'}
    ${false}  | ${false}    | ${null}                            | ${'Does not apply: the child is no longer on remand'}
    ${false}  | ${true}     | ${'The court vacated the listing'} | ${'Hearing cancelled: The court vacated the listing'}
    ${false}  | ${true}     | ${null}                            | ${'Does not apply: no hearing is scheduled'}
  `('an open hearing deadline that no longer applies is waived: $reason', (f) => {
    expect(hearingDeadlineWaiver({ ...f, onRemand: f.onRemandNow })).toBe(f.reason);
  });

  it.each`
    key                           | status                    | waivedById | onRemandNow | nextHearingDate | reopens  | why
    ${K.HEARING_ETE_ARRANGEMENTS} | ${MilestoneStatus.WAIVED} | ${null}    | ${true}     | ${'2026-12-16'} | ${true}  | ${'waived by the system when the hearing was cancelled; a new one scheduled'}
    ${K.HEARING_ETE_ARRANGEMENTS} | ${MilestoneStatus.WAIVED} | ${null}    | ${true}     | ${null}         | ${false} | ${'no hearing scheduled yet'}
    ${K.HEARING_ETE_ARRANGEMENTS} | ${MilestoneStatus.WAIVED} | ${'u-1'}   | ${true}     | ${'2026-12-16'} | ${false} | ${'a person waived it: that stands'}
    ${K.HEARING_ETE_ARRANGEMENTS} | ${MilestoneStatus.WAIVED} | ${null}    | ${false}    | ${null}         | ${false} | ${'sentenced: never again'}
    ${K.HEARING_ETE_ARRANGEMENTS} | ${MilestoneStatus.MET}    | ${null}    | ${true}     | ${'2026-12-16'} | ${false} | ${'met: stays met'}
    ${K.DETENTION_PLACEMENT_PLAN} | ${MilestoneStatus.WAIVED} | ${null}    | ${true}     | ${'2026-12-16'} | ${false} | ${'not a hearing deadline'}
  `('reopens for the next hearing? $why', ({ key, status, waivedById, onRemandNow, nextHearingDate, reopens }) => {
    const scope = { remandDate: '2026-11-02', onRemand: onRemandNow, nextHearingDate };
    expect(reopensForNextHearing(DEFAULT_MILESTONE_POLICY[key as MilestoneKey], { status, waivedById }, scope)).toBe(
      reopens,
    );
  });
});
