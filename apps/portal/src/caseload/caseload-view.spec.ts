import { missedMilestones, nextMilestone } from './caseload-view';

const m = (key: string, dueDate: string | null, status: string) => ({ key, dueDate, status });

describe('caseload milestones', () => {
  it.each([
    ['none at all', [], null],
    ['the soonest still to do', [m('B', '2027-01-10', 'PENDING'), m('A', '2026-12-20', 'PENDING')], 'A'],
    ['met, waived and missed ones are not next', [m('A', '2026-12-01', 'MET'), m('B', '2026-12-02', 'WAIVED'), m('C', '2026-12-03', 'MISSED'), m('D', '2026-12-09', 'PENDING')], 'D'],
    ['one with no date yet (remand) is never next', [m('A', null, 'PENDING')], null],
  ])('next: %s', (_why, milestones, expected) => {
    expect(nextMilestone(milestones)?.key ?? null).toBe(expected);
  });

  it('missed: every missed one, in the order given', () => {
    expect(missedMilestones([m('A', '2026-11-01', 'MISSED'), m('B', '2026-11-05', 'MET'), m('C', '2026-11-09', 'MISSED')]).map((x) => x.key)).toEqual(['A', 'C']);
  });
});
