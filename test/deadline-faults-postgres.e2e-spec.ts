import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DeadlineWorld } from './support/deadline-world';
import { TcpProxy } from './support/tcp-proxy';
import { TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

/**
 * The deadline engine and the api when PostgreSQL goes away, through a TCP proxy the test cuts (never the machine's
 * PostgreSQL, which others share); and a job that fails for good for another reason. The worker runs in a process of
 * its own with the retry budget for bugs cut to 1.5 s (5 attempts from 100 ms), so an outage of a few seconds is
 * already far longer than the whole budget.
 */
const RETRY_DELAY_MS = 100;
const OUTAGE_RETRY_MAX_MS = 1000;
/** After PostgreSQL is back: the longest wait between two tries of a job, plus a batch. */
const BOUND_MS = OUTAGE_RETRY_MAX_MS + 3000;

describe('deadline engine faults: PostgreSQL', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let world: DeadlineWorld;
  const workers: WorkerProcess[] = [];

  const startWorker = async (clockStartAt: string, name: string, viaProxy: boolean) => {
    const worker = await WorkerProcess.start({
      logFile: join(tmpdir(), `resettle-${process.env.QUEUE_PREFIX}-${name}.log`),
      env: {
        DATABASE_URL: viaProxy ? proxy.through(t.db.url) : t.db.url,
        QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
        CLOCK_START_AT: clockStartAt,
        MILESTONE_JOB_RETRY_DELAY_MS: String(RETRY_DELAY_MS),
        MILESTONE_JOB_OUTAGE_RETRY_MAX_MS: String(OUTAGE_RETRY_MAX_MS),
        QUEUE_WATCH_INTERVAL_MS: '300',
        DEADLINE_WATCHDOG_INTERVAL_MS: '500',
        DEADLINE_WATCHDOG_GRACE_SECONDS: '2',
        OUTBOX_POLL_MS: '100',
      },
    });
    workers.push(worker);
    return worker;
  };

  let queue: Queue;

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    // The api reaches PostgreSQL through the proxy too; the test's own connection (fixtures, assertions) does not.
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z', reachDatabase: (url) => proxy.through(url) });
    world = await DeadlineWorld.build(t);
    queue = new Queue('milestones', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: process.env.QUEUE_PREFIX,
    });
  });

  // Each test's workers end with it, whatever happened: a worker left running on its own clock would act in the next.
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
    await proxy.restore();
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await queue?.close();
    await proxy?.restore();
    await t?.stop();
    await proxy?.stop();
  });

  it('PostgreSQL away far longer than the retry budget: nothing is lost, the api says "try again", each action happens once when it is back', async () => {
    const due = await world.sentence(4, '2026-11-20', '2026-12-04');
    const worker = await startWorker('2026-12-04T08:59:53Z', 'outage', true);
    const moment = await worker.realInstantOf('2026-12-04T09:00:00Z');
    await DeadlineWorld.until('the due jobs to be planned', async () =>
      (await Promise.all(due.map((m) => queue.getJob(`m_${m.id}_due_${m.dueDate}`)))).every(Boolean),
    );
    // The reminders owed from the day before go out first.
    await DeadlineWorld.until('the reminders to be sent', world.reminded(due, 2));

    await proxy.cut();
    // The moment passes; then the outage lasts four times the whole retry budget for bugs.
    await new Promise((r) => setTimeout(r, Math.max(0, moment - Date.now()) + 6000));
    // Meanwhile: the worker is not ready and says why; no job has failed for good (an outage spends no attempt).
    const ready = await worker.waitFor('/health/ready', (status) => status === 503);
    expect(ready.body.checks.postgres.ok).toBe(false);
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    // The api answers a change with SERVICE_UNAVAILABLE and when to try again, not INTERNAL; nothing is written.
    const children = await t.dataSource.query(`SELECT count(*)::int AS n FROM child`);
    const refused = await world.manager.graphql(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
      {
        input: {
          givenName: 'Outage',
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
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: expect.any(Number) },
    });
    expect(refused.errors?.[0].message).toMatch(/try again/i);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM child`)).toEqual(children);

    await proxy.restore();
    const back = Date.now();
    await DeadlineWorld.until('every milestone to reach level 1', world.escalated(due, 1), 20_000);
    await world.expectExactlyOnce(due, [1], ['escalation:1@caseManager', 'reminder:2@caseManager'], back + BOUND_MS);
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    expect(worker.logText()).toMatch(/found PostgreSQL or Redis away; trying again in \d+ ms/);
    await worker.waitFor('/health/ready', (status) => status === 200, 10_000);
    // And the api works again, by itself.
    expect((await world.manager.graphql(`{ me { id } }`)).errors).toBeUndefined();
    await worker.stop();
  });

  it('a job that fails for good (not an outage) is logged at error level with its milestone, and the watchdog plans its action again', async () => {
    t.clock.set('2026-11-30T10:00:00Z');
    const due = await world.sentence(2, '2026-11-27', '2026-12-11');
    const stuck = due[0];
    // A change that holds one milestone's row the whole time its due job tries: each try fails at once ("being
    // changed"), which is no outage, so all 5 attempts are spent and the job fails for good.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT id FROM milestone WHERE id = $1 FOR UPDATE`, [stuck.id]);
    const dueJob = `m_${stuck.id}_due_${stuck.dueDate}`;
    const failedForGood = (worker: WorkerProcess) =>
      worker
        .logText()
        .split('\n')
        .filter((line) => line.includes('failed for good'))
        .map((line) => JSON.parse(line));
    let worker: WorkerProcess;
    try {
      worker = await startWorker('2026-12-11T08:59:57Z', 'failed-for-good', false);
      await DeadlineWorld.until(
        'the held milestone’s due job to fail for good',
        async () => failedForGood(worker).some((entry) => entry.jobId === dueJob),
        30_000,
      );
      // The others were not held back by it.
      await DeadlineWorld.until('the other milestones to reach level 1', world.escalated(due.slice(1), 1));
      // While its action is late, readiness says so (grace 2 s).
      const ready = await worker.waitFor(
        '/health/ready',
        (status, body) => status === 503 && body.checks.deadlines?.ok === false,
      );
      expect(ready.body.checks.deadlines.detail.worst[0]).toMatchObject({ milestoneId: stuck.id, action: 'due' });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const released = Date.now();
    await DeadlineWorld.until('the held milestone to reach level 1', world.escalated([stuck], 1), 20_000);
    await world.expectExactlyOnce(due.slice(1), [1], ['escalation:1@caseManager', 'reminder:2@caseManager']);
    // The held one's reminder could not go out before its due moment passed, and is then no use: the escalation says
    // it.
    await world.expectExactlyOnce([stuck], [1], ['escalation:1@caseManager'], released + 5000);
    // Each time it failed for good (the watchdog kept planning it again while the row was held) it was logged at
    // error level, naming its milestone; no other job failed.
    const failures = failedForGood(worker!);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    for (const entry of failures) expect(entry).toMatchObject({ level: 50, data: { milestoneId: stuck.id } });
    await worker!.waitFor('/health/ready', (status) => status === 200, 10_000);
  });
});
