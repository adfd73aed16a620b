import { londonDaySql } from '@resettle/database';

/**
 * For the resettlement measures (milestones' `MeasuresService`): how many times the case manager of each episode of
 * `episodesSql` changed (a subquery of `(id, until_day)`, each episode once: its id and a London day, a date), from
 * their first allocation to that episode's `until_day` inclusive, as a subquery of `(episode_id,
 * case_manager_changes)`, one row per episode that had anyone allocated by then. Each assignment
 * (`case_manager_assignment`) naming a different person from the one before, in the order they were made, is a change
 * (a supervision transfer naming no one, then someone new, is one change); an episode with nobody allocated by its
 * day has no row (its changes: null). Set-based: one pass over the assignments of all the episodes (a window per
 * episode, then grouped), not a lookup per episode (issue 23: 100,000 children released in a year).
 */
export function caseManagerChangesForEpisodesSql(episodesSql: string): string {
  return `SELECT c.episode_id, (count(*) FILTER (WHERE c.before <> c.case_manager_id))::int AS case_manager_changes
            FROM (SELECT a.episode_id, a.case_manager_id,
                         lag(a.case_manager_id)
                           OVER (PARTITION BY a.episode_id ORDER BY a.assigned_from, a.created_at, a.id) AS before
                    FROM case_manager_assignment a
                    JOIN (${episodesSql}) until ON until.id = a.episode_id
                   WHERE ${londonDaySql('a.assigned_from')} <= until.until_day) c
           GROUP BY c.episode_id`;
}
