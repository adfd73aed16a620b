// Small limits, so the tests reach them quickly. Set before TestApp.start(), which loads the api.
import { createHash } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import Fastify from 'fastify';
import { getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import Redis from 'ioredis';
import { introspectionEnabled, trustProxyOption, validateConfig } from '@resettle/common';
import { graphqlParseOptions, graphqlValidationRules } from '../apps/api/src/graphql/query-limits';
import { registerSecurity } from '../apps/api/src/security';
import { TestApp } from './support/test-app';

process.env.RATE_LIMIT_PER_MINUTE = '20';
process.env.RATE_LIMIT_PER_IP_PER_MINUTE = '50';

/**
 * API hardening: document limits (checked before anything runs), body size and type, security headers, CORS, rate
 * limits and whose X-Forwarded-For is believed.
 * Each request comes from its own IP address unless a test says otherwise, so the rate limit only bites where meant.
 */
describe('api hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const fastify = () => t.app.getHttpAdapter().getInstance();
  let lastIp = 0;
  const freshIp = () => `10.20.${Math.floor(++lastIp / 250)}.${(lastIp % 250) + 1}`;

  async function post(body: unknown, options: { ip?: string; headers?: Record<string, string> } = {}) {
    return fastify().inject({
      method: 'POST',
      url: '/graphql',
      remoteAddress: options.ip ?? freshIp(),
      headers: { 'content-type': 'application/json', ...options.headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
  async function gql(query: string) {
    const res = await post({ query });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  const RELEASE_DATES = 'calculateReleaseDates(input: {sentenceType: DTO, sentenceDate: "2021-05-23", termMonths: 18})';

  describe('document limits', () => {
    it('answers a normal public query', async () => {
      const { status, body } = await gql(`{ ${RELEASE_DATES} { releaseDate } }`);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.calculateReleaseDates.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it("still answers GraphiQL's introspection query where introspection is on (not production)", async () => {
      const { body } = await gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
      expect(body.errors).toBeUndefined();
      expect(body.data.__schema.queryType.name).toBe('Query');
    });

    const deep = `{ child(id: "00000000-0000-0000-0000-000000000000") { currentEpisode { child { currentEpisode { child {
      currentEpisode { child { currentEpisode { child { currentEpisode { child { id } } } } } } } } } } } }`;
    const aliasBomb = `{ ${RELEASE_DATES} { ${Array.from({ length: 200 }, (_, i) => `a${i}: releaseDate`).join(' ')} } }`;
    // Each fragment spreads the one below twice: 2^12 copies of releaseDate, yet no fragment cycle.
    const fragmentBomb = [
      `{ ${RELEASE_DATES} { ...F12 } }`,
      'fragment F0 on ReleaseDates { releaseDate }',
      ...Array.from({ length: 12 }, (_, i) => `fragment F${i + 1} on ReleaseDates { ...F${i} ...F${i} }`),
    ].join('\n');
    // Within the depth limit and without aliases, but 100 episodes × nested episodes × 31 fields.
    const costly = `{ caseload(first: 100) { edges { node { child { currentEpisode { child { currentEpisode {
      id version status startDate remandDate sentenceType sentenceEndDate midTermDate earliestReleaseDate latestReleaseDate
      paroleEligibilityDate releaseDate broughtForwardDate fridayOrPreHolidayRelease furtherSupervisionEndDate
      immediateRelease releaseDateNotes earlyReleaseDate lateReleaseDate releaseDateOverride releaseDateOverrideReason
      expectedReleaseDate daysToRelease releasedAt recalledAt childId currentEstablishmentId supervisingServiceId
      caseManagerId createdAt updatedAt } } } } } } } }`;
    const huge = `{ ${RELEASE_DATES} { ${'releaseDate '.repeat(3000)} } }`;

    it.each([
      ['an over-deep query', deep, /depth limit of 10 exceeded/i],
      ['an alias bomb', aliasBomb, /aliases limit of 15 exceeded, found 200/i],
      ['a fragment bomb', fragmentBomb, /cost limit of 50000 exceeded/i],
      ['an over-costly query', costly, /cost limit of 50000 exceeded/i],
      ['a huge document', huge, /more th?at 2000 tokens/i],
    ])('refuses %s with BAD_USER_INPUT naming the limit', async (_, query, message) => {
      const { status, body } = await gql(query);
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(
        body.errors.map(() => 'BAD_USER_INPUT'),
      );
      expect(body.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(message);
    });

    it('refuses an aliased batch of mutations before any of them runs', async () => {
      const count = async () => Number((await t.dataSource.query('select count(*) from child'))[0].count);
      const before = await count();
      const mutation = `mutation($input: RegisterChildInput!) {
        ${Array.from({ length: 100 }, (_, i) => `c${i}: registerChild(input: $input) { id }`).join(' ')} }`;
      const input = { givenName: 'Ada', familyName: 'Batch', dateOfBirth: '2010-04-01', gender: 'FEMALE' };
      const body = JSON.parse((await post({ query: mutation, variables: { input } })).body);
      expect(body.data).toBeNull();
      // Only the validation error: it never got as far as sign-in or a resolver.
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'Aliases limit of 15 exceeded, found 100.',
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
      expect(await count()).toBe(before);
    });
  });

  describe('suggestions outside production', () => {
    it('still say "Did you mean …?", where introspection would tell anyway (production: test/production.e2e-spec.ts)', async () => {
      const { body } = await gql(`{ caseloadd { totalCount } }`);
      expect(body.errors[0].message).toBe('Cannot query field "caseloadd" on type "Query". Did you mean "caseload"?');
    });
  });

  describe('introspection in production', () => {
    it("is refused, while the limits leave GraphiQL's query alone elsewhere", () => {
      const { schema } = t.app.get(GraphQLSchemaHost);
      const production = introspectionEnabled({ NODE_ENV: 'production' });
      expect(production).toBe(false);
      const introspection = parse(
        getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }),
        graphqlParseOptions,
      );

      const refused = validate(schema, introspection, [
        ...specifiedRules,
        ...graphqlValidationRules({ introspection: production }),
      ]);
      expect(refused.map((e) => e.message).join('\n')).toMatch(/introspection/i);
      const development = introspectionEnabled({ NODE_ENV: 'development' });
      expect(
        validate(schema, introspection, [...specifiedRules, ...graphqlValidationRules({ introspection: development })]),
      ).toEqual([]);
    });
  });

  describe('body size', () => {
    it('refuses a body over 1 MiB with 413', async () => {
      const res = await post({ query: '{ __typename }', variables: { padding: 'x'.repeat(1024 * 1024) } });
      expect(res.statusCode).toBe(413);
      expect(JSON.parse(res.body).errors[0]).toEqual({
        message: 'The request body is over the limit of 1048576 bytes',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  describe('request bodies: JSON only (GraphQL over HTTP)', () => {
    const SIGN_IN =
      'mutation { login(input: { email: "forms@example.com", password: "not the password at all" }) { accessToken } }';
    const signInAttempts = async () =>
      Number(
        (
          await t.dataSource.query(
            `SELECT count(*) FROM audit_event WHERE action = 'login' AND detail->>'email' = 'forms@example.com'`,
          )
        )[0].count,
      );

    it('runs a mutation sent as JSON (with or without a charset)', async () => {
      const before = await signInAttempts();
      for (const contentType of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
        const res = await post({ query: SIGN_IN }, { headers: { 'content-type': contentType } });
        expect(res.statusCode).toBe(200);
        expect(JSON.parse(res.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      expect(await signInAttempts()).toBe(before + 3);
    });

    // What a page on another site can make a browser send without asking first, and other bodies that are not JSON.
    it.each<[string, string, string | undefined]>([
      ['a urlencoded form', `query=${encodeURIComponent(SIGN_IN)}`, 'application/x-www-form-urlencoded'],
      [
        'a multipart form',
        `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${SIGN_IN}\r\n--x--\r\n`,
        'multipart/form-data; boundary=x',
      ],
      ['text/plain holding JSON', JSON.stringify({ query: SIGN_IN }), 'text/plain'],
      ['application/graphql', SIGN_IN, 'application/graphql'],
      ['no content type', JSON.stringify({ query: SIGN_IN }), undefined],
    ])('refuses %s with 415, running nothing', async (_what, payload, contentType) => {
      const before = await signInAttempts();
      const res = await fastify().inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress: freshIp(),
        payload,
        headers: contentType ? { 'content-type': contentType } : {},
      });
      expect(res.statusCode).toBe(415);
      expect(JSON.parse(res.body)).toEqual({
        data: null,
        errors: [
          {
            message: 'Send the request body as JSON, with Content-Type: application/json',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
      expect(await signInAttempts()).toBe(before);
    });

    it('still answers a query in the URL (GET, which Mercurius never lets mutate)', async () => {
      const res = await fastify().inject({
        method: 'GET',
        url: `/graphql?query=${encodeURIComponent(`{ ${RELEASE_DATES} { releaseDate } }`)}`,
        remoteAddress: freshIp(),
      });
      expect(res.statusCode).toBe(200);
      expect(JSON.parse(res.body).data.calculateReleaseDates.releaseDate).toBe('2022-02-21');
      const before = await signInAttempts();
      const mutation = await fastify().inject({
        method: 'GET',
        url: `/graphql?query=${encodeURIComponent(SIGN_IN)}`,
        remoteAddress: freshIp(),
      });
      expect(JSON.parse(mutation.body)).toMatchObject({
        data: null,
        errors: [{ message: expect.stringMatching(/GET/) }],
      });
      expect(await signInAttempts()).toBe(before);
    });
  });

  describe('headers', () => {
    it('sends security headers and a CSP that lets a JSON response load nothing', async () => {
      const res = await post({ query: `{ ${RELEASE_DATES} { releaseDate } }` });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('leaves GraphiQL (outside production) without the JSON-only CSP, so it can load', async () => {
      const res = await fastify().inject({ method: 'GET', url: '/graphiql', remoteAddress: freshIp() });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('CORS', () => {
    const preflight = (
      inject: (o: object) => Promise<{ statusCode: number; headers: Record<string, unknown> }>,
      origin: string,
    ) =>
      inject({
        method: 'OPTIONS',
        url: '/graphql',
        remoteAddress: freshIp(),
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });

    it('is closed by default: a cross-origin preflight gets no allow-origin', async () => {
      const res = await preflight((o) => fastify().inject(o), 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const post = await fastify().inject({
        method: 'POST',
        url: '/graphql',
        remoteAddress: freshIp(),
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        payload: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('allows only the origins listed in CORS_ORIGINS', async () => {
      const config = validateConfig({ ...process.env, CORS_ORIGINS: 'https://resettle.example.gov.uk' });
      const app = Fastify();
      await registerSecurity(app, config);
      app.post('/graphql', async () => ({ data: null }));
      try {
        const listed = await preflight((o) => app.inject(o), 'https://resettle.example.gov.uk');
        expect(listed.statusCode).toBe(204);
        expect(listed.headers['access-control-allow-origin']).toBe('https://resettle.example.gov.uk');
        expect(String(listed.headers['access-control-allow-headers'])).toContain('authorization');
        const other = await preflight((o) => app.inject(o), 'https://evil.example');
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await app.close();
      }
    });
  });

  describe('rate limits', () => {
    const query = { query: `{ ${RELEASE_DATES} { releaseDate } }` };
    // Assert only 429 or not: once sign-in lands, a made-up token may be answered UNAUTHENTICATED instead of data.
    const send = (ip: string, token?: string) =>
      post(query, { ip, headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('allows RATE_LIMIT_PER_MINUTE requests per token, then answers 429 with retry-after', async () => {
      const ip = freshIp();
      for (let i = 0; i < 20; i++) expect((await send(ip, 'token-alpha')).statusCode).not.toBe(429);

      const limited = await send(ip, 'token-alpha');
      expect(limited.statusCode).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(JSON.parse(limited.body)).toEqual({
        data: null,
        errors: [
          {
            message: expect.stringMatching(/too many requests/i),
            extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: retryAfter },
          },
        ],
      });

      // Another token, no token, or another address each have their own allowance.
      expect((await send(ip, 'token-beta')).statusCode).not.toBe(429);
      expect((await send(ip)).statusCode).not.toBe(429);
      expect((await send(freshIp(), 'token-gamma')).statusCode).not.toBe(429);
    });

    it('limits an address that invents a new token per request to RATE_LIMIT_PER_IP_PER_MINUTE', async () => {
      const ip = freshIp();
      for (let i = 0; i < 50; i++) expect((await send(ip, `invented-${i}`)).statusCode).not.toBe(429);
      expect((await send(ip, 'invented-50')).statusCode).toBe(429);
      expect((await send(freshIp(), 'invented-51')).statusCode).not.toBe(429);
    });

    it('limits anonymous callers per address', async () => {
      const ip = freshIp();
      for (let i = 0; i < 20; i++) expect((await send(ip)).statusCode).not.toBe(429);
      expect((await send(ip)).statusCode).toBe(429);
    });

    it('ignores X-Forwarded-For by default, from this machine and private networks too: no new address per request', async () => {
      for (const ip of ['127.0.0.1', freshIp()]) {
        for (let i = 0; i < 20; i++) {
          const res = await post(query, { ip, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
          if (ip !== '127.0.0.1') expect(res.statusCode).not.toBe(429);
        }
        expect((await post(query, { ip, headers: { 'x-forwarded-for': '203.0.113.99' } })).statusCode).toBe(429);
      }
    });

    it('believes X-Forwarded-For only from a proxy TRUST_PROXY lists', async () => {
      const trusting = (value: string) => {
        const app = Fastify({ trustProxy: trustProxyOption(validateConfig({ TRUST_PROXY: value }).TRUST_PROXY) });
        app.get('/ip', async (request) => ({ ip: request.ip }));
        return app;
      };
      const ipSeen = async (app: ReturnType<typeof trusting>, from: string) =>
        JSON.parse(
          (
            await app.inject({
              method: 'GET',
              url: '/ip',
              remoteAddress: from,
              headers: { 'x-forwarded-for': '203.0.113.7' },
            })
          ).body,
        ).ip;
      const none = trusting('');
      const portal = trusting('10.123.45.10');
      try {
        expect(await ipSeen(none, '127.0.0.1')).toBe('127.0.0.1');
        expect(await ipSeen(none, '10.123.45.10')).toBe('10.123.45.10');
        expect(await ipSeen(portal, '10.123.45.10')).toBe('203.0.113.7');
        expect(await ipSeen(portal, '10.123.45.11')).toBe('10.123.45.11');
      } finally {
        await Promise.all([none.close(), portal.close()]);
      }
    });

    it('keeps its counters in Redis under QUEUE_PREFIX, each key naming its limit and caller', async () => {
      const ip = freshIp();
      await send(ip);
      await send(ip, 'token-for-the-key-test');
      const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      try {
        const prefix = `${process.env.QUEUE_PREFIX}:rate-limit:`;
        const keys: string[] = [];
        for (let cursor = '0', first = true; first || cursor !== '0'; first = false) {
          const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
          cursor = next;
          keys.push(...found);
        }
        const token = createHash('sha256').update('token-for-the-key-test').digest('hex');
        expect(keys).toEqual(
          expect.arrayContaining([`${prefix}anonymous:${ip}`, `${prefix}ip:${ip}`, `${prefix}token:${token}`]),
        );
        expect(
          keys.filter((key) => !/^(anonymous|ip):[0-9a-f.:]+$|^token:[0-9a-f]{64}$/.test(key.slice(prefix.length))),
        ).toEqual([]);
        expect(await redis.pttl(`${prefix}ip:${ip}`)).toBeGreaterThan(50_000);
      } finally {
        redis.disconnect();
      }
    });

    it('never limits the health probes', async () => {
      const ip = freshIp();
      for (let i = 0; i < 21; i++) await send(ip); // this address is now over its limit
      for (const url of ['/health', '/health/ready']) {
        for (let i = 0; i < 25; i++) {
          const res = await fastify().inject({ method: 'GET', url, remoteAddress: ip });
          expect(res.statusCode).toBe(200);
        }
      }
    });
  });
});
