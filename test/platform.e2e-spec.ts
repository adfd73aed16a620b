import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
// nestjs-pino's AsyncLocalStorage (its per-request log context).
import { storage as logContext } from 'nestjs-pino/storage';
import { Role } from '@resettle/access';
import { validateConfig } from '@resettle/common';
import { insertDirectory } from './support/fixtures';
import { Session, TestApp } from './support/test-app';

describe('the api platform', () => {
  let t: TestApp;
  let dir: Awaited<ReturnType<typeof insertDirectory>>;
  /** A youth justice case manager: signed in, for everything but the public calculator. */
  let caseManager: Session;
  beforeAll(async () => {
    t = await TestApp.start();
    dir = await insertDirectory(t.dataSource);
    caseManager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: [Role.YJS_CASE_MANAGER] });
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('health', () => {
    it('answers liveness without touching dependencies', async () => {
      const res = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).status).toBe('ok');
    });

    it('reports PostgreSQL and Redis as up when ready', async () => {
      const res = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      const body = JSON.parse(res.body);
      expect(body.info).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
    });

    it('runs GraphQL requests outside the per-request log context (its promise hooks slowed every request), other routes inside it', async () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      const run = jest.spyOn(logContext, 'run');
      try {
        const graphql = await fastify.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __typename }' } });
        expect(graphql.json()).toEqual({ data: { __typename: 'Query' } });
        expect(run).not.toHaveBeenCalled();
        await fastify.inject({ method: 'GET', url: '/no-such-page' });
        expect(run).toHaveBeenCalledTimes(1);
      } finally {
        run.mockRestore();
      }
    });

    it('echoes a caller-supplied request id and invents one otherwise', async () => {
      const fastify = t.app.getHttpAdapter().getInstance();
      const mine = await fastify.inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-request-id': 'trace-abc-12345' },
      });
      expect(mine.headers['x-request-id']).toBe('trace-abc-12345');
      const theirs = await fastify.inject({ method: 'GET', url: '/health' });
      expect(theirs.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('calculateReleaseDates (public)', () => {
    const query = `query($input: ReleaseDateInput!) { calculateReleaseDates(input: $input) {
      sentenceEndDate midTermDate earliestReleaseDate latestReleaseDate paroleEligibilityDate releaseDate
      fridayOrPreHolidayRelease broughtForwardDate furtherSupervisionEndDate immediateRelease notes } }`;

    it('works the published DTO example without signing in', async () => {
      const data = await t.ok(query, { input: { sentenceType: 'DTO', sentenceDate: '2021-05-23', termMonths: 18 } });
      expect(data.calculateReleaseDates).toMatchObject({
        sentenceEndDate: '2022-11-22',
        midTermDate: '2022-02-21',
        earliestReleaseDate: '2021-12-21',
        latestReleaseDate: '2022-04-21',
        immediateRelease: false,
      });
      expect(data.calculateReleaseDates.notes.length).toBeGreaterThan(0);
    });

    it('gives immediate release when remand credit reaches the sentence date', async () => {
      const data = await t.ok(query, {
        input: { sentenceType: 'DTO', sentenceDate: '2022-07-04', termMonths: 8, remandDays: 121 },
      });
      expect(data.calculateReleaseDates).toMatchObject({
        midTermDate: '2022-07-04',
        sentenceEndDate: '2022-11-02',
        immediateRelease: true,
        earliestReleaseDate: null,
        latestReleaseDate: null,
      });
    });

    it('works the published section 250 example (40%)', async () => {
      const data = await t.ok(query, { input: { sentenceType: 'S250', sentenceDate: '2026-08-14', termMonths: 10 } });
      expect(data.calculateReleaseDates.earliestReleaseDate).toBe('2026-12-13');
    });

    it.each([
      [{ sentenceType: 'DTO', sentenceDate: '2024-01-10', termMonths: 30 }, 'termMonths'],
      [{ sentenceType: 'DTO', sentenceDate: '2024-02-30', termMonths: 8 }, 'sentenceDate'],
      [{ sentenceType: 'DTO', sentenceDate: '2024-01-10', termMonths: 8, remandDays: -3 }, 'remandDays'],
      [{ sentenceType: 'DTO', sentenceDate: '2021-01-10', termMonths: 8, remandDays: 20 }, 'remandDays'],
    ])('refuses impossible input %j naming %s', async (input, field) => {
      const res = await t.graphql(query, { input });
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0].extensions.fieldErrors ?? {})).toContain(field);
    });
  });

  describe('errors', () => {
    it('gives a malformed document BAD_USER_INPUT', async () => {
      const res = await t.graphql('query { calculateReleaseDates { nope } }');
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('gives an unknown record NOT_FOUND and leaks no internals', async () => {
      const res = await caseManager.graphql('query($id: ID!) { child(id: $id) { id } }', {
        id: '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11',
      });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const body = JSON.stringify(res);
      expect(body).not.toMatch(/at .*\.ts:\d+|SELECT|QueryFailedError|stack/i);
    });

    it('gives a malformed id BAD_USER_INPUT', async () => {
      const res = await caseManager.graphql('query { child(id: "not-a-uuid") { id } }');
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('signing in', () => {
    const organisations = `query { organisations(first: 10) { totalCount edges { node { id name } } } }`;

    it('refuses the directory without a token, or with a token that is no good, as UNAUTHENTICATED', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer not-a-real-token' },
        { authorization: `Bearer ${caseManager.accessToken}x` },
      ];
      for (const headers of attempts) {
        const res = await t.graphql(organisations, undefined, headers);
        expect(res.data).toBeNull();
        expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      // Signed in, the same query answers.
      const data = await caseManager.ok(organisations);
      // The test directory: two local authorities, their youth justice services and two establishments.
      expect(data.organisations.totalCount).toBe(6);
      expect(data.organisations.edges.map((e: any) => e.node.id).sort()).toEqual(
        [dir.leeds, dir.kent, dir.leedsYjs, dir.kentYjs, dir.wetherby, dir.oakhill].map((o) => o.id).sort(),
      );
    });

    it('filters the directory to one local authority’s own organisations, and by type', async () => {
      const { organisations: own } = await caseManager.ok(
        `query($f: OrganisationFilter) { organisations(filter: $f) { edges { node { id } } } }`,
        {
          f: { localAuthorityId: dir.leeds.id, types: ['YOUTH_JUSTICE_SERVICE'] },
        },
      );
      expect(own.edges.map((e: any) => e.node.id)).toEqual([dir.leedsYjs.id]);
      const bad = await caseManager.graphql(
        `query { organisations(filter: { localAuthorityId: "leeds" }) { totalCount } }`,
      );
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const long = await caseManager.graphql(
        `query($n: String) { organisations(filter: { nameContains: $n }) { totalCount } }`,
        { n: 'x'.repeat(101) },
      );
      expect(long.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('refuses a child record without a token as UNAUTHENTICATED, not NOT_FOUND', async () => {
      const res = await t.graphql('query($id: ID!) { child(id: $id) { id } }', {
        id: '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11',
      });
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('schema', () => {
    it('matches the committed schema.gql (run `npm run schema:print` after changing the API)', () => {
      const { schema } = t.app.get(GraphQLSchemaHost);
      const printed = printSchema(lexicographicSortSchema(schema));
      const committed = readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8');
      expect(printed.trim()).toEqual(committed.trim());
    });

    it('has migrations that build exactly the schema the entities describe', async () => {
      const sql = await t.dataSource.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    });
  });

  describe('configuration', () => {
    it('refuses to start with a bad variable, naming it', () => {
      expect(() => validateConfig({ DATABASE_URL: 'mysql://nope', API_PORT: '70000' })).toThrow(
        /DATABASE_URL[\s\S]*API_PORT|API_PORT[\s\S]*DATABASE_URL/,
      );
    });
    it('fills defaults for a local machine', () => {
      expect(validateConfig({})).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', API_PORT: 3000 });
    });
  });
});
