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
 * The plan as it stands: a pathway's view carries no date of its own.
 */
export function planMeasuresSql(episodeId: string): string {
  const inactive = INACTIVE_PATHWAY_STATUSES.map((s) => `'${s}'`).join(', ');
  return `SELECT p.explained_on,
                 CASE WHEN p.status = '${PlanStatus.AGREED}' THEN (p.agreed_at AT TIME ZONE 'Europe/London')::date END
                   AS agreed_on,
                 (SELECT count(*) > 0 AND bool_and(btrim(coalesce(w.child_view, '')) <> '')
                    FROM pathway w WHERE w.plan_id = p.id AND w.status NOT IN (${inactive})) AS views_every_pathway
            FROM resettlement_plan p
           WHERE p.episode_id = ${episodeId}`;
}
