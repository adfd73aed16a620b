import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError, StaleVersionError } from '@resettle/common';

/**
 * The first half of every versioned change: the row, locked for this transaction, at the version the caller read.
 * NOT_FOUND when it is missing (or `visible` says the caller may not know of it); CONFLICT with the current row at
 * any other version, so nothing is silently overwritten.
 */
export async function lockAtVersion<T extends ObjectLiteral & { id: string; version: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  label: string,
  visible: (row: T) => boolean = () => true,
): Promise<T> {
  const row = await em.findOne(entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } });
  if (!row || !visible(row)) throw new NotFoundError(label, id);
  if (row.version !== expectedVersion)
    throw new StaleVersionError(`The ${label.toLowerCase()}`, expectedVersion, row.version, row);
  return row;
}
