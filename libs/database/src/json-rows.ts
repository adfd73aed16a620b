import type { DataSource, EntityMetadata, EntityTarget } from 'typeorm';
import { preparedQuery } from './prepared-query';

/**
 * Whole entity rows built as JSON inside PostgreSQL, for hot list reads: the driver then does one JSON.parse per
 * row set instead of TypeORM's per-column hydration (query building, `transformColumns`, date and array parsing),
 * which a profile of a caseload page showed to cost more CPU than everything else in the api. The row has every
 * column of the entity under its property name, so any field resolver can use it as it would the entity.
 */
export interface JsonRowShape<T> {
  /**
   * A SQL expression giving the row of `alias` as one JSON object (e.g. in `json_agg(...)`). With `fields` (the
   * GraphQL fields asked for, when the caller knows nothing else will read the row): only those columns and
   * `keep`, the ones the caller itself reads (a loader's key, what an access check or the page's cursor needs);
   * without `keep`, the row's ids and references (every uuid column). Without `fields`, every column.
   */
  select(alias: string, fields?: readonly string[] | null, keep?: readonly string[]): string;
  /**
   * The parsed JSON object back as the entity would be: timestamps as Date (dates stay `YYYY-MM-DD`, as TypeORM gives
   * them), and each column's transformer applied.
   */
  decode(row: Record<string, unknown>): T;
}

const cache = new WeakMap<EntityMetadata, JsonRowShape<unknown>>();

export function jsonRowShape<T>(metadata: EntityMetadata): JsonRowShape<T> {
  const known = cache.get(metadata);
  if (known) return known as JsonRowShape<T>;
  const columns = metadata.columns.filter((c) => !c.isVirtual);
  // json_build_object takes at most 100 arguments; a row subquery has no such limit.
  const list = (alias: string) => columns.map((c) => `${alias}."${c.databaseName}" AS "${c.propertyName}"`).join(', ');
  const timestamps = columns
    .filter(
      (c) =>
        ['timestamptz', 'timestamp', 'timestamp with time zone', 'timestamp without time zone'].includes(
          String(c.type),
        ) ||
        c.isCreateDate ||
        c.isUpdateDate,
    )
    .map((c) => c.propertyName);
  const byProperty = new Map(columns.map((c) => [c.propertyName, c]));
  // A column's transformer (a `time` shown as 'HH:MM') gives the value the entity would have, as TypeORM applies it.
  const transformed = columns
    .filter((c) => c.transformer)
    .map((c) => ({
      property: c.propertyName,
      from: (value: unknown) =>
        [c.transformer!].flat().reduceRight((v: unknown, t: { from(value: unknown): unknown }) => t.from(v), value),
    }));
  const some = (alias: string, fields: readonly string[], keep?: readonly string[]) =>
    columns
      .filter(
        (c) =>
          fields.includes(c.propertyName) || (keep ? keep.includes(c.propertyName) : c.type === 'uuid' || c.isPrimary),
      )
      .map((c) => `${alias}."${c.databaseName}" AS "${c.propertyName}"`)
      .join(', ');
  const shape: JsonRowShape<T> = {
    select: (alias, fields, keep) => {
      const unknown = keep?.find((f) => !byProperty.has(f));
      if (unknown) throw new Error(`${metadata.name} has no column ${unknown}`);
      // A field that is not a column (a resolver's) may read any column: then the whole row.
      return `(SELECT row_to_json(r) FROM (SELECT ${fields && fields.every((f) => byProperty.has(f)) ? some(alias, fields, keep) : list(alias)}) r)`;
    },
    decode: (row) => {
      for (const key of timestamps) {
        const value = row[key];
        if (typeof value === 'string') row[key] = new Date(value);
      }
      for (const { property, from } of transformed) if (property in row) row[property] = from(row[property]);
      return row as T;
    },
  };
  cache.set(metadata, shape as JsonRowShape<unknown>);
  return shape;
}

/**
 * The rows of an entity's table matching `where` (SQL over the alias `t`, with `params`), whole, in `orderBy`
 * order: for DataLoader batches read on every request, without TypeORM's query building and hydration.
 */
export async function selectJsonRows<T>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  where: string,
  params: unknown[],
  orderBy?: string,
): Promise<T[]> {
  const metadata = dataSource.getMetadata(entity);
  const shape = jsonRowShape<T>(metadata);
  const rows: { row: Record<string, unknown> }[] = await preparedQuery(
    dataSource,
    `SELECT ${shape.select('t')} AS row FROM "${metadata.tableName}" t WHERE ${where}${orderBy ? ` ORDER BY ${orderBy}` : ''}`,
    params,
  );
  return rows.map((r) => shape.decode(r.row));
}
