import { Client } from 'pg';

/**
 * Databases the seed and test helpers may wipe or fill are marked with a per-database setting,
 * `resettle.purpose` = 'demo' | 'test' (ALTER DATABASE ... SET). A production database never carries it, and a
 * migration cannot set it by accident, so `npm run seed` can refuse to touch anything not marked.
 */
export type DatabasePurpose = 'demo' | 'test';

/** `url` with another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** The purpose a database is marked with, or null when unmarked (read on a fresh connection, where it applies). */
async function readDatabasePurpose(url: string): Promise<DatabasePurpose | null> {
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
