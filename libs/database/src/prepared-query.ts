import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** The part of a `pg` Pool this needs (TypeORM's PostgresDriver keeps its pool as `master`). */
interface PgPool {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: any[] }>;
}

/**
 * How many distinct statement texts one process prepares. Each is kept by PostgreSQL on every pooled connection
 * that ran it, for the connection's life, so the set must stay small: the hot reads' texts (a few per document
 * shape) fit easily; past the limit a text runs unnamed, as any other query does.
 */
const PREPARED_STATEMENTS_MAX = 64;

const names = new Map<string, string>();

/** The statement name for a text, or null once the process has prepared as many texts as it may. */
export function preparedStatementName(
  text: string,
  known: Map<string, string> = names,
  max = PREPARED_STATEMENTS_MAX,
): string | null {
  const name = known.get(text);
  if (name) return name;
  if (known.size >= max) return null;
  // Named by content: the same text always gets the same name, and two texts never share one.
  const fresh = `resettle_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  known.set(text, fresh);
  return fresh;
}

/**
 * Runs a read-mostly statement that every request of a hot read sends (a list page, the sign-in check) as a named
 * prepared statement: PostgreSQL parses it once per connection and, after a few runs, reuses its plan, where an
 * unnamed statement is parsed and planned on every request (1 to 2 ms of a caseload page's 6). Outside a
 * transaction only (it takes its own pooled connection); errors are PostgreSQL's own.
 */
export async function preparedQuery<T = any>(
  dataSource: DataSource,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  // Not a pg pool (another driver): the plain path.
  if (!pool?.query) return dataSource.query(text, values);
  const name = preparedStatementName(text);
  const { rows } = await pool.query(name ? { name, text, values } : { text, values });
  return rows as T[];
}
