import { DataSource } from 'typeorm';
import { Caller } from '@resettle/access';
import { FixedClock } from '@resettle/common';
import { CustodyModule, EpisodeCommands } from '@resettle/custody';
import { withScriptContext } from '@resettle/database';
import { MilestonesModule } from '@resettle/milestones';
import { PlanningModule } from '@resettle/planning';
import { ReferralsModule } from '@resettle/referrals';

/**
 * One demo child mid-move (issue 21): Birmingham's manager hands the supervision of a Birmingham child with an
 * accommodation referral to Kent, through the real `EpisodeCommands.transferSupervision` (history, notifications,
 * the referral's thread). Idempotent: nothing is done once any supervision transfer exists. Returns how many it made.
 */
export async function seedDemoSupervisionTransfer(databaseUrl: string, today: string): Promise<number> {
  const clock = new FixedClock(new Date(`${today}T12:00:00Z`));
  return withScriptContext(
    { databaseUrl, clock, imports: [CustodyModule, PlanningModule, MilestonesModule, ReferralsModule] },
    async (app) => {
      const db = app.get(DataSource);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM supervision_transfer`);
      if (n > 0) return 0;
      const [manager] = await db.query(
        `SELECT id, organisation_id, roles::text[] AS roles FROM app_user WHERE email = 'manager@birmingham.yjs.example.com'`,
      );
      const [kent] = await db.query(`SELECT id FROM organisation WHERE code = 'YJS-KENT'`);
      if (!manager || !kent) return 0;
      // The Birmingham child in custody with a sent accommodation referral and the latest release: the move has time to
      // settle before they leave.
      const [episode] = await db.query(
        `SELECT e.id, e.version FROM custodial_episode e
          WHERE e.supervising_service_id = $1 AND e.status IN ('SENTENCED', 'REMANDED')
            AND EXISTS (SELECT 1 FROM referral r WHERE r.episode_id = e.id AND r.type = 'ACCOMMODATION'
                         AND r.sent_at IS NOT NULL AND r.status NOT IN ('DECLINED', 'WITHDRAWN', 'FELL_THROUGH'))
          ORDER BY e.expected_release_date DESC NULLS LAST, e.id LIMIT 1`,
        [manager.organisation_id],
      );
      if (!episode) return 0;
      const caller: Caller = {
        actor: {
          userId: manager.id,
          organisationId: manager.organisation_id,
          roles: manager.roles,
          authenticatedBy: 'PASSWORD',
        },
        operation: 'transferSupervision',
        requestId: 'demo-seed',
        clientIp: null,
      };
      await app.get(EpisodeCommands).transferSupervision(
        {
          episodeId: episode.id,
          expectedVersion: episode.version,
          toServiceId: kent.id,
          effectiveDate: today,
          reason: 'Moved to a kinship placement with an aunt in Kent',
        },
        caller,
      );
      return 1;
    },
  );
}
