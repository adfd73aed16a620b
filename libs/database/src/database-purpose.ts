import { Client } from 'pg';

/**
 * Databases the seed and test helpers may wipe or fill are marked with a per-database setting,
 * `resettle.purpose` = 'demo' | 'test' (ALTER DATABASE ... SET). A production database never carries it, and a
 * migration cannot set it by accident, so `npm run seed` can refuse to touch anything not marked.
 */
export type DatabasePurpose = 'demo' | 'test';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function quoteIdent(name: string): string {
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw new Error(`Refusing unusual database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Creates the database named in `url` when missing, and marks it for demo or test use. */
export async function createMarkedDatabase(url: string, purpose: DatabasePurpose): Promise<void> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    await admin.query(`ALTER DATABASE ${quoteIdent(name)} SET resettle.purpose = '${purpose}'`);
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The purpose a database is marked with, or null when unmarked (read on a fresh connection, where it applies). */
export async function readDatabasePurpose(url: string): Promise<DatabasePurpose | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT current_setting('resettle.purpose', true) AS purpose");
    const purpose = rows[0]?.purpose;
    return purpose === 'demo' || purpose === 'test' ? purpose : null;
  } finally {
    await client.end();
  }
}

export async function assertDatabaseMarked(url: string, allowed: DatabasePurpose[]): Promise<void> {
  const purpose = await readDatabasePurpose(url);
  if (!purpose || !allowed.includes(purpose)) {
    throw new Error(
      `Refusing to write demo data to database "${databaseName(url)}": it is not marked for ${allowed.join(' or ')} use. ` +
        `Create it with \`npm run db:create\` (which marks it), or mark it yourself: ALTER DATABASE ... SET resettle.purpose = 'demo'.`,
    );
  }
}
