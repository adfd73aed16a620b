import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './procs';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Drops the benchmark database, but only if it is marked for demo or test use (as `npm run db:create` marks it):
 * the bench never drops a database it did not make.
 */
export async function dropBenchDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Refusing unusual database name ${name}`);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) return;
    const db = new Client({ connectionString: url });
    await db.connect();
    const { rows } = await db.query("SELECT current_setting('resettle.purpose', true) AS purpose");
    await db.end();
    if (!['demo', 'test'].includes(rows[0]?.purpose))
      throw new Error(`Refusing to drop "${name}": it is not marked for demo or test use`);
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs one of the built scripts (db-create, migrate, seed) against the bench database; returns its output. */
export function runScript(script: string, args: string[], env: Record<string, string>): string {
  const started = Date.now();
  const res = spawnSync(process.execPath, [join(ROOT, 'dist/scripts', script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status !== 0)
    throw new Error(`${script} ${args.join(' ')} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  const out = `${res.stdout}`
    .split('\n')
    .filter((l) => l && !l.startsWith('  '))
    .join('\n');
  return `${out}\n(${script} took ${((Date.now() - started) / 1000).toFixed(1)} s)`;
}

/**
 * The bench database's three URLs, from BENCH_DATABASE_URL (a superuser's, for the bench's own reads and set-up): the
 * application role the api and worker run as (they refuse anything else), the owner that migrates and seeds, and
 * the superuser on the server's `postgres` database that db-create makes both with. The roles are the bench's own.
 */
export function benchDatabaseUrls(base: string): {
  DATABASE_URL: string;
  MIGRATION_DATABASE_URL: string;
  DATABASE_ADMIN_URL: string;
} {
  const as = (role: string) => {
    const u = new URL(base);
    u.username = role;
    u.password = role;
    return u.toString();
  };
  return {
    DATABASE_URL: as('resettle_bench_app'),
    MIGRATION_DATABASE_URL: as('resettle_bench_owner'),
    DATABASE_ADMIN_URL: withDatabase(base, 'postgres'),
  };
}

export async function withClient<T>(url: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
