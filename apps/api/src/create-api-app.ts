import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { AppModule } from './app.module';
import { createValidationPipe } from './graphql/validation-pipe';
import { requestIdFrom } from './logging';

/** Builds the api exactly as production runs it; e2e tests call this too (and may override providers first). */
export async function createApiApp(
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const id = requestIdFrom(req.headers['x-request-id']);
      (req as { id?: string }).id = id;
      return id;
    },
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

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
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
