import { Clock } from '@resettle/common';
import { withScriptContext } from '@resettle/database';
import { MilestonesModule } from './milestones.module';
import { MilestonesService } from './milestones.service';

/**
 * For scripts outside the api and worker (the demo seed): every episode's milestones, created and recomputed as of
 * `clock`, by the real `MilestonesService` in a small Nest application context against `databaseUrl`. Idempotent;
 * returns how many milestones changed.
 */
export function refreshAllEpisodes(databaseUrl: string, clock: Clock): Promise<number> {
  return withScriptContext({ databaseUrl, clock, imports: [MilestonesModule] }, (app) =>
    app.get(MilestonesService).refreshAll(),
  );
}
