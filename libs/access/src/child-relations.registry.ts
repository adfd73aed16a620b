import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '@resettle/database';
import { ChildRelations, ChildScope, noRelations } from './policy/child-access';

/** Adds a value to a statement's parameters and gives its placeholder, cast to `type` (`$3::uuid[]`). */
export type SqlParam = (value: unknown, type: string) => string;

/**
 * A feature that knows something linking children to organisations (children: who recorded them and who looks
 * after them; custody: who supervises and holds them; later referrals and pathways) and tells the policy. Features
 * register themselves, so access never reads their tables: each gives a SQL expression for its facts about one
 * child, and the registry asks them all in one statement for a whole batch of children (or inside a list page's
 * own statement, see `relationsSql`).
 */
export interface ChildRelationsSource {
  /**
   * A SQL expression giving this feature's facts about the child whose id is the SQL expression `childId`, as
   * one JSON value. The source that owns children (`primary`) gives null for a child that does not exist.
   */
  relationsSql(childId: string): string;
  /** The entry with this feature's facts (the parsed JSON value) added. */
  withRelations(entry: ChildRelations, facts: any): ChildRelations;
  /**
   * SQL conditions that the child whose id is the SQL expression `childId` is in `scope` through this feature's
   * relations (one per relation the scope names; none when it names none of this feature's), for a list filtered
   * in SQL (`ChildRelationsRegistry.scopeSql`).
   */
  childScopeSql(childId: string, scope: ChildScope, param: SqlParam): string[];
}

@Injectable()
export class ChildRelationsRegistry {
  private primary: ChildRelationsSource | null = null;
  private readonly others: ChildRelationsSource[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  register(source: ChildRelationsSource, options: { primary?: boolean } = {}): void {
    if (options.primary) this.primary = source;
    else if (!this.others.includes(source)) this.others.push(source);
  }

  /** Each child's relations, or null for a child that does not exist: one statement for the batch. */
  async relationsOf(childIds: readonly string[]): Promise<(ChildRelations | null)[]> {
    const rows: { id: string; facts: unknown }[] = await preparedQuery(
      this.dataSource,
      `SELECT ids.id, ${this.relationsSql('ids.id')} AS facts FROM unnest($1::uuid[]) AS ids(id)`,
      [[...childIds]],
    );
    const found = new Map(rows.map((row) => [row.id, this.fromJson(row.id, row.facts)]));
    return childIds.map((id) => found.get(id) ?? null);
  }

  /**
   * A SQL expression giving every source's facts about the child whose id is the SQL expression `childId`.
   * The sources are handed the id under an alias of the registry's own (`relations_child.id`), never the caller's
   * expression: a list page's alias (`p.child_id`) would otherwise be shadowed by a source's own table alias
   * (`FROM resettlement_plan p`), and the source would silently read every child's facts instead of this one's.
   */
  relationsSql(childId: string): string {
    if (!this.primary) throw new Error('No source of children is registered with access');
    const parts = [this.primary, ...this.others].map(
      (source, i) => `'s${i}', ${source.relationsSql('relations_child.id')}`,
    );
    return `(SELECT json_build_object(${parts.join(', ')}) FROM (SELECT (${childId})::uuid AS id) AS relations_child)`;
  }

  /**
   * A SQL condition that the child whose id is the SQL expression `childId` is one the access policy lets the
   * holder of `scope` see (`childScope`): every source's conditions ORed, `false` when none applies. As for
   * `relationsSql`, the sources are handed the id under the registry's own alias (`scope_child.id`).
   */
  scopeSql(childId: string, scope: ChildScope, param: SqlParam): string {
    if (!this.primary) throw new Error('No source of children is registered with access');
    const conditions = [this.primary, ...this.others].flatMap((source) =>
      source.childScopeSql('scope_child.id', scope, param),
    );
    if (!conditions.length) return 'false';
    return `EXISTS (SELECT 1 FROM (SELECT (${childId})::uuid AS id) AS scope_child WHERE ${conditions.join(' OR ')})`;
  }

  /** The relations from the parsed value of `relationsSql`, or null for a child that does not exist. */
  fromJson(childId: string, facts: unknown): ChildRelations | null {
    const all = facts as Record<string, unknown>;
    if (!this.primary || all?.s0 === null || all?.s0 === undefined) return null;
    let entry = this.primary.withRelations(noRelations(childId), all.s0);
    this.others.forEach((source, i) => (entry = source.withRelations(entry, all[`s${i + 1}`])));
    return entry;
  }
}
