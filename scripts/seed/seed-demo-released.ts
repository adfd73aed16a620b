import { Client } from 'pg';
import { calculateReleaseDates } from '@resettle/custody';
import { DEFAULT_MILESTONE_POLICY, escalationDates, MilestoneKey } from '@resettle/milestones';
import { LOCAL_AUTHORITIES, SECURE_ESTABLISHMENTS } from '@resettle/organisations';
import { generateSyntheticCaseload, SyntheticChildRecord } from './caseload/caseload';

/** How many children each demo area released over the 12 months before `today`. */
const RELEASED_PER_AREA = 12;

/** The key of every child this step makes: `demo-released-<area>-NN`. */
export const RELEASED_KEY_PREFIX = 'demo-released-';

/**
 * Children each demo area released over the last 12 months (keys `demo-released-<area>-NN`), for the measures page:
 * drawn by the same generator (so the same mix of ethnicity, gender, age and care status as the caseload), sentenced
 * a year earlier, and kept only when their earliest release date fell in the 12 months before `today`. Deterministic:
 * the same options give the same children.
 */
export function releasedRecords(
  options: { seed: number; today: string },
  authorityCodes: readonly string[],
): SyntheticChildRecord[] {
  const today = Date.parse(`${options.today}T00:00:00Z`);
  const yearBefore = new Date(today - 365 * 86_400_000).toISOString().slice(0, 10);
  const out: SyntheticChildRecord[] = [];
  authorityCodes.forEach((code, areaIndex) => {
    const la = LOCAL_AUTHORITIES.find((a) => a.code === code)!;
    // Release dates over the 12 months after the year before: the 12 months to today.
    const pool = generateSyntheticCaseload({
      count: 300,
      seed: options.seed * 1000 + 500 + areaIndex,
      today: yearBefore,
      establishments: SECURE_ESTABLISHMENTS,
      localAuthorities: [la],
    });
    const stem = code.replace(/^LA-/, '').toLowerCase();
    pool
      .filter((r) => {
        const on = releaseDayOf(r);
        return on !== null && on > yearBefore && on < options.today;
      })
      .slice(0, RELEASED_PER_AREA)
      .forEach((r, i) => out.push({ ...r, key: `${RELEASED_KEY_PREFIX}${stem}-${String(i + 1).padStart(2, '0')}` }));
  });
  return out;
}

/** The day the child left: their earliest release date (DOMAIN: "release" is the earliest date they could leave). */
function releaseDayOf(r: SyntheticChildRecord): string | null {
  const s = r.episode.sentence;
  if (!s || s.sentenceType === 'DHMP' || s.sentenceType === 'EXTENDED') return null;
  const dates = calculateReleaseDates({
    ...s,
    extensionMonths: s.extensionMonths ?? undefined,
    dateOfBirth: r.child.dateOfBirth,
  });
  return dates.earliestReleaseDate ?? dates.releaseDate ?? null;
}

/**
 * Earlier interventions the demo's released children did (synthetic): the name, on what order, who delivered it, how
 * it went, and another intervention a plan that does not repeat it names instead.
 */
const PRIOR_INTERVENTIONS = [
  {
    name: 'Knife crime awareness',
    order: 'a referral order (demo)',
    by: 'Youth justice service group work',
    outcome: 'Completed; said it felt like being lectured',
    instead: 'Mentoring with a former boxer',
  },
  {
    name: 'Victim awareness',
    order: 'a youth rehabilitation order (demo)',
    by: 'Restorative justice worker',
    outcome: 'Completed; wrote a letter of apology',
    instead: 'Restorative justice conference',
  },
  {
    name: 'Anger management',
    order: 'a youth rehabilitation order (demo)',
    by: 'Youth justice service psychologist',
    outcome: 'Attended four of six sessions',
    instead: 'Emotional regulation one to one',
  },
] as const;

/** A small seeded generator (mulberry32): the same seed, the same mix. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const minus = (day: string, n: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
/** 10:00 in London on a day, as SQL reads it. */
const at = (day: string) => `${day} 10:00 Europe/London`;

/**
 * Releases the children `releasedRecords` made (each once: those not yet released), with the facts a year of
 * resettlement work leaves, written in the tables the services write, dated when they happened: the plan explained
 * and agreed (or not) with the child's views, the initial and pre-release planning meetings held (on time, late or
 * not at all), an accommodation arrangement confirmed 28 days or more before release, later or never, the child told
 * (or not), an ETE place, the health handovers, the release-day plan, and the first night (at the planned address or
 * not). The milestones are then met by these facts when the seed refreshes them (`refreshAllEpisodes`), never set by
 * hand. Returns how many it released.
 */
export async function releaseDemoChildren(db: Client, seed: number): Promise<number> {
  const { rows } = await db.query<{
    episode_id: string;
    plan_id: string;
    child_id: string;
    key: string;
    release_day: string;
    start_day: string;
    area: string;
    case_manager_id: string | null;
    other_case_manager_id: string | null;
  }>(
    `SELECT e.id AS episode_id, p.id AS plan_id, c.id AS child_id, c.external_reference AS key,
            to_char(coalesce(e.earliest_release_date, e.release_date), 'YYYY-MM-DD') AS release_day,
            to_char(coalesce(s.sentence_date, e.start_date), 'YYYY-MM-DD') AS start_day, la.name AS area,
            e.case_manager_id,
            (SELECT u.id FROM app_user u WHERE u.organisation_id = e.supervising_service_id AND NOT u.disabled
                AND 'YJS_CASE_MANAGER' = ANY(u.roles) AND u.id IS DISTINCT FROM e.case_manager_id
              ORDER BY u.email LIMIT 1) AS other_case_manager_id
       FROM custodial_episode e
       JOIN child c ON c.id = e.child_id
       JOIN resettlement_plan p ON p.episode_id = e.id
       JOIN organisation yjs ON yjs.id = e.supervising_service_id
       JOIN organisation la ON la.id = yjs.local_authority_id
       LEFT JOIN LATERAL (SELECT sentence_date FROM sentence WHERE episode_id = e.id ORDER BY sentence_date DESC LIMIT 1) s ON true
      WHERE c.external_reference LIKE '${RELEASED_KEY_PREFIX}%' AND e.released_at IS NULL
      ORDER BY c.external_reference`,
  );
  if (rows.length === 0) return 0;
  const random = seeded(seed * 7919 + 23);
  // The case managers' changes and the earlier interventions draw from a generator of their own, so the facts above
  // stay what they were before those were added.
  const more = seeded(seed * 7919 + 101);
  const pickFrom = <T>(draw: () => number, options: readonly [T, number][]): T => {
    let r = draw();
    for (const [value, weight] of options) if ((r -= weight) < 0) return value;
    return options[options.length - 1][0];
  };
  const pick = <T>(options: readonly [T, number][]): T => pickFrom(random, options);
  await db.query('BEGIN');
  try {
    for (const row of rows) {
      const r = row.release_day;
      const plan = row.plan_id;
      // The address: 28 days or more before, 14 to 27, under 14, or never confirmed.
      const addressBefore = pick<number | null>([
        [35, 0.45],
        [20, 0.25],
        [6, 0.15],
        [null, 0.15],
      ]);
      const address = `${1 + Math.floor(random() * 90)} Example Road, ${row.area}`;
      if (addressBefore !== null) {
        const confirmed = minus(r, addressBefore);
        const [arrangement] = (
          await db.query<{ id: string }>(
            `INSERT INTO accommodation_arrangement (plan_id, address, start_date, kind, living_with, confirmed_by, created_at)
             VALUES ($1, $2, $3, $4, $5, 'Accommodation officer (demo)', ($6)::timestamptz) RETURNING id`,
            [
              plan,
              address,
              r,
              random() < 0.7 ? 'FAMILY_HOME' : 'SUPPORTED_ACCOMMODATION',
              'Mother (invented)',
              at(confirmed),
            ],
          )
        ).rows;
        // Told a day or a few after the address was confirmed, or never told.
        if (random() < 0.75) {
          const told = minus(r, Math.max(0, addressBefore - 1 - Math.floor(random() * 4)));
          await db.query(
            `INSERT INTO child_told_where_living (plan_id, address_record_type, address_record_id, address, told_on, told_by,
                                                  how, has_seen_it, created_at)
             VALUES ($1, 'AccommodationArrangement', $2, $3, $4, 'Case manager (demo)', 'IN_PERSON', $5, ($6)::timestamptz)`,
            [plan, arrangement.id, address, told, random() < 0.5, at(told)],
          );
        }
      }
      // The ETE place: on time (20 days before), late (5 days before) or none.
      const eteBefore = pick<number | null>([
        [20, 0.55],
        [5, 0.15],
        [null, 0.3],
      ]);
      if (eteBefore !== null)
        await db.query(
          `INSERT INTO ete_placement (plan_id, provider, start_date, hours_per_week, confirmed_by, created_at)
           VALUES ($1, $2, $3, $4, 'Virtual school (demo)', ($5)::timestamptz)`,
          [plan, `${row.area} College (demo)`, minus(r, -7), 16 + Math.floor(random() * 10), at(minus(r, eteBefore))],
        );
      // The health handovers (GP, mental health, substance misuse): on time, late or none.
      const healthBefore = pick<number | null>([
        [18, 0.6],
        [3, 0.15],
        [null, 0.25],
      ]);
      if (healthBefore !== null)
        for (const pathway of ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'])
          await db.query(
            `INSERT INTO health_handover (plan_id, pathway_type, receiving_provider, first_appointment_on, created_at)
             VALUES ($1, $2, $3, $4, ($5)::timestamptz)`,
            [plan, pathway, `${row.area} health service (demo)`, minus(r, -5), at(minus(r, healthBefore))],
          );
      // The release-day plan: confirmed on time, late, or never.
      const dayPlanBefore = pick<number | null>([
        [16, 0.65],
        [4, 0.2],
        [null, 0.15],
      ]);
      await db.query(
        `INSERT INTO release_day_plan (plan_id, met_by_name, met_by_relationship, appropriate_adult, meeting_date,
                                       first_destination, confirmed_at, version)
         VALUES ($1, 'A parent (invented)', 'Mother', true, $2, $3, ($4)::timestamptz, 1)`,
        [plan, r, address, dayPlanBefore === null ? null : at(minus(r, dayPlanBefore))],
      );
      // The planning meetings: initial a week after sentence, or late, or never; pre-release in time, late, or never.
      const initialAfter = pick<number | null>([
        [7, 0.75],
        [25, 0.15],
        [null, 0.1],
      ]);
      const preReleaseBefore = pick<number | null>([
        [35, 0.55],
        [10, 0.25],
        [null, 0.2],
      ]);
      for (const [type, day] of [
        ['INITIAL', initialAfter === null ? null : minus(row.start_day, -initialAfter)],
        ['PRE_RELEASE', preReleaseBefore === null ? null : minus(r, preReleaseBefore)],
      ] as const) {
        if (!day || day >= r) continue;
        await db.query(
          `INSERT INTO planning_meeting (plan_id, child_id, type, status, starts_at, ends_at, child_participation, held_at,
                                         location)
           VALUES ($1, $2, $3, 'HELD', ($4)::timestamptz, ($4)::timestamptz + interval '1 hour', 'IN_PERSON',
                   ($4)::timestamptz, 'The secure establishment')`,
          [plan, row.child_id, type, at(day)],
        );
      }
      // The plan: accommodation and ETE active; the child's views on both, on one, or the reason one could not be had.
      const views = pick<'BOTH' | 'ONE' | 'REASON'>([
        ['BOTH', 0.6],
        ['ONE', 0.3],
        ['REASON', 0.1],
      ]);
      await db.query(
        `UPDATE pathway SET status = 'IN_PROGRESS', version = version + 1,
                child_view = CASE WHEN type = 'ACCOMMODATION' THEN 'I want to be near my family'
                                  WHEN $2 = 'BOTH' THEN 'I want to finish my course' END,
                child_view_unavailable_reason = CASE WHEN type <> 'ACCOMMODATION' AND $2 = 'REASON'
                                                     THEN 'Did not want to talk about it this time' END
          WHERE plan_id = $1 AND type IN ('ACCOMMODATION', 'EDUCATION_TRAINING_EMPLOYMENT')`,
        [plan, views],
      );
      const explained = random() < 0.8;
      const agreed = explained && views !== 'ONE' && random() < 0.75;
      await db.query(
        `UPDATE resettlement_plan SET explained_on = $2, explained_how = $3, child_agreement = $4,
                child_agreement_words = $5, status = $6, agreed_at = ($7)::timestamptz, version = version + 1
          WHERE id = $1`,
        [
          plan,
          explained ? minus(r, 40) : null,
          explained ? 'Went through it with the child and their mother' : null,
          explained ? 'AGREES' : null,
          explained ? 'It is fine' : null,
          agreed ? 'AGREED' : 'DRAFT',
          agreed ? at(minus(r, 38)) : null,
        ],
      );
      // The case manager: one throughout, or changed once or twice before release (back to the first), as custody's
      // assignCaseManager records it: the assignment before ends when the next begins, and the episode names the last.
      const changes = pickFrom<number>(more, [
        [0, 0.5],
        [1, 0.33],
        [2, 0.17],
      ]);
      if (row.case_manager_id && row.other_case_manager_id && changes > 0) {
        const stay = Math.round((Date.parse(`${r}T12:00:00Z`) - Date.parse(`${row.start_day}T12:00:00Z`)) / 86_400_000);
        let current = row.case_manager_id;
        for (let n = 1; n <= changes; n++) {
          const on = minus(row.start_day, -Math.floor((stay * n) / (changes + 1)));
          const next = current === row.case_manager_id ? row.other_case_manager_id : row.case_manager_id;
          const reason = n === 1 ? 'Case manager left the team (demo)' : 'Back from long-term leave (demo)';
          await db.query(
            `UPDATE case_manager_assignment SET assigned_until = ($2)::timestamptz
              WHERE episode_id = $1 AND assigned_until IS NULL`,
            [row.episode_id, at(on)],
          );
          await db.query(
            `INSERT INTO case_manager_assignment (episode_id, case_manager_id, assigned_from, reason)
             VALUES ($1, $2, ($3)::timestamptz, $4)`,
            [row.episode_id, next, at(on), reason],
          );
          await db.query(
            `INSERT INTO episode_event (episode_id, type, effective_date, summary, details)
             VALUES ($1, 'CASE_MANAGER_CHANGED', $2, $3, $4::jsonb)`,
            [
              row.episode_id,
              on,
              `Case manager changed: ${reason}`,
              JSON.stringify({
                source: 'demo seed',
                before: { caseManagerId: current },
                after: { caseManagerId: next },
                reason,
              }),
            ],
          );
          current = next;
        }
        await db.query(`UPDATE custodial_episode SET case_manager_id = $2 WHERE id = $1`, [row.episode_id, current]);
      }
      // An intervention on an earlier order (two in five children), and an action of this plan naming it again (most of
      // those: the plan repeats it) or another: the constructive activities pathway, active, with the child's view
      // where the plan has their views on the others.
      const prior = more() < 0.4 ? PRIOR_INTERVENTIONS[Math.floor(more() * PRIOR_INTERVENTIONS.length)] : null;
      if (prior) {
        const repeated = more() < 0.65;
        await db.query(
          `INSERT INTO prior_intervention (child_id, name, order_description, completed_on, delivered_by, outcome, version)
           VALUES ($1, $2, $3, $4, $5, $6, 1)`,
          [row.child_id, prior.name, prior.order, minus(row.start_day, 180), prior.by, prior.outcome],
        );
        const planned = repeated ? prior.name : prior.instead;
        await db.query(
          `UPDATE pathway SET status = 'IN_PROGRESS', version = version + 1,
                  child_view = CASE WHEN $2 = 'BOTH' THEN 'I want to get back into boxing' END
            WHERE plan_id = $1 AND type = 'CONSTRUCTIVE_ACTIVITIES'`,
          [plan, views],
        );
        await db.query(
          `INSERT INTO pathway_action (pathway_id, description, intervention, owner_name, due_date, done_on, version)
           SELECT w.id, $2, $3, 'Case manager (demo)', $4::date, NULL, 1 FROM pathway w
            WHERE w.plan_id = $1 AND w.type = 'CONSTRUCTIVE_ACTIVITIES'`,
          [plan, `Group work in the community: ${planned}`, planned, minus(r, -21)],
        );
      }
      // Released on the day, and where they slept the first night.
      await db.query(
        `UPDATE custodial_episode SET status = 'RELEASED', released_at = ($2)::timestamptz, version = version + 1
          WHERE id = $1`,
        [row.episode_id, at(r)],
      );
      await db.query(
        `INSERT INTO episode_event (episode_id, type, effective_date, summary, details)
         VALUES ($1, 'RELEASED', $2, 'Released (demo)', '{"source":"demo seed"}'::jsonb)`,
        [row.episode_id, r],
      );
      const asPlanned = addressBefore !== null && random() < 0.85;
      await db.query(
        `INSERT INTO release_record (plan_id, released_at, met_at_gate, met_by_name, first_night_address,
                                     first_night_placement_type, first_night_as_planned, ete_started_as_planned, version)
         VALUES ($1, ($2)::timestamptz, true, 'A parent (invented)', $3, $4, $5, $6, 1)`,
        [
          plan,
          at(r),
          asPlanned ? address : addressBefore === null ? 'No fixed address' : `A friend's flat, ${row.area}`,
          asPlanned ? 'FAMILY_HOME' : addressBefore === null ? 'NO_FIXED_ABODE' : 'OTHER',
          asPlanned,
          eteBefore === null ? null : random() < 0.7,
        ],
      );
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  return rows.length;
}

/**
 * The escalations the deadline engine would have recorded for the released demo children's deadlines, had it run
 * through their year (the seed runs no worker): each level of the default ladder (`escalationDates`: the due day, then
 * working days after it) reached at 09:00 London while the deadline was still unmet, up to the fact that met it or the
 * day they left, whichever came first, as `milestone_escalation` rows dated then. A deadline never met is MISSED at
 * the highest level it reached, as the engine leaves it; one met late keeps its level. Run after the milestones are
 * computed; once only (nothing is done if any of these children's deadlines has an escalation). Returns how many rows
 * it wrote.
 */
export async function escalateDemoReleased(db: Client): Promise<number> {
  const { rows } = await db.query<{ id: string; key: MilestoneKey; due: string; escalated: boolean }>(
    `SELECT m.id, m.key, to_char(m.due_date, 'YYYY-MM-DD') AS due,
            EXISTS (SELECT 1 FROM milestone_escalation x WHERE x.milestone_id = m.id) AS escalated
       FROM milestone m JOIN custodial_episode e ON e.id = m.episode_id JOIN child c ON c.id = e.child_id
      WHERE c.external_reference LIKE '${RELEASED_KEY_PREFIX}%' AND e.released_at IS NOT NULL
        AND m.due_date IS NOT NULL AND m.status <> 'WAIVED'
      ORDER BY m.id`,
  );
  if (rows.length === 0 || rows.some((r) => r.escalated)) return 0;
  const steps = rows.flatMap((r) =>
    escalationDates(r.due, DEFAULT_MILESTONE_POLICY[r.key].escalation).map((s) => ({
      id: r.id,
      level: s.level,
      on: s.on,
    })),
  );
  await db.query('BEGIN');
  try {
    const inserted = await db.query(
      `INSERT INTO milestone_escalation (milestone_id, due_date, level, created_at)
       SELECT m.id, m.due_date, s.level, (s.reached_on::timestamp + time '09:00') AT TIME ZONE 'Europe/London'
         FROM unnest($1::uuid[], $2::int[], $3::date[]) AS s(id, level, reached_on)
         JOIN milestone m ON m.id = s.id JOIN custodial_episode e ON e.id = m.episode_id
        WHERE (s.reached_on::timestamp + time '09:00') AT TIME ZONE 'Europe/London' < least(coalesce(m.met_at, e.released_at), e.released_at)`,
      [steps.map((s) => s.id), steps.map((s) => s.level), steps.map((s) => s.on)],
    );
    await db.query(
      `UPDATE milestone m SET escalation_level = x.level, version = m.version + 1, updated_at = now(),
              status = CASE WHEN m.status = 'PENDING' THEN 'MISSED'::milestone_status ELSE m.status END
         FROM (SELECT milestone_id, max(level) AS level FROM milestone_escalation
                WHERE milestone_id = ANY($1::uuid[]) GROUP BY milestone_id) x
        WHERE m.id = x.milestone_id`,
      [rows.map((r) => r.id)],
    );
    await db.query('COMMIT');
    return inserted.rowCount ?? 0;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}
