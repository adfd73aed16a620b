import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Clock, FixedClock } from '@resettle/common';
import { TestDatabase } from '@resettle/database';

export interface GraphqlResponse<T = any> {
  data: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; fieldErrors?: Record<string, string[]>; [k: string]: unknown } }[];
}

/**
 * The real api against a database of its own (built by the migrations) and the machine's Redis, with a clock the
 * test can set. One per test file.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly db: TestDatabase,
    readonly clock: FixedClock,
  ) {}

  static async start(options: { now?: string } = {}): Promise<TestApp> {
    const db = await TestDatabase.create();
    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
    process.env.QUEUE_PREFIX = `test-${db.url.split('/').pop()}`;
    const clock = new FixedClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
    // Imported only now: the api reads and validates its environment when its module is first loaded.
    const { createApiApp } = require('../../apps/api/src/create-api-app') as typeof import('../../apps/api/src/create-api-app');
    const app = await createApiApp((builder) => builder.overrideProvider(Clock).useValue(clock));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new TestApp(app, db, clock);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async graphql<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphqlResponse<T>> {
    const res = await this.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ query, variables }),
    });
    return JSON.parse(res.body);
  }

  /** Runs a query and insists it succeeded, returning its data. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.graphql<T>(query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data as T;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }
}

/** Counts SQL statements TypeORM sends while `fn` runs (transaction control statements included). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
  const statements: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: any[]) {
    statements.push(String(args[0]).replace(/\s+/g, ' ').trim());
    return (original as any).apply(this, args);
  });
  try {
    const result = await fn();
    return { result, count: statements.length, statements };
  } finally {
    spy.mockRestore();
  }
}
