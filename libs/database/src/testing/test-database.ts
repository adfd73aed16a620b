import { randomBytes } from 'node:crypto';
import { databaseName, DatabasePurpose, withDatabase } from '../database-purpose';
import { dropDatabaseAndRoles, prepareDatabase, roleOf, withRole } from '../database-roles';
import { runMigrations } from '../migration-runner';

/** A superuser on the server where test databases are made. */
const ADMIN_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
      if (options.migrate !== false) await runMigrations(db.ownerUrl, db.url);
    } catch (error) {
      await db.drop();
      throw error;
    }
    return db;
  }

  async drop(): Promise<void> {
    await dropDatabaseAndRoles(ADMIN_URL, this.name, [roleOf(this.url).name, roleOf(this.ownerUrl).name]);
  }
}
