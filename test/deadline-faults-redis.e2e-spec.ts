import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DeadlineWorld, DueMilestone } from './support/deadline-world';
import { PrivateRedis } from './support/redis-server';
import { TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

/**
 * The deadline engine when Redis loses everything, with the real worker in processes of its own on a Redis of the
 * test's own (so it can be emptied, killed and restarted), and the service's clock started just before a moment
 * when deadlines fall due. Nobody restarts anything: the engine must notice and rebuild from PostgreSQL by itself,
 * and every deadline action still happens exactly once, within the stated bound of the fault ending.
 */
const WATCH_MS = 300;
/**
 * How late, after the moment (or after Redis is back), an action may be: the watch interval plus a rebuild and a batch.
 */
const BOUND_MS = 5000;

describe('deadline engine faults: Redis', () => {
  let t: TestApp;
  let world: DeadlineWorld;
  let redis: PrivateRedis;
  const workers: WorkerProcess[] = [];
  const logDir = tmpdir();

  const startWorker = async (clockStartAt: string, name: string) => {
    const worker = await WorkerProcess.start({
      logFile: join(logDir, `resettle-${process.env.QUEUE_PREFIX}-${name}.log`),
      env: {
        DATABASE_URL: t.db.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
        CLOCK_START_AT: clockStartAt,
        QUEUE_WATCH_INTERVAL_MS: String(WATCH_MS),
        DEADLINE_WATCHDOG_INTERVAL_MS: '500',
        DEADLINE_WATCHDOG_GRACE_SECONDS: '2',
        OUTBOX_POLL_MS: '100',
      },
    });
    workers.push(worker);
    return worker;
  };

  const queueOn = (name: string) =>
    new Queue(name, { connection: { host: '127.0.0.1', port: redis.port }, prefix: process.env.QUEUE_PREFIX });

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    world = await DeadlineWorld.build(t);
  });

  // Each test's workers end with it, whatever happened: a worker left running on its own clock would act in the next.
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await t?.stop();
    await redis?.stop();
  });

  let first: DueMilestone[];

  it('Redis emptied between planning and the moment: the worker notices at once, rebuilds from PostgreSQL, and each action happens once', async () => {
    // Sentenced Friday 20 November: the two first deadlines of each child are due Friday 4 December, 09:00.
    first = await world.sentence(4, '2026-11-20', '2026-12-04');
    const worker = await startWorker('2026-12-04T08:59:50Z', 'flush');
    const moment = await worker.realInstantOf('2026-12-04T09:00:00Z');
    const probe = new Redis(redis.url);
    const dueJobKey = (m: DueMilestone) => `${process.env.QUEUE_PREFIX}:milestones:m_${m.id}_due_${m.dueDate}`;
    // Planned: each milestone's due job waits in Redis (and the reminder of the day before, owed, has gone out).
    await DeadlineWorld.until('the due jobs to be planned', async () =>
      (await Promise.all(first.map((m) => probe.exists(dueJobKey(m))))).every(Boolean),
    );
    await DeadlineWorld.until('the reminders owed from the day before to be sent', world.reminded(first, 2));
    expect(Date.now()).toBeLessThan(moment);

    await probe.flushall();

    await DeadlineWorld.until('every milestone to reach level 1', world.escalated(first, 1), 20_000);
    await world.expectExactlyOnce(
      first,
      [1],
      ['escalation:1@caseManager', 'reminder:2@caseManager'],
      moment + BOUND_MS,
    );
    // The job schedulers are back without a restart, and the rebuild is on record with why.
    const milestones = queueOn('milestones');
    const notifications = queueOn('notifications');
    expect(await milestones.getJobScheduler('reconcile-milestones')).toBeTruthy();
    expect(await notifications.getJobScheduler('notifications-daily-digest')).toBeTruthy();
    await Promise.all([milestones.close(), notifications.close(), probe.quit()]);
    const rebuilds = await t.dataSource.query(`SELECT reason, outcome FROM queue_rebuild ORDER BY id`);
    expect(rebuilds).toEqual([
      { reason: 'worker started', outcome: 'DONE' },
      // Whichever check sees the emptied Redis first (the marker key or a lost job scheduler) starts the one rebuild.
      { reason: expect.stringMatching(/marker is missing|job scheduler .* is missing/), outcome: 'DONE' },
    ]);
    expect((await worker.waitFor('/health/ready', (status) => status === 200)).body.checks.queueState).toEqual({
      ok: true,
    });
    await worker.stop();
  });

  it('Redis lost only some keys (the job schedulers, not their next runs): the worker makes them again', async () => {
    const worker = await startWorker('2026-12-05T10:00:00Z', 'partial');
    const probe = new Redis(redis.url);
    const prefix = process.env.QUEUE_PREFIX;
    const milestones = queueOn('milestones');
    const notifications = queueOn('notifications');
    try {
      await DeadlineWorld.until(
        'the schedulers',
        async () => !!(await milestones.getJobScheduler('reconcile-milestones')),
      );
      // The schedulers' own keys and the marker go; their next iterations (delayed jobs) stay behind.
      await probe.del(
        `${prefix}:queue-state:marker`,
        `${prefix}:milestones:repeat`,
        `${prefix}:milestones:repeat:reconcile-milestones`,
        `${prefix}:notifications:repeat`,
        `${prefix}:notifications:repeat:notifications-daily-digest`,
      );
      expect(await milestones.getJobScheduler('reconcile-milestones')).toBeFalsy();
      await DeadlineWorld.until(
        'the schedulers to be made again',
        async () =>
          !!(await milestones.getJobScheduler('reconcile-milestones')) &&
          !!(await notifications.getJobScheduler('notifications-daily-digest')),
        10_000,
      );
      await DeadlineWorld.until(
        'the rebuild to finish',
        async () =>
          (await t.dataSource.query(`SELECT outcome FROM queue_rebuild ORDER BY id DESC LIMIT 1`))[0].outcome !== null,
      );
      const [last] = await t.dataSource.query(`SELECT reason, outcome FROM queue_rebuild ORDER BY id DESC LIMIT 1`);
      expect(last).toEqual({ reason: expect.stringMatching(/marker is missing/), outcome: 'DONE' });
      // One next run each, not two.
      expect(
        (await milestones.getDelayed()).filter((j) => j.id?.startsWith('repeat:reconcile-milestones:')),
      ).toHaveLength(1);
      await worker.waitFor('/health/ready', (status) => status === 200, 10_000);
    } finally {
      await Promise.all([milestones.close(), notifications.close(), probe.quit()]);
    }
  });

  it('Redis restarted empty while deadlines fall due, two workers running: readiness and metrics show it, one rebuild at a time, each action once', async () => {
    // Sentenced Friday 27 November: due Friday 11 December, 09:00; the first children's level 3 is due then too.
    t.clock.set('2026-11-30T10:00:00Z');
    const second = await world.sentence(4, '2026-11-27', '2026-12-11');
    const a = await startWorker('2026-12-11T08:59:45Z', 'restart-a');
    const b = await startWorker('2026-12-11T08:59:45Z', 'restart-b');
    const moment = await a.realInstantOf('2026-12-11T09:00:00Z');
    // The first children's level 2 (8 December) was owed when the workers started: taken at once, once.
    await DeadlineWorld.until('the first children to reach level 2', world.escalated(first, 2), 20_000);

    await redis.kill();
    // While Redis is away and the moment passes, both workers say they are not ready, and the watchdog (from
    // PostgreSQL alone) counts the actions now late.
    await new Promise((r) => setTimeout(r, Math.max(0, moment - Date.now()) + 3000));
    for (const worker of [a, b]) {
      const ready = await worker.waitFor(
        '/health/ready',
        (status, body) => status === 503 && body.checks.deadlines?.ok === false,
      );
      expect(ready.body.checks.redis.ok).toBe(false);
      expect(ready.body.checks.deadlines.detail.lateActions).toBe(second.length + first.length);
      expect((await worker.get('/metrics'))!.body).toMatch(
        new RegExp(`resettle_deadline_late_actions\\{app="worker"\\} ${second.length + first.length}`),
      );
    }

    await redis.restart();
    const back = Date.now();
    await DeadlineWorld.until(
      'every milestone to be escalated',
      async () => (await world.escalated(second, 1)()) && (await world.escalated(first, 3)()),
      20_000,
    );
    await world.expectExactlyOnce(second, [1], ['escalation:1@caseManager', 'reminder:2@caseManager'], back + BOUND_MS);
    await world.expectExactlyOnce(
      first,
      [1, 2, 3],
      ['escalation:1@caseManager', 'escalation:2@manager', 'escalation:3@manager', 'reminder:2@caseManager'],
    );
    for (const worker of [a, b]) await worker.waitFor('/health/ready', (status) => status === 200, 10_000);

    // One rebuild at a time across the workers: no two rebuilds' spans overlap.
    const rebuilds: { worker_id: string; started: number; finished: number; outcome: string }[] =
      await t.dataSource.query(
        `SELECT worker_id, extract(epoch FROM started_at) * 1000 AS started, extract(epoch FROM finished_at) * 1000 AS finished, outcome
         FROM queue_rebuild ORDER BY started_at`,
      );
    expect(rebuilds.every((r) => r.outcome === 'DONE')).toBe(true);
    for (let i = 1; i < rebuilds.length; i++)
      expect(Number(rebuilds[i].started)).toBeGreaterThanOrEqual(Number(rebuilds[i - 1].finished));
    expect(rebuilds.filter((r) => r.started >= back - 1000).length).toBeGreaterThanOrEqual(1);
  });
});
