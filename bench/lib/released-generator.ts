import { Client } from 'pg';

/** The key of every child this generator makes: `bench-released-NNNNNNN`. */
const BENCH_RELEASED_PREFIX = 'bench-released-';

/**
 * A pseudo-random number in [0, 1) for the generated child `g` and a salt, in SQL: the first 32 bits of
 * md5(g:salt). The same `g` and salt always give the same number, so the data are the same on every run.
 */
const u = (salt: string, g = 'g') =>
  `(('x' || substr(md5(${g}::text || ':${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;

/** A deterministic uuid for the generated child `g` and a kind of row. */
const id = (kind: string) => `md5('${BENCH_RELEASED_PREFIX}${kind}-' || g)::uuid`;

/** 10:00 in London on a date column, as the seed dates its facts. */
const at = (day: string) => `((${day})::timestamp + time '10:00') AT TIME ZONE 'Europe/London'`;

/** ONS ethnicity keys, about as often as the seed's caseload has them (100 entries). */
const ETHNICITIES = [
  ['WHITE_BRITISH', 43],
  ['BLACK_AFRICAN', 13],
  ['BLACK_CARIBBEAN', 11],
  ['MIXED_WHITE_BLACK_CARIBBEAN', 6],
  ['BLACK_OTHER', 6],
  ['ASIAN_PAKISTANI', 4],
  ['WHITE_GYPSY_OR_IRISH_TRAVELLER', 3],
  ['WHITE_OTHER', 3],
  ['MIXED_OTHER', 3],
  ['OTHER_ANY', 2],
  ['MIXED_WHITE_ASIAN', 2],
  ['ASIAN_BANGLADESHI', 1],
  ['ASIAN_OTHER', 1],
  ['OTHER_ARAB', 1],
  ['ASIAN_INDIAN', 1],
] as const;
const ETHNICITY_ARRAY = `ARRAY[${ETHNICITIES.flatMap(([key, n]) => Array.from({ length: n }, () => `'${key}'`)).join(',')}]`;

/**
 * Children released over the 365 days before `today`, written straight into the tables in bulk (set-based SQL, no
 * api, no TypeORM), for timing the resettlement measures at scale. Synthetic and deterministic: child `g`'s service,
 * dates and facts come from md5 of `g` (keys `bench-released-0000001` …), so the same count gives the same data; a
 * child already present is not made again. Each has: a child (ethnicity, gender, age, looked-after and care-leaver
 * mix like the seed's), a released episode (85% sentenced, 15% released from remand) supervised by one of the
 * youth justice services (skewed, so some services are much busier than others), its sentence, its first
 * establishment transfer, its case-manager assignments (none, one, or changed once or twice), its plan with the nine
 * pathways (accommodation and ETE active, the child's views on both or not), explained and agreed or not, the
 * milestones a released child has with their due dates, met on time, late or never (`met_at`, the child told's
 * `evidence.toldOn`), the escalation levels each late one reached, and for some an earlier intervention that an
 * action of the plan repeats.
 *
 * Not the seed's story: milestones are written with their status and `met_at` directly, not met by facts through
 * the milestones feature (that would take the seed's 15 minutes per 100,000 children), so the facts tables
 * (arrangements, placements, meetings) stay empty for these children. What the measures read is all there.
 * Returns how many children it added.
 */
export async function generateReleasedChildren(
  db: Client,
  options: { count: number; today: string; log?: (line: string) => void },
): Promise<number> {
  const log = options.log ?? (() => undefined);
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const res = await db.query(sql, params);
    log(`    ${what}: ${res.rowCount ?? 0} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return res;
  };
  let added: number;
  await db.query('BEGIN');
  try {
    // Every fact of each child to make, decided once.
    await step(
      'children to make',
      `CREATE TEMP TABLE bench_released ON COMMIT DROP AS
       WITH services AS (
         SELECT array_agg(s.id ORDER BY s.code) AS ids FROM organisation s WHERE s.type = 'YOUTH_JUSTICE_SERVICE'
       ), establishments AS (
         SELECT array_agg(o.id ORDER BY o.code) AS ids FROM organisation o
          WHERE o.type IN ('YOI', 'STC', 'SCH', 'SECURE_SCHOOL')
       ), drawn AS (
         SELECT g, '${BENCH_RELEASED_PREFIX}' || lpad(g::text, 7, '0') AS key,
                -- Busier and quieter services: the first few by code get far more children than the last.
                services.ids[1 + floor(array_length(services.ids, 1) * power(${u('service')}, 1.5))::int] AS service_id,
                establishments.ids[1 + floor(array_length(establishments.ids, 1) * ${u('establishment')})::int]
                  AS establishment_id,
                CAST($2 AS date) - 1 - floor(365 * ${u('released')})::int AS released_on,
                60 + floor(240 * ${u('stay')})::int AS stay_days,
                ${u('sentenced')} < 0.85 AS sentenced
           FROM generate_series(1, $1::int) AS g, services, establishments
       )
       SELECT d.*, d.released_on - d.stay_days AS start_on,
              ${id('child')} AS child_id, ${id('episode')} AS episode_id, ${id('plan')} AS plan_id,
              s.local_authority_id AS authority_id,
              (SELECT u1.id FROM app_user u1 WHERE u1.organisation_id = d.service_id
                  AND 'YJS_CASE_MANAGER' = ANY(u1.roles) ORDER BY u1.email LIMIT 1) AS cm1,
              (SELECT u2.id FROM app_user u2 WHERE u2.organisation_id = d.service_id
                  AND 'YJS_CASE_MANAGER' = ANY(u2.roles) ORDER BY u2.email OFFSET 1 LIMIT 1) AS cm2,
              ${u('cm')} AS cm_u,
              ${u('address')} AS address_u, ${u('told')} AS told_u, ${u('ete')} AS ete_u, ${u('health')} AS health_u,
              ${u('dayplan')} AS dayplan_u, ${u('initial')} AS initial_u, ${u('prerelease')} AS prerelease_u,
              ${u('referral')} AS referral_u, ${u('views')} AS views_u, ${u('explained')} AS explained_u,
              ${u('agreed')} AS agreed_u, ${u('prior')} AS prior_u, ${u('repeat')} AS repeat_u,
              floor(4 * ${u('jitter')})::int AS jitter
         FROM drawn d JOIN organisation s ON s.id = d.service_id
        WHERE NOT EXISTS (SELECT 1 FROM child c WHERE c.external_reference = d.key)`,
      [options.count, options.today],
    );
    const {
      rows: [{ n }],
    } = await db.query(`SELECT count(*)::int AS n FROM bench_released`);
    added = n;
    if (n === 0) {
      await db.query('ROLLBACK');
      return 0;
    }
    // The day each fact met (null: never), as offsets from release or from the start, decided by each child's draws.
    await step(
      'facts decided',
      `CREATE TEMP TABLE bench_facts ON COMMIT DROP AS
       SELECT b.*,
              CASE WHEN b.address_u < 0.45 THEN b.released_on - 35 + b.jitter WHEN b.address_u < 0.70 THEN b.released_on - 20
                   WHEN b.address_u < 0.85 THEN b.released_on - 6 END AS address_on,
              CASE WHEN b.ete_u < 0.55 THEN b.released_on - 20 WHEN b.ete_u < 0.70 THEN b.released_on - 5 END AS ete_on,
              CASE WHEN b.health_u < 0.60 THEN b.released_on - 18 WHEN b.health_u < 0.75 THEN b.released_on - 3 END AS health_on,
              CASE WHEN b.dayplan_u < 0.65 THEN b.released_on - 16 WHEN b.dayplan_u < 0.85 THEN b.released_on - 4 END
                AS dayplan_on,
              CASE WHEN b.initial_u < 0.75 THEN b.start_on + 7 WHEN b.initial_u < 0.90 THEN b.start_on + 25 END AS initial_on,
              CASE WHEN b.prerelease_u < 0.55 THEN b.released_on - 35 WHEN b.prerelease_u < 0.80 THEN b.released_on - 10 END
                AS prerelease_on,
              CASE WHEN b.referral_u < 0.70 THEN greatest(b.start_on + 5, b.released_on - 95)
                   WHEN b.referral_u < 0.90 THEN b.released_on - 40 END AS referral_on
         FROM bench_released b`,
    );
    await step(
      'child',
      `INSERT INTO child (id, external_reference, given_name, family_name, date_of_birth, gender, ethnicity, looked_after,
                          care_leaver, home_authority_id, registered_by_organisation_id, version)
       SELECT b.child_id, b.key, 'Bench', 'Released ' || b.g,
              b.released_on - (15 * 365 + floor(3 * 365 * ${u('age', 'b.g')})::int),
              (CASE WHEN ${u('gender', 'b.g')} < 0.95 THEN 'MALE' ELSE 'FEMALE' END)::gender,
              (${ETHNICITY_ARRAY})[1 + floor(100 * ${u('ethnicity', 'b.g')})::int],
              ${u('looked', 'b.g')} < 0.4, ${u('leaver', 'b.g')} < 0.1,
              b.authority_id, b.service_id, 1
         FROM bench_released b`,
    );
    await step(
      'custodial_episode',
      `INSERT INTO custodial_episode (id, child_id, status, start_date, remand_date, current_establishment_id,
          supervising_service_id, case_manager_id, sentence_type, earliest_release_date, release_date, expected_release_date,
          released_at, version)
       SELECT b.episode_id, b.child_id, 'RELEASED', b.start_on, CASE WHEN NOT b.sentenced THEN b.start_on END,
              b.establishment_id, b.service_id,
              CASE WHEN b.cm_u < 0.02 THEN NULL WHEN b.cm_u < 0.57 OR b.cm_u >= 0.87 THEN b.cm1 ELSE b.cm2 END,
              CASE WHEN b.sentenced THEN 'DTO'::sentence_type END,
              CASE WHEN b.sentenced THEN b.released_on END, CASE WHEN b.sentenced THEN b.released_on END,
              CASE WHEN b.sentenced THEN b.released_on END, ${at('b.released_on')}, 1
         FROM bench_released b`,
    );
    await step(
      'sentence',
      `INSERT INTO sentence (episode_id, sentence_type, sentence_date, term_months)
       SELECT b.episode_id, 'DTO', b.start_on, 4 + 2 * floor(b.stay_days / 61.0)::int FROM bench_released b WHERE b.sentenced`,
    );
    await step(
      'establishment_transfer',
      `INSERT INTO establishment_transfer (episode_id, from_establishment_id, to_establishment_id, transfer_date, reason)
       SELECT b.episode_id, NULL, b.establishment_id, b.start_on,
              CASE WHEN b.sentenced THEN 'Sentenced to custody' ELSE 'Remanded to youth detention accommodation' END
         FROM bench_released b`,
    );
    // 2% nobody allocated; 55% one case manager throughout; 30% changed once (to the second); 13% changed twice.
    await step(
      'case_manager_assignment',
      `INSERT INTO case_manager_assignment (episode_id, case_manager_id, assigned_from, assigned_until, reason)
       SELECT b.episode_id, a.cm, ${at('a.from_on')}, ${at('a.until_on')}, a.reason
         FROM bench_released b
        CROSS JOIN LATERAL (VALUES
          (1, b.cm1, b.start_on, CASE WHEN b.cm_u >= 0.57 THEN b.start_on + b.stay_days / 3 END,
           'Allocated at the start of the episode'),
          (2, b.cm2, b.start_on + b.stay_days / 3, CASE WHEN b.cm_u >= 0.87 THEN b.start_on + 2 * b.stay_days / 3 END,
           'Case manager left the team'),
          (3, b.cm1, b.start_on + 2 * b.stay_days / 3, NULL, 'Returned from leave')
        ) AS a(n, cm, from_on, until_on, reason)
        WHERE b.cm_u >= 0.02 AND a.cm IS NOT NULL
          AND (a.n = 1 OR (a.n = 2 AND b.cm_u >= 0.57) OR (a.n = 3 AND b.cm_u >= 0.87))`,
    );
    await step(
      'resettlement_plan',
      `INSERT INTO resettlement_plan (id, episode_id, child_id, status, explained_on, explained_how, child_agreement,
                                      agreed_at, version)
       SELECT b.plan_id, b.episode_id, b.child_id,
              (CASE WHEN b.explained_u < 0.8 AND b.agreed_u < 0.75 THEN 'AGREED' ELSE 'DRAFT' END)::plan_status,
              CASE WHEN b.explained_u < 0.8 THEN b.released_on - 40 END,
              CASE WHEN b.explained_u < 0.8 THEN 'Went through it with the child' END,
              (CASE WHEN b.explained_u < 0.8 THEN 'AGREES' END)::agreement_response,
              CASE WHEN b.explained_u < 0.8 AND b.agreed_u < 0.75 THEN ${at('b.released_on - 38')} END, 1
         FROM bench_released b`,
    );
    await step(
      'pathway',
      `INSERT INTO pathway (id, plan_id, type, status, child_view, version)
       SELECT md5(b.plan_id::text || t.type::text)::uuid, b.plan_id, t.type,
              (CASE WHEN t.type IN ('ACCOMMODATION', 'EDUCATION_TRAINING_EMPLOYMENT') THEN 'IN_PROGRESS'
                    ELSE 'NOT_STARTED' END)::pathway_status,
              CASE WHEN t.type = 'ACCOMMODATION' THEN 'I want to be near my family'
                   WHEN t.type = 'EDUCATION_TRAINING_EMPLOYMENT' AND b.views_u < 0.6 THEN 'I want to finish my course' END,
              1
         FROM bench_released b CROSS JOIN unnest(enum_range(NULL::pathway_type)) AS t(type)`,
    );
    // The milestones a released child has, with their due dates; met (on the day of its fact) or MISSED.
    await step(
      'milestone',
      `INSERT INTO milestone (id, episode_id, child_id, key, due_date, status, met_at, evidence, escalation_level, version)
       SELECT md5(f.episode_id::text || m.key)::uuid, f.episode_id, f.child_id, m.key::milestone_key, m.due,
              (CASE WHEN m.met_on IS NOT NULL THEN 'MET' ELSE 'MISSED' END)::milestone_status,
              ${at('m.met_on')},
              CASE WHEN m.met_on IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object('type', 'BenchSynthetic', 'toldOn', m.told_on)) END,
              CASE WHEN m.due IS NULL OR coalesce(m.met_on, f.released_on) <= m.due THEN 0
                   WHEN coalesce(m.met_on, f.released_on) <= m.due + 3 THEN 1
                   WHEN coalesce(m.met_on, f.released_on) <= m.due + 7 THEN 2 ELSE 3 END,
              1
         FROM bench_facts f
        CROSS JOIN LATERAL (VALUES
          ('DETENTION_PLACEMENT_PLAN', CASE WHEN NOT f.sentenced THEN f.start_on + 14 END, f.initial_on, NULL::date),
          ('INITIAL_PLANNING_MEETING', CASE WHEN f.sentenced THEN f.start_on + 14 END, f.initial_on, NULL),
          ('ACCOMMODATION_REFERRAL_SENT', greatest(f.start_on + 10, f.released_on - 90), f.referral_on, NULL),
          ('ACCOMMODATION_CONFIRMED', f.released_on - 28, f.address_on, NULL),
          ('CHILD_TOLD_WHERE_LIVING', f.released_on - 14,
             CASE WHEN f.address_on IS NOT NULL AND f.told_u < 0.75 THEN least(f.address_on + 1 + f.jitter, f.released_on) END,
             CASE WHEN f.address_on IS NOT NULL AND f.told_u < 0.75 THEN least(f.address_on + 1 + f.jitter, f.released_on) END),
          ('ETE_PLACE_CONFIRMED', f.released_on - 14, f.ete_on, NULL),
          ('HEALTH_HANDOVER_ARRANGED', f.released_on - 14, f.health_on, NULL),
          ('DAY_OF_RELEASE_PLAN_CONFIRMED', f.released_on - 10, f.dayplan_on, NULL),
          ('PRE_RELEASE_MEETING_HELD', CASE WHEN f.sentenced THEN f.released_on - 28 END, f.prerelease_on, NULL)
        ) AS m(key, due, met_on, told_on)
        -- A child released from remand has no initial planning meeting due, nor a pre-release one; a sentenced child
        -- no detention placement plan.
        WHERE m.due IS NOT NULL OR m.key = 'PRE_RELEASE_MEETING_HELD'`,
    );
    // Each level the engine would have reached (at the due moment, 2 and 5 working days after: about 3 and 7 days).
    await step(
      'milestone_escalation',
      `INSERT INTO milestone_escalation (milestone_id, due_date, level, created_at)
       SELECT m.id, m.due_date, l.level, ${at('m.due_date + l.after_days')}
         FROM bench_released b JOIN milestone m ON m.episode_id = b.episode_id
        CROSS JOIN (VALUES (1, 0), (2, 3), (3, 7)) AS l(level, after_days)
        WHERE m.escalation_level >= l.level`,
    );
    // 30% did an intervention on an earlier order; the plan of 60% of those repeats it.
    await step(
      'prior_intervention',
      `INSERT INTO prior_intervention (child_id, name, order_description, completed_on, version)
       SELECT b.child_id, CASE WHEN b.g % 2 = 0 THEN 'Knife crime awareness' ELSE 'Victim awareness' END,
              'a referral order', b.start_on - 200, 1
         FROM bench_released b WHERE b.prior_u < 0.3`,
    );
    await step(
      'pathway_action',
      `INSERT INTO pathway_action (pathway_id, description, intervention, due_date, version)
       SELECT md5(b.plan_id::text || 'EDUCATION_TRAINING_EMPLOYMENT')::uuid, 'Group work before release',
              CASE WHEN b.repeat_u < 0.6 THEN CASE WHEN b.g % 2 = 0 THEN 'knife crime awareness' ELSE 'Victim Awareness' END
                   ELSE 'Consequential thinking' END,
              b.released_on - 30, 1
         FROM bench_released b WHERE b.prior_u < 0.3`,
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
  const t = Date.now();
  await db.query(
    'ANALYZE child, custodial_episode, sentence, establishment_transfer, case_manager_assignment, resettlement_plan, pathway, milestone, milestone_escalation, prior_intervention, pathway_action',
  );
  log(`    ANALYZE in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return added;
}
