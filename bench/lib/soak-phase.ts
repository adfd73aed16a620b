import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { body, CASELOAD } from './gql';
import { DEMO_PASSWORD, Subjects } from './http-phase';
import { Proc, rssMiB, sleep } from './procs';

/** The access token lifetime the soak's api runs with (the least the config allows), so a 2-minute soak refreshes. */
export const SOAK_ACCESS_TOKEN_TTL_SECONDS = 60;

export interface SoakFigures {
  seconds: number;
  concurrency: number;
  valid: {
    seconds: number;
    requests: number;
    rps: number;
    errors: number;
    refreshes: number;
    logBytes: number;
    logBytesPer1000: number;
    auditRows: number;
    auditRowsPer1000: number;
    auditBytes: number;
    auditBytesPer1000: number;
  };
  stale: {
    seconds: number;
    requests: number;
    rps: number;
    notRefused: number;
    auditRows: number;
    logBytes: number;
    logBytesPer1000: number;
    logBytesPerMinute: number;
  };
  /** RSS of the api, one sample a second: [seconds since the start, MiB]. */
  rss: [number, number][];
  rssSteadyPeakMiB: number;
  rssStalePeakMiB: number;
  rssEndMiB: number;
  /** Least-squares slope of the RSS over the last half of the soak, MiB per minute. */
  rssSlopeLastHalfMiBPerMin: number;
  memoryRising: boolean;
  rule: string;
}

/** The rule that fails the run (see bench/README.md). */
const MEMORY_RULE =
  'memory keeps rising when the least-squares slope of the api RSS over the last half of the soak is above 5 MiB/min and its last sample is above the peak of the first half';

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function graphql(
  url: string,
  payload: string,
  authorization: string,
): Promise<{ data?: any; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: payload,
  });
  return (await res.json()) as never;
}

async function auditSize(db: Client): Promise<{ rows: number; bytes: number }> {
  const {
    rows: [r],
  } = await db.query(
    // A partitioned table has no storage of its own: its size is its partitions' (with their indexes).
    `SELECT (SELECT count(*) FROM audit_record) AS n,
            (SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits
              WHERE inhparent = 'audit_record'::regclass) AS bytes`,
  );
  return { rows: Number(r.n), bytes: Number(r.bytes) };
}

/**
 * The caseload at `concurrency` for the first 70% of `seconds`, signed in as the establishment manager, the access
 * token refreshed (with the `refresh` mutation) when 80% of its life has gone, as the portal does; then, for the
 * rest, the same requests with stale tokens: the first access token (expired by then) and junk. Samples the api's
 * RSS each second, and counts its log bytes and the audit table's rows and bytes.
 */
export async function soak(options: {
  db: Client;
  api: Proc;
  graphqlUrl: string;
  subjects: Subjects;
  seconds: number;
  concurrency: number;
  log: (line: string) => void;
}): Promise<SoakFigures> {
  const { db, api, graphqlUrl, subjects, seconds, concurrency, log } = options;
  const login = await graphql(
    graphqlUrl,
    body(`mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresAt } }`, {
      input: { email: subjects.establishment.manager, password: DEMO_PASSWORD },
    }),
    '',
  );
  let tokens = login.data.login as { accessToken: string; refreshToken: string; expiresAt: string };
  const firstAccessToken = tokens.accessToken;
  let refreshes = 0;
  let refreshing: Promise<void> | undefined;
  const refreshDue = () => Date.now() > new Date(tokens.expiresAt).getTime() - SOAK_ACCESS_TOKEN_TTL_SECONDS * 200;
  const refresh = () =>
    (refreshing ??= (async () => {
      const res = await graphql(
        graphqlUrl,
        body(`mutation($input: RefreshInput!) { refresh(input: $input) { accessToken refreshToken expiresAt } }`, {
          input: { refreshToken: tokens.refreshToken },
        }),
        '',
      );
      if (!res.data?.refresh) throw new Error(`refresh failed: ${JSON.stringify(res.errors)}`);
      tokens = res.data.refresh;
      refreshes++;
    })().finally(() => (refreshing = undefined)));

  const start = Date.now();
  const validUntil = start + seconds * 700;
  const end = start + seconds * 1000;
  const rss: [number, number][] = [];
  const sampler = setInterval(() => rss.push([Math.round((Date.now() - start) / 100) / 10, rssMiB(api.pid)]), 1000);
  rss.push([0, rssMiB(api.pid)]);

  const page = body(CASELOAD, { first: 50 });
  const auditBefore = await auditSize(db);
  const logBefore = api.bytes();
  let requests = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < validUntil) {
        if (refreshDue()) await refresh();
        const res = await graphql(graphqlUrl, page, `Bearer ${tokens.accessToken}`);
        requests++;
        if (res.errors?.length) errors++;
      }
    }),
  );
  const validSeconds = (Date.now() - start) / 1000;
  // Let the last audit rows and log lines land.
  await sleep(1500);
  const auditAfter = await auditSize(db);
  const logMid = api.bytes();
  log(
    `  valid tokens: ${requests} caseload pages in ${validSeconds.toFixed(0)} s (${errors} errors, ${refreshes} refreshes), RSS now ${rssMiB(api.pid)} MiB`,
  );

  const staleStart = Date.now();
  let staleRequests = 0;
  let notRefused = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      while (Date.now() < end) {
        const authorization = i % 2 === 0 ? `Bearer ${firstAccessToken}` : `Bearer junk.${randomUUID()}.x`;
        const res = await graphql(graphqlUrl, page, authorization);
        staleRequests++;
        if (res.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') notRefused++;
      }
    }),
  );
  const staleSeconds = (Date.now() - staleStart) / 1000;
  await sleep(1500);
  clearInterval(sampler);
  const logEnd = api.bytes();
  const auditEnd = await auditSize(db);
  log(
    `  stale tokens: ${staleRequests} requests in ${staleSeconds.toFixed(0)} s (${notRefused} not refused), RSS now ${rssMiB(api.pid)} MiB`,
  );

  const half = rss.filter(([t]) => t >= seconds / 2);
  const firstHalfPeak = Math.max(...rss.filter(([t]) => t < seconds / 2).map(([, m]) => m));
  const validPeak = Math.max(...rss.filter(([t]) => t <= validSeconds).map(([, m]) => m));
  const stalePeak = Math.max(...rss.filter(([t]) => t > validSeconds).map(([, m]) => m));
  const slopePerMin = Math.round(slope(half) * 60 * 10) / 10;
  const endMiB = rss[rss.length - 1][1];
  const per1000 = (n: number, of: number) => Math.round((n / Math.max(1, of)) * 1000 * 10) / 10;
  return {
    seconds,
    concurrency,
    valid: {
      seconds: Math.round(validSeconds),
      requests,
      rps: Math.round(requests / validSeconds),
      errors,
      refreshes,
      logBytes: logMid - logBefore,
      logBytesPer1000: per1000(logMid - logBefore, requests),
      auditRows: auditAfter.rows - auditBefore.rows,
      auditRowsPer1000: per1000(auditAfter.rows - auditBefore.rows, requests),
      auditBytes: auditAfter.bytes - auditBefore.bytes,
      auditBytesPer1000: per1000(auditAfter.bytes - auditBefore.bytes, requests),
    },
    stale: {
      seconds: Math.round(staleSeconds),
      requests: staleRequests,
      rps: Math.round(staleRequests / staleSeconds),
      notRefused,
      auditRows: auditEnd.rows - auditAfter.rows,
      logBytes: logEnd - logMid,
      logBytesPer1000: per1000(logEnd - logMid, staleRequests),
      logBytesPerMinute: Math.round(((logEnd - logMid) / staleSeconds) * 60),
    },
    rss,
    rssSteadyPeakMiB: validPeak,
    rssStalePeakMiB: stalePeak,
    rssEndMiB: endMiB,
    rssSlopeLastHalfMiBPerMin: slopePerMin,
    memoryRising: slopePerMin > 5 && endMiB > firstHalfPeak,
    rule: MEMORY_RULE,
  };
}
