/**
 * The raw baseline: a minimal node:http server answering the bench's three reads with one hand-written SQL query
 * each over `pg`, in the same JSON shape as the api's GraphQL response. No framework, no GraphQL, no access
 * policy, no audit rows, no authentication: the floor the api is compared with. Started by bench/run.ts as a
 * child process (like the api), so its CPU and memory are its own.
 *
 *   GET /caseload?service=<id>|establishment=<id>&first=50&after=<the api's endCursor>
 *   GET /referrals?to=<organisation id>&first=50
 *   GET /plan?episode=<id>
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Pool } from 'pg';

const IN_CUSTODY = ['REMANDED', 'SENTENCED', 'RECALLED'];

const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
const decodeCursor = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];

/** One query: the page (first + 1 rows, to know whether there is a next one) with everything nested, and the count. */
const CASELOAD_SQL = `
WITH scope AS (
  SELECT e.* FROM custodial_episode e
   WHERE e.status::text = ANY($1::text[])
     AND (e.supervising_service_id = $2::uuid OR e.current_establishment_id = $3::uuid)
), page AS (
  SELECT * FROM scope e
   WHERE $4::date IS NULL OR (COALESCE(e.expected_release_date, 'infinity'::date), e.id) > ($4::date, $5::uuid)
   ORDER BY COALESCE(e.expected_release_date, 'infinity'::date), e.id
   LIMIT $6::int + 1
)
SELECT (SELECT count(*)::int FROM scope) AS total,
       COALESCE(json_agg(json_build_object(
         'id', p.id, 'expectedReleaseDate', p.expected_release_date, 'status', p.status,
         'child', (SELECT json_build_object('id', c.id, 'givenName', c.given_name, 'familyName', c.family_name) FROM child c WHERE c.id = p.child_id),
         'milestones', COALESCE((SELECT json_agg(json_build_object('key', m.key, 'dueDate', m.due_date, 'status', m.status)
                                                ORDER BY m.due_date ASC NULLS LAST, m.key ASC)
                                   FROM milestone m WHERE m.episode_id = p.id), '[]'::json),
         'resettlementPlan', (SELECT json_build_object('pathways', COALESCE((SELECT json_agg(json_build_object('type', w.type, 'status', w.status) ORDER BY w.type)
                                                                          FROM pathway w WHERE w.plan_id = rp.id), '[]'::json))
                                FROM resettlement_plan rp WHERE rp.episode_id = p.id)
       ) ORDER BY COALESCE(p.expected_release_date, 'infinity'::date), p.id), '[]'::json) AS rows
  FROM page p`;

const REFERRALS_SQL = `
WITH scope AS (
  SELECT r.*, COALESCE(e.expected_release_date, 'infinity'::date) AS sort_date
    FROM referral r JOIN custodial_episode e ON e.id = r.episode_id
   WHERE r.to_organisation_id = $1::uuid AND r.sent_at IS NOT NULL
), page AS (
  SELECT * FROM scope ORDER BY sort_date, id LIMIT $2::int + 1
)
SELECT (SELECT count(*)::int FROM scope) AS total,
       COALESCE(json_agg(json_build_object(
         'id', p.id, 'type', p.type, 'status', p.status,
         'sentAt', to_char(p.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
         'childId', p.child_id, 'episodeId', p.episode_id,
         'summary', CASE WHEN p.summary IS NULL THEN NULL ELSE json_build_object(
            'givenName', p.summary->>'givenName', 'familyName', p.summary->>'familyName', 'age', (p.summary->>'age')::int,
            'releaseDate', p.summary->>'releaseDate', 'establishmentName', p.summary->>'establishmentName') END,
         '_sort', p.sort_date
       ) ORDER BY p.sort_date, p.id), '[]'::json) AS rows
  FROM page p`;

const PLAN_SQL = `
SELECT json_build_object(
  'id', rp.id, 'version', rp.version, 'status', rp.status,
  'childVoice', json_build_object('selfAssessment', rp.self_assessment, 'aspirations', rp.aspirations),
  'pathways', COALESCE((SELECT json_agg(json_build_object(
       'id', w.id, 'version', w.version, 'type', w.type, 'status', w.status, 'needLevel', w.need_level, 'childView', w.child_view,
       'responsibleOrganisation', (SELECT json_build_object('id', o.id, 'name', o.name) FROM organisation o WHERE o.id = w.responsible_organisation_id),
       'actions', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'description', a.description, 'dueDate', a.due_date, 'doneOn', a.done_on) ORDER BY a.created_at)
                              FROM pathway_action a WHERE a.pathway_id = w.id), '[]'::json)
     ) ORDER BY w.type) FROM pathway w WHERE w.plan_id = rp.id), '[]'::json)
) AS plan
  FROM resettlement_plan rp WHERE rp.episode_id = $1::uuid`;

function page(rows: any[], first: number, total: number, cursorOf: (row: any) => unknown[]) {
  const shown = rows.slice(0, first);
  const last = shown[shown.length - 1];
  return {
    totalCount: total,
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(cursorOf(last)) : null },
    edges: shown.map((node) => ({ node })),
  };
}

async function answer(pool: Pool, url: URL): Promise<unknown> {
  const q = url.searchParams;
  const first = Number(q.get('first') ?? 50);
  if (url.pathname === '/caseload') {
    const after = q.get('after') ? decodeCursor(q.get('after')!) : null;
    const afterDate = after ? (after[0] === 'infinity' ? 'infinity' : after[0]) : null;
    const { rows } = await pool.query(CASELOAD_SQL, [
      IN_CUSTODY,
      q.get('service'),
      q.get('establishment'),
      afterDate,
      after?.[1] ?? null,
      first,
    ]);
    return {
      data: { caseload: page(rows[0].rows, first, rows[0].total, (r) => [r.expectedReleaseDate ?? 'infinity', r.id]) },
    };
  }
  if (url.pathname === '/referrals') {
    const { rows } = await pool.query(REFERRALS_SQL, [q.get('to'), first]);
    const list = rows[0].rows as any[];
    const cursors = new Map(list.map((r) => [r.id, r._sort]));
    for (const r of list) delete r._sort;
    return { data: { referrals: page(list, first, rows[0].total, (r) => [cursors.get(r.id), r.id]) } };
  }
  if (url.pathname === '/plan') {
    const { rows } = await pool.query(PLAN_SQL, [q.get('episode')]);
    return { data: { resettlementPlan: rows[0]?.plan ?? null } };
  }
  return null;
}

/** Starts the baseline on 127.0.0.1 (port 0: any free one); `url` is where it listens. */
export async function startBaseline(
  databaseUrl: string,
  port = 0,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://baseline');
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    answer(pool, url).then(
      (result) => {
        if (result === null) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(result));
      },
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await pool.end();
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, close };
}

if (require.main === module) {
  startBaseline(process.env.DATABASE_URL!, Number(process.env.BASELINE_PORT ?? 3199)).then(({ url, close }) => {
    console.log(`baseline listening on ${url}`);
    process.on('SIGTERM', () => close().then(() => process.exit(0)));
  });
}
