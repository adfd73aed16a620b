import { HearingOutcome } from '../custody-enums';
import {
  hearingDateProblem,
  outcomeEndsEpisode,
  outcomeProblem,
  sentenceAtWaitingHearingProblem,
} from './court-hearing';

const TODAY = '2026-12-07';

describe('hearingDateProblem: a hearing is set for today or later, within the episode', () => {
  it.each([
    // Today and later are fine.
    ['2026-12-07', '2026-11-01', null],
    ['2027-01-15', '2026-11-01', null],
    // A past day is refused: that hearing has happened, and is recorded with its outcome.
    [
      '2026-12-06',
      '2026-11-01',
      'The hearing date 2026-12-06 has passed: a hearing can only be set for today or later',
    ],
    // Before the episode began (a remand recorded ahead, in a test of the future): refused.
    ['2026-12-08', '2026-12-09', 'The hearing date cannot be before the episode began (2026-12-09)'],
  ])('hearing %s, episode from %s → %s', (date, start, message) => {
    const problem = hearingDateProblem(date, TODAY, start);
    expect(problem?.message ?? null).toBe(message);
    if (problem) expect(problem.field).toBe('hearingDate');
  });
});

describe('outcomeProblem: what each outcome needs', () => {
  const base = { hearingDate: '2026-12-07', today: TODAY, hasSentence: false };
  it.each([
    // Remanded again: the next hearing, after this one and not past.
    [{ outcome: HearingOutcome.REMANDED, nextHearingDate: '2027-01-04' }, null],
    [{ outcome: HearingOutcome.REMANDED }, 'nextHearingDate'],
    [{ outcome: HearingOutcome.REMANDED, nextHearingDate: '2026-12-07' }, 'nextHearingDate'],
    [{ outcome: HearingOutcome.REMANDED, nextHearingDate: '2026-12-01' }, 'nextHearingDate'],
    // Sentenced: the sentence.
    [{ outcome: HearingOutcome.SENTENCED, hasSentence: true }, null],
    [{ outcome: HearingOutcome.SENTENCED }, 'sentence'],
    // The episode ends: where the child went.
    [{ outcome: HearingOutcome.RELEASED_ON_BAIL, wentTo: 'Home to their mother' }, null],
    [{ outcome: HearingOutcome.RELEASED_ON_BAIL, wentTo: '  ' }, 'wentTo'],
    [{ outcome: HearingOutcome.REMANDED_TO_LOCAL_AUTHORITY, wentTo: 'Foster placement' }, null],
    [{ outcome: HearingOutcome.REMANDED_TO_LOCAL_AUTHORITY }, 'wentTo'],
    // Not before the hearing's day, whatever the outcome.
    [{ outcome: HearingOutcome.RELEASED_ON_BAIL, wentTo: 'Home', hearingDate: '2026-12-08' }, 'outcome'],
  ])('%j → %s', (facts, field) => {
    expect(outcomeProblem({ ...base, ...facts })?.field ?? null).toBe(field);
  });
});

describe('outcomeEndsEpisode', () => {
  it.each([
    [HearingOutcome.REMANDED, false],
    [HearingOutcome.SENTENCED, false],
    [HearingOutcome.RELEASED_ON_BAIL, true],
    [HearingOutcome.REMANDED_TO_LOCAL_AUTHORITY, true],
  ])('%s → %s', (outcome, ends) => expect(outcomeEndsEpisode(outcome)).toBe(ends));
});

describe('sentenceAtWaitingHearingProblem: a sentence recorded while a hearing waits for its outcome', () => {
  const hearing = { hearingDate: '2026-12-07', court: 'Leeds Youth Court' };
  it.each([
    // On the hearing's day, or later (adjourned for reports): that hearing's outcome is SENTENCED.
    ['2026-12-07', null],
    ['2026-12-21', null],
    // Before it: passed at a hearing the record does not hold; refused, naming the sentence date.
    [
      '2026-12-04',
      'The hearing at Leeds Youth Court on 2026-12-07 is still waiting for its outcome, and the sentence date 2026-12-04 is before it: if the child was sentenced at an earlier hearing, cancel the listed one with the reason, then record the sentence',
    ],
  ])('sentenced on %s → %s', (sentenceDate, message) => {
    const problem = sentenceAtWaitingHearingProblem(hearing, sentenceDate);
    expect(problem?.message ?? null).toBe(message);
    if (problem) expect(problem.field).toBe('sentence.sentenceDate');
  });
});
