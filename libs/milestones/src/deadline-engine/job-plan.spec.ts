import { MilestoneKey, MilestoneStatus } from '../milestone-enums';
import { DEFAULT_MILESTONE_POLICY, mergePolicy } from '../rules/milestone-policy';
import {
  escalationsDue,
  jobsWithinReach,
  lateJob,
  morningOf,
  owedJobs,
  plannedJobs,
  reconcileWindow,
} from './job-plan';

const policy = DEFAULT_MILESTONE_POLICY[MilestoneKey.INITIAL_PLANNING_MEETING];
const m = (status: MilestoneStatus, dueDate: string | null, escalationLevel = 0, remindersSent = 0) => ({
  id: 'abc',
  status,
  dueDate,
  escalationLevel,
  remindersSent,
});

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
    [
      'missed at level 1',
      m(MilestoneStatus.MISSED, '2026-12-04', 1),
      ['m_abc_escalate2_2026-12-04', 'm_abc_escalate3_2026-12-04'],
    ],
    ['missed at level 2', m(MilestoneStatus.MISSED, '2026-12-04', 2), ['m_abc_escalate3_2026-12-04']],
    ['missed at the top', m(MilestoneStatus.MISSED, '2026-12-04', 3), []],
  ])('%s', (_name, milestone, ids) => {
    expect(plannedJobs(milestone, policy).map((j) => j.jobId)).toEqual(ids);
  });

  it.each([
    ['no reminder sent yet', 0, ['reminder1', 'reminder2', 'due', 'escalate2', 'escalate3']],
    ['the first reminder sent', 1, ['reminder2', 'due', 'escalate2', 'escalate3']],
    ['both reminders sent', 2, ['due', 'escalate2', 'escalate3']],
  ])('a pending milestone with %s plans only what is still to do', (_name, sent, names) => {
    expect(names_(plannedJobs(m(MilestoneStatus.PENDING, '2026-12-04', 0, sent), policy))).toEqual(names);
  });

  it('gives new ids when the due date moves, so the old jobs are found stale', () => {
    const before = plannedJobs(m(MilestoneStatus.PENDING, '2026-12-04'), policy).map((j) => j.jobId);
    const after = plannedJobs(m(MilestoneStatus.PENDING, '2026-12-11'), policy).map((j) => j.jobId);
    expect(before.filter((id) => after.includes(id))).toEqual([]);
  });
});

const TWO_DAYS = 48 * 3600 * 1000;
const names_ = (jobs: { name: string; data: { reminder?: number; level?: number } }[]) =>
  jobs.map((j) => `${j.name}${j.data.reminder ?? (j.name === 'escalate' ? j.data.level : '')}`);

describe('jobsWithinReach', () => {
  const jobs = plannedJobs(m(MilestoneStatus.PENDING, '2026-12-04'), policy);
  it.each([
    // Reminders 27 Nov and 3 Dec, due 4 Dec, escalations 8 and 11 Dec, all at 09:00 London (GMT).
    ['a fortnight before: nothing yet', '2026-11-20T10:00:00Z', []],
    ['two days before the first reminder: just it', '2026-11-25T09:00:00Z', ['reminder1']],
    [
      'the first reminder past: it stays (it may not have run), the second comes within reach',
      '2026-12-01T09:00:00Z',
      ['reminder1', 'reminder2'],
    ],
    [
      'the day before: the latest reminder passed (not both at once) and the due moment',
      '2026-12-03T10:00:00Z',
      ['reminder2', 'due'],
    ],
    [
      'the due moment passed: no reminders, the due job and the next level',
      '2026-12-06T10:00:00Z',
      ['due', 'escalate2'],
    ],
    ['long after: only the due job, which takes the later levels with it', '2027-01-10T10:00:00Z', ['due']],
  ])('%s', (_name, now, names) => {
    expect(names_(jobsWithinReach(jobs, new Date(now), TWO_DAYS))).toEqual(names);
  });

  it('of a missed milestone, the first level not yet taken and the next within reach', () => {
    const missed = plannedJobs(m(MilestoneStatus.MISSED, '2026-12-04', 1), policy);
    expect(names_(jobsWithinReach(missed, new Date('2026-12-09T10:00:00Z'), TWO_DAYS))).toEqual([
      'escalate2',
      'escalate3',
    ]);
    expect(names_(jobsWithinReach(missed, new Date('2027-01-10T10:00:00Z'), TWO_DAYS))).toEqual(['escalate2']);
  });
});

describe('owedJobs and lateJob: the action a milestone owes now, from its row alone', () => {
  const FIVE_MINUTES = 5 * 60 * 1000;
  it.each([
    // Reminders 27 Nov and 3 Dec, due 4 Dec, escalations 8 and 11 Dec, all at 09:00 London (GMT).
    [
      'pending, before its first reminder: nothing owed',
      m(MilestoneStatus.PENDING, '2026-12-04'),
      '2026-11-26T10:00:00Z',
      [],
      null,
    ],
    [
      'pending, the first reminder a minute ago: owed, not yet late',
      m(MilestoneStatus.PENDING, '2026-12-04'),
      '2026-11-27T09:01:00Z',
      ['reminder1'],
      null,
    ],
    [
      'pending, the first reminder an hour ago and not sent: late',
      m(MilestoneStatus.PENDING, '2026-12-04'),
      '2026-11-27T10:00:00Z',
      ['reminder1'],
      'reminder1',
    ],
    [
      'pending, the first reminder sent: nothing owed until the second',
      m(MilestoneStatus.PENDING, '2026-12-04', 0, 1),
      '2026-11-30T10:00:00Z',
      [],
      null,
    ],
    [
      'pending, both reminder days passed, none sent: only the latest is owed',
      m(MilestoneStatus.PENDING, '2026-12-04'),
      '2026-12-03T12:00:00Z',
      ['reminder2'],
      'reminder2',
    ],
    [
      'pending past its due moment: the due action, not a reminder',
      m(MilestoneStatus.PENDING, '2026-12-04', 0, 1),
      '2026-12-04T10:00:00Z',
      ['due'],
      'due',
    ],
    [
      'pending a month past due: the due action (it takes the later levels with it)',
      m(MilestoneStatus.PENDING, '2026-12-04'),
      '2027-01-04T10:00:00Z',
      ['due'],
      'due',
    ],
    [
      'missed at level 1, before level 2: nothing owed',
      m(MilestoneStatus.MISSED, '2026-12-04', 1),
      '2026-12-07T10:00:00Z',
      [],
      null,
    ],
    [
      'missed at level 1, level 2 an hour ago: late',
      m(MilestoneStatus.MISSED, '2026-12-04', 1),
      '2026-12-08T10:00:00Z',
      ['escalate2'],
      'escalate2',
    ],
    [
      'missed at level 1, both levels passed: the first not taken',
      m(MilestoneStatus.MISSED, '2026-12-04', 1),
      '2027-01-04T10:00:00Z',
      ['escalate2'],
      'escalate2',
    ],
    ['missed at the top: nothing owed', m(MilestoneStatus.MISSED, '2026-12-04', 3), '2027-01-04T10:00:00Z', [], null],
    ['met: nothing owed', m(MilestoneStatus.MET, '2026-12-04'), '2027-01-04T10:00:00Z', [], null],
    ['waived: nothing owed', m(MilestoneStatus.WAIVED, '2026-12-04'), '2027-01-04T10:00:00Z', [], null],
  ])('%s', (_name, milestone, now, owed, late) => {
    const jobs = plannedJobs(milestone, policy);
    expect(names_(owedJobs(jobs, new Date(now)))).toEqual(owed);
    const found = lateJob(jobs, new Date(now), FIVE_MINUTES);
    expect(found ? names_([found])[0] : null).toBe(late);
  });
});

describe('escalationsDue', () => {
  it.each([
    [
      'missed at level 1, the second step reached',
      m(MilestoneStatus.MISSED, '2026-12-04', 1),
      '2026-12-09T10:00:00Z',
      [2],
    ],
    [
      'missed at level 1, long after: both later steps',
      m(MilestoneStatus.MISSED, '2026-12-04', 1),
      '2027-01-10T10:00:00Z',
      [2, 3],
    ],
    ['a minute before the second step', m(MilestoneStatus.MISSED, '2026-12-04', 1), '2026-12-08T08:59:00Z', []],
    ['at the top already', m(MilestoneStatus.MISSED, '2026-12-04', 3), '2027-01-10T10:00:00Z', []],
    ['pending (the due job has not run)', m(MilestoneStatus.PENDING, '2026-12-04'), '2027-01-10T10:00:00Z', []],
    ['met', m(MilestoneStatus.MET, '2026-12-04'), '2027-01-10T10:00:00Z', []],
  ])('%s', (_name, milestone, now, levels) => {
    expect(escalationsDue(milestone, policy, new Date(now)).map((s) => s.level)).toEqual(levels);
  });
});

describe('reconcileWindow', () => {
  it('reaches a pending milestone whose first reminder (5 working days before) may be within reach, and every level', () => {
    // Tuesday 1 December: within reach until 3 December; a milestone due by then + 5 working days + a week is read.
    expect(reconcileWindow([DEFAULT_MILESTONE_POLICY], '2026-12-01', TWO_DAYS)).toEqual({
      pendingDueUntil: '2026-12-17',
      topLevel: 3,
    });
  });

  it('reaches further for a service whose reminders start earlier', () => {
    const early = mergePolicy(DEFAULT_MILESTONE_POLICY, [
      { key: MilestoneKey.INITIAL_PLANNING_MEETING, reminders: [{ amount: 20, unit: 'DAYS', direction: 'BEFORE' }] },
    ]);
    expect(reconcileWindow([DEFAULT_MILESTONE_POLICY, early], '2026-12-01', TWO_DAYS).pendingDueUntil).toBe(
      '2027-01-06',
    );
  });

  it('reaches as far as the reach', () => {
    expect(reconcileWindow([DEFAULT_MILESTONE_POLICY], '2026-12-01', 30 * 24 * 3600 * 1000).pendingDueUntil).toBe(
      '2027-01-15',
    );
  });

  it('never misses a job: every job within reach of a milestone it leaves out is none', () => {
    const today = '2026-12-01';
    const now = new Date(`${today}T10:00:00Z`);
    const { pendingDueUntil } = reconcileWindow([DEFAULT_MILESTONE_POLICY], today, TWO_DAYS);
    for (let day = 0; day < 400; day++) {
      const due = new Date(Date.UTC(2026, 11, 1 + day)).toISOString().slice(0, 10);
      if (due > pendingDueUntil)
        expect(jobsWithinReach(plannedJobs(m(MilestoneStatus.PENDING, due), policy), now, TWO_DAYS)).toEqual([]);
    }
  });
});
