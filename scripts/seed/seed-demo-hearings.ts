import { DataSource } from 'typeorm';
import { Caller, Role } from '@resettle/access';
import { addWorkingDays, FixedClock } from '@resettle/common';
import { CustodyModule, HearingCommands } from '@resettle/custody';
import { withScriptContext } from '@resettle/database';
import { MilestonesModule } from '@resettle/milestones';
import { PlanningModule } from '@resettle/planning';

/** Public courts by the demo areas' local authority; the children and their cases are synthetic. */
const COURT_OF: Record<string, string> = {
  'YJS-LEEDS': 'Leeds Youth Court',
  'YJS-BIRMINGHAM': 'Birmingham Youth Court',
  'YJS-KENT': 'Maidstone Youth Court',
  'YJS-CARDIFF': 'Cardiff Youth Court',
};

/**
 * The next court hearing of two children on remand in the demo areas (issue 21), scheduled by their youth justice
 * service's manager through the real `HearingCommands.schedule` (history, audit, the hearing deadlines): the first in
 * 6 working days, so its deadlines fall due within days (at risk), the second in 25 working days. So the plan's court
 * hearings, the caseload's next hearing and the deadlines at risk have something to show. Children held at a demo
 * establishment come first, so its demo staff see them too. Idempotent: nothing is done once any hearing exists.
 * Returns how many it scheduled.
 */
export async function seedDemoHearings(databaseUrl: string, today: string): Promise<number> {
  const clock = new FixedClock(new Date(`${today}T09:00:00Z`));
  return withScriptContext(
    { databaseUrl, clock, imports: [CustodyModule, PlanningModule, MilestonesModule] },
    async (app) => {
      const db = app.get(DataSource);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM court_hearing`);
      if (n > 0) return 0;
      const episodes: { id: string; version: number; service_code: string }[] = await db.query(
        `SELECT e.id, e.version, s.code AS service_code FROM custodial_episode e
           JOIN organisation s ON s.id = e.supervising_service_id
           JOIN organisation h ON h.id = e.current_establishment_id
          WHERE e.status = 'REMANDED' AND s.code = ANY($1)
          ORDER BY (h.code = ANY($2)) DESC, e.remand_date, e.id LIMIT 2`,
        [Object.keys(COURT_OF), ['YOI-WETHERBY', 'STC-OAKHILL', 'SCH-ADEL-BECK', 'SECURE-SCHOOL-OASIS-RESTORE']],
      );
      const hearings = app.get(HearingCommands);
      const plans = [
        { inWorkingDays: 6, purpose: 'Plea and trial preparation' },
        { inWorkingDays: 25, purpose: 'Trial' },
      ];
      let scheduled = 0;
      for (const [i, episode] of episodes.entries()) {
        const [manager] = await db.query(
          `SELECT u.id, u.organisation_id, u.roles::text[] AS roles FROM app_user u
             JOIN custodial_episode e ON e.supervising_service_id = u.organisation_id
            WHERE e.id = $1 AND 'YJS_MANAGER' = ANY(u.roles::text[]) ORDER BY u.email LIMIT 1`,
          [episode.id],
        );
        if (!manager) continue;
        const caller: Caller = {
          actor: {
            userId: manager.id,
            organisationId: manager.organisation_id,
            roles: manager.roles as Role[],
            authenticatedBy: 'PASSWORD',
          },
          operation: 'scheduleHearing',
          requestId: 'demo-seed',
          clientIp: null,
        };
        await hearings.schedule(
          {
            episodeId: episode.id,
            expectedVersion: episode.version,
            hearingDate: addWorkingDays(today, plans[i].inWorkingDays),
            court: COURT_OF[episode.service_code],
            purpose: plans[i].purpose,
          },
          caller,
        );
        scheduled += 1;
      }
      return scheduled;
    },
  );
}
