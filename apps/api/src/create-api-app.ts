import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { Logger, PinoLogger } from 'nestjs-pino';
import { trustProxyOption, validateConfig } from '@resettle/common';
import { AppModule } from './app.module';
import { createValidationPipe } from './graphql/validation-pipe';
import { logGraphqlRequests, requestIdFrom } from './logging';
import { ApiMetrics, GraphqlRequestFacts } from './metrics/api-metrics';
import { registerSecurity } from './security';

/** Builds the api exactly as production runs it; e2e tests call this too (and may override providers first). */
export async function createApiApp(
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<NestFastifyApplication> {
  // Nest's ConfigModule is not up yet; this reads (and validates) the same environment.
  const config = validateConfig(process.env);
  const adapter = new FastifyAdapter({
    // A larger body is refused with 413 before it is parsed.
    bodyLimit: config.API_BODY_LIMIT_BYTES,
    // Whose X-Forwarded-For is believed: only the proxies TRUST_PROXY lists (none by default).
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      (req as { id?: string }).id = id;
      return id;
    },
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // PinoLogger.root is set when nestjs-pino's middleware is configured, after this.
  logGraphqlRequests(adapter.getInstance() as never, () => PinoLogger.root);
  // Request metrics by operation: the hook is added now (Fastify takes no hooks once ready), the metrics once built.
  let metrics: ApiMetrics | undefined;
  adapter.getInstance().addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/graphql'))
      metrics?.observe(request as unknown as GraphqlRequestFacts, reply.elapsedTime, reply.statusCode);
  });
  // Before Nest adds its routes and Mercurius, so that every route gets the headers, CORS and rate limits.
  await registerSecurity(adapter.getInstance(), config);

  let app: NestFastifyApplication;
  if (configure) {
    const { Test } = require('@nestjs/testing') as typeof import('@nestjs/testing');
    // Only tests pass `configure` (to swap the clock, say); production never loads @nestjs/testing.
    const moduleRef = await configure(Test.createTestingModule({ imports: [AppModule] })).compile();
    app = moduleRef.createNestApplication(adapter, { bufferLogs: true });
  } else {
    app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  }
  app.useLogger(app.get(Logger));
  metrics = app.get(ApiMetrics);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
