import { DataSource } from 'typeorm';
import { Caller, Capability, mayPerform, Role } from '@resettle/access';
import { FixedClock } from '@resettle/common';
import { CustodyModule } from '@resettle/custody';
import { withScriptContext } from '@resettle/database';
import { CircumstanceKind, PlanningModule, PlanningService } from '@resettle/planning';

const CIRCUMSTANCES: { kind: CircumstanceKind; detail: string; response: string }[][] = [
  [
    {
      kind: CircumstanceKind.LOOKED_AFTER,
      detail: 'Section 20, placed out of area before custody',
      response: 'Social worker invited to every planning meeting; leaving-care plan started',
    },
    {
      kind: CircumstanceKind.EHCP,
      detail: 'EHCP for moderate learning difficulties, last reviewed in custody',
      response: 'Virtual school head to arrange the annual review before release',
    },
  ],
  [
    {
      kind: CircumstanceKind.YOUNG_CARER,
      detail: 'Helps care for a younger brother with a disability',
      response: 'Referred to the young carers service; family time built into the release-day plan',
    },
  ],
  [
    {
      kind: CircumstanceKind.PARENT,
      detail: 'Father of a baby born while in custody',
      response: 'Parenting course in custody; visits with the baby arranged with the mother’s family',
    },
    {
      kind: CircumstanceKind.DISABILITY,
      detail: 'ADHD, diagnosed at 12',
      response: 'Medication handed over to the community CAMHS team; short sessions at the YJS',
    },
  ],
];

const INTERVENTIONS = [
  {
    name: 'Knife crime awareness',
    orderDescription: 'a referral order in 2024',
    completedOn: '2024-09-30',
    deliveredBy: 'Youth justice service group work',
    outcome: 'Completed; said it felt like being lectured',
  },
  {
    name: 'Victim awareness',
    orderDescription: 'a youth rehabilitation order in 2025',
    completedOn: '2025-05-16',
    deliveredBy: 'Restorative justice worker',
    outcome: 'Wrote a letter of apology; engaged well one to one',
  },
];

/**
 * A few circumstances and earlier interventions on demo plans (issue 20): for the first three children each demo
 * area's youth justice service supervises, recorded by a case manager there through `PlanningService` (history and
 * audit as in the api). An area where any plan already has a circumstance is left alone. Returns how many it made.
 */
export async function seedDemoCircumstances(
  databaseUrl: string,
  today: string,
  authorityCodes: readonly string[],
): Promise<number> {
  const clock = new FixedClock(new Date(`${today}T09:30:00Z`));
  return withScriptContext({ databaseUrl, clock, imports: [CustodyModule, PlanningModule] }, async (app) => {
    const db = app.get(DataSource);
    const planning = app.get(PlanningService);
    let made = 0;
    for (const code of authorityCodes) {
      const [service] = await db.query(
        `SELECT yjs.id FROM organisation la
             JOIN organisation yjs ON yjs.local_authority_id = la.id AND yjs.type = 'YOUTH_JUSTICE_SERVICE'
            WHERE la.code = $1`,
        [code],
      );
      if (!service) continue;
      const users: { id: string; organisation_id: string; roles: Role[] }[] = await db.query(
        `SELECT id, organisation_id, roles::text[] AS roles FROM app_user
            WHERE organisation_id = $1 AND NOT disabled ORDER BY email`,
        [service.id],
      );
      const user = users.find((u) => mayPerform({ roles: u.roles }, Capability.CHANGE_PLAN));
      if (!user) continue;
      const plans: { id: string; child_id: string; has: boolean }[] = await db.query(
        `SELECT p.id, p.child_id, EXISTS (SELECT 1 FROM plan_circumstance c WHERE c.plan_id = p.id) AS has
             FROM resettlement_plan p JOIN custodial_episode e ON e.id = p.episode_id
            WHERE e.supervising_service_id = $1 AND e.status IN ('REMANDED', 'SENTENCED')
            ORDER BY e.expected_release_date NULLS LAST, p.id LIMIT 3`,
        [service.id],
      );
      if (plans.some((p) => p.has)) continue;
      const caller = (operation: string): Caller => ({
        actor: {
          userId: user.id,
          organisationId: user.organisation_id,
          roles: user.roles,
          authenticatedBy: 'PASSWORD',
        },
        operation,
        requestId: 'demo-seed',
        clientIp: null,
      });
      for (const [i, plan] of plans.entries()) {
        for (const c of CIRCUMSTANCES[i] ?? []) {
          await planning.recordCircumstance({ planId: plan.id, ...c }, caller('recordCircumstance'));
          made++;
        }
        // The first two children did an intervention on an earlier order.
        if (i < INTERVENTIONS.length) {
          await planning.recordPriorIntervention(
            { childId: plan.child_id, ...INTERVENTIONS[i] },
            caller('recordPriorIntervention'),
          );
          made++;
        }
      }
    }
    return made;
  });
}
