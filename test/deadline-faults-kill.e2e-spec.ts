import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DeadlineWorld } from './support/deadline-world';
import { TcpProxy } from './support/tcp-proxy';
import { TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

/**
 * A worker killed with SIGKILL in the middle of a batch: its jobs held in Redis, its transaction open in PostgreSQL.
 * To catch it there every time, the worker reaches PostgreSQL through a proxy the test pauses just before the
 * moment, so the batch it starts waits mid-way; then it is killed. Another worker takes the jobs over once their
 * locks lapse (QUEUE_LOCK_DURATION_MS) and its stalled check runs (QUEUE_STALLED_INTERVAL_MS), and does each action
 * once.
 */
const LOCK_MS = 2000;
const STALLED_MS = 1000;

describe('deadline engine faults: a worker killed mid-batch', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let world: DeadlineWorld;
  const workers: WorkerProcess[] = [];

  const startWorker = async (clockStartAt: string, name: string, databaseUrl: string) => {
    const worker = await WorkerProcess.start({
      logFile: join(tmpdir(), `resettle-${process.env.QUEUE_PREFIX}-${name}.log`),
      env: {
        DATABASE_URL: databaseUrl,
        QUEUE_PREFIX: process.env.QUEUE_PREFIX!,
        CLOCK_START_AT: clockStartAt,
        QUEUE_LOCK_DURATION_MS: String(LOCK_MS),
        QUEUE_STALLED_INTERVAL_MS: String(STALLED_MS),
        QUEUE_WATCH_INTERVAL_MS: '300',
        DEADLINE_WATCHDOG_INTERVAL_MS: '500',
        OUTBOX_POLL_MS: '100',
      },
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    world = await DeadlineWorld.build(t);
  });

  afterAll(async () => {
    proxy?.resume();
    await Promise.all(workers.map((w) => w.kill()));
    await t?.stop();
    await proxy?.stop();
  });

  it('the jobs it held are taken over within lock + stalled interval, and every action happens exactly once', async () => {
    const due = await world.sentence(10, '2026-11-20', '2026-12-04');
    const a = await startWorker('2026-12-04T08:59:53Z', 'killed', proxy.through(t.db.url));
    const moment = await a.realInstantOf('2026-12-04T09:00:00Z');
    const queue = new Queue('milestones', { connection: { host: '127.0.0.1', port: 6379 }, prefix: process.env.QUEUE_PREFIX });
    await DeadlineWorld.until('the due jobs to be planned', async () => (await Promise.all(due.map((m) => queue.getJob(`m_${m.id}_due_${m.dueDate}`)))).every(Boolean));
    // The owed reminders of the day before went out at start; then PostgreSQL stops answering this worker.
    await DeadlineWorld.until('the reminders to be sent', async () => {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM milestone WHERE id = ANY($1::uuid[]) AND reminders_sent = 2`, [due.map((m) => m.id)]);
      return n === due.length;
    });
    proxy.pause();
    await new Promise((r) => setTimeout(r, Math.max(0, moment - Date.now())));
    // At the moment the worker takes every due job and starts its batch, which waits on PostgreSQL.
    await DeadlineWorld.until('the worker to hold every due job', async () => (await queue.getJobCounts('active')).active === due.length, 15_000);
    expect(await world.levels(t.dataSource, due.map((m) => m.id))).toEqual(new Map(due.map((m) => [m.id, []])));

    const clockAtKill = await a.now();
    await a.kill();
    const killedAt = Date.now();
    proxy.resume();
    // Another worker (as an orchestrator would start one), its clock where the killed one's was.
    const b = await startWorker(clockAtKill, 'takes-over', t.db.url);
    const bReady = Date.now();
    await DeadlineWorld.until('every milestone to reach level 1', world.escalated(due, 1), 20_000);
    // Within the lock and the stalled check of the new worker being there.
    await world.expectExactlyOnce(due, [1], ['escalation:1@caseManager', 'reminder:2@caseManager'], Math.max(killedAt + LOCK_MS, bReady) + STALLED_MS + 3000);
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    await queue.close();
    await b.stop();
  });
});
