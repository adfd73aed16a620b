import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { migrationDataSourceOptions, runMigrations, TestDatabase } from '@resettle/database';

/**
 * Issue 24's migration on a database that already has audit rows: the migrations before it, rows as the service wrote
 * them then, and the rest of the migrations. Every row moves, ids kept; a list page's rows become one.
 */
const DENSE_AUDIT_TIMESTAMP = 1796400000000;

describe('the dense audit migration', () => {
  let db: TestDatabase;
  let owner: DataSource;

  beforeAll(async () => {
    db = await TestDatabase.create({ migrate: false });
    // Every migration before this one, as a database that has not had it yet.
    const options = migrationDataSourceOptions(db.ownerUrl, db.url);
    const dir = join(__dirname, '..', 'libs', 'database', 'src', 'migrations');
    const earlier = readdirSync(dir)
      .filter((f) => /^\d+-.*\.ts$/.test(f) && Number(f.split('-')[0]) < DENSE_AUDIT_TIMESTAMP)
      .map((f) => join(dir, f));
    owner = new DataSource({ ...options, migrations: earlier });
    await owner.initialize();
    await owner.runMigrations({ transaction: 'each' });
    expect(await owner.query(`SELECT relkind::text AS kind FROM pg_class WHERE relname = 'audit_event'`)).toEqual([
      { kind: 'r' },
    ]);
  }, 120_000);
  afterAll(async () => {
    await owner?.destroy();
    await db?.drop();
  });

  it('moves every row, a caseload page of three as one row naming the three in page order, the rest one each', async () => {
    const [a, b, c] = ['0a', '0b', '0c'].map((x) => `00000000-0000-4000-8000-0000000000${x}`);
    const actor = '00000000-0000-4000-8000-0000000000ff';
    const insert = (rows: unknown[][]) =>
      owner.query(
        `INSERT INTO audit_event (occurred_at, actor_user_id, action, resource_type, resource_id, child_id, outcome,
                                  fields_read, before, after, request_id, client_ip)
         SELECT * FROM json_to_recordset($1::json) AS x(occurred_at timestamptz, actor_user_id uuid, action text,
           resource_type text, resource_id text, child_id uuid, outcome audit_outcome, fields_read text[], before jsonb,
           after jsonb, request_id text, client_ip inet)`,
        [
          JSON.stringify(
            rows.map(([at, action, resourceId, childId, outcome, before, after, requestId]) => ({
              occurred_at: at,
              actor_user_id: actor,
              action,
              resource_type: 'CustodialEpisode',
              resource_id: resourceId,
              child_id: childId,
              outcome,
              fields_read: outcome === 'ALLOWED' ? ['edges.node.id'] : null,
              before,
              after,
              request_id: requestId,
              client_ip: '192.0.2.1',
            })),
          ),
        ],
      );
    // A page read in October 2026 (three children), a change, a refusal, and a sign-in with no child, in July 2025.
    await insert([
      ['2026-10-05T09:00:00Z', 'caseload', 'e-c', c, 'ALLOWED', null, null, 'req-1'],
      ['2026-10-05T09:00:00Z', 'caseload', 'e-a', a, 'ALLOWED', null, null, 'req-1'],
      ['2026-10-05T09:00:00Z', 'caseload', 'e-b', b, 'ALLOWED', null, null, 'req-1'],
      ['2026-10-05T09:01:00Z', 'overrideReleaseDate', 'e-a', a, 'SUCCEEDED', { v: 1 }, { v: 2 }, 'req-2'],
      ['2026-10-05T09:02:00Z', 'child', b, b, 'DENIED', null, null, 'req-3'],
      ['2025-07-01T08:00:00Z', 'SIGN_IN', null, null, 'SUCCEEDED', null, null, null],
    ]);
    const before = await owner.query(`SELECT id, child_id FROM audit_event ORDER BY id`);

    expect(await runMigrations(db.ownerUrl, db.url)).toContain('DenseAuditPartitions1796400000000');

    const rows = await owner.query(
      `SELECT id, action, resource_ids, child_ids, outcome, before, after, tableoid::regclass::text AS partition
         FROM audit_record ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id: before[0].id,
        action: 'caseload',
        resource_ids: ['e-c', 'e-a', 'e-b'],
        child_ids: [c, a, b],
        outcome: 'ALLOWED',
        before: null,
        after: null,
        partition: 'audit_record_y2026m10',
      },
      {
        id: before[3].id,
        action: 'overrideReleaseDate',
        resource_ids: ['e-a'],
        child_ids: [a],
        outcome: 'SUCCEEDED',
        before: { v: 1 },
        after: { v: 2 },
        partition: 'audit_record_y2026m10',
      },
      {
        id: before[4].id,
        action: 'child',
        resource_ids: [b],
        child_ids: [b],
        outcome: 'DENIED',
        before: null,
        after: null,
        partition: 'audit_record_y2026m10',
      },
      {
        id: before[5].id,
        action: 'SIGN_IN',
        resource_ids: [],
        child_ids: [],
        outcome: 'SUCCEEDED',
        before: null,
        after: null,
        partition: 'audit_record_y2025m07',
      },
    ]);
    // Read a child to a line, the view gives back the children the table held, in order (the page's under its id).
    expect(await owner.query(`SELECT child_id FROM audit_event ORDER BY id, position`)).toEqual(
      before.map((r: { child_id: string | null }) => ({ child_id: r.child_id })),
    );
    // Every month from the oldest row to two past this one has its partition.
    const months: string[] = (await owner.query(`SELECT audit_partition_months() AS m`)).map((r: { m: string }) => r.m);
    expect(months[0]).toBe('2025-07');
    expect(months).toContain('2026-10');
    // New rows carry on after the old ids.
    const [{ id }] = await owner.query(
      `INSERT INTO audit_record (occurred_at, action, resource_type, outcome) VALUES (now(), 'x', 'Test', 'ALLOWED') RETURNING id`,
    );
    expect(Number(id)).toBeGreaterThan(Number(before[5].id));
  });
});
