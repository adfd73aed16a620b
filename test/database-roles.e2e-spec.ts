import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { validateConfig } from '@resettle/common';
import {
  APPLICATION_ROLE_SETTING,
  applicationRoleReport,
  DatabaseModule,
  grantToApplication,
  roleOf,
  TestDatabase,
} from '@resettle/database';
import { insertDirectory } from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * What the application role (DATABASE_URL: the api's and worker's connection) may do to each table once every
 * migration has run: the reviewable record of the service's database privileges. A migration that creates a table
 * grants it with grantToApplication and adds its line here; a table missing here, or with other privileges, fails.
 */
const PRIVILEGES: Record<string, string[]> = {
  // TypeORM's record of applied migrations: the owner's alone.
  accommodation_arrangement: ['SELECT', 'INSERT'],
  app_user: ['SELECT', 'INSERT', 'UPDATE'],
  // The per-child view of audit_record, for reading in SQL.
  audit_event: ['SELECT'],
  // Its monthly partitions grant nothing: rows go in and are read through the partitioned table alone.
  audit_record: ['SELECT', 'INSERT'],
  calendar_feed: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  case_manager_assignment: ['SELECT', 'INSERT', 'UPDATE'],
  child: ['SELECT', 'INSERT', 'UPDATE'],
  child_told_where_living: ['SELECT', 'INSERT'],
  childrens_services_informed: ['SELECT', 'INSERT'],
  court_hearing: ['SELECT', 'INSERT', 'UPDATE'],
  custodial_episode: ['SELECT', 'INSERT', 'UPDATE'],
  deadline_engine_status: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  engagement_barrier: ['SELECT', 'INSERT', 'UPDATE'],
  episode_event: ['SELECT', 'INSERT'],
  establishment_transfer: ['SELECT', 'INSERT'],
  ete_placement: ['SELECT', 'INSERT'],
  health_handover: ['SELECT', 'INSERT'],
  meeting_invitee: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  milestone: ['SELECT', 'INSERT', 'UPDATE'],
  milestone_escalation: ['SELECT', 'INSERT'],
  milestone_policy_override: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  notification: ['SELECT', 'INSERT', 'UPDATE'],
  notification_preference: ['SELECT', 'INSERT', 'UPDATE'],
  organisation: ['SELECT'],
  outbox_message: ['SELECT', 'INSERT', 'UPDATE'],
  parent_carer: ['SELECT', 'INSERT'],
  pathway: ['SELECT', 'INSERT', 'UPDATE'],
  pathway_action: ['SELECT', 'INSERT', 'UPDATE'],
  plan_circumstance: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  plan_event: ['SELECT', 'INSERT'],
  planning_meeting: ['SELECT', 'INSERT', 'UPDATE'],
  prior_intervention: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  queue_rebuild: ['SELECT', 'INSERT', 'UPDATE'],
  referral: ['SELECT', 'INSERT', 'UPDATE'],
  referral_event: ['SELECT', 'INSERT'],
  referral_message: ['SELECT', 'INSERT'],
  // A reminder or escalation sent, and a step answered: appends.
  referral_response_notice: ['SELECT', 'INSERT'],
  // A council's step set back to the national default is its row deleted.
  referral_response_target: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  referral_response_target_version: ['SELECT', 'INSERT', 'UPDATE'],
  referral_response_time: ['SELECT', 'INSERT'],
  refresh_token: ['SELECT', 'INSERT', 'UPDATE'],
  release_appointment: ['SELECT', 'INSERT', 'UPDATE'],
  release_day_plan: ['SELECT', 'INSERT', 'UPDATE'],
  release_record: ['SELECT', 'INSERT', 'UPDATE'],
  resettlement_plan: ['SELECT', 'INSERT', 'UPDATE'],
  schema_migration: [],
  sentence: ['SELECT', 'INSERT'],
  supervision_check: ['SELECT', 'INSERT', 'UPDATE'],
  supervision_transfer: ['SELECT', 'INSERT'],
  user_invitation: ['SELECT', 'INSERT', 'UPDATE'],
};

type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

/** Every table and view of the schema, with what `role` may do to it. */
async function privilegesOf(query: Query, role: string): Promise<Record<string, string[]>> {
  const rows: { name: string; privileges: string[] }[] = await query(
    `SELECT c.relname::text AS name,
            ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                  WHERE has_table_privilege($1, c.oid, p)) AS privileges
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
      ORDER BY 1`,
    [role],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.privileges]));
}

/**
 * Sequences `role` cannot use although a column default of a table it inserts into draws from them (a serial column:
 * its inserts would fail), and sequences it may set (setval) at all.
 */
async function sequenceProblems(query: Query, role: string): Promise<string[]> {
  const rows: { problem: string }[] = await query(
    `SELECT format('%s (default of %s) is not usable', s.relname, t.relname) AS problem
       FROM pg_attrdef a
       JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = a.oid AND d.refclassid = 'pg_class'::regclass
       JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = a.adrelid
      WHERE has_table_privilege($1, t.oid, 'INSERT') AND NOT (CASE WHEN s.relkind = 'S' THEN has_sequence_privilege($1, s.oid, 'USAGE') END)
     UNION ALL
     SELECT format('%s may be set', s.relname)
       FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
      WHERE n.nspname = 'public' AND (CASE WHEN s.relkind = 'S' THEN has_sequence_privilege($1, s.oid, 'UPDATE') END)
      ORDER BY 1`,
    [role],
  );
  return rows.map((r) => r.problem);
}

describe('database roles: the api and worker connect as the application role', () => {
  let t: TestApp;
  let app: string;
  let owner: string;

  beforeAll(async () => {
    t = await TestApp.start();
    app = roleOf(t.db.url).name;
    owner = roleOf(t.db.ownerUrl).name;
    // Audit rows to protect: a sign-in writes one.
    const directory = await insertDirectory(t.dataSource);
    await t.userSession({ organisationId: directory.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const asApp: Query = (sql, params) => t.appDataSource.query(sql, params);
  const asOwner: Query = (sql, params) => t.dataSource.query(sql, params);

  describe('the role itself', () => {
    it('is what the api connects as: not a superuser, owning nothing, able to create nothing', async () => {
      expect(await asApp('SELECT current_user::text AS role')).toEqual([{ role: app }]);
      expect(await applicationRoleReport(asApp)).toEqual({ role: app, problems: [] });
    });

    it('is told apart from the owner and from a superuser by the same check', async () => {
      const ownerReport = await applicationRoleReport(asOwner);
      expect(ownerReport.role).toBe(owner);
      expect(ownerReport.problems).toEqual(
        expect.arrayContaining([
          'it owns the database',
          'it may create schemas',
          'it may create temporary tables',
          'it owns or may create objects in schema public',
          'it owns accommodation_arrangement, app_user, audit_event, audit_record, audit_record_default, ...',
          'it owns function audit_create_partition, audit_drop_partition, audit_partition_months, audit_purge_default, refuse_audit_record_change, ...',
        ]),
      );
      const admin = new Client({ connectionString: TestDatabase.adminUrl });
      await admin.connect();
      try {
        expect((await applicationRoleReport(async (sql) => (await admin.query(sql)).rows)).problems).toEqual([
          'it is a superuser',
        ]);
      } finally {
        await admin.end();
      }
    });

    it('is the only role the api and worker start on: DatabaseModule refuses the owner, saying why', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [
          ConfigModule.forRoot({
            isGlobal: true,
            ignoreEnvFile: true,
            validate: () => validateConfig({ ...process.env, DATABASE_URL: t.db.ownerUrl }),
          }),
          DatabaseModule,
        ],
      }).compile();
      try {
        await expect(moduleRef.init()).rejects.toThrow(
          new RegExp(
            `^DATABASE_URL connects as "${owner}", which the api and worker must not use: .*it owns the database.*the owner role is for migrations only`,
          ),
        );
      } finally {
        // close() would only repeat the failed start: the connection it made is closed by hand.
        await moduleRef.get(DataSource).destroy();
      }
    });

    it.each([
      ['create a table', `CREATE TABLE scratch (id int)`, /permission denied for schema public/],
      [
        'create a temporary table',
        `CREATE TEMP TABLE scratch (id int)`,
        /permission denied to create temporary tables/,
      ],
      ['create a schema', `CREATE SCHEMA scratch`, /permission denied for database/],
      ['add a column', `ALTER TABLE child ADD COLUMN scratch int`, /must be owner of table child/],
      ['add an index', `CREATE INDEX scratch ON child (given_name)`, /must be owner of table child/],
      ['drop a table', `DROP TABLE organisation`, /must be owner of table organisation/],
      ['empty a table', `TRUNCATE organisation CASCADE`, /permission denied for table organisation/],
      ['become the owner', `SET ROLE :owner`, /permission denied to set role/],
    ])('may not %s', async (_what, sql, refusal) => {
      await expect(asApp(sql.replace(':owner', `"${owner}"`))).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(refusal),
      });
    });
  });

  describe("cannot get round the audit trail's append-only trigger", () => {
    const auditRows = () => asOwner(`SELECT * FROM audit_record ORDER BY id`);
    // The row-level trigger: on audit_record and cloned onto each partition.
    const trigger = () =>
      asOwner(`SELECT t.tgrelid::regclass::text AS on, t.tgenabled, p.proname::text AS function, md5(p.prosrc) AS source
                 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE t.tgname = 'audit_record_append_only' AND t.tgrelid = 'audit_record'::regclass`);
    const partitionTriggers = () =>
      asOwner(`SELECT t.tgrelid::regclass::text AS on, t.tgname::text AS name, t.tgenabled
                 FROM pg_trigger t JOIN pg_inherits i ON i.inhrelid = t.tgrelid
                WHERE i.inhparent = 'audit_record'::regclass ORDER BY 1, 2`);

    it.each([
      [
        'turn triggers off for its session',
        `SET session_replication_role = replica`,
        /permission denied to set parameter "session_replication_role"/,
      ],
      [
        'disable the trigger',
        `ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only`,
        /must be owner of table audit_record/,
      ],
      ['disable every trigger', `ALTER TABLE audit_record DISABLE TRIGGER ALL`, /must be owner of table audit_record/],
      [
        "disable a partition's triggers",
        `ALTER TABLE audit_record_default DISABLE TRIGGER ALL`,
        /must be owner of table audit_record_default/,
      ],
      [
        'drop the trigger',
        `DROP TRIGGER audit_record_append_only ON audit_record`,
        /must be owner of relation audit_record/,
      ],
      [
        "replace the trigger's function",
        `CREATE OR REPLACE FUNCTION refuse_audit_record_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
        /permission denied for schema public|must be owner of function/,
      ],
      ['take the table over', `ALTER TABLE audit_record OWNER TO CURRENT_USER`, /must be owner of table audit_record/],
      [
        'detach a partition',
        `ALTER TABLE audit_record DETACH PARTITION audit_record_default`,
        /must be owner of table/,
      ],
    ])('refuses to %s, and then still to change or delete audit rows', async (_what, bypass, refusal) => {
      const rowsBefore = await auditRows();
      expect(rowsBefore.length).toBeGreaterThan(0);
      const triggerBefore = await trigger();
      expect(triggerBefore).toEqual([
        { on: 'audit_record', tgenabled: 'O', function: 'refuse_audit_record_change', source: expect.any(String) },
      ]);
      const partitionTriggersBefore = await partitionTriggers();
      expect(partitionTriggersBefore).toContainEqual({
        on: 'audit_record_default',
        name: 'audit_record_append_only',
        tgenabled: 'O',
      });
      // One connection of the api's pool, as an attacker holding it would use it.
      const runner: QueryRunner = t.appDataSource.createQueryRunner();
      try {
        await expect(runner.query(bypass)).rejects.toMatchObject({
          code: '42501',
          message: expect.stringMatching(refusal),
        });
        for (const [change, table] of [
          [`UPDATE audit_record SET outcome = 'ALLOWED'`, 'audit_record'],
          [`DELETE FROM audit_record`, 'audit_record'],
          [`TRUNCATE audit_record`, 'audit_record'],
          [`DELETE FROM audit_record_default`, 'audit_record_default'],
        ]) {
          await expect(runner.query(change)).rejects.toMatchObject({
            code: '42501',
            message: `permission denied for table ${table}`,
          });
        }
        // The per-child view cannot be written at all.
        await expect(runner.query(`DELETE FROM audit_event`)).rejects.toThrow(/cannot delete from view/);
        // It may still add rows and read them: that is its job.
        await runner.query(
          `INSERT INTO audit_record (occurred_at, action, resource_type, outcome) VALUES (now(), 'test', 'Test', 'ALLOWED')`,
        );
      } finally {
        await runner.release();
      }
      const rowsAfter = await auditRows();
      expect(rowsAfter.slice(0, rowsBefore.length)).toEqual(rowsBefore);
      expect(rowsAfter).toHaveLength(rowsBefore.length + 1);
      expect(await trigger()).toEqual(triggerBefore);
      expect(await partitionTriggers()).toEqual(partitionTriggersBefore);
    });
  });

  describe('privileges', () => {
    it('are, on every table, exactly those listed in this file (a new table without grants fails here)', async () => {
      expect(await privilegesOf(asOwner, app)).toEqual(PRIVILEGES);
    });

    it('are none on any partition of the audit log: it reaches them only through audit_record', async () => {
      const partitions: { name: string; privileges: string[] }[] = await asOwner(
        `SELECT c.relname::text AS name,
                ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                      WHERE has_table_privilege($1, c.oid, p)) AS privileges
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'audit_record'::regclass`,
        [app],
      );
      expect(partitions.length).toBeGreaterThan(1);
      expect(partitions.filter((p) => p.privileges.length > 0)).toEqual([]);
    });

    it('cover every sequence a table it inserts into draws from, and never let it set one', async () => {
      expect(await sequenceProblems(asOwner, app)).toEqual([]);
    });

    it('are missed for a table created without grantToApplication, and given by it', async () => {
      // A migration that forgot its grants, in a transaction that is rolled back.
      const runner: QueryRunner = t.dataSource.createQueryRunner();
      const query: Query = (sql, params) => runner.query(sql, params);
      await runner.startTransaction();
      try {
        await runner.query(`SELECT set_config($1, $2, true)`, [APPLICATION_ROLE_SETTING, app]);
        await runner.query(`CREATE TABLE forgotten (id serial PRIMARY KEY, note text)`);
        const without = await privilegesOf(query, app);
        expect(without.forgotten).toEqual([]);
        expect(without).not.toEqual(PRIVILEGES);

        // A table granted by hand, without its serial column's sequence: its inserts would fail.
        await runner.query(`GRANT SELECT, INSERT ON forgotten TO "${app}"`);
        expect(await sequenceProblems(query, app)).toEqual(['forgotten_id_seq (default of forgotten) is not usable']);

        await grantToApplication(runner, 'forgotten', ['SELECT', 'INSERT']);
        expect((await privilegesOf(query, app)).forgotten).toEqual(['SELECT', 'INSERT']);
        expect(await sequenceProblems(query, app)).toEqual([]);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('refuses a grant beyond rows (DDL, TRUNCATE) in grantToApplication', async () => {
      const runner = t.dataSource.createQueryRunner();
      try {
        await expect(grantToApplication(runner, 'child', ['TRUNCATE' as never])).rejects.toThrow(
          /privileges must be some of SELECT, INSERT, UPDATE, DELETE/,
        );
        await expect(grantToApplication(runner, 'child', ['SELECT'])).rejects.toThrow(
          `${APPLICATION_ROLE_SETTING} is not set`,
        );
      } finally {
        await runner.release();
      }
    });
  });
});
