import { DataSource } from 'typeorm';
import { Caller, Role } from '@resettle/access';
import { FixedClock } from '@resettle/common';
import { CustodyModule, EpisodeCommands } from '@resettle/custody';
import { withScriptContext } from '@resettle/database';
import { MilestonesModule } from '@resettle/milestones';
import {
  AppointmentKind,
  AppointmentOutcome,
  ReleaseModule,
  ReleaseService,
  SupervisionCompliance,
} from '@resettle/planning';
import { RELEASED_KEY_PREFIX } from './seed-demo-released';

/**
 * One child released this morning in the Leeds demo area, with what followed: the first youth justice appointment
 * kept, the GP registration missed (and why), a barrier to engagement and the first supervision check, all recorded by
 * the area's first demo case manager through the real services (history, audit), so the portal's after-release page
 * has something to show. Idempotent: left alone once the area has any child released (but those `seed-demo-released`
 * releases for the measures). Returns the episode, if made.
 */
export async function seedDemoAfterRelease(
  databaseUrl: string,
  today: string,
  log: (line: string) => void = () => undefined,
): Promise<string | null> {
  const clock = new FixedClock(new Date(`${today}T15:00:00Z`));
  return withScriptContext(
    { databaseUrl, clock, imports: [CustodyModule, ReleaseModule, MilestonesModule] },
    async (app) => {
      const db = app.get(DataSource);
      const [cm] = await db.query(
        `SELECT id, organisation_id, roles::text[] AS roles FROM app_user WHERE email = 'case.manager.1@leeds.yjs.example.com'`,
      );
      if (!cm) return null;
      const [released] = await db.query(
        // The children released over the last year for the measures (`seed-demo-released`) do not count.
        `SELECT 1 FROM custodial_episode e JOIN child c ON c.id = e.child_id
          WHERE e.supervising_service_id = $1 AND e.released_at IS NOT NULL
            AND c.external_reference NOT LIKE '${RELEASED_KEY_PREFIX}%' LIMIT 1`,
        [cm.organisation_id],
      );
      if (released) {
        log('  After release: a released child is already there, left as it is');
        return null;
      }
      const [child] = await db.query(
        `SELECT e.id, e.version, p.id AS plan_id FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
          WHERE e.supervising_service_id = $1 AND e.status = 'SENTENCED' AND e.start_date < $2
          ORDER BY e.expected_release_date, e.id LIMIT 1`,
        [cm.organisation_id, today],
      );
      if (!child) return null;
      const caller = (operation: string): Caller => ({
        actor: {
          userId: cm.id,
          organisationId: cm.organisation_id,
          roles: cm.roles as Role[],
          authenticatedBy: 'PASSWORD',
        },
        operation,
        requestId: 'demo-seed',
        clientIp: null,
      });
      await app.get(EpisodeCommands).recordRelease(
        {
          episodeId: child.id,
          expectedVersion: child.version,
          releasedAt: new Date(`${today}T09:00:00Z`),
          reasonForDifferentDay: 'Released early on home detention curfew (demo)',
        },
        caller('recordRelease'),
      );
      const release = app.get(ReleaseService);
      const appointment = (
        kind: AppointmentKind,
        at: string,
        withWhom: string,
        outcome: AppointmentOutcome,
        notes: string,
      ) =>
        release.recordAppointment(
          { planId: child.plan_id, kind, at: new Date(`${today}T${at}:00Z`), withWhom, outcome, notes },
          caller('recordAppointment'),
        );
      await appointment(
        AppointmentKind.YJS,
        '11:00',
        'Case manager, Leeds YJS office',
        AppointmentOutcome.KEPT,
        'Came with his mother',
      );
      await appointment(
        AppointmentKind.HEALTH,
        '13:30',
        'GP registration, Armley Road Surgery',
        AppointmentOutcome.MISSED,
        'No bus fare; rebooked for Friday with a bus pass',
      );
      await release.recordEngagementBarrier(
        {
          planId: child.plan_id,
          barrier: 'Money',
          assessment: 'No money for travel until his first benefit payment',
          planToAddress: 'Bus pass from the YJS until the first payment',
        },
        caller('recordEngagementBarrier'),
      );
      await release.recordSupervisionCheck(
        {
          planId: child.plan_id,
          periodEnding: today,
          compliance: SupervisionCompliance.PARTLY_COMPLIANT,
          notes: 'Kept the YJS appointment; missed the GP registration',
        },
        caller('recordSupervisionCheck'),
      );
      log(`  After release: episode ${child.id} released with appointments, a barrier and a supervision check`);
      return child.id as string;
    },
  );
}
