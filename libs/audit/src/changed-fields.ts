/**
 * The fields that differ between two versions of a record, as the before and after an audit row keeps. Dates are
 * compared by value; bookkeeping columns (`updatedAt`, `version`, `createdAt`) are left out.
 */
export function changedFields(
  before: object | null,
  after: object | null,
  ignore: readonly string[] = ['updatedAt', 'createdAt', 'version'],
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !ignore.includes(k) && typeof (a[k] ?? b[k]) !== 'function',
  );
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of keys) {
    if (comparable(b[key]) !== comparable(a[key])) {
      changedBefore[key] = b[key] ?? null;
      changedAfter[key] = a[key] ?? null;
    }
  }
  return { before: before ? changedBefore : null, after: after ? changedAfter : null };
}

function comparable(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value ?? null);
}
