import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { GraphqlClient } from './gql';
import { DEMO_PASSWORD } from './http-phase';
import { Proc, RssSampler, sleep, startNode } from './procs';

export interface EngineFigures {
  plans: number;
  openMilestones: number;
  /** Jobs in Redis once the first reconcile is done (delayed + waiting). */
  jobsPlanned: number;
  /** The first reconcile at worker start, from an empty Redis prefix: BullMQ's processedOn → finishedOn. */
  reconcileEmptyMs: number;
  /** The second one (the job scheduler's and the start-up one both run on a fresh Redis): every job already there. */
  reconcileFullMs: number | null;
  redisMemoryMiB: number;
  escalations: { window_s: number; created: number; perSecond: number; notifications: number } | null;
  reschedule: {
    milestonesChanged: number;
    /** The engine's own work: the sum of the episode's schedule jobs' processedOn → finishedOn. */
    syncMs: number;
    /** The slowest single schedule job. */
    maxJobMs: number;
    /** The mutation, from sending to its answer. */
    mutationMs: number;
    /** Mutation sent → last schedule job finished: includes the outbox relay's poll (OUTBOX_POLL_MS) and the queue. */
    endToEndMs: number;
    jobsReplanned: boolean;
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

async function firstCompleted(queue: Queue, name: string, count: number, timeoutMs: number): Promise<Job[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const jobs = (await queue.getJobs(['completed'], 0, 200)).filter((j) => j.name === name).sort((a, b) => a.processedOn! - b.processedOn!);
    if (jobs.length >= count) return jobs;
    const failed = (await queue.getJobs(['failed'], 0, 50)).filter((j) => j.name === name);
    if (failed.length) throw new Error(`${name} failed: ${failed[0].failedReason}`);
    if (Date.now() > until) throw new Error(`${count} ${name} job(s) not completed within ${timeoutMs} ms (have ${jobs.length})`);
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
    const { rows: [{ plans }] } = await db.query(`SELECT count(*)::int AS plans FROM resettlement_plan`);
    const memBefore = await usedMemoryMiB(redis);
    worker = startNode('worker', 'dist/apps/worker/src/main.js', { ...options.workerEnv, QUEUE_PREFIX: prefix, LOG_LEVEL: 'info' });
    const sampler = new RssSampler([worker.pid]).start();
    await worker.waitForLine(/Worker ready/, 60_000);
    await sleep(300);
    const workerRssIdleMiB = sampler.peak(worker.pid);
    log(`  worker up (RSS ${workerRssIdleMiB} MiB); reconciling ${plans} plans from an empty Redis prefix ${prefix} ...`);
    const timeout = 120_000 + plans * 20;
    const [first] = await firstCompleted(queue, 'reconcile', 1, timeout);
    const reconcileEmptyMs = first.finishedOn! - first.processedOn!;
    const openMilestones = Number(first.returnvalue);
    const counts = await queue.getJobCounts('delayed', 'waiting', 'prioritized');
    const jobsPlanned = counts.delayed + counts.waiting + counts.prioritized;
    const redisMemoryMiB = Math.round((await usedMemoryMiB(redis)) - memBefore);
    log(`  reconcile from empty: ${(reconcileEmptyMs / 1000).toFixed(2)} s for ${openMilestones} open milestones, ${jobsPlanned} jobs in Redis (${redisMemoryMiB} MiB)`);
    let reconcileFullMs: number | null = null;
    try {
      const both = await firstCompleted(queue, 'reconcile', 2, timeout);
      reconcileFullMs = both[1].finishedOn! - both[1].processedOn!;
      log(`  second reconcile (every job already there): ${(reconcileFullMs / 1000).toFixed(2)} s`);
    } catch (error) {
      log(`  second reconcile: ${(error as Error).message}`);
    }

    // Escalations: the overdue due and escalate jobs the reconcile planned run now, one at a time.
    let escalations: EngineFigures['escalations'] = null;
    const waiting = await queue.getWaitingCount();
    if (waiting > 0) {
      const count = async () => (await db.query(`SELECT (SELECT count(*) FROM milestone_escalation)::int AS e, (SELECT count(*) FROM notification)::int AS n`)).rows[0];
      const before = await count();
      const t0 = Date.now();
      while (Date.now() - t0 < options.escalationWindowS * 1000 && (await queue.getWaitingCount()) > 0) await sleep(250);
      const after = await count();
      const window_s = (Date.now() - t0) / 1000;
      escalations = { window_s: Math.round(window_s * 10) / 10, created: after.e - before.e, perSecond: Math.round(((after.e - before.e) / window_s) * 10) / 10, notifications: after.n - before.n };
      log(`  escalations: ${escalations.created} in ${escalations.window_s} s = ${escalations.perSecond}/s by one worker (${escalations.notifications} notifications; ${waiting} jobs were waiting)`);
      // The rest of the backlog is not needed for what follows; the next reconcile would plan it again from PostgreSQL.
      await queue.drain();
      while ((await queue.getActiveCount()) > 0) await sleep(20);
    } else log('  escalations: no overdue jobs waiting');

    const reschedule = await measureReschedule(db, queue, options.graphqlUrl, log);
    const peaks = sampler.stop();
    return {
      plans,
      openMilestones,
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

async function usedMemoryMiB(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]) / 1024 / 1024;
}

/**
 * One episode's release date changed through the real api (`overrideReleaseDate`, as its case manager): its
 * release-based milestones move, the outbox relay publishes a schedule job per milestone, and the worker re-plans
 * each one's jobs. Timed from BullMQ's own timestamps.
 */
async function measureReschedule(db: Client, queue: Queue, graphqlUrl: string, log: (line: string) => void): Promise<EngineFigures['reschedule']> {
  const { rows: [episode] } = await db.query(
    `SELECT e.id, e.version, e.expected_release_date::text AS release, lower(substr(la.code, 4)) AS stem
       FROM custodial_episode e JOIN organisation o ON o.id = e.supervising_service_id JOIN organisation la ON la.id = o.local_authority_id
      WHERE e.status = 'SENTENCED' AND e.expected_release_date > now() + interval '90 days'
        AND EXISTS (SELECT 1 FROM milestone m WHERE m.episode_id = e.id AND m.status = 'PENDING' AND m.due_date > now())
      ORDER BY e.id LIMIT 1`,
  );
  if (!episode) return null;
  const cm = await new GraphqlClient(graphqlUrl).signIn(`case.manager.1@${episode.stem}.yjs.example.com`, DEMO_PASSWORD);
  const before = new Map((await db.query(`SELECT id, version FROM milestone WHERE episode_id = $1`, [episode.id])).rows.map((r) => [r.id, r.version]));
  // Three weeks later: a working day either way does not matter, the rules move it.
  const { rows: [{ date }] } = await db.query(`SELECT ($1::date + 21)::text AS date`, [episode.release]);
  const t0 = Date.now();
  await cm.request(
    `mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { id expectedReleaseDate } }`,
    { input: { episodeId: episode.id, expectedVersion: episode.version, releaseDate: date, reason: 'Synthetic bench data: a court date moved' } },
  );
  const mutationMs = Date.now() - t0;
  const changed = (await db.query(`SELECT id, version FROM milestone WHERE episode_id = $1`, [episode.id])).rows.filter((r) => before.get(r.id) !== r.version);
  const ids = changed.map((m) => `schedule_${m.id}_${m.version}`);
  const until = Date.now() + 30_000;
  let jobs: (Job | undefined)[] = [];
  for (;;) {
    jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
    if (jobs.every((j) => j?.finishedOn)) break;
    if (Date.now() > until) throw new Error(`reschedule: schedule jobs not all done within 30 s`);
    await sleep(5);
  }
  const done = jobs as Job[];
  const syncMs = done.reduce((sum, j) => sum + (j.finishedOn! - j.processedOn!), 0);
  const maxJobMs = Math.max(...done.map((j) => j.finishedOn! - j.processedOn!));
  const endToEndMs = Math.max(...done.map((j) => j.finishedOn!)) - t0;
  // The new due dates' jobs are there.
  const { rows: now } = await db.query(
    `SELECT id, due_date::text AS due FROM milestone WHERE id = ANY($1::uuid[]) AND status = 'PENDING' AND due_date IS NOT NULL`,
    [changed.map((m) => m.id)],
  );
  const present = await Promise.all(now.map((m) => queue.getJob(`m_${m.id}_due_${m.due}`)));
  const jobsReplanned = present.every((j) => !!j);
  log(
    `  reschedule of one episode (${changed.length} milestones moved): engine work ${syncMs} ms (slowest job ${maxJobMs} ms); ` +
      `mutation ${mutationMs} ms; end to end ${endToEndMs} ms (includes the relay's poll); new jobs present: ${jobsReplanned}`,
  );
  return { milestonesChanged: changed.length, syncMs, maxJobMs, mutationMs, endToEndMs, jobsReplanned };
}
