import { escapeIdentifier } from 'pg';
import type { QueryRunner } from 'typeorm';

/**
 * The setting that names the application role while migrations run: `runMigrations` sets it on every connection, from
 * DATABASE_URL's role, so migrations grant to the role the api and worker really use (and a test database's roles
 * can be its own).
 */
export const APPLICATION_ROLE_SETTING = 'resettle.application_role';

/** What the application role may do to a table's rows. Never TRUNCATE, REFERENCES or TRIGGER, and never DDL. */
export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const PRIVILEGES: readonly TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** The application role, quoted for SQL. Fails when migrations run without it (not through `runMigrations`). */
export async function applicationRole(queryRunner: QueryRunner): Promise<string> {
  const [row] = await queryRunner.query(`SELECT current_setting('${APPLICATION_ROLE_SETTING}', true) AS role`);
  if (!row?.role) {
    throw new Error(
      `${APPLICATION_ROLE_SETTING} is not set, so this migration cannot grant the application role its privileges: ` +
        'run migrations with `npm run migration:run` (or the TypeORM CLI through libs/database/src/data-source.ts), which name the role from DATABASE_URL',
    );
  }
  return escapeIdentifier(row.role);
}

/**
 * Gives the application role exactly `privileges` on a table (nothing is granted by default: no ALTER DEFAULT
 * PRIVILEGES), and, with INSERT, the use of any sequence its column defaults draw from (a serial column's; an identity
 * column needs none). Every migration that creates a table calls this, and test/database-roles.e2e-spec.ts lists what
 * the role may do to every table, so a table without grants, or with more than listed, fails it.
 */
export async function grantToApplication(
  queryRunner: QueryRunner,
  table: string,
  privileges: readonly TablePrivilege[],
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table))
    throw new Error(`grantToApplication: unusual table name ${JSON.stringify(table)}`);
  if (!privileges.length || privileges.some((p) => !PRIVILEGES.includes(p))) {
    throw new Error(
      `grantToApplication(${table}): privileges must be some of ${PRIVILEGES.join(', ')}, got ${JSON.stringify(privileges)}`,
    );
  }
  const role = await applicationRole(queryRunner);
  await queryRunner.query(`GRANT ${privileges.join(', ')} ON TABLE "${table}" TO ${role}`);
  if (privileges.includes('INSERT')) {
    for (const { sequence } of await sequencesOfDefaults(queryRunner, table)) {
      await queryRunner.query(`GRANT USAGE ON SEQUENCE ${sequence} TO ${role}`);
    }
  }
}

/** Takes every privilege on a table from the application role (for a migration's `down`). */
export async function revokeFromApplication(queryRunner: QueryRunner, table: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table))
    throw new Error(`revokeFromApplication: unusual table name ${JSON.stringify(table)}`);
  const role = await applicationRole(queryRunner);
  await queryRunner.query(`REVOKE ALL ON TABLE "${table}" FROM ${role}`);
  for (const { sequence } of await sequencesOfDefaults(queryRunner, table)) {
    await queryRunner.query(`REVOKE ALL ON SEQUENCE ${sequence} FROM ${role}`);
  }
}

/** Sequences that a table's column defaults call nextval() on, as qualified, quoted names. */
function sequencesOfDefaults(queryRunner: QueryRunner, table: string): Promise<{ sequence: string }[]> {
  return queryRunner.query(
    `SELECT DISTINCT d.refobjid::regclass::text AS sequence
       FROM pg_attrdef a
       JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = a.oid AND d.refclassid = 'pg_class'::regclass
       JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
      WHERE a.adrelid = $1::regclass`,
    [`"${table}"`],
  );
}
