import type { ChildRecord } from './child-records.registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Enough for any real input (the widest names a plan, a pathway and a few people); a flood of ids is not looked up. */
const MAX_NAMED_IDS = 20;

/**
 * Every id an operation's arguments carry (top level and inside inputs, lists included), in order, once each: the
 * records it names. Whatever the argument is called, so a new operation needs nothing added here.
 */
export function idsNamedIn(args: unknown, max = MAX_NAMED_IDS): string[] {
  const found: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (found.length >= max || depth > 4) return;
    if (typeof value === 'string') {
      if (UUID.test(value) && !found.includes(value.toLowerCase())) found.push(value.toLowerCase());
    } else if (Array.isArray(value)) {
      value.forEach((item) => visit(item, depth + 1));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach((item) => visit(item, depth + 1));
    }
  };
  visit(args, 0);
  return found;
}

export interface AuditTarget {
  type: string;
  id: string | null;
  childId: string | null;
}

/**
 * What the audit rows of a refused or failed operation name: one row per child whose records it names (the first
 * record of each), so each child's trail shows it; none of a child's, one row naming the operation.
 */
export function auditTargets(records: readonly ChildRecord[]): AuditTarget[] {
  const byChild = new Map<string, ChildRecord>();
  for (const record of records) if (!byChild.has(record.childId)) byChild.set(record.childId, record);
  if (byChild.size === 0) return [{ type: 'Operation', id: null, childId: null }];
  return [...byChild.values()].map((record) => ({ type: record.type, id: record.id, childId: record.childId }));
}
