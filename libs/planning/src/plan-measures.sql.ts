import { INACTIVE_PATHWAY_STATUSES, PlanStatus } from './planning-enums';

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
 * The plan as it stands: a pathway's view carries no date of its own. The child's earlier interventions are looked at
 * first (most children have none, and then nothing else is read): joined the other way, PostgreSQL could read every
 * action of every plan, normalising each name, once per child (issue 23's bench: 0.7 ms a child at 450 children).
 */
/** `repeatedInterventions`' sameName in SQL: lower case, each run of non-letters and non-digits one space, trimmed. */
const sameName = (column: string) => `btrim(regexp_replace(lower(${column}), '[^[:alnum:]]+', ' ', 'g'))`;

export function planMeasuresSql(episodeId: string): string {
  const inactive = INACTIVE_PATHWAY_STATUSES.map((s) => `'${s}'`).join(', ');
  return `SELECT p.explained_on,
                 CASE WHEN p.status = '${PlanStatus.AGREED}' THEN (p.agreed_at AT TIME ZONE 'Europe/London')::date END
                   AS agreed_on,
                 (SELECT count(*) > 0 AND bool_and(btrim(coalesce(w.child_view, '')) <> '')
                    FROM pathway w WHERE w.plan_id = p.id AND w.status NOT IN (${inactive})) AS views_every_pathway,
                 EXISTS (SELECT 1 FROM prior_intervention i
                          WHERE i.child_id = p.child_id AND ${sameName('i.name')} <> ''
                            AND ${sameName('i.name')} IN (SELECT ${sameName('a.intervention')} FROM pathway w
                                 JOIN pathway_action a ON a.pathway_id = w.id WHERE w.plan_id = p.id))
                   AS intervention_repeated
            FROM resettlement_plan p
           WHERE p.episode_id = ${episodeId}`;
}
