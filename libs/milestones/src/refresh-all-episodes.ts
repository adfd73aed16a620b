import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { Clock, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import { MilestonesModule } from './milestones.module';
import { MilestonesService } from './milestones.service';

/**
 * For scripts outside the api and worker (the demo seed): every episode's milestones, created and recomputed as of
 * `clock`, by the real `MilestonesService` in a small Nest application context against `databaseUrl`. Idempotent;
 * returns how many milestones changed.
 */
export async function refreshAllEpisodes(databaseUrl: string, clock: Clock): Promise<number> {
  @Global()
  @Module({ providers: [{ provide: Clock, useValue: clock }], exports: [Clock] })
  class ScriptClockModule {}

  @Module({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => validateConfig({ ...process.env, DATABASE_URL: databaseUrl }) }),
      ScriptClockModule,
      DatabaseModule,
      MilestonesModule,
    ],
  })
  class RefreshMilestonesModule {}

  const app = await NestFactory.createApplicationContext(RefreshMilestonesModule, { logger: false });
  try {
    return await app.get(MilestonesService).refreshAll();
  } finally {
    await app.close();
  }
}
