import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Caller } from '@resettle/access';
import { AuditService, changedFields } from '@resettle/audit';
import { lockAtVersion } from '@resettle/database';
import { PlanEvent } from './entities/plan-event.entity';
import { PlanLifecycle } from './plan-lifecycle';
import { PlanEventType } from './planning-enums';

export interface PlanChange {
  planId: string;
  childId: string;
  type: PlanEventType;
  summary: string;
  /** The record changed, e.g. `{ type: 'Pathway', id }`. */
  record: { type: string; id: string };
  before: object | null;
  after: object | null;
}

/**
 * The two halves of every plan change, shared by the plan, its pathways, meetings and release day: lock the row and
 * refuse a stale version (with the current state, so nothing is silently overwritten), then append the plan's
 * history event and the audit row in the same transaction.
 */
@Injectable()
export class PlanHistory {
  constructor(
    private readonly audit: AuditService,
    private readonly lifecycle: PlanLifecycle,
  ) {}

  /** The row, locked for this transaction, at the version the caller read; CONFLICT with the current row if not. */
  async lockAtVersion<T extends ObjectLiteral & { version: number }>(
    em: EntityManager,
    entity: EntityTarget<T>,
    id: string,
    expectedVersion: number,
    label: string,
  ): Promise<T> {
    return lockAtVersion(em, entity as EntityTarget<T & { id: string }>, id, expectedVersion, label);
  }

  async record(em: EntityManager, change: PlanChange, caller: Caller): Promise<void> {
    const diff = changedFields(change.before, change.after);
    await em.insert(PlanEvent, {
      planId: change.planId,
      type: change.type,
      summary: change.summary,
      details: { record: change.record, before: diff.before, after: diff.after } as Record<string, unknown> as never,
      recordedById: caller.actor.userId,
    });
    await this.audit.recordChange(em, caller, {
      resourceType: change.record.type,
      resourceId: change.record.id,
      childId: change.childId,
      before: change.before,
      after: change.after,
      detail: { event: change.type, summary: change.summary },
    });
    await this.lifecycle.changed(em, change, caller);
  }
}
