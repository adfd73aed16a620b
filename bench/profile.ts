/**
 * node dist/bench/profile.js [--target caseload-establishment-p1] [--connections 10] [--duration 10]
 * [--worker-reconcile]
 *
 * Profiles the real api (node --cpu-prof) under one of the bench's reads, against the bench database as
 * `npm run bench` left it (run that first), and prints where the CPU time went, by package and by function.
 * The .cpuprofile is kept in bench/results/ for Chrome DevTools or speedscope.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { benchDatabaseUrls, withClient } from './lib/db';
import { buildTargets, chooseSubjects } from './lib/http-phase';
import { API_NODE_FLAGS, ROOT, sleep, startNode, waitForHttp } from './lib/procs';

export function summarise(file: string, top = 30): string {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const perNode = new Map<number, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    perNode.set(id, (perNode.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
    total += prof.timeDeltas[i] ?? 0;
  });
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const [id, t] of perNode) {
    const cf = byId.get(id)!.callFrame;
    const where = cf.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '');
    byFn.set(
      `${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber}`,
      (byFn.get(`${cf.functionName || '(anonymous)'} ${where}:${cf.lineNumber}`) ?? 0) + t,
    );
    const pkg = cf.url
      ? cf.url
          .replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
          .replace(/.*\/dist\/((libs|apps)\/[^/]+).*/, '$1')
          .replace(/^node:.*/, 'node')
      : cf.functionName;
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  }
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `CPU profile ${file}: ${(total / 1000).toFixed(0)} ms sampled\n-- self time by package\n${list(byPkg, 20)}\n-- self time by function\n${list(byFn, top)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: 'caseload-establishment-p1' },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string', default: '10' },
    },
  });
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench';
  const dir = join(ROOT, 'bench/results/profiles');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) rmSync(join(dir, f));
  // BENCH_PROFILE_PORT: so two people profiling on one machine do not collide.
  const port = Number(process.env.BENCH_PROFILE_PORT ?? 3191);
  const api = startNode(
    'api',
    'dist/apps/api/src/main.js',
    {
      DATABASE_URL: benchDatabaseUrls(base).DATABASE_URL,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      QUEUE_PREFIX: 'bench-profile',
      RATE_LIMIT_PER_MINUTE: '100000000',
      RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    },
    [...API_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`],
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, 60_000);
    const graphqlUrl = `http://127.0.0.1:${port}/graphql`;
    const subjects = await withClient(base, chooseSubjects);
    const targets = await withClient(base, (db) => buildTargets(db, graphqlUrl, subjects));
    const t = targets.find((x) => x.key === values.target);
    if (!t) throw new Error(`No target ${values.target}: ${targets.map((x) => x.key).join(', ')}`);
    const opts = {
      url: graphqlUrl,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: t.api.authorization },
      body: t.api.body,
    };
    await autocannon({ ...opts, connections: 10, duration: 2 });
    const r = await autocannon({ ...opts, connections: Number(values.connections), duration: Number(values.duration) });
    console.log(
      `${t.key} c=${values.connections}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`,
    );
  } finally {
    await api.stop();
  }
  await sleep(500);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) console.log(summarise(join(dir, f)));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
