import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { Clock, FixedClock } from '@resettle/common';
import { dataSourceOptions, TestDatabase } from '@resettle/database';
// The framework-free file, not the package: the api must not be loaded before start() has set the environment.
import { hashPassword } from '@resettle/identity';
import { closeAll } from './close-all';

export interface GraphqlResponse<T = any> {
  data: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions: { code: string; fieldErrors?: Record<string, string[]>; [k: string]: unknown };
  }[];
}

/** A signed-in person: their bearer header, and graphql/ok that send it. */
export interface Session {
  /** `Bearer <access token>`, for the Authorization header. */
  authorization: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  /** ISO date-time. */
  expiresAt: string;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  /** Runs a query as this person and insists it succeeded, returning its data. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface UserSessionOptions {
  organisationId: string;
  roles: string[];
  email?: string;
  givenName?: string;
  familyName?: string;
}

/** argon2id is slow on purpose: the test password is hashed once per process (per jest worker) and reused. */
let testPasswordHash: Promise<string> | undefined;

/**
 * The real api against a database of its own (built by the migrations) and the machine's Redis, with a clock the
 * test can set. One per test file. The api connects as the database's application role, as in production (it
 * refuses to start as anything else); the test's own SQL (fixtures, assertions) goes through `dataSource`, as the
 * owner.
 */
export class TestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly db: TestDatabase,
    readonly clock: FixedClock,
    /**
     * The test's own connection, as the database's owner: fixtures written straight into tables (organisations,
     * which the api may only read) and assertions. The api's connection is `appDataSource`.
     */
    readonly dataSource: DataSource,
  ) {}

  /** `reachDatabase` lets the api reach PostgreSQL another way (through a proxy a fault test can cut). */
  static async start(options: { now?: string; reachDatabase?: (url: string) => string } = {}): Promise<TestApp> {
    const db = await TestDatabase.create();
    process.env.DATABASE_URL = options.reachDatabase ? options.reachDatabase(db.url) : db.url;
    process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
    process.env.QUEUE_PREFIX = `test-${db.url.split('/').pop()}`;
    // A worker started by the test listens for probes on any free port (several test files run at once).
    process.env.WORKER_HEALTH_PORT = '0';
    // Tests fire hundreds of requests a minute from one session; the rate limit has its own test (hardening).
    process.env.RATE_LIMIT_PER_MINUTE ??= '1000000';
    process.env.RATE_LIMIT_PER_IP_PER_MINUTE ??= '1000000';
    const clock = new FixedClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
    // Imported only now: the api reads and validates its environment when its module is first loaded.
    const { createApiApp } =
      require('../../apps/api/src/create-api-app') as typeof import('../../apps/api/src/create-api-app');
    let app: NestFastifyApplication | undefined;
    let owner: DataSource | undefined;
    try {
      app = await createApiApp((builder) => builder.overrideProvider(Clock).useValue(clock));
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      owner = new DataSource(dataSourceOptions(db.ownerUrl, { extra: { max: 4 } }));
      await owner.initialize();
      return new TestApp(app, db, clock, owner);
    } catch (error) {
      // A failed start leaves no database (and no roles) behind, and nothing open to keep jest from exiting.
      await app?.close().catch(() => undefined);
      if (owner?.isInitialized) await owner.destroy().catch(() => undefined);
      await db.drop();
      throw error;
    }
  }

  /** The api's own connection pool, as the application role. */
  get appDataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphqlResponse<T>> {
    const res = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...headers },
        payload: JSON.stringify({ query, variables }),
      });
    return JSON.parse(res.body);
  }

  /** Runs a query and insists it succeeded, returning its data. */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    return okOrThrow(await this.graphql<T>(query, variables));
  }

  /** The password every user made by `userSession` has. */
  static readonly TEST_PASSWORD = 'correct horse battery staple';

  /** Signs in through the `login` mutation; throws with the errors if it fails. */
  async signIn(email: string, password: string): Promise<Session> {
    const res = await this.graphql<{ login: { accessToken: string; refreshToken: string; expiresAt: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresAt } }`,
      { input: { email, password } },
    );
    if (res.errors?.length || !res.data)
      throw new Error(`Sign-in as ${email} failed: ${JSON.stringify(res.errors, null, 2)}`);
    const { accessToken, refreshToken, expiresAt } = res.data.login;
    const authorization = `Bearer ${accessToken}`;
    const { sub } = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')) as { sub: string };
    const graphql = <T = any>(query: string, variables?: Record<string, unknown>) =>
      this.graphql<T>(query, variables, { authorization });
    return {
      authorization,
      userId: sub,
      accessToken,
      refreshToken,
      expiresAt,
      graphql,
      ok: async <T = any>(query: string, variables?: Record<string, unknown>) =>
        okOrThrow(await graphql<T>(query, variables)),
    };
  }

  /**
   * Adds a user (straight into the database, with the password TestApp.TEST_PASSWORD) and signs them in. Sessions
   * last ACCESS_TOKEN_TTL_SECONDS (15 minutes) of the test clock: after moving it further, sign in again.
   */
  async userSession(options: UserSessionOptions): Promise<Session & { userId: string; email: string }> {
    testPasswordHash ??= hashPassword(TestApp.TEST_PASSWORD);
    const email = (options.email ?? `user.${randomUUID().slice(0, 8)}@example.com`).toLowerCase();
    const [row] = await this.dataSource.query(
      `INSERT INTO app_user (organisation_id, given_name, family_name, email, roles, password_hash)
       VALUES ($1, $2, $3, $4, $5::role[], $6) RETURNING id`,
      [
        options.organisationId,
        options.givenName ?? 'Test',
        options.familyName ?? 'User',
        email,
        `{${options.roles.join(',')}}`,
        await testPasswordHash,
      ],
    );
    const session = await this.signIn(email, TestApp.TEST_PASSWORD);
    return { ...session, userId: row.id, email };
  }

  /** Closes the api and the test's connection, then drops the database, each even if an earlier step failed. */
  async stop(): Promise<void> {
    await closeAll([() => this.app.close(), () => this.dataSource.destroy(), () => this.db.drop()]);
  }
}

function okOrThrow<T>(res: GraphqlResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data as T;
}

/** Counts SQL statements TypeORM sends while `fn` runs (transaction control statements included). */
export async function countQueries<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; count: number; statements: string[] }> {
  const statements: string[] = [];
  const original = PostgresQueryRunner.prototype.query;
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (
    this: PostgresQueryRunner,
    ...args: any[]
  ) {
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
