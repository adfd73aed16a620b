import autocannon from 'autocannon';
import { Client } from 'pg';
import { DEMO_PASSWORD, planEpisode, Subjects } from './http-phase';
import { cpuMs, sleep } from './procs';

/** The target of issue 20: each page's server time, p95, at most this at national scale. */
export const PORTAL_P95_TARGET_MS = 150;

/** A page of the real portal, read as a signed-in person, and what it must contain to count as answered. */
interface PortalPage {
  key: string;
  description: string;
  path: string;
  /** The session cookie of the person it is read as. */
  cookie: string;
  /** Every one of these must be in the body (the page's heading), with status 200. */
  expect: string[];
}

export interface PortalRow {
  page: string;
  description: string;
  path: string;
  connections: number;
  /** Pages answered right (200 with the heading) a second. */
  rps: number;
  /** Server time of the pages answered right, ms (as seen by the load generator on the same machine). */
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /**
   * What the api did for these pages, from its own `/metrics` (`resettle_graphql_request_duration_seconds`, by
   * operation) read before and after the cell: GraphQL requests a page and the api's mean time each (receiving the
   * request to sending its answer), by operation, and the api's time a page in all. The rest of `mean` is the
   * portal's own work. Null when the api's metrics are not open (METRICS_TOKEN set).
   */
  api: { calls: Record<string, { perPage: number; msEach: number }>; msPerPage: number } | null;
  /**
   * CPU time a page (ms; every answer, right or not, over the cell) of the portal process, the api process, and the
   * PostgreSQL backends of the bench database, from /proc: where the page's work is done.
   */
  cpuMsPerPage: { portal: number; api: number; postgres: number };
  /** Pages answered right. */
  requests: number;
  /** Answers that were not 200 with the expected heading, and connection errors or timeouts: none is a fast page. */
  failed: number;
  /** What the first failure was (status and the start of its body), to say why. */
  firstFailure?: string;
}

/** One person signed in through the portal's own sign-in form, holding its session cookie. */
class PortalSession {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  get cookie(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(this.baseUrl + path, { headers: { cookie: this.cookie }, redirect: 'manual' });
    this.keep(res);
    return res;
  }

  /** GET the form (a session and its CSRF token), POST it, and follow the redirect to the person's home page. */
  async signIn(email: string, password: string): Promise<this> {
    const form = await this.get('/sign-in');
    const html = await form.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (form.status !== 200 || !csrf) throw new Error(`portal sign-in form: HTTP ${form.status}, CSRF token ${!!csrf}`);
    const res = await fetch(`${this.baseUrl}/sign-in`, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    const home = res.headers.get('location');
    if (res.status !== 303 || !home || home.startsWith('/sign-in'))
      throw new Error(`portal sign-in as ${email}: HTTP ${res.status} to ${home}: ${(await res.text()).slice(0, 300)}`);
    // The first page of a session stores its CSRF secret (a cookie may come back); later pages change nothing.
    const first = await this.get(home);
    if (first.status !== 200) throw new Error(`portal ${home} after signing in as ${email}: HTTP ${first.status}`);
    return this;
  }
}

/** As Nunjucks' autoescape writes text into a page. */
const escapeHtml = (s: string) =>
  s.replace(
    /[&"'<>\\]/g,
    (ch) => ({ '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' })[ch]!,
  );

const heading = (text: string) => `<h1 class="govuk-heading-l">${text}</h1>`;

/**
 * The pages of issue 20's speed bullet, each read through the real portal (and so the real api) as a person signed
 * in through the sign-in form: the caseload (the busiest youth justice service's manager, and the busiest
 * establishment's manager, whose caseload fills a page), one child's plan, that child's deadlines, and the
 * service's deadlines at risk.
 */
export async function buildPortalPages(db: Client, portalUrl: string, subjects: Subjects): Promise<PortalPage[]> {
  const svc = subjects.service;
  const est = subjects.establishment;
  const manager = await new PortalSession(portalUrl).signIn(svc.manager, DEMO_PASSWORD);
  const estManager = await new PortalSession(portalUrl).signIn(est.manager, DEMO_PASSWORD);
  const episodeId = await planEpisode(db, svc.id);
  const {
    rows: [child],
  } = await db.query(
    `SELECT coalesce(nullif(c.preferred_name, ''), c.given_name) AS first, c.family_name AS last
       FROM custodial_episode e JOIN child c ON c.id = e.child_id WHERE e.id = $1`,
    [episodeId],
  );
  const name = `${escapeHtml(child.first)} ${escapeHtml(child.last)}`;
  return [
    {
      key: 'portal-caseload-yjs',
      description: `caseload page (${svc.name} manager, ${svc.children} children: the busiest service)`,
      path: '/caseload',
      cookie: manager.cookie,
      expect: [heading('Caseload')],
    },
    {
      key: 'portal-caseload-establishment',
      description: `caseload page, first 25 (${est.name} manager, ${est.children} children)`,
      path: '/caseload',
      cookie: estManager.cookie,
      expect: [heading('Caseload')],
    },
    {
      key: 'portal-plan',
      description: `one child's plan (${svc.name} manager)`,
      path: `/plans/${episodeId}`,
      cookie: manager.cookie,
      expect: ['<span class="govuk-caption-l">Resettlement plan</span>', heading(name)],
    },
    {
      key: 'portal-deadlines-child',
      description: `that child's deadlines (${svc.name} manager)`,
      path: `/episodes/${episodeId}/milestones`,
      cookie: manager.cookie,
      expect: ['<span class="govuk-caption-l">Deadlines</span>', heading(name)],
    },
    {
      key: 'portal-deadlines-at-risk',
      description: `deadlines at risk across the service (${svc.name} manager)`,
      path: '/deadlines',
      cookie: manager.cookie,
      expect: [heading('Deadlines at risk')],
    },
  ];
}

/** "query caseload × 1 (12.3 ms), …": the api requests a page made and the api's mean time for each. */
export const describeCalls = (calls: Record<string, { perPage: number; msEach: number }>) =>
  Object.entries(calls)
    .map(([operation, c]) => `${operation} × ${c.perPage} (${c.msEach} ms)`)
    .join(', ');

const percentile = (sorted: number[], p: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : NaN;

/**
 * One cell: `connections` connections each asking for the page again as soon as it has the last one, for `duration`
 * seconds. Each answer is checked (status 200, every expected string in the body); only those count as pages and
 * give the percentiles, and anything else is a failure.
 */
async function cell(
  page: PortalPage,
  connections: number,
  duration: number,
  options: MeasureOptions,
): Promise<Omit<PortalRow, 'page' | 'description' | 'path'>> {
  const { portalUrl, apiMetricsUrl } = options;
  const before = await settledGraphqlTimes(apiMetricsUrl);
  const backends = await options.postgresBackends();
  const cpu = () => ({
    portal: cpuMs(options.pids.portal),
    api: cpuMs(options.pids.api),
    postgres: backends.map(cpuMs),
  });
  const cpuBefore = cpu();
  const good: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  // autocannon calls a request's onResponse (status and body) and then emits `response` (its time) for the same
  // answer, synchronously on one connection: the verdict is handed from the one to the other.
  let verdict = false;
  const started = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: portalUrl,
        connections,
        duration,
        timeout: 30,
        requests: [
          {
            method: 'GET',
            path: page.path,
            headers: { cookie: page.cookie },
            onResponse: (status, body) => {
              verdict = status === 200 && page.expect.every((s) => body.includes(s));
              if (!verdict && !firstFailure) firstFailure = `HTTP ${status}: ${body.slice(0, 200)}`;
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (verdict) good.push(responseTime);
      else failed++;
      verdict = false;
    });
  });
  const seconds = Math.max(result.duration ?? (Date.now() - started) / 1000, 0.001);
  good.sort((a, b) => a - b);
  const after = await settledGraphqlTimes(apiMetricsUrl);
  const cpuAfter = cpu();
  const pages = good.length + failed;
  const perPage = (ms: number) => (pages ? Math.round((ms / pages) * 10) / 10 : NaN);
  // A backend gone during the cell (NaN) is left out.
  const postgresMs = cpuAfter.postgres.reduce((sum, ms, i) => sum + (ms - cpuBefore.postgres[i] || 0), 0);
  let api: PortalRow['api'] = null;
  if (before && after && pages) {
    const calls: Record<string, { perPage: number; msEach: number }> = {};
    let apiSeconds = 0;
    for (const [operation, { count, sum }] of after) {
      const n = count - (before.get(operation)?.count ?? 0);
      if (n <= 0) continue;
      const seconds = sum - (before.get(operation)?.sum ?? 0);
      calls[operation] = {
        perPage: Math.round((n / pages) * 100) / 100,
        msEach: Math.round((seconds * 10000) / n) / 10,
      };
      apiSeconds += seconds;
    }
    api = { calls, msPerPage: Math.round((apiSeconds * 10000) / pages) / 10 };
  }
  return {
    connections,
    rps: Math.round((good.length / seconds) * 10) / 10,
    p50: percentile(good, 50),
    p95: percentile(good, 95),
    p99: percentile(good, 99),
    mean: good.length ? Math.round((good.reduce((a, b) => a + b, 0) / good.length) * 10) / 10 : NaN,
    api,
    cpuMsPerPage: {
      portal: perPage(cpuAfter.portal - cpuBefore.portal),
      api: perPage(cpuAfter.api - cpuBefore.api),
      postgres: perPage(postgresMs),
    },
    requests: good.length,
    // autocannon counts a timeout among its errors too.
    failed: failed + result.errors,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/** The api's GraphQL request count and total seconds by operation, from its Prometheus text; null if refused. */
async function graphqlTimes(metricsUrl: string): Promise<Map<string, { count: number; sum: number }> | null> {
  const res = await fetch(metricsUrl);
  if (!res.ok) return null;
  const out = new Map<string, { count: number; sum: number }>();
  const line = /^resettle_graphql_request_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$/gm;
  for (const [, kind, labels, value] of (await res.text()).matchAll(line)) {
    const operation = /operation="([^"]*)"/.exec(labels)?.[1] ?? '?';
    const o = out.get(operation) ?? { count: 0, sum: 0 };
    o[kind as 'sum' | 'count'] = Number(value);
    out.set(operation, o);
  }
  return out;
}

/**
 * The api's figures once the pages still in flight when the load stopped have been answered (the portal finishes
 * them after autocannon has gone): two reads 300 ms apart with the same number of requests, or after 10 s.
 */
async function settledGraphqlTimes(metricsUrl: string): Promise<Map<string, { count: number; sum: number }> | null> {
  const total = (m: Map<string, { count: number }> | null) => [...(m?.values() ?? [])].reduce((a, o) => a + o.count, 0);
  let last = await graphqlTimes(metricsUrl);
  for (const until = Date.now() + 10_000; last && Date.now() < until;) {
    await sleep(300);
    const now = await graphqlTimes(metricsUrl);
    if (total(now) === total(last)) return now;
    last = now;
  }
  return last;
}

interface MeasureOptions {
  portalUrl: string;
  apiMetricsUrl: string;
  pids: { portal: number; api: number };
  /** The PostgreSQL backends' pids of the bench database (the api's pool), read before each cell. */
  postgresBackends: () => Promise<number[]>;
}

/** Every page at every concurrency, after a short warm-up of each. */
export async function measurePortal(
  pages: PortalPage[],
  options: MeasureOptions & { duration: number; concurrencies: number[]; log: (line: string) => void },
): Promise<PortalRow[]> {
  const rows: PortalRow[] = [];
  for (const page of pages) {
    // Warm-up (JIT, the api's query cache, connection pools): not recorded.
    await cell(page, 10, 2, options);
    for (const connections of options.concurrencies) {
      const c = await cell(page, connections, options.duration, options);
      rows.push({ page: page.key, description: page.description, path: page.path, ...c });
      options.log(
        `  ${page.key.padEnd(30)} c=${String(connections).padStart(2)}  ${String(c.rps).padStart(6)} pages/s` +
          `  p50 ${c.p50} p95 ${c.p95} p99 ${c.p99} ms, mean ${c.mean} ms` +
          (c.api ? `  | api ${c.api.msPerPage} ms a page: ${describeCalls(c.api.calls)}` : '') +
          `  | CPU ms a page: portal ${c.cpuMsPerPage.portal}, api ${c.cpuMsPerPage.api}, PostgreSQL ${c.cpuMsPerPage.postgres}` +
          (c.failed ? `  FAILED ${c.failed} (first: ${c.firstFailure ?? 'connection error or timeout'})` : ''),
      );
    }
  }
  return rows;
}
