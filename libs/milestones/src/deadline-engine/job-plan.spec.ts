import { MilestoneStatus } from '../milestone-enums';
import { DEFAULT_MILESTONE_POLICY } from '../rules/milestone-policy';
import { MilestoneKey } from '../milestone-enums';
import { morningOf, plannedJobs } from './job-plan';

const policy = DEFAULT_MILESTONE_POLICY[MilestoneKey.INITIAL_PLANNING_MEETING];
const m = (status: MilestoneStatus, dueDate: string | null, escalationLevel = 0) => ({ id: 'abc', status, dueDate, escalationLevel });

describe('morningOf', () => {
  it.each([
    ['2026-12-04', '2026-12-04T09:00:00.000Z'], // GMT
    ['2027-06-10', '2027-06-10T08:00:00.000Z'], // BST
    ['2027-03-28', '2027-03-28T08:00:00.000Z'], // the day the clocks go forward
    ['2026-10-25', '2026-10-25T09:00:00.000Z'], // the day they go back
  ])('09:00 in London on %s is %s', (date, instant) => {
    expect(morningOf(date).toISOString()).toBe(instant);
  });
});

describe('plannedJobs', () => {
  it('plans the reminders, the due moment and the later escalation levels of a pending milestone', () => {
    const jobs = plannedJobs(m(MilestoneStatus.PENDING, '2026-12-04'), policy);
    expect(jobs.map((j) => [j.jobId, j.runAt.toISOString()])).toEqual([
      ['m_abc_reminder1_2026-12-04', '2026-11-27T09:00:00.000Z'], // 5 working days before
      ['m_abc_reminder2_2026-12-04', '2026-12-03T09:00:00.000Z'], // 1 working day before
      ['m_abc_due_2026-12-04', '2026-12-04T09:00:00.000Z'],
      ['m_abc_escalate2_2026-12-04', '2026-12-08T09:00:00.000Z'], // 2 working days after
      ['m_abc_escalate3_2026-12-04', '2026-12-11T09:00:00.000Z'], // 5 working days after
    ]);
    expect(jobs.every((j) => !j.jobId.includes(':'))).toBe(true);
  });

  it.each([
    ['met', m(MilestoneStatus.MET, '2026-12-04'), []],
    ['waived', m(MilestoneStatus.WAIVED, '2026-12-04'), []],
    ['no due date yet', m(MilestoneStatus.PENDING, null), []],
    ['missed at level 1', m(MilestoneStatus.MISSED, '2026-12-04', 1), ['m_abc_escalate2_2026-12-04', 'm_abc_escalate3_2026-12-04']],
    ['missed at level 2', m(MilestoneStatus.MISSED, '2026-12-04', 2), ['m_abc_escalate3_2026-12-04']],
    ['missed at the top', m(MilestoneStatus.MISSED, '2026-12-04', 3), []],
  ])('%s', (_name, milestone, ids) => {
    expect(plannedJobs(milestone, policy).map((j) => j.jobId)).toEqual(ids);
  });

  it('gives new ids when the due date moves, so the old jobs are found stale', () => {
    const before = plannedJobs(m(MilestoneStatus.PENDING, '2026-12-04'), policy).map((j) => j.jobId);
    const after = plannedJobs(m(MilestoneStatus.PENDING, '2026-12-11'), policy).map((j) => j.jobId);
    expect(before.filter((id) => after.includes(id))).toEqual([]);
  });
});
