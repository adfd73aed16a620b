import { Injectable } from '@nestjs/common';
import { ChildRelations, noRelations } from './policy/child-access';

/**
 * A feature that knows something linking children to organisations (children: who recorded them and who looks
 * after them; custody: who supervises and holds them; later referrals and pathways) and tells the policy, in one
 * query for a whole batch of children. Features register themselves, so access never reads their tables.
 */
export interface ChildRelationsSource {
  /**
   * Adds this feature's facts to each entry. The source that owns children (`primary`) removes the entries of
   * children that do not exist; the others only add.
   */
  addRelations(relations: Map<string, ChildRelations>): Promise<void>;
}

@Injectable()
export class ChildRelationsRegistry {
  private primary: ChildRelationsSource | null = null;
  private readonly others: ChildRelationsSource[] = [];

  register(source: ChildRelationsSource, options: { primary?: boolean } = {}): void {
    if (options.primary) this.primary = source;
    else if (!this.others.includes(source)) this.others.push(source);
  }

  /** Each child's relations, or null for a child that does not exist. */
  async relationsOf(childIds: readonly string[]): Promise<(ChildRelations | null)[]> {
    if (!this.primary) throw new Error('No source of children is registered with access');
    const map = new Map(childIds.map((id) => [id, noRelations(id)]));
    await this.primary.addRelations(map);
    if (map.size > 0) await Promise.all(this.others.map((source) => source.addRelations(map)));
    return childIds.map((id) => map.get(id) ?? null);
  }
}
