import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { body, CASELOAD, GraphqlClient, INBOX, PLAN } from './gql';
import { RssSampler } from './procs';

export const DEMO_PASSWORD = 'resettle-demo-password';

export interface Target {
  /** e.g. "caseload-establishment-p1". */
  key: string;
  description: string;
  api: { body: string; authorization: string };
  baselinePath: string;
}

interface CellFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface HttpRow {
  target: string;
  description: string;
  connections: number;
  api: CellFigures;
  baseline: CellFigures;
  /** api req/s ÷ baseline req/s. */
  rpsRatio: number;
  /** api p99 ÷ baseline p99. */
  p99Ratio: number;
}

export interface Match {
  target: string;
  bodiesEqual: boolean;
  sameIdsInOrder: boolean;
  rows: number;
  note?: string;
}

/** The people and records the bench reads as: chosen from the seeded data, the busiest of each kind. */
export async function chooseSubjects(db: Client) {
  const {
    rows: [est],
  } = await db.query(
    `SELECT o.id, o.name, u.email, count(*)::int AS children
       FROM custodial_episode e JOIN organisation o ON o.id = e.current_establishment_id
       JOIN app_user u ON u.organisation_id = o.id AND 'ESTABLISHMENT_MANAGER' = ANY(u.roles::text[])
      WHERE e.status IN ('REMANDED', 'SENTENCED', 'RECALLED')
      GROUP BY o.id, o.name, u.email ORDER BY count(*) DESC, o.name LIMIT 1`,
  );
  const {
    rows: [yjs],
  } = await db.query(
    `SELECT o.id, o.name, la.id AS la_id, la.name AS la_name, lower(substr(la.code, 4)) AS stem, count(*)::int AS children
       FROM custodial_episode e JOIN organisation o ON o.id = e.supervising_service_id
       JOIN organisation la ON la.id = o.local_authority_id
      WHERE e.status IN ('REMANDED', 'SENTENCED', 'RECALLED')
      GROUP BY o.id, o.name, la.id, la.name, la.code ORDER BY count(*) DESC, o.name LIMIT 1`,
  );
  return {
    establishment: {
      id: est.id as string,
      name: est.name as string,
      manager: est.email as string,
      children: est.children as number,
    },
    service: {
      id: yjs.id as string,
      name: yjs.name as string,
      children: yjs.children as number,
      manager: `manager@${yjs.stem}.yjs.example.com`,
      caseManager: `case.manager.1@${yjs.stem}.yjs.example.com`,
      authority: {
        id: yjs.la_id as string,
        name: yjs.la_name as string,
        officer: `accommodation@${yjs.stem}.council.example.com`,
      },
    },
  };
}

export type Subjects = Awaited<ReturnType<typeof chooseSubjects>>;

/**
 * The seed makes no referrals, so the accommodation officer's inbox would be empty: through the real api, the
 * busiest service's case manager refers every child it supervises to its own authority's accommodation team and
 * sends the referral. The authority gets an accommodation officer (created by the demo national admin) if the
 * seed gave it none. Idempotent: children already referred are skipped.
 */
export async function ensureReferrals(db: Client, graphqlUrl: string, subjects: Subjects): Promise<number> {
  const anon = new GraphqlClient(graphqlUrl);
  const { rowCount: hasOfficer } = await db.query('SELECT 1 FROM app_user WHERE email = $1', [
    subjects.service.authority.officer,
  ]);
  if (!hasOfficer) {
    const admin = await anon.signIn('admin@yjb.national.example.com', DEMO_PASSWORD);
    await admin.request(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: {
        organisationId: subjects.service.authority.id,
        givenName: 'Bench',
        familyName: 'Officer',
        email: subjects.service.authority.officer,
        roles: ['LA_ACCOMMODATION_OFFICER'],
        password: DEMO_PASSWORD,
      },
    });
  }
  const cm = await anon.signIn(subjects.service.caseManager, DEMO_PASSWORD);
  const { rows: episodes } = await db.query(
    `SELECT e.id FROM custodial_episode e
      WHERE e.supervising_service_id = $1 AND e.status IN ('REMANDED', 'SENTENCED', 'RECALLED')
        AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.episode_id = e.id AND r.type = 'ACCOMMODATION')
      ORDER BY e.id`,
    [subjects.service.id],
  );
  for (const { id } of episodes) {
    const { resettlementPlan } = await cm.request(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
      { id },
    );
    const pathway = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION');
    const { createReferral } = await cm.request(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      {
        input: {
          pathwayId: pathway.id,
          type: 'ACCOMMODATION',
          toOrganisationId: subjects.service.authority.id,
          childWishes: 'Synthetic bench data: to live near family',
          needsAndRisks: 'Synthetic bench data',
        },
      },
    );
    await cm.request(`mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id status } }`, {
      input: { referralId: createReferral.id, expectedVersion: createReferral.version },
    });
  }
  const {
    rows: [{ n }],
  } = await db.query(`SELECT count(*)::int AS n FROM referral WHERE to_organisation_id = $1 AND sent_at IS NOT NULL`, [
    subjects.service.authority.id,
  ]);
  return n;
}

/** The episode whose plan is read: the service's sentenced child released first (a remanded one if none is). */
export async function planEpisode(db: Client, serviceId: string): Promise<string> {
  const {
    rows: [plan],
  } = await db.query(
    `SELECT e.id FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
      WHERE e.supervising_service_id = $1 AND e.status IN ('REMANDED', 'SENTENCED', 'RECALLED')
      ORDER BY e.status = 'SENTENCED' DESC, e.expected_release_date, e.id LIMIT 1`,
    [serviceId],
  );
  return plan.id as string;
}

/** The five reads, each as the api request (with a real access token) and the baseline's URL path. */
export async function buildTargets(
  db: Client,
  graphqlUrl: string,
  subjects: Subjects,
  pageSize = 50,
): Promise<Target[]> {
  const anon = new GraphqlClient(graphqlUrl);
  const estManager = await anon.signIn(subjects.establishment.manager, DEMO_PASSWORD);
  const yjsManager = await anon.signIn(subjects.service.manager, DEMO_PASSWORD);
  const officer = await anon.signIn(subjects.service.authority.officer, DEMO_PASSWORD);
  const first = await estManager.request(CASELOAD, { first: pageSize });
  const cursor = first.caseload.pageInfo.endCursor as string;
  const planId = await planEpisode(db, subjects.service.id);
  const est = subjects.establishment;
  const svc = subjects.service;
  return [
    {
      key: 'caseload-establishment-p1',
      description: `caseload, first page of ${pageSize} (${est.name} manager, ${est.children} children)`,
      api: { body: body(CASELOAD, { first: pageSize }), authorization: estManager.authorization! },
      baselinePath: `/caseload?establishment=${est.id}&first=${pageSize}`,
    },
    {
      key: 'caseload-establishment-p2',
      description: `caseload, second page of ${pageSize} (after the first page's endCursor)`,
      api: { body: body(CASELOAD, { first: pageSize, after: cursor }), authorization: estManager.authorization! },
      baselinePath: `/caseload?establishment=${est.id}&first=${pageSize}&after=${cursor}`,
    },
    {
      key: 'caseload-yjs',
      description: `youth justice caseload (${svc.name} manager, ${svc.children} children: the busiest service)`,
      api: { body: body(CASELOAD, { first: pageSize }), authorization: yjsManager.authorization! },
      baselinePath: `/caseload?service=${svc.id}&first=${pageSize}`,
    },
    {
      key: 'referral-inbox',
      description: `accommodation officer's referral inbox (${svc.authority.name})`,
      api: { body: body(INBOX, { first: pageSize }), authorization: officer.authorization! },
      baselinePath: `/referrals?to=${svc.authority.id}&first=${pageSize}`,
    },
    {
      key: 'plan',
      description: `one child's full plan (${svc.name} manager)`,
      api: { body: body(PLAN, { episodeId: planId }), authorization: yjsManager.authorization! },
      baselinePath: `/plan?episode=${planId}`,
    },
  ];
}

function idsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => idsOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') out.push(v);
      else idsOf(v, out);
    }
  }
  return out;
}

/** Fetches each target once from both servers and compares the bodies (deeply, and the ids in order). */
export async function compareBodies(targets: Target[], graphqlUrl: string, baselineUrl: string): Promise<Match[]> {
  const out: Match[] = [];
  for (const t of targets) {
    const apiRes = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: t.api.authorization },
      body: t.api.body,
    });
    const api = (await apiRes.json()) as any;
    const base = (await (await fetch(baselineUrl + t.baselinePath)).json()) as any;
    const a = idsOf(api.data);
    const b = idsOf(base.data);
    const match: Match = {
      target: t.key,
      bodiesEqual: isDeepStrictEqual(api, base),
      sameIdsInOrder: a.length > 0 && isDeepStrictEqual(a, b),
      rows: a.length,
    };
    if (!match.bodiesEqual) match.note = firstDifference(api, base) ?? undefined;
    out.push(match);
  }
  return out;
}

function firstDifference(a: any, b: any, path = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: api ${JSON.stringify(a)?.slice(0, 200)} vs baseline ${JSON.stringify(b)?.slice(0, 200)}`;
}

async function cannon(opts: autocannon.Options): Promise<CellFigures> {
  const r = await autocannon({ ...opts, timeout: 30 });
  return {
    rps: Math.round(r.requests.average * 10) / 10,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** Every target at every concurrency, api then baseline, for `duration` seconds each (after a short warm-up). */
export async function measureHttp(
  targets: Target[],
  graphqlUrl: string,
  baselineUrl: string,
  options: { duration: number; concurrencies: number[]; log: (line: string) => void; sampler: RssSampler },
): Promise<HttpRow[]> {
  const rows: HttpRow[] = [];
  for (const t of targets) {
    const apiOpts = {
      url: graphqlUrl,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', authorization: t.api.authorization },
      body: t.api.body,
    };
    const baseOpts = { url: baselineUrl + t.baselinePath };
    // Warm-up (JIT, connection pools, Mercurius' query cache): not recorded.
    await cannon({ ...apiOpts, connections: 10, duration: 2 });
    await cannon({ ...baseOpts, connections: 10, duration: 2 });
    for (const connections of options.concurrencies) {
      const api = await cannon({ ...apiOpts, connections, duration: options.duration });
      const baseline = await cannon({ ...baseOpts, connections, duration: options.duration });
      const row: HttpRow = {
        target: t.key,
        description: t.description,
        connections,
        api,
        baseline,
        rpsRatio: Math.round((api.rps / baseline.rps) * 100) / 100,
        p99Ratio: Math.round((api.p99 / (baseline.p99 || 1)) * 100) / 100,
      };
      rows.push(row);
      options.log(
        `  ${t.key.padEnd(26)} c=${String(connections).padStart(2)}  api ${String(api.rps).padStart(7)} req/s p50 ${api.p50} p99 ${api.p99} ms` +
          `  | baseline ${String(baseline.rps).padStart(7)} req/s p50 ${baseline.p50} p99 ${baseline.p99} ms  | ratio ${row.rpsRatio}` +
          (api.non2xx || api.errors ? `  (api non-2xx ${api.non2xx}, errors ${api.errors})` : ''),
      );
    }
  }
  return rows;
}
