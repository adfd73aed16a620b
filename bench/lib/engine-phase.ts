import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { GraphqlClient } from './gql';
import { DEMO_PASSWORD } from './http-phase';
import { Proc, RssSampler, sleep, startNode } from './procs';

export interface EngineFigures {
  plans: number;
  openMilestones: number;
  /** The open milestones the reconciler read (those that can have a job within reach: its return value). */
  milestonesWithinReach: number;
  /** Jobs in Redis once the first reconcile is done (delayed + waiting). */
  jobsPlanned: number;
  /** The first reconcile at worker start, from an empty Redis prefix: BullMQ's processedOn → finishedOn. */
  reconcileEmptyMs: number;
  /** One more, once the overdue backlog is done: every job within reach already there. */
  reconcileFullMs: number | null;
  redisMemoryMiB: number;
  /**
   * The overdue backlog the reconcile queued (due and escalate jobs that run at once), done by one worker: escalation
   * rows created over the span of their own `created_at` (first to last batch), and notifications.
   */
  escalations: {
    /**
     * Once the start-up reconciles are done, after a 10 s warm-up: escalations made over `window_s` (or until the
     * backlog ran out).
     */
    window_s: number;
    created: number;
    perSecond: number;
    notifications: number;
    drained: boolean;
    /** From the first escalation to the last, the reconciles included (they run on the same worker meanwhile). */
    withReconcile: { span_s: number; created: number; perSecond: number };
  } | null;
  reschedule: {
    milestonesChanged: number;
    /** Jobs the moved milestones had in Redis before (within reach), and whether every one of them is gone after. */
    jobsBefore: number;
    oldJobsRemoved: boolean;
    /** The engine's own work: the episode's schedule job, processedOn → finishedOn. */
    syncMs: number;
    /** The slowest single schedule job (one job per change). */
    maxJobMs: number;
    /** The mutation, from sending to its answer. */
    mutationMs: number;
    /** Mutation sent → last schedule job finished: includes the outbox relay's poll (OUTBOX_POLL_MS) and the queue. */
    endToEndMs: number;
  } | null;
  workerRssIdleMiB: number;
  workerRssPeakMiB: number;
}

async function deletePrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}

/**
 * The first `count` completed jobs named `name` (their ids contain it: `reconcile-at-start-…`, the scheduler's
 * `repeat:reconcile-milestones:…`), found by scanning the completed set for those ids: the escalation backlog puts
 * hundreds of thousands of other jobs there, so the newest few hundred do not hold them.
 */
async function firstCompleted(queue: Queue, name: string, count: number, timeoutMs: number): Promise<Job[]> {
  const until = Date.now() + timeoutMs;
  const client = (await queue.client) as unknown as Redis;
  const matching = async (state: 'completed' | 'failed'): Promise<Job[]> => {
    const ids: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await client.zscan(queue.toKey(state), cursor, 'MATCH', `*${name}*`, 'COUNT', 10_000);
      for (let i = 0; i < found.length; i += 2) ids.push(found[i]);
      cursor = next;
    } while (cursor !== '0');
    return (await Promise.all(ids.map((id) => queue.getJob(id)))).filter((j): j is Job => !!j && j.name === name);
  };
  for (;;) {
    const jobs = (await matching('completed')).sort((a, b) => a.processedOn! - b.processedOn!);
    if (jobs.length >= count) return jobs;
    const failed = await matching('failed');
    if (failed.length) throw new Error(`${name} failed: ${failed[0].failedReason}`);
    if (Date.now() > until)
      throw new Error(`${count} ${name} job(s) not completed within ${timeoutMs} ms (have ${jobs.length})`);
    await sleep(250);
  }
}

/**
 * The deadline engine against the real worker (dist/apps/worker) on a fresh Redis prefix: reconcile from empty,
 * escalations per second, and one reschedule through the real api (a manual release date).
 */
export async function measureEngine(options: {
  databaseUrl: string;
  redisUrl: string;
  graphqlUrl: string;
  plans: number;
  escalationWindowS: number;
  workerEnv: Record<string, string>;
  log: (line: string) => void;
}): Promise<EngineFigures> {
  const { log } = options;
  const db = new Client({ connectionString: options.databaseUrl });
  await db.connect();
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const prefix = `bench-engine-${options.plans}-${Date.now()}`;
  let worker: Proc | undefined;
  const queueConnection = redis.duplicate();
  const queue = new Queue('milestones', { connection: queueConnection, prefix });
  try {
    // The seed's (and the setup's) milestones.schedule outbox rows would race the reconciler; it covers them anyway.
    await db.query('UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL');
    const {
      rows: [{ plans, open }],
    } = await db.query(
      `SELECT (SELECT count(*) FROM resettlement_plan)::int AS plans, (SELECT count(*) FROM milestone WHERE status IN ('PENDING', 'MISSED'))::int AS open`,
    );
    const {
      rows: [{ since }],
    } = await db.query(`SELECT now() AS since`);
    const memBefore = await usedMemoryMiB(redis);
    worker = startNode('worker', 'dist/apps/worker/src/main.js', {
      ...options.workerEnv,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
    });
    const sampler = new RssSampler([worker.pid]).start();
    await worker.waitForLine(/Worker ready/, 60_000);
    await sleep(300);
    const workerRssIdleMiB = sampler.peak(worker.pid);
    log(
      `  worker up (RSS ${workerRssIdleMiB} MiB); reconciling ${plans} plans from an empty Redis prefix ${prefix} ...`,
    );
    const timeout = 120_000 + plans * 20;
    const [first] = await firstCompleted(queue, 'reconcile', 1, timeout);
    const reconcileEmptyMs = first.finishedOn! - first.processedOn!;
    const openMilestones = Number(open);
    const milestonesWithinReach = Number(first.returnvalue);
    const counts = await queue.getJobCounts('delayed', 'waiting', 'prioritized');
    const jobsPlanned = counts.delayed + counts.waiting + counts.prioritized;
    const redisMemoryMiB = Math.round((await usedMemoryMiB(redis)) - memBefore);
    log(
      `  reconcile from empty: ${(reconcileEmptyMs / 1000).toFixed(2)} s for ${openMilestones} open milestones (${milestonesWithinReach} within reach read), ` +
        `${jobsPlanned} jobs in Redis (${redisMemoryMiB} MiB)`,
    );
    // Escalations: the overdue due and escalate jobs the reconcile queued run at once (and while it was still
    // queueing them). Counted from the escalation rows themselves (created_at, PostgreSQL's clock): the steady rate
    // once the start-up reconciles are done (a fresh Redis runs two, see above), and the whole run, reconciles and all.
    let escalations: EngineFigures['escalations'] = null;
    const busy = async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return c.waiting + c.active + c.prioritized;
    };
    await firstCompleted(queue, 'reconcile', 2, timeout).catch(() => undefined);
    // A warm-up: for about ten seconds after a reconcile of a quarter of a million milestones the worker still
    // collects its garbage and the rate climbs (at 100,000 plans from about 800 a second to over 2,000).
    await sleep(ESCALATION_WARM_UP_MS);
    const {
      rows: [{ t1 }],
    } = await db.query(`SELECT now() AS t1`);
    const t0 = Date.now();
    while (Date.now() - t0 < options.escalationWindowS * 1000 && (await busy()) > 0) await sleep(100);
    const drained = (await busy()) === 0;
    const {
      rows: [made],
    } = await db.query(
      `SELECT count(*) FILTER (WHERE created_at >= $2)::int AS e,
              EXTRACT(EPOCH FROM (CASE WHEN $3::boolean THEN max(created_at) ELSE now() END) - $2::timestamptz)::float AS span,
              count(*)::int AS all_e, EXTRACT(EPOCH FROM max(created_at) - min(created_at))::float AS all_span,
              (SELECT count(*) FROM notification WHERE created_at >= $2 AND kind = 'MILESTONE_ESCALATION')::int AS n
         FROM milestone_escalation WHERE created_at >= $1`,
      [since, t1, drained],
    );
    if (made.all_e > 0) {
      const window_s = Math.max(made.span, 0.001);
      const allSpan = Math.max(made.all_span, 0.001);
      escalations = {
        window_s: Math.round(window_s * 100) / 100,
        created: made.e,
        perSecond: Math.round(made.e / window_s),
        notifications: made.n,
        drained,
        withReconcile: {
          span_s: Math.round(allSpan * 100) / 100,
          created: made.all_e,
          perSecond: Math.round(made.all_e / allSpan),
        },
      };
      log(
        `  escalations: ${made.e} in ${escalations.window_s} s = ${escalations.perSecond}/s by one worker once the reconciles were done ` +
          `(${made.n} notifications; backlog ${drained ? 'drained' : 'not drained'}); from the first: ${made.all_e} in ${escalations.withReconcile.span_s} s = ${escalations.withReconcile.perSecond}/s`,
      );
    } else log('  escalations: none overdue');
    if (!drained) {
      // The rest of the backlog is not needed for what follows; the next reconcile would plan it again from PostgreSQL.
      await queue.drain();
      while ((await queue.getActiveCount()) > 0) await sleep(20);
    }

    let reconcileFullMs: number | null = null;
    try {
      const again = await queue.add('reconcile', {}, { jobId: `bench-reconcile-again-${Date.now()}` });
      const until = Date.now() + timeout;
      for (;;) {
        const done = await queue.getJob(again.id!);
        if (done?.finishedOn) {
          reconcileFullMs = done.finishedOn - done.processedOn!;
          break;
        }
        if (Date.now() > until) throw new Error('not done in time');
        await sleep(100);
      }
      log(`  reconcile again (every job within reach already there): ${(reconcileFullMs / 1000).toFixed(2)} s`);
    } catch (error) {
      log(`  reconcile again: ${(error as Error).message}`);
    }
    // It queued the rest of the overdue backlog again: out of the way of the reschedule, which is timed on its own.
    await queue.drain();
    while ((await queue.getActiveCount()) > 0) await sleep(20);

    const reschedule = await measureReschedule(db, queue, options.graphqlUrl, log);
    const peaks = sampler.stop();
    return {
      plans,
      openMilestones,
      milestonesWithinReach,
      jobsPlanned,
      reconcileEmptyMs,
      reconcileFullMs,
      redisMemoryMiB,
      escalations,
      reschedule,
      workerRssIdleMiB,
      workerRssPeakMiB: peaks.get(worker.pid) ?? NaN,
    };
  } finally {
    await worker?.stop();
    await queue.close();
    queueConnection.disconnect();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await db.end();
  }
}

const ESCALATION_WARM_UP_MS = 10_000;

async function usedMemoryMiB(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]) / 1024 / 1024;
}

/**
 * One episode's release date changed through the real api (`overrideReleaseDate`, as its case manager): its
 * release-based milestones move, the outbox relay publishes one schedule job for the change, and the worker re-plans
 * them. An episode released in about 16 days is chosen when there is one, so some of its jobs (14 days before
 * release) are within reach and must be removed; otherwise one released later. Timed from BullMQ's own timestamps.
 */
async function measureReschedule(
  db: Client,
  queue: Queue,
  graphqlUrl: string,
  log: (line: string) => void,
): Promise<EngineFigures['reschedule']> {
  const pick = (from: number, to: number) =>
    db.query(
      `SELECT e.id, e.version, e.expected_release_date::text AS release, lower(substr(la.code, 4)) AS stem
         FROM custodial_episode e JOIN organisation o ON o.id = e.supervising_service_id JOIN organisation la ON la.id = o.local_authority_id
        WHERE e.status = 'SENTENCED' AND e.expected_release_date BETWEEN current_date + $1::int AND current_date + $2::int
          AND EXISTS (SELECT 1 FROM milestone m WHERE m.episode_id = e.id AND m.status = 'PENDING' AND m.due_date > now())
        ORDER BY e.id LIMIT 1`,
      [from, to],
    );
  const [episode] = (await pick(15, 17)).rows.length ? (await pick(15, 17)).rows : (await pick(90, 100_000)).rows;
  if (!episode) return null;
  const cm = await new GraphqlClient(graphqlUrl).signIn(
    `case.manager.1@${episode.stem}.yjs.example.com`,
    DEMO_PASSWORD,
  );
  const before = new Map(
    (
      await db.query(`SELECT id, version, due_date::text AS due FROM milestone WHERE episode_id = $1`, [episode.id])
    ).rows.map((r) => [r.id, r]),
  );
  const jobIdsOf = (id: string, due: string) =>
    ['reminder1', 'reminder2', 'due', 'escalate2', 'escalate3'].map((kind) => `m_${id}_${kind}_${due}`);
  const present = async (ids: string[]) =>
    (await Promise.all(ids.map((id) => queue.getJob(id)))).filter((j) => !!j && !j.finishedOn).length;
  const oldJobIds = [...before.values()].flatMap((m) => (m.due ? jobIdsOf(m.id, m.due) : []));
  const jobsBefore = await present(oldJobIds);
  // Three weeks later: a working day either way does not matter, the rules move it.
  const {
    rows: [{ date }],
  } = await db.query(`SELECT ($1::date + 21)::text AS date`, [episode.release]);
  const t0 = Date.now();
  await cm.request(
    `mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { id expectedReleaseDate } }`,
    {
      input: {
        episodeId: episode.id,
        expectedVersion: episode.version,
        releaseDate: date,
        reason: 'Synthetic bench data: a court date moved',
      },
    },
  );
  const mutationMs = Date.now() - t0;
  const changed = (await db.query(`SELECT id, version FROM milestone WHERE episode_id = $1`, [episode.id])).rows.filter(
    (r) => before.get(r.id)?.version !== r.version,
  );
  // The change's one schedule job (the relay's job id: the row's, with ':' as '_').
  const {
    rows: [row],
  } = await db.query(
    `SELECT job_id FROM outbox_message WHERE topic = 'milestones.schedule' AND job_id LIKE $1 ORDER BY id DESC LIMIT 1`,
    [`schedule:${episode.id}:%`],
  );
  const until = Date.now() + 30_000;
  let job: Job | undefined;
  for (;;) {
    job = await queue.getJob(String(row.job_id).replace(/:/g, '_'));
    if (job?.finishedOn) break;
    if (Date.now() > until) throw new Error(`reschedule: the schedule job was not done within 30 s`);
    await sleep(5);
  }
  const syncMs = job.finishedOn! - job.processedOn!;
  const endToEndMs = job.finishedOn! - t0;
  const movedOldIds = changed.flatMap((m) => {
    const old = before.get(m.id);
    return old?.due ? jobIdsOf(m.id, old.due) : [];
  });
  const oldJobsRemoved = (await present(movedOldIds)) === 0;
  log(
    `  reschedule of one episode (release ${episode.release}; ${changed.length} milestones moved, ${jobsBefore} of its jobs were within reach): ` +
      `engine work ${syncMs} ms (one schedule job); mutation ${mutationMs} ms; end to end ${endToEndMs} ms (includes the relay's poll); old jobs removed: ${oldJobsRemoved}`,
  );
  return {
    milestonesChanged: changed.length,
    jobsBefore,
    oldJobsRemoved,
    syncMs,
    maxJobMs: syncMs,
    mutationMs,
    endToEndMs,
  };
}
