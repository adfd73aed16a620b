import { Client } from 'pg';
import { addDays, addWorkingDays, workingDaysBetween } from '@resettle/common';
import { RELEASED_KEY_PREFIX } from './seed-demo-released';

/**
 * How many working days each demo area's providers took over each step (acknowledge, offer, confirm), child by child
 * (cycled): the virtual schools answer within days, the health services take longer, and more so in some areas (the
 * area's index added to each health step), so the measures' providers' response times tell them apart.
 */
const SPEEDS: Record<'EDUCATION' | 'HEALTH', { acknowledge: number[]; offer: number[]; confirm: number[] }> = {
  EDUCATION: { acknowledge: [1, 2, 1, 3, 1, 2], offer: [4, 6, 5, 8, 3, 7], confirm: [1, 1, 2, 1, 3, 1] },
  HEALTH: { acknowledge: [3, 6, 4, 9, 5, 12], offer: [10, 15, 8, 20, 12, 18], confirm: [2, 4, 3, 5, 2, 6] },
};

/**
 * The education and health referrals the released demo children (`demo-released-…`) had before they left, as the
 * referrals feature would have recorded them had they been made through it (the seed runs no api for past days): each
 * child one to its area's virtual school and one to its health service, sent 60 days before release by the child's
 * case manager, acknowledged, offered and confirmed by the provider's demo user, each move an event dated then, and
 * each step the provider answered a `referral_response_time` row with the working days it took (`SPEEDS`; no due date:
 * providers have no targets). So the measures page has providers' response times over the year before `today`.
 * Once only: nothing is done if any released demo child has a referral. Run after `seedDemoReferrals` (an area whose
 * service has made a referral is left alone by it). Returns how many referrals it wrote.
 */
export async function seedDemoProviderTimes(db: Client, areaCodes: readonly string[]): Promise<number> {
  const { rows: children } = await db.query<{
    child_id: string;
    episode_id: string;
    plan_id: string;
    service_id: string;
    case_manager_id: string | null;
    released_on: string;
    area: string;
    education_pathway_id: string | null;
    health_pathway_id: string | null;
  }>(
    `SELECT c.id AS child_id, e.id AS episode_id, p.id AS plan_id, e.supervising_service_id AS service_id,
            e.case_manager_id, to_char((e.released_at AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD') AS released_on,
            la.code AS area,
            (SELECT w.id FROM pathway w WHERE w.plan_id = p.id AND w.type = 'EDUCATION_TRAINING_EMPLOYMENT') AS education_pathway_id,
            (SELECT w.id FROM pathway w WHERE w.plan_id = p.id AND w.type = 'MENTAL_HEALTH') AS health_pathway_id
       FROM custodial_episode e JOIN child c ON c.id = e.child_id JOIN resettlement_plan p ON p.episode_id = e.id
       JOIN organisation yjs ON yjs.id = e.supervising_service_id JOIN organisation la ON la.id = yjs.local_authority_id
      WHERE c.external_reference LIKE '${RELEASED_KEY_PREFIX}%' AND e.released_at IS NOT NULL AND la.code = ANY($1::text[])
      ORDER BY c.external_reference`,
    [[...areaCodes]],
  );
  if (children.length === 0) return 0;
  const { rows: existing } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM referral WHERE child_id = ANY($1::uuid[])`,
    [children.map((c) => c.child_id)],
  );
  if (existing[0].n > 0) return 0;
  const { rows: partners } = await db.query<{ email: string; id: string; organisation_id: string }>(
    `SELECT email, id, organisation_id FROM app_user WHERE email LIKE 'teacher@%.virtual-school.example.com'
        OR email LIKE 'practitioner@%.health.example.com' OR email LIKE 'case.manager.1@%.yjs.example.com'`,
  );
  const userOf = (email: string) => partners.find((u) => u.email === email);

  await db.query('BEGIN');
  try {
    let made = 0;
    for (const [i, child] of children.entries()) {
      const stem = child.area.replace(/^LA-/, '').toLowerCase();
      const areaIndex = areaCodes.indexOf(child.area);
      const caseManagerId = child.case_manager_id ?? userOf(`case.manager.1@${stem}.yjs.example.com`)?.id;
      for (const type of ['EDUCATION', 'HEALTH'] as const) {
        const pathwayId = type === 'EDUCATION' ? child.education_pathway_id : child.health_pathway_id;
        const partner = userOf(
          type === 'EDUCATION'
            ? `teacher@${stem}.virtual-school.example.com`
            : `practitioner@${stem}.health.example.com`,
        );
        if (!pathwayId || !partner || !caseManagerId) continue;
        const slower = type === 'HEALTH' ? areaIndex : 0;
        const speed = SPEEDS[type];
        const days = [speed.acknowledge, speed.offer, speed.confirm].map((cycle) => cycle[i % cycle.length] + slower);
        // Each move on a working day at 10:00 UTC (the same London day, GMT or BST): sent, then each answer.
        const sentOn = addWorkingDays(addDays(child.released_on, -61), 1);
        const on = [sentOn];
        for (const n of days) on.push(addWorkingDays(on[on.length - 1], n));
        const at = (day: string, minutes = 0) => `${day}T10:${String(minutes).padStart(2, '0')}:00Z`;
        const [referral] = (
          await db.query<{ id: string }>(
            `INSERT INTO referral (type, status, child_id, episode_id, plan_id, pathway_id, from_service_id,
                                   to_organisation_id, created_by_id, version, sent_at, status_since, created_at, updated_at)
             VALUES ($1, 'CONFIRMED', $2, $3, $4, $5, $6, $7, $8, 5, $9, $10, $11, $10) RETURNING id`,
            [
              type,
              child.child_id,
              child.episode_id,
              child.plan_id,
              pathwayId,
              child.service_id,
              partner.organisation_id,
              caseManagerId,
              at(sentOn),
              at(on[3]),
              `${sentOn}T09:30:00Z`,
            ],
          )
        ).rows;
        const moves: [string | null, string, string, string, string][] = [
          [null, 'DRAFT', caseManagerId, child.service_id, `${sentOn}T09:30:00Z`],
          ['DRAFT', 'SENT', caseManagerId, child.service_id, at(sentOn)],
          ['SENT', 'ACKNOWLEDGED', partner.id, partner.organisation_id, at(on[1], 1)],
          ['ACKNOWLEDGED', 'OFFERED', partner.id, partner.organisation_id, at(on[2], 2)],
          ['OFFERED', 'CONFIRMED', partner.id, partner.organisation_id, at(on[3], 3)],
        ];
        for (const [from, to, actor, organisation, when] of moves)
          await db.query(
            `INSERT INTO referral_event (referral_id, from_status, to_status, actor_user_id, actor_organisation_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [referral.id, from, to, actor, organisation, when],
          );
        // The steps the provider answered: each from the move that started it to the provider's answer.
        const steps = [
          ['ACKNOWLEDGE', moves[1][4], moves[2][4], sentOn, on[1]],
          ['OFFER', moves[2][4], moves[3][4], on[1], on[2]],
          ['CONFIRM', moves[3][4], moves[4][4], on[2], on[3]],
        ] as const;
        for (const [step, startedAt, answeredAt, startedOn, answeredOn] of steps)
          await db.query(
            `INSERT INTO referral_response_time (referral_id, step_started_at, step, organisation_id, from_service_id,
                                                 answered_at, due_date, working_days, referral_type)
             VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8)`,
            [
              referral.id,
              startedAt,
              step,
              partner.organisation_id,
              child.service_id,
              answeredAt,
              Math.max(0, workingDaysBetween(startedOn, answeredOn)),
              type,
            ],
          );
        made++;
      }
    }
    await db.query('COMMIT');
    return made;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
