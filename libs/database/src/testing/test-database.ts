import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createMarkedDatabase, dropDatabase } from '../database-purpose';
import { dataSourceOptions } from '../data-source-options';

const BASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh database per test file, built by the real migrations, so runs (and parallel CI jobs) never collide and
 * the migrations are exercised on every run. Dropped at the end.
 */
export class TestDatabase {
  private constructor(readonly url: string) {}

  static async create(): Promise<TestDatabase> {
    const u = new URL(BASE_URL);
    u.pathname = `/resettle_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const db = new TestDatabase(u.toString());
    await createMarkedDatabase(db.url, 'test');
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    return db;
  }

  async drop(): Promise<void> {
    await dropDatabase(this.url);
  }
}
