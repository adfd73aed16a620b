import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isUuid } from '@resettle/common';

/** A record of a child's (an episode, a plan, a pathway, a referral, a milestone, a meeting...) and whose it is. */
export interface ChildRecord {
  /** The record's GraphQL type (`Referral`). */
  type: string;
  id: string;
  childId: string;
}

/**
 * Which child each record belongs to, whatever feature keeps it. Every audit row about a child's record must carry
 * the child's id (that is how `auditTrail` and `accessReport` find it), including the rows written where only an
 * id is known: a refusal at the door, a mutation that failed, a record hidden from the caller. Each feature
 * registers its records here, so access never names their tables and no list of argument names is needed: the ids
 * an operation was given are looked up, all kinds at once, in one statement.
 */
@Injectable()
export class ChildRecordsRegistry {
  private readonly kinds: { type: string; sql: (ids: string) => string }[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * `sql(ids)` selects `id` and `child_id` of this feature's `type` records whose ids are in the SQL expression
   * `ids` (a uuid[]), e.g. `SELECT r.id, r.child_id FROM referral r WHERE r.id = ANY(${ids})`.
   */
  register(type: string, sql: (ids: string) => string): void {
    if (!this.kinds.some((kind) => kind.type === type)) this.kinds.push({ type, sql });
  }

  /** The children's records among these ids (anything else, or no record at all, is left out), in the ids' order. */
  async find(ids: readonly string[]): Promise<ChildRecord[]> {
    const wanted = [...new Set(ids.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))];
    if (wanted.length === 0 || this.kinds.length === 0) return [];
    const union = this.kinds
      .map(
        (kind, i) =>
          `SELECT ${i} AS kind, r.id::text AS id, r.child_id::text AS child_id FROM (${kind.sql('$1::uuid[]')}) r`,
      )
      .join('\nUNION ALL\n');
    const rows: { kind: number; id: string; child_id: string | null }[] = await this.dataSource.query(union, [wanted]);
    return rows
      .filter((row) => row.child_id !== null)
      .map((row) => ({ type: this.kinds[row.kind].type, id: row.id, childId: row.child_id! }))
      .sort((a, b) => wanted.indexOf(a.id) - wanted.indexOf(b.id));
  }

  /** The child whose record this id is, or null. */
  async childOf(id: string): Promise<string | null> {
    return (await this.find([id]))[0]?.childId ?? null;
  }
}
