import { releaseDeparture } from './release-departure';

describe('releaseDeparture: a release far from the expected day needs a reason', () => {
  it.each([
    // Remand: no expected day, nothing to depart from.
    [null, '2026-11-10', null],
    // Within three days either way: ordinary.
    ['2026-12-30', '2026-12-30', null],
    ['2026-12-30', '2026-12-27', null],
    ['2026-12-30', '2027-01-02', null],
    // Further: how far, and which way.
    ['2026-12-30', '2026-12-26', { days: -4, words: '4 days before the expected release day 2026-12-30' }],
    ['2026-12-30', '2027-01-03', { days: 4, words: '4 days after the expected release day 2026-12-30' }],
    // Four months early (the case the inspectors found accepted without a word).
    ['2027-03-29', '2026-11-29', { days: -120, words: '120 days before the expected release day 2027-03-29' }],
  ])('expected %s, left %s → %j', (expected, left, result) => {
    expect(releaseDeparture(expected, left)).toEqual(result);
  });
});
