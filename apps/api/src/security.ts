import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit, { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { AppConfig, ErrorCode } from '@resettle/common';

type SecurityConfig = Pick<
  AppConfig,
  | 'CORS_ORIGINS'
  | 'RATE_LIMIT_PER_MINUTE'
  | 'RATE_LIMIT_PER_IP_PER_MINUTE'
  | 'API_BODY_LIMIT_BYTES'
  | 'REDIS_URL'
  | 'QUEUE_PREFIX'
>;

/** Probes must always answer, or an orchestrator would restart a busy but healthy api. */
const UNLIMITED_ROUTES = new Set(['/health', '/health/ready']);

/**
 * Security headers, CORS, rate limits and the request bodies the api takes, as Fastify hooks. Register on the adapter's
 * instance before Nest initialises, so that every route (Nest's and Mercurius's, added later) gets the hooks.
 */
export async function registerSecurity(fastify: FastifyInstance, config: SecurityConfig): Promise<void> {
  await fastify.register(helmet, {
    // The api answers JSON only: nothing may load, frame or submit anything from its responses.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    frameguard: { action: 'deny' },
  });
  // GraphiQL (served only where introspection is on, so not in production by default) is an HTML page loading
  // React and GraphiQL from unpkg with inline styles; the JSON policy would blank it, so it gets no CSP.
  fastify.addHook('onRoute', (route) => {
    if (route.url === '/graphiql' || route.url.startsWith('/graphiql/')) {
      route.config = { ...(route.config as object), helmet: { contentSecurityPolicy: false } } as typeof route.config;
    }
  });

  await fastify.register(cors, {
    // Closed unless origins are listed: `false` sends no CORS headers, so browsers refuse cross-origin calls.
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    // Bearer tokens travel in a header, never cookies, so browsers need not send credentials.
    credentials: false,
    maxAge: 600,
  });

  await registerRateLimits(fastify, config);

  // Mercurius answers request errors as GraphQL errors with status 200, a too-large body included; refuse a body
  // that declares itself too large here instead, with 413, before any of it is read. (Fastify's bodyLimit still
  // stops a chunked one.)
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(Number(request.headers['content-length']) > config.API_BODY_LIMIT_BYTES)) return;
    reply.code(413).send(
      graphqlError(`The request body is over the limit of ${config.API_BODY_LIMIT_BYTES} bytes`, {
        code: 'BAD_USER_INPUT',
      }),
    );
    return reply;
  });

  // GraphQL over HTTP: a request with a body sends JSON. A form (urlencoded or multipart) or text/plain is what a
  // browser sends to another site without asking it first, so such a body is refused with 415 before it is read,
  // and nothing in it runs. (GET stays: Mercurius runs queries from its URL, never mutations.)
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (BODILESS_METHODS.has(request.method) || isJson(request.headers['content-type'])) return;
    reply
      .code(415)
      .send(
        graphqlError('Send the request body as JSON, with Content-Type: application/json', { code: 'BAD_USER_INPUT' }),
      );
    return reply;
  });
}

const BODILESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case. */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0].trim().toLowerCase() === 'application/json';
}

/** Shaped like any GraphQL error, so clients handle these in the same place as the others. */
function graphqlError(message: string, extensions: { code: ErrorCode } & Record<string, unknown>) {
  return { data: null, errors: [{ message, extensions }] };
}

/**
 * Two fixed one-minute windows in Redis, shared by every api instance: one per caller (a bearer token, or the IP
 * address without one) and one per IP address, so a client cannot escape by inventing a new token per request.
 */
async function registerRateLimits(fastify: FastifyInstance, config: SecurityConfig): Promise<void> {
  // Its own connection, closed with the HTTP server (after Nest has closed the shared ones), since requests may
  // still arrive while Nest shuts down.
  const redis = new Redis(config.REDIS_URL, {
    connectionName: 'resettle-rate-limit',
    // A slow or absent Redis must not hold requests: fail the command fast and let the request through.
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 5000),
    lazyConnect: true, // connects on the first limited request; closing an unused one is then clean
    // Every request sends its checks: commands of requests arriving together go to Redis in one write.
    enableAutoPipelining: true,
  });
  fastify.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });

  await fastify.register(rateLimit, {
    global: false, // applied by the hook below, which shapes the 429 itself
    // QUEUE_PREFIX separates environments (and parallel test runs) sharing one Redis.
    store: fixedWindowStore(redis, `${config.QUEUE_PREFIX}:rate-limit:`),
    timeWindow: 60_000,
    // Fail open: an outage of Redis should not take the api down with it (readiness reports Redis as down).
    skipOnError: true,
  });
  const perCaller = fastify.createRateLimit({ max: config.RATE_LIMIT_PER_MINUTE, keyGenerator: callerKey });
  const perIp = fastify.createRateLimit({
    max: config.RATE_LIMIT_PER_IP_PER_MINUTE,
    keyGenerator: (req) => `ip:${req.ip}`,
  });
  // (The two share one namespace: their keys start `token:`/`anonymous:` and `ip:`, so they never meet.)

  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')) return;
    // Both at once (one round trip); without a token, perCaller is already per IP.
    const checks = await Promise.all(
      bearerToken(request) ? [perCaller(request), perIp(request)] : [perCaller(request)],
    );
    const retryAfters = checks
      .map((c) => (!c.isAllowed && c.isExceeded ? Math.max(1, c.ttlInSeconds) : 0))
      .filter((s) => s > 0);
    if (retryAfters.length === 0) return;

    const retryAfterSeconds = Math.max(...retryAfters);
    reply
      .code(429)
      .header('retry-after', retryAfterSeconds)
      .send(
        graphqlError(`Too many requests; try again in ${retryAfterSeconds} seconds`, {
          code: 'TOO_MANY_REQUESTS',
          retryAfterSeconds,
        }),
      );
    return reply;
  });
}

/**
 * The rate-limit plugin's store interface over our Redis: a fixed window per key, `<prefix><key>`, in one atomic
 * round trip (start the window if there is none, count, read what is left of it). The plugin's own Redis store names
 * a limit after its route, `${method}${url}-`, which a limit made by `createRateLimit` does not have: its keys read
 * `<prefix>undefinedundefined-<key>`. Our limits are not per route, and their keys already say which limit they are.
 */
function fixedWindowStore(redis: Redis, prefix: string): FastifyRateLimitStoreCtor {
  class FixedWindowStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const name = prefix + key;
      redis
        .multi()
        .set(name, 0, 'PX', timeWindow, 'NX')
        .incr(name)
        .pttl(name)
        .exec()
        .then((results) => {
          const failed = results?.find(([error]) => error)?.[0];
          if (!results || failed) throw failed ?? new Error('rate limit: the Redis transaction was discarded');
          callback(null, { current: Number(results[1][1]), ttl: Number(results[2][1]) });
        })
        .catch((error: Error) => callback(error));
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return FixedWindowStore;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The token's hash, never the token, goes to Redis; without a token, the client's address. */
function callerKey(request: FastifyRequest): string {
  const token = bearerToken(request);
  return token ? `token:${createHash('sha256').update(token).digest('hex')}` : `anonymous:${request.ip}`;
}
