import { todayIso } from '@resettle/common';
import { isOverdue, missedMilestones, nextMilestone, overdueBy, pathwaySummary } from './caseload-view';

const m = (key: string, dueDate: string | null, status: string) => ({ key, dueDate, status });

describe('caseload milestones', () => {
  it.each([
    ['none at all', [], null],
    ['the soonest still to do', [m('B', '2027-01-10', 'PENDING'), m('A', '2026-12-20', 'PENDING')], 'A'],
    [
      'met, waived and missed ones are not next',
      [
        m('A', '2026-12-01', 'MET'),
        m('B', '2026-12-02', 'WAIVED'),
        m('C', '2026-12-03', 'MISSED'),
        m('D', '2026-12-09', 'PENDING'),
      ],
      'D',
    ],
    ['one with no date yet (remand) is never next', [m('A', null, 'PENDING')], null],
  ])('next: %s', (_why, milestones, expected) => {
    expect(nextMilestone(milestones)?.key ?? null).toBe(expected);
  });

  it('missed: every missed one, in the order given', () => {
    expect(
      missedMilestones([
        m('A', '2026-11-01', 'MISSED'),
        m('B', '2026-11-05', 'MET'),
        m('C', '2026-11-09', 'MISSED'),
      ]).map((x) => x.key),
    ).toEqual(['A', 'C']);
  });
});

describe('overdue and today', () => {
  it.each([
    ['due yesterday, still to do', m('A', '2026-11-30', 'PENDING'), true],
    ['due today', m('A', '2026-12-01', 'PENDING'), false],
    ['met', m('A', '2026-11-01', 'MET'), false],
    ['no date', m('A', null, 'PENDING'), false],
  ])('%s', (_why, milestone, expected) => {
    expect(isOverdue(milestone, '2026-12-01')).toBe(expected);
  });

  it.each([
    ['2026-12-01T23:30:00Z', '2026-12-01'], // GMT in winter
    ['2026-06-30T23:30:00Z', '2026-07-01'], // BST: already the next day in London
  ])('%s is %s in London', (instant, day) => {
    // The caseload's "today" is common's todayIso: the calendar day in London.
    expect(todayIso(new Date(instant))).toBe(day);
  });
});

describe('overdue by and the pathway summary', () => {
  it.each([
    [null, null],
    ['2026-12-02', null],
    ['2026-12-01', null],
    ['2026-11-30', '1 day overdue'],
    ['2026-11-28', '3 days overdue'],
  ])('due %s is %s on 2026-12-01', (due, expected) => {
    expect(overdueBy(due, '2026-12-01')).toBe(expected);
  });

  it.each([
    ['no plan yet', [], { arranged: 0, total: 0, notArranged: [] }],
    [
      'only ARRANGED counts as arranged',
      [
        { type: 'ACCOMMODATION', status: 'ARRANGED' },
        { type: 'ETE', status: 'IN_PROGRESS' },
        { type: 'FINANCE', status: 'SUPPORT_NOT_REQUIRED' },
      ],
      { arranged: 1, total: 3, notArranged: ['ETE', 'FINANCE'] },
    ],
  ])('%s', (_why, pathways, expected) => {
    expect(pathwaySummary(pathways)).toEqual(expected);
  });
});
