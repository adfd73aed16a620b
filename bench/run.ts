/**
 * npm run bench [-- --plans 100000 --duration 5 --children 450]
 * npm run bench -- --soak 120   (only the soak: see bench/README.md)
 *
 * Seeds its own database (resettle_bench, marked for demo use) and Redis prefix, starts the real api, portal and
 * worker from dist/ and a raw node:http + pg baseline as child processes, and measures: the caseload, the referral
 * inbox and one child's plan through the api against the baseline (autocannon, concurrency 1, 10, 50); the
 * caseload, plan and deadlines pages through the real portal, signed in (concurrency 1 and 10); the deadline engine
 * (reconcile from an empty Redis, escalations per second, one reschedule) at 10,000 plans and, with --plans, at
 * more; and the api's and worker's resident memory. Prints a markdown table and writes bench/results/latest.json.
 * See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchDatabaseUrls, dropBenchDatabase, runScript, withClient } from './lib/db';
import { EngineFigures, measureEngine } from './lib/engine-phase';
import {
  buildTargets,
  chooseSubjects,
  compareBodies,
  ensureReferrals,
  HttpRow,
  Match,
  measureHttp,
} from './lib/http-phase';
import { measureMeasures, MeasuresFigures } from './lib/measures-phase';
import { buildPortalPages, measurePortal, PortalRow } from './lib/portal-phase';
import { API_NODE_FLAGS, Proc, ROOT, rssMiB, RssSampler, sleep, startNode, waitForHttp } from './lib/procs';
import { generateReleasedChildren } from './lib/released-generator';
import { evaluateTargets, renderMarkdown } from './lib/report';
import { soak, SOAK_ACCESS_TOKEN_TTL_SECONDS, SoakFigures } from './lib/soak-phase';
import { summarise } from './profile';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      plans: { type: 'string', default: '10000' },
      children: { type: 'string', default: '450' },
      duration: { type: 'string', default: '5' },
      'escalation-window': { type: 'string', default: '15' },
      // MILESTONE_JOBS_CONCURRENCY for the bench worker; 200 is the shipped default.
      'worker-concurrency': { type: 'string', default: '200' },
      'skip-http': { type: 'boolean', default: false },
      'skip-portal': { type: 'boolean', default: false },
      'skip-engine': { type: 'boolean', default: false },
      'skip-measures': { type: 'boolean', default: false },
      // Only the measures phase (no HTTP cells, no engine): with --released 100000 for the national figure at scale.
      'only-measures': { type: 'boolean', default: false },
      // Children released over the last 12 months for the measures, made in bulk (bench/lib/released-generator.ts).
      released: { type: 'string', default: '1500' },
      'measures-repetitions': { type: 'string', default: '10' },
      'reuse-db': { type: 'boolean', default: false },
      // The engine sizes to measure (comma-separated), instead of 10,000 and --plans.
      sizes: { type: 'string' },
      // Seconds of soak (the caseload at concurrency 50, then stale tokens) instead of the other phases.
      soak: { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'bench/results/latest.json') },
      // Only these portal pages (comma-separated keys, e.g. portal-caseload-establishment), to iterate on one.
      'portal-pages': { type: 'string' },
      // Run the api and the portal under `node --cpu-prof`, writing their .cpuprofile files into this directory
      // (summarised at the end; node dist/bench/profile.js --summarise <file> prints one again).
      'cpu-prof': { type: 'string' },
    },
  });
  const children = Number(values.children);
  const maxPlans = Number(values.plans);
  const engineSizes = values.sizes
    ? values.sizes.split(',').map(Number)
    : [...new Set([Math.min(10_000, maxPlans), maxPlans])].filter((n) => n >= children);
  const duration = Number(values.duration);
  const onlyMeasures = values['only-measures']!;
  const skipHttp = values['skip-http'] || onlyMeasures;
  const skipEngine = values['skip-engine'] || onlyMeasures;
  const skipMeasures = values['skip-measures'] && !onlyMeasures;
  const released = Number(values.released);
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const apiPort = Number(process.env.BENCH_API_PORT ?? 3190);
  const baselinePort = Number(process.env.BENCH_BASELINE_PORT ?? 3199);
  const portalPort = Number(process.env.BENCH_PORTAL_PORT ?? 3191);
  // The api's and portal's Redis keys (queues, rate limits, portal sessions); another prefix keeps two runs apart.
  const queuePrefix = process.env.BENCH_QUEUE_PREFIX ?? 'bench-api';
  const graphqlUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const baselineUrl = `http://127.0.0.1:${baselinePort}`;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const urls = benchDatabaseUrls(base);
  const common = {
    DATABASE_URL: urls.DATABASE_URL,
    REDIS_URL: redisUrl,
    NODE_ENV: 'production',
    // Production refuses the public development secret: a random one per run.
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    EMAIL_TRANSPORT: 'none',
  };
  const dbEnv = { ...urls, REDIS_URL: redisUrl };

  log(
    `# Resettle bench (${new Date().toISOString()}), ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const seedTimes: Record<string, number> = {};
  const seedTo = (n: number) => {
    const t = Date.now();
    log(
      runScript('seed.js', ['--children', String(n)], dbEnv)
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    seedTimes[String(n)] = Math.round((Date.now() - t) / 100) / 10;
  };
  if (!values['reuse-db']) {
    log(
      `\n## Database ${new URL(base).pathname.slice(1)}: dropped, created, migrated, seeded at ${children} children (${elapsed()})`,
    );
    await dropBenchDatabase(base);
    runScript('db-create.js', [], dbEnv);
    runScript('migrate.js', [], dbEnv);
    seedTo(children);
  } else {
    // A reused database is brought to this code's schema first (only the migrations it has not had).
    runScript('migrate.js', [], dbEnv);
  }
  // The planner's statistics, as autovacuum keeps them in production: a server with autovacuum off (a test
  // machine's) would otherwise plan the pages' reads from a freshly seeded database with no statistics at all
  // (measured: the deadlines at risk's two reads 1.3 and 2.1 ms without, 0.55 and 0.56 ms with).
  await withClient(base, (db) => db.query('ANALYZE'));
  const procs: Proc[] = [];
  let http: HttpRow[] = [];
  let portal: PortalRow[] = [];
  let matches: Match[] = [];
  const memory: Record<string, number> = {};
  const engine: EngineFigures[] = [];
  let soakFigures: SoakFigures | undefined;
  let measures: MeasuresFigures | undefined;
  const soakSeconds = values.soak ? Number(values.soak) : undefined;
  const withPortal = !values['skip-portal'] && !soakSeconds && !onlyMeasures;
  const cpuProfDir = values['cpu-prof'];
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const cpuProf = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  let setup: Record<string, unknown> = {};
  try {
    const api = startNode(
      'api',
      'dist/apps/api/src/main.js',
      {
        ...common,
        API_HOST: '127.0.0.1',
        API_PORT: String(apiPort),
        QUEUE_PREFIX: queuePrefix,
        // The bench sends thousands of requests a minute from one token and one address.
        RATE_LIMIT_PER_MINUTE: '100000000',
        RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
        // The soak logs as production does (info), with tokens that expire within it.
        ...(soakSeconds ? { LOG_LEVEL: 'info', ACCESS_TOKEN_TTL_SECONDS: String(SOAK_ACCESS_TOKEN_TTL_SECONDS) } : {}),
      },
      [...API_NODE_FLAGS, ...cpuProf],
    );
    procs.push(api);
    const baseline = startNode('baseline', 'dist/bench/baseline-server.js', {
      DATABASE_URL: base,
      BASELINE_PORT: String(baselinePort),
    });
    procs.push(baseline);
    // The portal as `npm run start:portal` runs it, in production mode, calling the bench's api. Its session cookie
    // is sent over plain HTTP here (COOKIE_SECURE=false): production serves it behind TLS.
    const portalProc = withPortal
      ? startNode(
          'portal',
          'dist/apps/portal/src/main.js',
          {
            NODE_ENV: 'production',
            PORTAL_HOST: '127.0.0.1',
            PORTAL_PORT: String(portalPort),
            API_URL: graphqlUrl,
            REDIS_URL: redisUrl,
            QUEUE_PREFIX: queuePrefix,
            SESSION_SECRET: randomBytes(32).toString('hex'),
            COOKIE_SECURE: 'false',
            LOG_LEVEL: 'warn',
          },
          cpuProf,
        )
      : undefined;
    if (portalProc) procs.push(portalProc);
    await waitForHttp(`http://127.0.0.1:${apiPort}/health`, 60_000);
    await waitForHttp(`${baselineUrl}/health`, 30_000);
    if (portalProc) await waitForHttp(`${portalUrl}/health`, 60_000);
    await sleep(500);
    memory.apiIdleMiB = rssMiB(api.pid);
    memory.baselineIdleMiB = rssMiB(baseline.pid);
    if (portalProc) memory.portalIdleMiB = rssMiB(portalProc.pid);
    log(
      `\napi up (RSS ${memory.apiIdleMiB} MiB), baseline up (RSS ${memory.baselineIdleMiB} MiB)` +
        `${portalProc ? `, portal up (RSS ${memory.portalIdleMiB} MiB)` : ''} (${elapsed()})`,
    );

    if (soakSeconds) {
      const subjects = await withClient(base, chooseSubjects);
      log(
        `\n## Soak: ${soakSeconds} s, caseload at concurrency 50 (${subjects.establishment.name} manager), then stale tokens (${elapsed()})`,
      );
      soakFigures = await withClient(base, (db) =>
        soak({ db, api, graphqlUrl, subjects, seconds: soakSeconds, concurrency: 50, log }),
      );
    } else if (!skipHttp) {
      const subjects = await withClient(base, chooseSubjects);
      const referrals = await withClient(base, (db) => ensureReferrals(db, graphqlUrl, subjects));
      setup = { subjects, referralsInInbox: referrals };
      log(
        `Subjects: ${subjects.establishment.name} (${subjects.establishment.children} children, ${subjects.establishment.manager}); ` +
          `${subjects.service.name} (${subjects.service.children} children, ${subjects.service.manager}); ${referrals} referrals sent to ${subjects.service.authority.name} (${subjects.service.authority.officer})`,
      );
      const targets = await withClient(base, (db) => buildTargets(db, graphqlUrl, subjects));
      matches = await compareBodies(targets, graphqlUrl, baselineUrl);
      for (const m of matches)
        log(
          `  bodies ${m.target}: ${m.bodiesEqual ? 'identical' : 'DIFFERENT'}; ids in the same order: ${m.sameIdsInOrder} (${m.rows} ids)${m.note ? ` — ${m.note}` : ''}`,
        );
      log(`\n## HTTP: ${duration} s per cell (${elapsed()})`);
      const sampler = new RssSampler([api.pid, baseline.pid]).start();
      http = await measureHttp(targets, graphqlUrl, baselineUrl, {
        duration,
        concurrencies: [1, 10, 50],
        log,
        sampler,
      });
      sampler.stop();
      memory.apiPeakUnderLoadMiB = sampler.peak(api.pid);
      memory.baselinePeakUnderLoadMiB = sampler.peak(baseline.pid);
      await sleep(2000);
      memory.apiAfterLoadMiB = rssMiB(api.pid);
    }

    // Before the engine phase, which seeds up to 10,000 plans: these pages are measured at national scale.
    if (portalProc) {
      const subjects = await withClient(base, chooseSubjects);
      const only = values['portal-pages']?.split(',');
      const pages = (await withClient(base, (db) => buildPortalPages(db, portalUrl, subjects))).filter(
        (p) => !only || only.includes(p.key),
      );
      log(`\n## Portal pages, signed in through the sign-in form: ${duration} s per cell (${elapsed()})`);
      const sampler = new RssSampler([api.pid, portalProc.pid]).start();
      portal = await measurePortal(pages, {
        portalUrl,
        apiMetricsUrl: `http://127.0.0.1:${apiPort}/metrics`,
        pids: { portal: portalProc.pid, api: api.pid },
        postgresBackends: () =>
          withClient(base, async (db) =>
            (
              await db.query(
                `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
              )
            ).rows.map((r) => r.pid as number),
          ),
        duration,
        concurrencies: [1, 10],
        log,
      });
      sampler.stop();
      memory.portalPeakUnderLoadMiB = sampler.peak(portalProc.pid);
      memory.apiPeakUnderPortalLoadMiB = sampler.peak(api.pid);
    }

    if (!skipEngine && !soakSeconds) {
      for (const plans of engineSizes) {
        log(`\n## Deadline engine at ${plans} plans (${elapsed()})`);
        const present = await withClient(base, async (db) =>
          // The seed's plans: not those of the released children the measures phase generated.
          Number(
            (
              await db.query(
                `SELECT count(*) AS n FROM resettlement_plan p JOIN child c ON c.id = p.child_id
                  WHERE c.external_reference IS NULL OR c.external_reference NOT LIKE 'bench-released-%'`,
              )
            ).rows[0].n,
          ),
        );
        // A reused database already that big is measured as it is (the seed would recompute every milestone).
        if (values['reuse-db'] && present >= plans) log(`  ${present} plans already there (--reuse-db): not seeded`);
        else seedTo(plans);
        engine.push(
          await measureEngine({
            databaseUrl: base,
            redisUrl,
            graphqlUrl,
            plans,
            escalationWindowS: Number(values['escalation-window']),
            workerEnv: { ...common, MILESTONE_JOBS_CONCURRENCY: values['worker-concurrency']! },
            log,
          }),
        );
      }
    }

    // The measures last: their released children are generated only now, so that the deadline engine above is
    // measured on the seed's children alone (a generated deadline MISSED below the top of the ladder would be
    // escalated by its worker).
    if (!skipMeasures && !soakSeconds) {
      log(`\n## ${released} children released over the last 12 months, generated (${elapsed()})`);
      const t = Date.now();
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
      const added = await withClient(base, (db) => generateReleasedChildren(db, { count: released, today, log }));
      seedTimes[`released ${released}`] = Math.round((Date.now() - t) / 100) / 10;
      log(`  ${added} added in ${seedTimes[`released ${released}`]} s`);
      log(`\n## Measures: ${values['measures-repetitions']} repetitions of each read (${elapsed()})`);
      measures = await withClient(base, (db) =>
        measureMeasures({ db, graphqlUrl, repetitions: Number(values['measures-repetitions']), log }),
      );
    }
  } finally {
    for (const p of procs.reverse()) await p.stop();
  }
  if (cpuProfDir) {
    await sleep(500);
    for (const f of readdirSync(cpuProfDir).filter((f) => f.endsWith('.cpuprofile')))
      log(summarise(join(cpuProfDir, f), 40));
  }

  if (soakFigures) {
    const out = values.out!.endsWith('latest.json') ? join(ROOT, 'bench/results/soak-latest.json') : values.out!;
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify(
        {
          ranAt: new Date().toISOString(),
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadAtEnd: loadavg() },
          children,
          ...soakFigures,
        },
        null,
        2,
      ) + '\n',
    );
    const f = soakFigures;
    log(
      `\n| soak ${f.seconds} s, c=${f.concurrency} | requests | req/s | log bytes / 1,000 | log bytes / min | audit rows / 1,000 | audit bytes / 1,000 |`,
    );
    log(`|---|---|---|---|---|---|---|`);
    log(
      `| valid tokens (${f.valid.seconds} s, ${f.valid.refreshes} refreshes, ${f.valid.errors} errors) | ${f.valid.requests} | ${f.valid.rps} | ${f.valid.logBytesPer1000} | ${Math.round((f.valid.logBytes / f.valid.seconds) * 60)} | ${f.valid.auditRowsPer1000} | ${f.valid.auditBytesPer1000} |`,
    );
    log(
      `| stale and junk tokens (${f.stale.seconds} s, ${f.stale.notRefused} not refused) | ${f.stale.requests} | ${f.stale.rps} | ${f.stale.logBytesPer1000} | ${f.stale.logBytesPerMinute} | ${f.stale.auditRows} rows in all | |`,
    );
    log(
      `\napi RSS: start ${f.rss[0][1]} MiB, peak with valid tokens ${f.rssSteadyPeakMiB} MiB, peak with stale tokens ${f.rssStalePeakMiB} MiB, end ${f.rssEndMiB} MiB; slope over the last half ${f.rssSlopeLastHalfMiBPerMin} MiB/min`,
    );
    log(`Rule: ${f.rule}. ${f.memoryRising ? 'FAILED: memory keeps rising' : 'Passed'}. Written to ${out}.`);
    if (f.memoryRising || f.valid.errors > 0 || f.stale.notRefused > 0) process.exit(1);
    return;
  }

  const result = {
    ranAt: new Date().toISOString(),
    totalSeconds: Math.round((Date.now() - started) / 1000),
    machine: {
      hostname: hostname(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAtEnd: loadavg(),
    },
    options: {
      children,
      released: skipMeasures ? 0 : released,
      engineSizes: skipEngine ? [] : engineSizes,
      durationPerCellS: duration,
      workerConcurrency: Number(values['worker-concurrency']),
    },
    seedSeconds: seedTimes,
    setup,
    bodies: matches,
    http,
    portal,
    engine,
    measures,
    memory,
    targets: evaluateTargets(http, engine, portal, measures),
  };
  // Only the measures: beside the full run's result, not over it.
  const out =
    onlyMeasures && values.out!.endsWith('latest.json') ? join(ROOT, 'bench/results/measures.json') : values.out!;
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log('\n' + renderMarkdown(result));
  log(`\nWritten to ${out} in ${result.totalSeconds} s.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
