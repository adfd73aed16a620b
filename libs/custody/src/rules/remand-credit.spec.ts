import { reasonForDifferentRemandDays, remandCreditDifference, remandDaysKnown } from './remand-credit';

describe('remandDaysKnown: the days on remand in this episode, up to the sentence', () => {
  it.each([
    // Not on remand in this episode (sentenced straight to custody).
    [null, '2026-09-01', 0],
    // Sentenced the day of remand: the sentence runs from that day.
    ['2026-09-01', '2026-09-01', 0],
    ['2026-08-31', '2026-09-01', 1],
    // August: 31 days, the remand day counted, the sentence day not.
    ['2026-08-01', '2026-09-01', 31],
    // Across a leap day and a clock change.
    ['2028-02-01', '2028-04-01', 60],
    ['2026-03-20', '2026-04-02', 13],
  ])('remanded %s, sentenced %s → %i', (remandDate, sentenceDate, days) => {
    expect(remandDaysKnown(remandDate, sentenceDate)).toBe(days);
  });
});

describe('remandCreditDifference and reasonForDifferentRemandDays: a credit that differs needs a reason', () => {
  it.each([
    // The known days, with or without a reason: nothing to say.
    [31, 31, undefined, null, null],
    [0, 0, undefined, null, null],
    [31, 31, 'Remand elsewhere', null, null],
    // More than known: remand elsewhere.
    [
      31,
      45,
      undefined,
      '14 days more than the 31 days on remand known in this episode',
      'A credit of 45 days is 14 days more than the 31 days on remand known in this episode: say why (for example, remand elsewhere)',
    ],
    [
      31,
      45,
      'Remanded at Medway STC before this episode (14 days)',
      '14 days more than the 31 days on remand known in this episode',
      null,
    ],
    // Fewer than known.
    [
      1,
      0,
      undefined,
      '1 day fewer than the 1 day on remand known in this episode',
      'A credit of 0 days is 1 day fewer than the 1 day on remand known in this episode: say why (for example, remand elsewhere)',
    ],
    [
      21,
      3,
      'Counted against an earlier sentence',
      '18 days fewer than the 21 days on remand known in this episode',
      null,
    ],
    // A blank reason is no reason.
    [
      0,
      1,
      '   ',
      '1 day more than the 0 days on remand known in this episode',
      'A credit of 1 day is 1 day more than the 0 days on remand known in this episode: say why (for example, remand elsewhere)',
    ],
  ])('known %i, credited %i, reason %j', (known, credited, reason, difference, problem) => {
    expect(remandCreditDifference(known, credited)).toBe(difference);
    expect(reasonForDifferentRemandDays(known, credited, reason)).toBe(problem);
  });
});
