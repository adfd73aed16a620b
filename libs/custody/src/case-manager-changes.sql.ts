/**
 * For the resettlement measures (milestones' `MeasuresService`): how many times the case manager of the episode
 * `episodeId` (an SQL expression naming its id) changed, from their first allocation to the London day `untilDay` (an
 * SQL date expression) inclusive, as a scalar subquery. Each assignment (`case_manager_assignment`) naming a
 * different person from the one before is a change (a supervision transfer naming no one, then someone new, is one
 * change); null when nobody was allocated by then.
 */
export function caseManagerChangesSql(episodeId: string, untilDay: string): string {
  return `(SELECT CASE WHEN count(*) > 0 THEN (count(*) FILTER (WHERE c.before <> c.case_manager_id))::int END
             FROM (SELECT a.case_manager_id,
                          lag(a.case_manager_id) OVER (ORDER BY a.assigned_from, a.created_at, a.id) AS before
                     FROM case_manager_assignment a
                    WHERE a.episode_id = ${episodeId}
                      AND (a.assigned_from AT TIME ZONE 'Europe/London')::date <= ${untilDay}) c)`;
}
