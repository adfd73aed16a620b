import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { databaseName, DatabasePurpose, withDatabase } from './database-purpose';

/**
 * Two PostgreSQL roles per database (README, "Database roles"):
 * - the **owner**, which owns the database and everything the migrations build; only `npm run migration:run` and
 *   `npm run seed` connect as it (MIGRATION_DATABASE_URL);
 * - the **application** role, which the api and worker connect as (DATABASE_URL): a plain login that owns nothing and
 *   has only what the migrations grant it, so it cannot alter, disable or drop the audit trail's append-only trigger.
 */
export interface RoleLogin {
  name: string;
  /** From the URL; null when the URL has none (trust or peer authentication), and then left as it is. */
  password: string | null;
}

/** The role and password a connection URL names. */
export function roleOf(url: string): RoleLogin {
  const u = new URL(url);
  const name = decodeURIComponent(u.username);
  if (!name)
    throw new Error(`${redacted(url)} names no role: write it as postgres://ROLE[:PASSWORD]@HOST:PORT/DATABASE`);
  return { name, password: u.password ? decodeURIComponent(u.password) : null };
}

/** `url` connecting as `role` instead. */
export function withRole(url: string, role: RoleLogin): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role.name);
  u.password = role.password ? encodeURIComponent(role.password) : '';
  return u.toString();
}

/** A URL fit for an error message: never its password. */
function redacted(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

// PostgreSQL's error codes for an object created meanwhile by another session.
const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';
const DUPLICATE_DATABASE = '42P04';

/**
 * As an administrator (a superuser): creates the owner and application roles named in `ownerUrl` and
 * `applicationUrl` when missing (with their URLs' passwords), and their database (the one both URLs name) owned by
 * the owner, marked with `purpose`. Safe to run again, and alongside another run: a role or database that another
 * session creates meanwhile is taken as made. Refuses, changing nothing it would weaken, when either role is a
 * superuser or may create roles or databases, when both URLs name the same role, when the application role is a
 * member of the owner, or when the database holds objects the owner does not own (made before the two roles).
 * The privileges of the application role are the migrations' business, not this.
 */
export async function prepareDatabase(
  adminUrl: string,
  options: { ownerUrl: string; applicationUrl: string; purpose: DatabasePurpose | null },
): Promise<{ database: string; owner: string; application: string }> {
  const database = databaseName(options.ownerUrl);
  if (databaseName(options.applicationUrl) !== database) {
    throw new Error(
      `MIGRATION_DATABASE_URL names database "${database}" but DATABASE_URL names "${databaseName(options.applicationUrl)}": they must name the same one`,
    );
  }
  const owner = roleOf(options.ownerUrl);
  const application = roleOf(options.applicationUrl);
  if (owner.name === application.name) {
    throw new Error(
      `DATABASE_URL and MIGRATION_DATABASE_URL both connect as "${owner.name}": the application role must be a role of its own, owning nothing`,
    );
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureRole(admin, owner, 'MIGRATION_DATABASE_URL');
    await ensureRole(admin, application, 'DATABASE_URL');
    const { rows } = await admin.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS member`, [
      application.name,
      owner.name,
    ]);
    if (rows[0].member) {
      throw new Error(
        `Role "${application.name}" (DATABASE_URL) is a member of "${owner.name}" (MIGRATION_DATABASE_URL), so it can do whatever the owner can: REVOKE "${owner.name}" FROM "${application.name}"`,
      );
    }

    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await admin
        .query(`CREATE DATABASE ${escapeIdentifier(database)} OWNER ${escapeIdentifier(owner.name)}`)
        .catch(ignore(DUPLICATE_DATABASE));
    }
    await adoptSchema(withDatabase(adminUrl, database), database, owner.name);
    await admin.query(`ALTER DATABASE ${escapeIdentifier(database)} OWNER TO ${escapeIdentifier(owner.name)}`);
    await admin.query(
      options.purpose === null
        ? `ALTER DATABASE ${escapeIdentifier(database)} RESET resettle.purpose`
        : `ALTER DATABASE ${escapeIdentifier(database)} SET resettle.purpose = ${escapeLiteral(options.purpose)}`,
    );
  } finally {
    await admin.end();
  }
  return { database, owner: owner.name, application: application.name };
}

/** Drops a database and then its roles (as an administrator); what is already gone is skipped. */
export async function dropDatabaseAndRoles(adminUrl: string, database: string, roles: string[]): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`);
    // Their privileges and ownerships lived in that database alone, so nothing holds them now.
    for (const role of roles) await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
  } finally {
    await admin.end();
  }
}

async function ensureRole(admin: Client, role: RoleLogin, variable: string): Promise<void> {
  const password = role.password === null ? '' : ` PASSWORD ${escapeLiteral(role.password)}`;
  const found = await admin.query(
    'SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1',
    [role.name],
  );
  if (found.rowCount === 0) {
    await admin
      .query(
        `CREATE ROLE ${escapeIdentifier(role.name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password}`,
      )
      // Another run made it meanwhile (two CREATE ROLEs racing report either error): then it is checked as found.
      .catch(ignore(DUPLICATE_OBJECT, UNIQUE_VIOLATION));
  }
  const { rows } = await admin.query(
    'SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = $1',
    [role.name],
  );
  const r = rows[0];
  const powers = [
    r.rolsuper && 'SUPERUSER',
    r.rolcreaterole && 'CREATEROLE',
    r.rolcreatedb && 'CREATEDB',
    r.rolreplication && 'REPLICATION',
    r.rolbypassrls && 'BYPASSRLS',
  ].filter(Boolean);
  if (powers.length) {
    throw new Error(
      `Role "${role.name}" (${variable}) has ${powers.join(', ')}: the service's roles must be plain logins. ` +
        `Name another role in ${variable} (this creates it), or take those powers away (ALTER ROLE ... NO${powers[0]}).`,
    );
  }
  // Its URL's password is the one it logs in with (left alone when the URL has none).
  await admin.query(`ALTER ROLE ${escapeIdentifier(role.name)} LOGIN${password}`);
}

/**
 * The schema belongs to the owner (before PostgreSQL 15, `public` belongs to the bootstrap superuser, and the
 * migrations could not lock it down). A database whose objects belong to someone else was made before the two roles:
 * refused with what to do, rather than handing a superuser's objects to another role behind the operator's back.
 */
async function adoptSchema(url: string, database: string, owner: string): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT c.relname AS name, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND pg_get_userbyid(c.relowner) <> $1
        ORDER BY c.relname LIMIT 3`,
      [owner],
    );
    if (rows.length) {
      throw new Error(
        `Database "${database}" already holds tables owned by "${rows[0].owner}" (${rows.map((r) => r.name).join(', ')}${rows.length === 3 ? ', ...' : ''}), ` +
          `not by the owner role "${owner}": it was made before the service had its two database roles. ` +
          `A demo database holds synthetic data only: drop it (DROP DATABASE "${database}") and run this again.`,
      );
    }
    await db.query(`ALTER SCHEMA public OWNER TO ${escapeIdentifier(owner)}`);
  } finally {
    await db.end();
  }
}

function ignore(...codes: string[]) {
  return (error: { code?: string }) => {
    if (!codes.includes(error.code ?? '')) throw error;
  };
}
