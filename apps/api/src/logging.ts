import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';
import { isRefusal } from '@resettle/common';

/** Accepts a caller's request id when it looks like one, so a request can be followed across services. */
export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(header) ? header : randomUUID();
}

/** JSON logs, one line per request and per log call, each carrying the request id. Secrets are redacted. */
export function pinoHttpOptions(level: string): Options {
  return {
    level,
    // Fastify assigned req.id already (see create-api-app); reuse it so every line agrees.
    genReqId: (req) => (req as { id?: string }).id ?? requestIdFrom(req.headers['x-request-id']),
    customProps: (req) => ({ requestId: (req as { id?: string }).id }),
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      // The status alone: the response headers (the security headers above all) made each line about 900 bytes.
      res: resForLog,
    },
  };
}

/** What a request line keeps of the response: its status and length (pino's default adds every header). */
export function resForLog(res: { statusCode?: number; headers?: Record<string, unknown> }): object {
  const length = res.headers?.['content-length'];
  return { statusCode: res.statusCode, ...(length === undefined ? {} : { contentLength: Number(length) }) };
}

/** A calendar feed's URL is its secret: keep it out of the logs. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/^\/calendar\/[^/?#]+/, '/calendar/[secret].ics');
}

/** What `logGraphqlRequests` needs of a Fastify request and reply (structural, so this file needs no Fastify types). */
interface LoggedRequest {
  id: string;
  url: string;
  raw: unknown;
  /** The first error's code, set by the error formatter. */
  graphqlOutcome?: string;
}
interface LoggedReply {
  elapsedTime: number;
  raw: unknown;
}

/**
 * One JSON line per GraphQL request that was answered (refusals are counted instead, see RefusalLog), as pino-http
 * writes for every other route ("request completed", with the request id, status and time; the logger's own `req`/`res`
 * serializers and redaction apply). GraphQL is left out of nestjs-pino's middleware (see AppModule): lines logged while
 * a GraphQL request runs carry the request id where it is known (the GraphQL error line), not by AsyncLocalStorage.
 */
export function logGraphqlRequests(
  fastify: {
    addHook(name: 'onResponse', hook: (request: LoggedRequest, reply: LoggedReply) => Promise<void>): unknown;
  },
  logger: () => { info(obj: object, msg: string): void; isLevelEnabled?(level: string): boolean },
): void {
  fastify.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    // A refusal has had its own counted line (the error formatter): a flood of stale tokens is not a line each.
    if (request.graphqlOutcome && isRefusal(request.graphqlOutcome)) return;
    const log = logger();
    if (log.isLevelEnabled && !log.isLevelEnabled('info')) return;
    log.info(
      { requestId: request.id, req: request.raw, res: reply.raw, responseTime: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}
