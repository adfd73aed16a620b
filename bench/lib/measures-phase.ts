import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { GraphqlClient, MEASURES, MEASURES_AND_TREND, MEASURES_TREND } from './gql';
import { DEMO_PASSWORD } from './http-phase';

/** One measured read of the measures page: a scope, a period and a document (or the page, as the portal reads it). */
interface MeasuresRow {
  /** e.g. "service, last month". */
  case: string;
  scope: 'YOUTH_JUSTICE_SERVICE' | 'ENGLAND_AND_WALES';
  period: { from: string; to: string };
  /** The children released in the period, as the api counted them (before suppression; from SQL). */
  released: number;
  /**
   * `figures`: the page's first read (headline tables, breakdowns, response times); `trend`: its second (12 months,
   * month by month); `page`: as the portal reads it (12 months: one read of both; a month: both side by side).
   */
  read: 'figures' | 'trend' | 'page';
  repetitions: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export interface MeasuresFigures {
  today: string;
  service: { id: string; name: string; manager: string; releasedLast12Months: number };
  releasedLast12Months: number;
  rows: MeasuresRow[];
}

/** The London day of a moment. */
function londonDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
}

const monthStart = (day: string, monthsBack: number) => {
  const d = new Date(`${day.slice(0, 7)}-01T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
};
const dayBefore = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** As the portal's `measuresPeriods`: last month, and the 12 months to the end of last month (the trend's period). */
export function measuresPeriods(today: string) {
  const thisMonth = monthStart(today, 0);
  const lastMonth = { from: monthStart(today, 1), to: dayBefore(thisMonth) };
  const year = { from: monthStart(today, 12), to: lastMonth.to };
  return { lastMonth, year };
}

/** Nearest-rank percentile of a sorted list. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The resettlement measures through the real api: the youth justice service that released the most children over
 * the last 12 months, signed in as its manager (their own service, the default scope), and England and Wales, signed
 * in as the national admin; each for last month and the 12 months to the end of last month. The portal's two reads,
 * the figures (`MEASURES`, with breakdowns and response times) and the trend by month over
 * the 12 months (`MEASURES_TREND`), each timed alone; and the page as the portal makes it: for the 12 months one read
 * of both (`MEASURES_AND_TREND`: the api counts the headline, breakdowns and months together whichever is asked),
 * for a month the two reads side by side. Each is made once to warm up, then `repetitions` times one after the other
 * (nothing else running against the api): p50 and p95 (nearest rank) of each read and of the page.
 */
export async function measureMeasures(options: {
  db: Client;
  graphqlUrl: string;
  repetitions: number;
  log: (line: string) => void;
}): Promise<MeasuresFigures> {
  const { db, graphqlUrl, repetitions, log } = options;
  const today = londonDay(new Date());
  const { lastMonth, year } = measuresPeriods(today);
  const releasedSql = `SELECT count(*)::int AS n FROM custodial_episode e
     WHERE e.released_at IS NOT NULL AND (e.released_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date`;
  const {
    rows: [service],
  } = await db.query(
    `SELECT o.id, o.name, lower(substr(la.code, 4)) AS stem, count(*)::int AS released
       FROM custodial_episode e JOIN organisation o ON o.id = e.supervising_service_id
       JOIN organisation la ON la.id = o.local_authority_id
      WHERE e.released_at IS NOT NULL
        AND (e.released_at AT TIME ZONE 'Europe/London')::date BETWEEN $1::date AND $2::date
      GROUP BY o.id, o.name, la.code ORDER BY count(*) DESC, o.name LIMIT 1`,
    [year.from, year.to],
  );
  if (!service) throw new Error('No child was released in the last 12 months: nothing to measure');
  const manager = `manager@${service.stem}.yjs.example.com`;
  const anon = new GraphqlClient(graphqlUrl);
  const asManager = await anon.signIn(manager, DEMO_PASSWORD);
  const asAdmin = await anon.signIn('admin@yjb.national.example.com', DEMO_PASSWORD);
  const nationalYear = (await db.query(releasedSql, [year.from, year.to])).rows[0].n as number;
  log(
    `  ${service.name} (${manager}): ${service.released} children released in the 12 months to ${year.to}; England and Wales: ${nationalYear}`,
  );

  const rows: MeasuresRow[] = [];
  const cases = [
    { label: 'service', client: asManager, scope: 'YOUTH_JUSTICE_SERVICE' as const },
    { label: 'England and Wales', client: asAdmin, scope: 'ENGLAND_AND_WALES' as const },
  ];
  for (const c of cases) {
    for (const [periodLabel, period] of [
      ['last month', lastMonth],
      ['12 months', year],
    ] as const) {
      // Each person's own scope (the api's default, as the portal's page opens): the service's, England and Wales.
      const figures = () => c.client.request(MEASURES, { input: { from: period.from, to: period.to } });
      const trend = () => c.client.request(MEASURES_TREND, { input: { from: year.from, to: period.to } });
      // The page as the portal makes it: one read when the period is the trend's 12 months, else both side by side.
      const page = () =>
        period === year
          ? c.client.request(MEASURES_AND_TREND, { input: { from: period.from, to: period.to } })
          : Promise.all([figures(), trend()]);
      const released =
        c.scope === 'ENGLAND_AND_WALES'
          ? ((await db.query(releasedSql, [period.from, period.to])).rows[0].n as number)
          : ((await db.query(`${releasedSql} AND e.supervising_service_id = $3`, [period.from, period.to, service.id]))
              .rows[0].n as number);
      // Warm-up: the first read of a statement plans it and reads its pages into the cache.
      await figures();
      await trend();
      await page();
      const times = { figures: [] as number[], trend: [] as number[], page: [] as number[] };
      for (let i = 0; i < repetitions; i++) {
        const t0 = performance.now();
        await figures();
        const t1 = performance.now();
        await trend();
        const t2 = performance.now();
        await page();
        const t3 = performance.now();
        times.figures.push(t1 - t0);
        times.trend.push(t2 - t1);
        times.page.push(t3 - t2);
      }
      for (const read of ['figures', 'trend', 'page'] as const) {
        const sorted = [...times[read]].sort((a, b) => a - b);
        const row: MeasuresRow = {
          case: `${c.label}, ${periodLabel}`,
          scope: c.scope,
          period,
          released,
          read,
          repetitions,
          p50Ms: round(percentile(sorted, 0.5)),
          p95Ms: round(percentile(sorted, 0.95)),
          minMs: round(sorted[0]),
          maxMs: round(sorted[sorted.length - 1]),
        };
        rows.push(row);
        log(
          `  ${row.case} (${released} released), ${read}: p50 ${row.p50Ms} ms, p95 ${row.p95Ms} ms (${row.minMs}-${row.maxMs})`,
        );
      }
    }
  }
  return {
    today,
    service: { id: service.id, name: service.name, manager, releasedLast12Months: service.released },
    releasedLast12Months: nationalYear,
    rows,
  };
}
