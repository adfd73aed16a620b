/**
 * DataLoader wants one result per key, in the keys' order. These turn the rows of one `WHERE x IN (...)` query into
 * that shape in a single pass.
 */

/** One row (or null) per id: for loading records by their own id. */
export function byIds<T>(ids: readonly string[], rows: readonly T[], idOf: (row: T) => string): (T | null)[] {
  const found = new Map(rows.map((row) => [idOf(row), row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Every row per id, keeping the rows' order: for loading a record's children (e.g. an episode's transfers). */
export function groupByIds<T>(ids: readonly string[], rows: readonly T[], ownerOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(ownerOf(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}
