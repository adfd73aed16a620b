import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { TestingModuleBuilder } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * A Nest application context: no HTTP server. Shutdown hooks let in-flight jobs finish before the process exits
 * (BullMQ workers close on module destroy, waiting for their active jobs). Tests may pass `configure` to override
 * providers (the clock) exactly as they do for the api.
 */
export async function createWorkerApp(
  configure?: (builder: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<INestApplicationContext> {
  let app: INestApplicationContext;
  if (configure) {
    const { Test } = require('@nestjs/testing') as typeof import('@nestjs/testing');
    const moduleRef = await configure(Test.createTestingModule({ imports: [WorkerModule] })).compile();
    app = moduleRef;
  } else {
    app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
    app.useLogger(app.get(Logger));
  }
  app.enableShutdownHooks();
  await app.init();
  return app;
}
