import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { Client, escapeIdentifier } from 'pg';
import { databaseName, DatabasePurpose, withDatabase } from '../database-purpose';
import { dropDatabaseAndRoles, prepareDatabase, roleOf, withRole } from '../database-roles';
import { runMigrations } from '../migration-runner';

/** A superuser on the server where test databases are made. */
const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A file jest's global set-up names (test/support/deferred-drops.js): databases written there are dropped together by
 * its teardown. A drop waits for a checkpoint (1.5 to 3.5 s here), and concurrent drops share one.
 */
const DEFERRED_DROPS = 'RESETTLE_TEST_DEFERRED_DROPS';

/**
 * A fresh database per test file, built by the real migrations, so runs (and parallel CI jobs) never collide and
 * the migrations are exercised on every run. Dropped at the end.
 *
 * Each has its own two roles, named after it (`<database>_owner`, `<database>_app`, with random passwords), made
 * with it and dropped with it. Roles belong to the whole server: shared ones would be created and altered at once by
 * every test file of every run on the machine, could never be dropped (every database would hold grants to them),
 * and a migration that granted to a hard-coded name would pass. Per-database roles never race, leave nothing
 * behind, and check that the migrations grant to the role they are told of.
 */
export class TestDatabase {
  private constructor(
    /** The application role's URL: what the api and worker under test connect with. */
    readonly url: string,
    /** The owner role's URL: migrations, the demo seed, and fixtures written straight into tables. */
    readonly ownerUrl: string,
  ) {}

  /** The superuser that makes and drops test databases (TEST_DATABASE_URL). */
  static readonly adminUrl = ADMIN_URL;

  /** The database's name. */
  get name(): string {
    return databaseName(this.url);
  }

  /** An unmarked database (`purpose: null`) or an empty one (`migrate: false`) are for tests of those cases. */
  static async create(options: { purpose?: DatabasePurpose | null; migrate?: boolean } = {}): Promise<TestDatabase> {
    const name = `resettle_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const login = (role: string) =>
      withRole(withDatabase(ADMIN_URL, name), { name: `${name}_${role}`, password: randomBytes(12).toString('hex') });
    const db = new TestDatabase(login('app'), login('owner'));
    try {
      await prepareDatabase(ADMIN_URL, {
        ownerUrl: db.ownerUrl,
        applicationUrl: db.url,
        purpose: options.purpose === undefined ? 'test' : options.purpose,
      });
      await withoutWaitingForDisk(db.name);
      if (options.migrate !== false) await runMigrations(db.ownerUrl, db.url);
    } catch (error) {
      await db.drop();
      throw error;
    }
    return db;
  }

  /** Dropped at once, or, under jest, written down for its teardown to drop with the others. */
  async drop(): Promise<void> {
    const deferred = process.env[DEFERRED_DROPS];
    if (deferred && existsSync(deferred)) {
      const entry = {
        adminUrl: ADMIN_URL,
        database: this.name,
        roles: [roleOf(this.url).name, roleOf(this.ownerUrl).name],
      };
      appendFileSync(deferred, `${JSON.stringify(entry)}\n`);
      return;
    }
    await dropDatabaseAndRoles(ADMIN_URL, this.name, [roleOf(this.url).name, roleOf(this.ownerUrl).name]);
  }
}

/**
 * A test database's commits do not wait for the disk (`synchronous_commit = off`, its sessions' default): about 2 ms
 * less a commit here, and the suite commits tens of thousands of times. A throwaway database has no durability to
 * keep, and no test crashes PostgreSQL (the fault tests cut a proxy), so no committed row is ever lost. Each commit is
 * still atomic and visible to the others at once.
 */
async function withoutWaitingForDisk(database: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${escapeIdentifier(database)} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
}
