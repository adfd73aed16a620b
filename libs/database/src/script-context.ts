import {
  DynamicModule,
  ForwardReference,
  Global,
  INestApplicationContext,
  Module,
  Provider,
  Type,
} from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Clock, validateConfig } from '@resettle/common';
import { OWNER_SCRIPT } from './application-role-check';
import { DatabaseModule } from './database.module';

type Import = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * Runs `work` in a small Nest application context for a script outside the api and worker (the demo seed): the
 * config read from the environment but pointed at `databaseUrl`, the given `clock` as the service's Clock, the
 * database, and the feature modules and providers the script needs. The context is closed afterwards.
 */
export async function withScriptContext<T>(
  options: { databaseUrl: string; clock: Clock; imports: Import[]; providers?: Provider[] },
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  // The seed writes as the owner role, which the api and worker would refuse (ApplicationRoleCheck).
  @Global()
  @Module({
    providers: [
      { provide: Clock, useValue: options.clock },
      { provide: OWNER_SCRIPT, useValue: true },
    ],
    exports: [Clock, OWNER_SCRIPT],
  })
  class ScriptClockModule {}

  @Module({
    imports: [
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        validate: () => validateConfig({ ...process.env, DATABASE_URL: options.databaseUrl }),
      }),
      ScriptClockModule,
      DatabaseModule,
      ...options.imports,
    ],
    providers: options.providers ?? [],
  })
  class ScriptModule {}

  const app = await NestFactory.createApplicationContext(ScriptModule, { logger: false });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
