import { Injectable } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { NotFoundError, StaleVersionError } from '@resettle/common';
import { auditActorOf, Caller } from '@resettle/access';
import { AuditOutcome, AuditService, changedFields } from '@resettle/audit';
import { PlanEvent } from './entities/plan-event.entity';
import { PlanEventType } from './planning-enums';
import { PlanLifecycle } from './plan-lifecycle';

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
    const row = await em.findOne(entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundError(label, id);
    if (row.version !== expectedVersion) throw new StaleVersionError(`The ${label.toLowerCase()}`, expectedVersion, row.version, row);
    return row;
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
    await this.audit.record(
      {
        actor: auditActorOf(caller.actor),
        action: caller.operation,
        resourceType: change.record.type,
        resourceId: change.record.id,
        childId: change.childId,
        outcome: AuditOutcome.SUCCEEDED,
        before: diff.before,
        after: diff.after,
        detail: { event: change.type, summary: change.summary },
        requestId: caller.requestId,
        clientIp: caller.clientIp,
      },
      em,
    );
    await this.lifecycle.changed(em, change, caller);
  }
}
