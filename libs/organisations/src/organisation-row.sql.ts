import type { DataSource } from 'typeorm';
import { jsonRowShape } from '@resettle/database';
import { Organisation } from './organisation.entity';

/**
 * For another feature's single statement (custody's caseload page): the organisation `idSql` (an SQL expression
 * naming its id) as one JSON row, or null, and `decode` to turn that row back into the entity the organisation
 * loader would give. With `fields`, only those columns and the id (see `JsonRowShape.select`). The table is named
 * here, in its own feature.
 */
export function organisationRowSql(dataSource: DataSource): {
  sql: (idSql: string, fields?: readonly string[] | null) => string;
  decode: (row: Record<string, unknown>) => Organisation;
} {
  const organisation = jsonRowShape<Organisation>(dataSource.getMetadata(Organisation));
  return {
    sql: (idSql, fields) =>
      `(SELECT ${organisation.select('o', fields, ['id'])} FROM organisation o WHERE o.id = ${idSql})`,
    decode: organisation.decode,
  };
}
