/**
 * Creates the plan (and its nine pathways) of every episode that has none, in two statements whatever the number.
 * For bulk loads that write episodes in SQL rather than through custody (the demo seed); the migration that
 * introduced plans does the same for episodes that existed before.
 */
export const INSERT_MISSING_PLANS_SQL = `
  WITH new_plan AS (
    INSERT INTO resettlement_plan (episode_id, child_id, version)
    SELECT e.id, e.child_id, 1 FROM custodial_episode e
     WHERE NOT EXISTS (SELECT 1 FROM resettlement_plan p WHERE p.episode_id = e.id)
    RETURNING id
  )
  INSERT INTO pathway (plan_id, type, version)
  SELECT n.id, t.type, 1 FROM new_plan n CROSS JOIN unnest(enum_range(NULL::pathway_type)) AS t(type)`;
