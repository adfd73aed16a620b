import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { DeadlineWorld } from './support/deadline-world';
import { TestApp } from './support/test-app';
import { WorkerProcess } from './support/worker-process';

/**
 * A worker killed with SIGKILL in the middle of a batch: its jobs held in Redis, its transaction open in PostgreSQL
 * (milestones locked and updated, escalation rows written, not committed). To catch it there every time, the test
 * holds an uncommitted notification with the dedupe key the batch is about to insert, so the batch waits on it
 * mid-way; then the worker is killed and the test lets go. Another worker takes the jobs over once their locks lapse
 * (QUEUE_LOCK_DURATION_MS) and its stalled check runs (QUEUE_STALLED_INTERVAL_MS), and does each action once.
 */
const LOCK_MS = 2000;
const STALLED_MS = 1000;

describe('deadline engine faults: a worker killed mid-batch', () => {
  let t: TestApp;
  let world: DeadlineWorld;
  let queue: Queue;
  const workers: WorkerProcess[] = [];

  const startWorker = async (clockStartAt: string, name: string) => {
    const worker = await WorkerProcess.start({
      logFile: join(tmpdir(), `resettle-${process.env.QUEUE_PREFIX}-${name}.log`),
      env: {
        DATABASE_URL: t.db.url,
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
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    world = await DeadlineWorld.build(t);
    queue = new Queue('milestones', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: process.env.QUEUE_PREFIX,
    });
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
  });

  afterAll(async () => {
    await queue?.close();
    await t?.stop();
  });

  it('the jobs it held are taken over within lock + stalled interval, and every action happens exactly once', async () => {
    const due = await world.sentence(10, '2026-11-20', '2026-12-04');
    const a = await startWorker('2026-12-04T08:59:55Z', 'killed');
    await DeadlineWorld.until('the due jobs to be planned', async () =>
      (await Promise.all(due.map((m) => queue.getJob(`m_${m.id}_due_${m.dueDate}`)))).every(Boolean),
    );
    await DeadlineWorld.until('the reminders owed from the day before to be sent', world.reminded(due, 2));

    // The batch at 09:00 will insert this milestone's level-1 notice; an uncommitted row with its key makes it wait.
    const held = due[0];
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(
      `INSERT INTO notification (recipient_user_id, kind, title, body, dedupe_key, created_at) VALUES ($1, 'MILESTONE_ESCALATION', 'held', 'held', $2, now())`,
      [world.caseManagerId, `milestone:${held.id}:${held.dueDate}:escalation:1:${world.caseManagerId}`],
    );
    const [{ xid }] = await holder.query(`SELECT pg_current_xact_id()::text AS xid`);
    let clockAtKill: string;
    let states: string[] = [];
    let killedAt: number;
    try {
      // At the moment the worker takes every due job; its batch locks the rows, writes, and waits on the held row.
      await DeadlineWorld.until(
        'the worker to hold the due jobs, its batch waiting mid-transaction',
        async () => {
          // (pg_locks, unlike pg_stat_activity, shows another role's waits to the test's non-superuser owner.)
          const [{ waiting }] = await t.dataSource.query(
            `SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND transactionid::text = $1`,
            [xid],
          );
          states = await Promise.all(due.map((m) => queue.getJobState(`m_${m.id}_due_${m.dueDate}`)));
          // (Jobs handed over before the held one may have gone in an earlier batch, already committed.)
          return waiting === 1 && states.every((state) => state === 'active' || state === 'completed');
        },
        20_000,
      );
      clockAtKill = await a.now();
      await a.kill();
      killedAt = Date.now();
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    // Nothing of the batch it was in the middle of was committed: the milestones of the jobs it held have no level.
    const heldByIt = due.filter((_, i) => states[i] === 'active');
    expect(heldByIt.map((m) => m.id)).toContain(held.id);
    expect(
      await world.levels(
        t.dataSource,
        heldByIt.map((m) => m.id),
      ),
    ).toEqual(new Map(heldByIt.map((m) => [m.id, []])));

    // Another worker, as an orchestrator would start one, its clock where the killed one's was.
    const b = await startWorker(clockAtKill!, 'takes-over');
    const bReady = Date.now();
    await DeadlineWorld.until('every milestone to reach level 1', world.escalated(due, 1), 20_000);
    // Within the killed worker's locks lapsing and the new worker's stalled check.
    await world.expectExactlyOnce(
      due,
      [1],
      ['escalation:1@caseManager', 'reminder:2@caseManager'],
      Math.max(killedAt! + LOCK_MS, bReady) + STALLED_MS + 3000,
    );
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 0 });
    await b.stop();
  });
});
