import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Role } from '@resettle/access';
import { addWorkingDays, Clock, validateConfig } from '@resettle/common';
import { MILESTONE_JOBS_REACH, MilestoneJobs, MILESTONES_QUEUE } from '@resettle/milestones';
import { OutboxRelay } from '@resettle/queue';
import { insertDirectory } from './support/fixtures';
import { Session, TestApp } from './support/test-app';

/**
 * The deadline engine end to end: the api records a sentence, the worker (in this process, on the same database,
 * Redis prefix and clock) turns milestones into delayed jobs, and the clock is moved through a whole run of
 * reminders and escalations. Time moves only by `t.clock`; the reconciler stands in for the passing of real time.
 */
const MANAGER_EMAIL = 'leeds.manager@example.com';

describe('the deadline engine', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let queue: Queue;
  let manager: Session;
  let caseManagerId: string;
  let dir: Awaited<ReturnType<typeof insertDirectory>>;
  let episode: { id: string; version: number; earliestReleaseDate: string };
  const byKey: Record<string, { id: string; dueDate: string; status: string; version: number }> = {};

  // Every job of these milestones within reach, so each step can be seen in the queue; the last test uses the
  // worker's own default (two days).
  const ALL_WITHIN_REACH = 400 * 24 * 3600_000;
  const DEFAULT_REACH = validateConfig({}).MILESTONE_PLAN_AHEAD_HOURS * 3600_000;
  const startWorker = async (reachMs = ALL_WITHIN_REACH) => {
    const { createWorkerApp } =
      require('../apps/worker/src/create-worker-app') as typeof import('../apps/worker/src/create-worker-app');
    worker = await createWorkerApp((b) =>
      b.overrideProvider(Clock).useValue(t.clock).overrideProvider(MILESTONE_JOBS_REACH).useValue(reachMs),
    );
    queue = worker.get<Queue>(getQueueToken(MILESTONES_QUEUE), { strict: false });
  };

  const loadMilestones = async () => {
    const { milestones } = await manager.ok(
      `query($id: ID!) { milestones(episodeId: $id) { id key dueDate status version escalationLevel } }`,
      { id: episode.id },
    );
    for (const m of milestones) byKey[m.key] = m;
    return milestones;
  };

  /** Waits until the outbox is relayed and no job is waiting or running. */
  const settle = async () => {
    for (let i = 0; i < 300; i++) {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_message WHERE published_at IS NULL`,
      );
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (n === 0 && counts.waiting + counts.active + counts.prioritized === 0) {
        await new Promise((r) => setTimeout(r, 50));
        const again = await queue.getJobCounts('waiting', 'active', 'prioritized');
        if (again.waiting + again.active + again.prioritized === 0) return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the worker did not settle');
  };

  /** Moves the service's clock and lets the reconciler bring forward whatever is now due. */
  const moveTo = async (instant: string) => {
    t.clock.set(instant);
    await worker.get(MilestoneJobs).reconcile();
    await settle();
    // Access tokens last 15 minutes of the service's clock: sign in again at the new time.
    manager = await t.signIn(MANAGER_EMAIL, TestApp.TEST_PASSWORD);
  };

  /** "FLUSHALL", kept to this test's keys: other test runs share this Redis. */
  const flushRedis = async () => {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${process.env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    expect(await redis.keys(`${process.env.QUEUE_PREFIX}:*`)).toEqual([]);
    await redis.quit();
  };

  const jobState = async (jobId: string) => (await queue.getJob(jobId))?.getState() ?? 'absent';
  const notificationsFor = (milestoneId: string) =>
    t.dataSource.query(
      `SELECT kind, recipient_user_id, dedupe_key FROM notification WHERE dedupe_key LIKE $1 ORDER BY created_at, dedupe_key`,
      [`milestone:${milestoneId}:%`],
    );

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    dir = await insertDirectory(t.dataSource);
    caseManagerId = dir.leedsCaseManager.id;
    manager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: [Role.YJS_MANAGER], email: MANAGER_EMAIL });
    await startWorker();
    const { registerChild: child } = await manager.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName: 'Kai',
          familyName: 'Tester',
          dateOfBirth: '2010-03-01',
          gender: 'MALE',
          lookedAfter: false,
          careLeaver: false,
          hasEhcp: false,
          disabilities: [],
        },
      },
    );
    const { startCustodialEpisode } = await manager.ok(
      `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id version earliestReleaseDate } }`,
      {
        input: {
          childId: child.id,
          establishmentId: dir.wetherby.id,
          supervisingServiceId: dir.leedsYjs.id,
          caseManagerId,
          sentence: {
            sentenceType: 'DTO',
            sentenceDate: '2026-11-20',
            termMonths: 12,
            remandDays: 0,
            taggedBailDays: 0,
            qualifyingSeriousOffence: false,
            excludedFromFortyPercentRelease: false,
          },
        },
      },
    );
    episode = startCustodialEpisode;
    await settle();
  });

  afterAll(async () => {
    await worker?.close();
    await t?.stop();
  });

  it('a sentence recorded creates milestones with their due dates, and their delayed jobs', async () => {
    await loadMilestones();
    // Sentenced on Friday 20 November 2026: 10 working days later is Friday 4 December.
    expect(byKey.INITIAL_PLANNING_MEETING).toMatchObject({ dueDate: '2026-12-04', status: 'PENDING' });
    const id = byKey.INITIAL_PLANNING_MEETING.id;
    expect(await jobState(`m_${id}_reminder1_2026-12-04`)).toBe('delayed');
    expect(await jobState(`m_${id}_reminder2_2026-12-04`)).toBe('delayed');
    expect(await jobState(`m_${id}_due_2026-12-04`)).toBe('delayed');
    expect(await jobState(`m_${id}_escalate2_2026-12-04`)).toBe('delayed');
    expect(await jobState(`m_${id}_escalate3_2026-12-04`)).toBe('delayed');
    // Release-based, across Easter 2027: earliest release (a 12-month DTO) Wednesday 21 April 2027; 20 working days
    // before skips Easter Monday (29 March) and Good Friday (26 March): Monday 22 March, not Wednesday 24 March.
    expect(episode.earliestReleaseDate).toBe('2027-04-21');
    expect(byKey.PRE_RELEASE_MEETING_HELD).toMatchObject({ dueDate: '2027-03-22', status: 'PENDING' });
    expect(await jobState(`m_${byKey.PRE_RELEASE_MEETING_HELD.id}_due_2027-03-22`)).toBe('delayed');
    // A remand-only milestone is not created for a child sentenced straight to custody.
    expect(byKey.DETENTION_PLACEMENT_PLAN).toBeUndefined();
  });

  it('early release granted moves every dependent job: the old ones go, new ones take their place', async () => {
    const before = { ...byKey.DAY_OF_RELEASE_PLAN_CONFIRMED };
    const { custodialEpisode: current } = await manager.ok(
      `query($id: ID!) { custodialEpisode(id: $id) { version } }`,
      { id: episode.id },
    );
    await manager.ok(`mutation($input: GrantEarlyReleaseInput!) { grantEarlyRelease(input: $input) { version } }`, {
      input: {
        episodeId: episode.id,
        expectedVersion: current.version,
        releaseOn: addDays(episode.earliestReleaseDate, 14),
      },
    });
    await settle();
    await loadMilestones();
    const after = byKey.DAY_OF_RELEASE_PLAN_CONFIRMED;
    expect(after.dueDate).not.toBe(before.dueDate);
    expect(await jobState(`m_${after.id}_due_${before.dueDate}`)).toBe('absent');
    expect(await jobState(`m_${after.id}_reminder1_${before.dueDate}`)).toBe('absent');
    expect(await jobState(`m_${after.id}_due_${after.dueDate}`)).toBe('delayed');
    // Sentence-based milestones did not move.
    expect(byKey.INITIAL_PLANNING_MEETING.dueDate).toBe('2026-12-04');
  });

  it('with nothing done, reminds, then escalates at each level exactly once', async () => {
    const id = byKey.INITIAL_PLANNING_MEETING.id;
    const managerId = manager.userId;
    // The service's named head (organisation.lead_user_id) takes level 3; the local authority, responsible for the
    // accommodation pathway, has a named lead who joins levels 2 and 3 of the accommodation milestones.
    const head = await t.userSession({
      organisationId: dir.leedsYjs.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: 'leeds.head@example.com',
    });
    const partnerLead = await t.userSession({
      organisationId: dir.leeds.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: 'leeds.la.lead@example.com',
    });
    await t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [dir.leedsYjs.id, head.userId]);
    await t.dataSource.query(`UPDATE organisation SET lead_user_id = $2 WHERE id = $1`, [
      dir.leeds.id,
      partnerLead.userId,
    ]);
    await t.dataSource.query(
      `UPDATE pathway w SET responsible_organisation_id = $2 FROM resettlement_plan p WHERE w.plan_id = p.id AND p.episode_id = $1 AND w.type = 'ACCOMMODATION'`,
      [episode.id, dir.leeds.id],
    );
    const who = (userId: string) =>
      ({
        [caseManagerId]: 'caseManager',
        [managerId]: 'manager',
        [head.userId]: 'head',
        [partnerLead.userId]: 'partnerLead',
      })[userId] ?? userId;

    await moveTo('2026-11-27T09:30:00Z'); // 5 working days before: the first reminder
    expect(await notificationsFor(id)).toEqual([
      {
        kind: 'MILESTONE_REMINDER',
        recipient_user_id: caseManagerId,
        dedupe_key: `milestone:${id}:2026-12-04:reminder:1:${caseManagerId}`,
      },
    ]);

    await moveTo('2026-12-03T09:30:00Z'); // 1 working day before
    await moveTo('2026-12-04T09:30:00Z'); // due and unmet: missed, level 1 (the case manager)
    await loadMilestones();
    expect(byKey.INITIAL_PLANNING_MEETING).toMatchObject({ status: 'MISSED', escalationLevel: 1 });

    await moveTo('2026-12-08T09:30:00Z'); // 2 working days later: level 2 (the service's managers)
    await moveTo('2026-12-11T09:30:00Z'); // 5 working days later: level 3 (head of service)
    // Run everything again: nothing more happens.
    await moveTo('2026-12-11T09:31:00Z');

    const escalations = await t.dataSource.query(
      `SELECT level FROM milestone_escalation WHERE milestone_id = $1 ORDER BY level`,
      [id],
    );
    expect(escalations).toEqual([{ level: 1 }, { level: 2 }, { level: 3 }]);
    const sent = await notificationsFor(id);
    expect(sent.map((n: any) => `${n.kind}@${who(n.recipient_user_id)}`)).toEqual([
      'MILESTONE_REMINDER@caseManager',
      'MILESTONE_REMINDER@caseManager',
      'MILESTONE_ESCALATION@caseManager',
      'MILESTONE_ESCALATION@manager',
      'MILESTONE_ESCALATION@head',
    ]);
    // A partner's milestone: its lead joins levels 2 and 3, each once.
    const accommodation = byKey.ACCOMMODATION_REFERRAL_SENT.id;
    const partnerSent = (await notificationsFor(accommodation)).filter((n: any) => n.kind === 'MILESTONE_ESCALATION');
    expect(partnerSent.map((n: any) => `${n.dedupe_key.split(':')[4]}@${who(n.recipient_user_id)}`).sort()).toEqual(
      ['1@caseManager', '2@manager', '2@partnerLead', '3@head', '3@partnerLead'].sort(),
    );
    await loadMilestones();
    expect(byKey.INITIAL_PLANNING_MEETING).toMatchObject({ status: 'MISSED', escalationLevel: 3 });
  });

  it('a job delivered again (a worker killed after its work, before BullMQ heard) notifies nobody twice', async () => {
    const { id, dueDate } = byKey.INITIAL_PLANNING_MEETING;
    const sentBefore = await notificationsFor(id);
    const jobs = worker.get(MilestoneJobs);
    const redeliver = (name: 'due' | 'escalate', level?: number) =>
      jobs.run(name, {
        milestoneId: id,
        dueDate,
        runAt: '2026-12-04T09:00:00.000Z',
        level,
        notify: ['OWNER_MANAGER', 'HEAD_OF_SERVICE'],
      });
    expect(await redeliver('due')).toBe('stale');
    expect(await redeliver('escalate', 2)).toBe('stale');
    expect(await redeliver('escalate', 3)).toBe('stale');
    expect(await notificationsFor(id)).toEqual(sentBefore);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM milestone_escalation WHERE milestone_id = $1`, [id]),
    ).toEqual([{ n: 3 }]);
  });

  it('a job whose milestone a change is holding fails at once (BullMQ retries it), and the retry tells nobody twice', async () => {
    const { id, dueDate } = byKey.INITIAL_PLANNING_MEETING;
    const jobs = worker.get(MilestoneJobs);
    const sentBefore = await notificationsFor(id);
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT id FROM milestone WHERE id = $1 FOR UPDATE`, [id]);
      await expect(
        jobs.run('escalate', {
          milestoneId: id,
          dueDate,
          runAt: '2026-12-04T09:00:00.000Z',
          level: 3,
          notify: ['HEAD_OF_SERVICE'],
        }),
      ).rejects.toThrow(/being changed/);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // The retry finds the level already reached: nobody is told twice.
    expect(
      await jobs.run('escalate', {
        milestoneId: id,
        dueDate,
        runAt: '2026-12-04T09:00:00.000Z',
        level: 3,
        notify: ['HEAD_OF_SERVICE'],
      }),
    ).toBe('stale');
    expect(await notificationsFor(id)).toEqual(sentBefore);
  });

  it('a restarted worker and an emptied Redis lose nothing and repeat nothing', async () => {
    const id = byKey.INITIAL_PLANNING_MEETING.id;
    const release = byKey.DAY_OF_RELEASE_PLAN_CONFIRMED;
    const sentBefore = await notificationsFor(id);

    await worker.close();
    await flushRedis();

    await startWorker(); // reconciles at start
    await worker.get(MilestoneJobs).reconcile();
    await settle();
    // Future work is back, under the same ids; what already happened did not happen again.
    expect(await jobState(`m_${release.id}_due_${release.dueDate}`)).toBe('delayed');
    expect(await notificationsFor(id)).toEqual(sentBefore);
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM milestone_escalation WHERE milestone_id = $1`, [id]),
    ).toEqual([{ n: 3 }]);
  });

  it('meeting the milestone stops its reminders', async () => {
    const release = byKey.DAY_OF_RELEASE_PLAN_CONFIRMED;
    // Waived by a manager (with a reason), the milestone's pending jobs are removed.
    await manager.ok(`mutation($input: WaiveMilestoneInput!) { waiveMilestone(input: $input) { status } }`, {
      input: { milestoneId: release.id, expectedVersion: release.version, reason: 'Release-day plan agreed at court' },
    });
    await settle();
    expect(await jobState(`m_${release.id}_due_${release.dueDate}`)).toBe('absent');
  });

  it('keeps outbox rows while Redis is unreachable and relays them once it is back', async () => {
    const relay = worker.get(OutboxRelay);
    const spy = jest.spyOn(Queue.prototype, 'addBulk').mockRejectedValueOnce(new Error('Connection is closed.'));
    await t.dataSource.query(
      `INSERT INTO outbox_message (topic, payload, job_id) VALUES ('milestones.schedule', $1, 'schedule:outage-test')`,
      [{ milestoneId: byKey.INITIAL_PLANNING_MEETING.id }],
    );
    // The worker's own relay may race us for the row; run it until the failure has been recorded.
    for (let i = 0; i < 20 && spy.mock.calls.length === 0; i++) await relay.relayOnce();
    const [failed] = await t.dataSource.query(
      `SELECT published_at, attempts, last_error FROM outbox_message WHERE job_id = 'schedule:outage-test'`,
    );
    expect(failed).toMatchObject({ published_at: null, attempts: 1, last_error: 'Connection is closed.' });
    spy.mockRestore();
    await relay.relayOnce();
    await settle();
    const [done] = await t.dataSource.query(
      `SELECT published_at FROM outbox_message WHERE job_id = 'schedule:outage-test'`,
    );
    expect(done.published_at).toBeInstanceOf(Date);
  });

  it('holds only the jobs within reach (two days by default), and plans the rest as their moment comes near', async () => {
    await worker.close();
    await flushRedis();
    await startWorker(DEFAULT_REACH);
    await worker.get(MilestoneJobs).reconcile();
    await settle();
    await loadMilestones();
    const pre = byKey.PRE_RELEASE_MEETING_HELD;
    expect(pre.status).toBe('PENDING');
    const firstReminder = addWorkingDays(pre.dueDate, -5);
    // Months away: none of its jobs is queued.
    for (const job of ['reminder1', 'reminder2', 'due', 'escalate2', 'escalate3'])
      expect(await jobState(`m_${pre.id}_${job}_${pre.dueDate}`)).toBe('absent');
    // The day before its first reminder, the reconciler queues that reminder, and only that.
    await moveTo(`${addDays(firstReminder, -1)}T10:00:00Z`);
    expect(await jobState(`m_${pre.id}_reminder1_${pre.dueDate}`)).toBe('delayed');
    expect(await jobState(`m_${pre.id}_reminder2_${pre.dueDate}`)).toBe('absent');
    expect(await jobState(`m_${pre.id}_due_${pre.dueDate}`)).toBe('absent');
    // At its moment it runs: the case manager is reminded once.
    await moveTo(`${firstReminder}T09:30:00Z`);
    expect((await notificationsFor(pre.id)).map((n: any) => n.dedupe_key)).toEqual([
      `milestone:${pre.id}:${pre.dueDate}:reminder:1:${caseManagerId}`,
    ]);

    // Nothing runs for three weeks (a worker down): one late due job takes the whole ladder, each level once.
    await moveTo(`${addWorkingDays(pre.dueDate, 15)}T10:00:00Z`);
    await loadMilestones();
    expect(byKey.PRE_RELEASE_MEETING_HELD).toMatchObject({ status: 'MISSED', escalationLevel: 3 });
    expect(
      await t.dataSource.query(`SELECT level FROM milestone_escalation WHERE milestone_id = $1 ORDER BY level`, [
        pre.id,
      ]),
    ).toEqual([{ level: 1 }, { level: 2 }, { level: 3 }]);
    const escalations = (await notificationsFor(pre.id)).filter((n: any) => n.kind === 'MILESTONE_ESCALATION');
    expect(
      escalations
        .map(
          (n: any) =>
            `${n.dedupe_key.split(':')[4]}@${n.recipient_user_id === caseManagerId ? 'caseManager' : n.recipient_user_id === manager.userId ? 'manager' : 'head'}`,
        )
        .sort(),
    ).toEqual(['1@caseManager', '2@manager', '3@head']);
    expect(await jobState(`m_${pre.id}_escalate3_${pre.dueDate}`)).toBe('absent');
  });
});

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
