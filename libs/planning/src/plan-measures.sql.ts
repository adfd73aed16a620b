import { HealthHandoverPathway } from './facts/facts-enums';
import { INACTIVE_PATHWAY_STATUSES, NeedLevel, PlanStatus } from './planning-enums';

/**
 * For the resettlement measures (milestones' `MeasuresService`): the plan facts of one episode, as a subquery of at
 * most one row to join LATERAL on `episodeId` (an SQL expression naming the episode's id). Columns:
 * - `explained_on`: the day the plan was explained to the child (`recordPlanExplanation`), or null;
 * - `agreed_on`: the London day the plan was marked agreed, while it still is (explaining it again withdraws the
 *   agreement until it is marked again), or null;
 * - `views_every_pathway`: the child's own view, in words, recorded on every active pathway (the plan agreement's
 *   rule of "active": not NOT_STARTED nor SUPPORT_NOT_REQUIRED), and at least one pathway active. A reason the view
 *   could not be had lets a plan be agreed but is not a view, and a plan with nothing active has no views to count.
 * - `intervention_repeated`: an action on the plan (open or done) names an intervention the child already did on an
 *   earlier order (`prior_intervention`), the same name however it is typed, case, spacing and punctuation aside, as
 *   the warning's rule (`repeatedInterventions`) compares them.
 * - `first_night_as_planned`: the release record's (`recordRelease`, written after release) answer to whether the
 *   child slept the first night at the accommodation planned; null when nothing was recorded;
 * - `ete_started_as_planned`: the release record's answer to whether education, training or work started as planned
 *   (null: not recorded, or not yet known); `ete_placed_on`: the London day the first ETE place (provider, start date,
 *   hours, who confirmed) was recorded, or null; `ete_start_date`: the latest place's start date;
 * - `health_handover_on`: the London day the last health pathway needing a handover got its first (receiving
 *   provider and first appointment), as milestones' `healthPathwaysNeedingHandover` decides the need: physical health
 *   always, mental health and substance misuse unless their need is NONE; null while any of them has none;
 * - `release_day_plan_confirmed_on`: the London day the release-day plan was confirmed, while it still is (a change
 *   withdraws the confirmation until it is confirmed again), or null.
 * The plan as it stands: a pathway's view carries no date of its own. The child's earlier interventions are looked at
 * first (most children have none, and then nothing else is read): joined the other way, PostgreSQL could read every
 * action of every plan, normalising each name, once per child (issue 23's bench: 0.7 ms a child at 450 children).
 */
const londonDay = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;

/** `repeatedInterventions`' sameName in SQL: lower case, each run of non-letters and non-digits one space, trimmed. */
const sameName = (column: string) => `btrim(regexp_replace(lower(${column}), '[^[:alnum:]]+', ' ', 'g'))`;

export function planMeasuresSql(episodeId: string): string {
  const inactive = INACTIVE_PATHWAY_STATUSES.map((s) => `'${s}'`).join(', ');
  const health = Object.values(HealthHandoverPathway)
    .map((type) => `('${type}')`)
    .join(', ');
  return `SELECT p.explained_on,
                 CASE WHEN p.status = '${PlanStatus.AGREED}' THEN (p.agreed_at AT TIME ZONE 'Europe/London')::date END
                   AS agreed_on,
                 (SELECT count(*) > 0 AND bool_and(btrim(coalesce(w.child_view, '')) <> '')
                    FROM pathway w WHERE w.plan_id = p.id AND w.status NOT IN (${inactive})) AS views_every_pathway,
                 EXISTS (SELECT 1 FROM prior_intervention i
                          WHERE i.child_id = p.child_id AND ${sameName('i.name')} <> ''
                            AND ${sameName('i.name')} IN (SELECT ${sameName('a.intervention')} FROM pathway w
                                 JOIN pathway_action a ON a.pathway_id = w.id WHERE w.plan_id = p.id))
                   AS intervention_repeated,
                 rr.first_night_as_planned, rr.ete_started_as_planned,
                 (SELECT ${londonDay('min(e.created_at)')} FROM ete_placement e WHERE e.plan_id = p.id) AS ete_placed_on,
                 (SELECT e.start_date FROM ete_placement e WHERE e.plan_id = p.id
                   ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS ete_start_date,
                 (SELECT CASE WHEN bool_and(h.first_on IS NOT NULL) THEN max(h.first_on) END
                    FROM (VALUES ${health}) AS need(pathway_type)
                    LEFT JOIN LATERAL (SELECT ${londonDay('min(hh.created_at)')} AS first_on FROM health_handover hh
                                        WHERE hh.plan_id = p.id AND hh.pathway_type::text = need.pathway_type
                                          AND btrim(hh.receiving_provider) <> '') h ON true
                   WHERE need.pathway_type = '${HealthHandoverPathway.PHYSICAL_HEALTH}'
                      OR NOT EXISTS (SELECT 1 FROM pathway w WHERE w.plan_id = p.id
                                        AND w.type::text = need.pathway_type AND w.need_level = '${NeedLevel.NONE}'))
                   AS health_handover_on,
                 ${londonDay('rdp.confirmed_at')} AS release_day_plan_confirmed_on
            FROM resettlement_plan p
            LEFT JOIN release_record rr ON rr.plan_id = p.id
            LEFT JOIN release_day_plan rdp ON rdp.plan_id = p.id
           WHERE p.episode_id = ${episodeId}`;
}
