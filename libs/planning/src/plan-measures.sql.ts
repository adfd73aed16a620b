import { londonDaySql } from '@resettle/database';
import { HealthHandoverPathway } from './facts/facts-enums';
import { INACTIVE_PATHWAY_STATUSES, NeedLevel, PlanStatus } from './planning-enums';

/**
 * For the resettlement measures (milestones' `MeasuresService`): the plan facts of each episode of `episodesSql` (a
 * subquery of `(id)`, each episode's id once), as a subquery of one row per episode that has a plan (`episode_id` and
 * the columns below; an episode without a plan has no row). Columns:
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
 * The plan as it stands: a pathway's view carries no date of its own.
 * Set-based (issue 23: 100,000 children released in a year): each table is read once for all the plans, grouped by
 * plan, with no lookup per episode. The episodes are joined, not looked up with `IN`: PostgreSQL has no statistics on
 * the distinct ids of a subquery, guesses 200, and would then probe an index per episode instead of hashing. The
 * pathways are read once for the views and the health needs (only the active ones and the health ones whose need is
 * NONE: the others change neither); the repeated interventions start from the children's earlier interventions and
 * only their plans' actions are matched to them, by plan and normalised name (a hash on both).
 */
/** `repeatedInterventions`' sameName in SQL: lower case, each run of non-letters and non-digits one space, trimmed. */
const sameName = (column: string) => `btrim(regexp_replace(lower(${column}), '[^[:alnum:]]+', ' ', 'g'))`;

/** A health handover pathway's columns in SQL: its name lower-cased. */
const col = (type: HealthHandoverPathway) => type.toLowerCase();

export function planMeasuresForEpisodesSql(episodesSql: string): string {
  const inactive = INACTIVE_PATHWAY_STATUSES.map((s) => `'${s}'`).join(', ');
  const types = Object.values(HealthHandoverPathway);
  // Physical health always needs a handover; another health pathway unless the plan's pathway of that type says its
  // need is NONE (no such pathway: needed).
  const needed = (type: HealthHandoverPathway) =>
    type === HealthHandoverPathway.PHYSICAL_HEALTH ? 'true' : `NOT coalesce(p.${col(type)}_none, false)`;
  const firstOn = (type: HealthHandoverPathway) => londonDaySql(`h.${col(type)}_first_at`);
  // The episodes' plans, repeated where read rather than a CTE: PostgreSQL keeps no statistics on a CTE's columns,
  // and joined on one it guesses 200 distinct ids, hashing the big table instead of the plans.
  const plans = `(SELECT p.id, p.child_id FROM resettlement_plan p JOIN (${episodesSql}) x ON x.id = p.episode_id)`;
  const otherHealth = types.filter((t) => t !== HealthHandoverPathway.PHYSICAL_HEALTH);
  return `SELECT p.episode_id, p.explained_on,
                 CASE WHEN p.status = '${PlanStatus.AGREED}' THEN ${londonDaySql('p.agreed_at')} END AS agreed_on,
                 coalesce(p.views_every_pathway, false) AS views_every_pathway,
                 (ir.plan_id IS NOT NULL) AS intervention_repeated,
                 rr.first_night_as_planned, rr.ete_started_as_planned,
                 ${londonDaySql('e.first_at')} AS ete_placed_on, e.start_date AS ete_start_date,
                 CASE WHEN ${types.map((t) => `(NOT ${needed(t)} OR h.${col(t)}_first_at IS NOT NULL)`).join(' AND ')}
                      THEN greatest(${types.map((t) => `CASE WHEN ${needed(t)} THEN ${firstOn(t)} END`).join(', ')})
                 END AS health_handover_on,
                 ${londonDaySql('rdp.confirmed_at')} AS release_day_plan_confirmed_on
            -- Each plan with its pathways grouped, only those that count: the active ones (views) and the health ones
            -- whose need is NONE.
            FROM (SELECT p.id, p.episode_id, p.explained_on, p.status, p.agreed_at,
                         bool_and(btrim(coalesce(w.child_view, '')) <> '') FILTER (WHERE w.status NOT IN (${inactive}))
                           AS views_every_pathway,
                         ${otherHealth
                           .map(
                             (t) =>
                               `bool_or(w.type::text = '${t}' AND w.need_level = '${NeedLevel.NONE}') AS ${col(t)}_none`,
                           )
                           .join(',\n                         ')}
                    FROM resettlement_plan p
                    JOIN (${episodesSql}) x ON x.id = p.episode_id
                    LEFT JOIN pathway w ON w.plan_id = p.id
                     AND (w.status NOT IN (${inactive})
                          OR (w.type::text IN (${otherHealth.map((t) => `'${t}'`).join(', ')})
                              AND w.need_level = '${NeedLevel.NONE}'))
                   GROUP BY p.id) p
            LEFT JOIN (SELECT DISTINCT p.id AS plan_id
                         FROM ${plans} p JOIN prior_intervention i ON i.child_id = p.child_id
                        WHERE ${sameName('i.name')} <> ''
                          AND EXISTS (SELECT 1 FROM pathway w JOIN pathway_action a ON a.pathway_id = w.id
                                       WHERE w.plan_id = p.id AND ${sameName('a.intervention')} = ${sameName('i.name')}))
                   ir ON ir.plan_id = p.id
            LEFT JOIN (SELECT e.plan_id, min(e.created_at) AS first_at,
                              (array_agg(e.start_date ORDER BY e.created_at DESC, e.id DESC))[1] AS start_date
                         FROM ete_placement e JOIN ${plans} p ON p.id = e.plan_id
                        GROUP BY e.plan_id) e ON e.plan_id = p.id
            LEFT JOIN (SELECT hh.plan_id,
                              ${types
                                .map(
                                  (t) =>
                                    `min(hh.created_at) FILTER (WHERE hh.pathway_type::text = '${t}') AS ${col(t)}_first_at`,
                                )
                                .join(',\n                              ')}
                         FROM health_handover hh JOIN ${plans} p ON p.id = hh.plan_id
                        WHERE btrim(hh.receiving_provider) <> ''
                        GROUP BY hh.plan_id) h ON h.plan_id = p.id
            LEFT JOIN release_record rr ON rr.plan_id = p.id
            LEFT JOIN release_day_plan rdp ON rdp.plan_id = p.id`;
}
