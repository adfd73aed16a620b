import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, ConnectionShape, decodeCursor, encodeCursor, pageSize, toConnection } from '@resettle/common';
import { preparedQuery } from '@resettle/database';
import { AuditEvent, AuditOutcome } from './audit-event.model';
import { changedFields } from './changed-fields';

/** Who did it, as recorded: copied at the time, so later role changes do not rewrite the past. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  roles: readonly string[];
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  childId?: string | null;
  outcome: AuditOutcome;
  fieldsRead?: readonly string[] | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
  requestId?: string | null;
  clientIp?: string | null;
}

/** Who asked for a change, as the audit keeps it (access's `Caller` is one: the actor, the operation, the request). */
export interface AuditCaller {
  actor: AuditActor | null;
  /** The operation, in the schema's words (`recordSentence`). */
  operation: string;
  requestId: string | null;
  clientIp: string | null;
}

/**
 * A change to one record, for `recordChange`: the whole record before and after (only the fields that differ are kept).
 */
export interface AuditedChange {
  resourceType: string;
  resourceId: string;
  childId?: string | null;
  before: object | null;
  after: object | null;
  detail?: Record<string, unknown> | null;
}

const AUDIT_COLUMNS =
  'occurred_at, actor_user_id, actor_organisation_id, actor_roles, action, resource_type, resource_ids, child_ids, outcome, fields_read, before, after, detail, request_id, client_ip';
const INSERT_AUDIT_ROWS = `INSERT INTO "audit_record" (${AUDIT_COLUMNS})
  SELECT ${AUDIT_COLUMNS} FROM json_populate_recordset(NULL::audit_record, $1::json)`;
const SHARED_COLUMNS = AUDIT_COLUMNS.split(', ')
  .map((c) => (c === 'resource_ids' || c === 'child_ids' ? `r.${c}` : `c.${c}`))
  .join(', ');

/** An audit row as the service reads it for one child: the record it named beside that child. */
const ROW_FOR_CHILD = `r.id::text AS "id", r.occurred_at AS "occurredAt", r.actor_user_id AS "actorUserId",
  r.actor_organisation_id AS "actorOrganisationId", r.actor_roles AS "actorRoles", r.action, r.resource_type AS "resourceType",
  r.resource_ids[array_position(r.child_ids, $1::uuid)] AS "resourceId", $1::uuid::text AS "childId", r.outcome,
  r.fields_read AS "fieldsRead", r.before, r.after, r.detail, r.request_id AS "requestId", r.client_ip AS "clientIp"`;

/**
 * Writes audit rows. Pass the transaction's EntityManager for a change, so the row commits (or rolls back) with
 * it; reads and refusals are written on their own. Many rows (a page of a list) go in one INSERT.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(entries: AuditEntry | readonly AuditEntry[], em?: EntityManager): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
    if (list.length === 0) return;
    const occurredAt = this.clock.now();
    const rows = list.map((e) => this.row(e, occurredAt));
    // One statement and one parameter however many rows: TypeORM's insert builder spent more CPU on a list
    // page's 750 parameters than the read it audits.
    if (em) await em.query(INSERT_AUDIT_ROWS, [JSON.stringify(rows)]);
    else await preparedQuery(this.dataSource, INSERT_AUDIT_ROWS, [JSON.stringify(rows)]);
  }

  /**
   * The audit row of a change that succeeded, in the change's transaction: the caller's fields, and the fields of
   * the record that differ before and after (`changedFields`). The one way features audit their changes.
   */
  async recordChange(em: EntityManager, caller: AuditCaller, change: AuditedChange): Promise<void> {
    const diff = changedFields(change.before, change.after);
    await this.record(
      {
        // Copied field by field: the audit keeps who it was, never the rest of the session.
        actor: caller.actor
          ? { userId: caller.actor.userId, organisationId: caller.actor.organisationId, roles: caller.actor.roles }
          : null,
        action: caller.operation,
        resourceType: change.resourceType,
        resourceId: change.resourceId,
        childId: change.childId ?? null,
        outcome: AuditOutcome.SUCCEEDED,
        before: diff.before,
        after: diff.after,
        detail: change.detail ?? null,
        requestId: caller.requestId,
        clientIp: caller.clientIp,
      },
      em,
    );
  }

  /**
   * A page of a list: one row naming every record on it and its child, paired by position (not a row per child, which
   * made the audit grow 38 MB per 1,000 caseload pages). Written on its own (not inside a transaction), committed
   * before this returns.
   */
  async recordEach(
    shared: Omit<AuditEntry, 'resourceId' | 'childId'>,
    records: readonly { resourceId: string; childId: string }[],
  ): Promise<void> {
    if (records.length === 0) return;
    const row = {
      ...this.row(shared, this.clock.now()),
      resource_ids: records.map((r) => r.resourceId),
      child_ids: records.map((r) => r.childId),
    };
    await preparedQuery(this.dataSource, INSERT_AUDIT_ROWS, [JSON.stringify([row])]);
  }

  /**
   * The row of `recordEach`, written by the read's own statement: a SQL `INSERT` for a data-modifying CTE, naming
   * every row of `records` (a relation with `resource_id`, `child_id` and `n`, the order), with the shared part as one
   * parameter (`param` adds it to the statement's). Nothing is written for an empty page. The row commits with the
   * statement, so it is in PostgreSQL before the answer is, and a failed insert fails the read.
   */
  insertEachSql(
    shared: Omit<AuditEntry, 'resourceId' | 'childId'>,
    records: string,
    param: (value: unknown, type: string) => string,
  ): string {
    const { resource_ids: _r, child_ids: _c, ...common } = this.row(shared, this.clock.now());
    return `INSERT INTO "audit_record" (${AUDIT_COLUMNS})
      SELECT ${SHARED_COLUMNS} FROM json_populate_record(NULL::audit_record, ${param(JSON.stringify(common), 'json')}) c
       CROSS JOIN (SELECT array_agg(resource_id::text ORDER BY n) AS resource_ids, array_agg(child_id::uuid ORDER BY n) AS child_ids
                     FROM ${records} HAVING count(*) > 0) r`;
  }

  private row(e: AuditEntry, occurredAt: Date) {
    return {
      occurred_at: occurredAt,
      actor_user_id: e.actor?.userId ?? null,
      actor_organisation_id: e.actor?.organisationId ?? null,
      actor_roles: [...(e.actor?.roles ?? [])],
      action: e.action,
      resource_type: e.resourceType,
      resource_ids: e.resourceId ? [e.resourceId] : [],
      child_ids: e.childId ? [e.childId] : [],
      outcome: e.outcome,
      fields_read: e.fieldsRead ? [...e.fieldsRead] : null,
      before: e.before ?? null,
      after: e.after ?? null,
      detail: e.detail ?? null,
      request_id: e.requestId ?? null,
      client_ip: e.clientIp ?? null,
    };
  }

  /**
   * A child's trail, newest first, keyset-paginated on the row id: every row naming the child (the GIN index on
   * `child_ids`), each shown with the record it named beside the child.
   */
  async trailOf(childId: string, first?: number, after?: string): Promise<ConnectionShape<AuditEvent>> {
    const limit = pageSize(first);
    const afterId = after
      ? (decodeCursor(after, 1, ([i]) => typeof i === 'string' && /^[0-9]+$/.test(i)) as [string])[0]
      : null;
    const [{ total }]: { total: string }[] = await preparedQuery(
      this.dataSource,
      `SELECT count(*) AS total FROM audit_record WHERE child_ids @> ARRAY[$1::uuid]`,
      [childId],
    );
    const rows: AuditEvent[] = await preparedQuery(
      this.dataSource,
      `SELECT ${ROW_FOR_CHILD} FROM audit_record r
        WHERE r.child_ids @> ARRAY[$1::uuid] AND ($2::bigint IS NULL OR r.id < $2::bigint)
        ORDER BY r.id DESC LIMIT $3`,
      [childId, afterId, limit + 1],
    );
    return toConnection(rows, limit, Number(total), (row) => encodeCursor([row.id]));
  }

  /**
   * Everyone who has seen or changed the child's record (what a subject access request asks for): one row per
   * person and organisation, from the allowed reads and committed changes.
   */
  async accessReportOf(childId: string): Promise<AccessReportRow[]> {
    const rows: {
      user_id: string | null;
      organisation_id: string | null;
      first_at: Date;
      last_at: Date;
      times: string;
      actions: string[];
    }[] = await this.dataSource.query(
      `SELECT actor_user_id AS user_id, actor_organisation_id AS organisation_id, min(occurred_at) AS first_at,
                max(occurred_at) AS last_at, count(*) AS times, array_agg(DISTINCT action ORDER BY action) AS actions
           FROM audit_record
          WHERE child_ids @> ARRAY[$1::uuid] AND outcome = ANY($2::audit_outcome[])
          GROUP BY actor_user_id, actor_organisation_id
          ORDER BY max(occurred_at) DESC, actor_organisation_id, actor_user_id`,
      [childId, [AuditOutcome.ALLOWED, AuditOutcome.SUCCEEDED]],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      organisationId: r.organisation_id,
      firstAccessAt: r.first_at,
      lastAccessAt: r.last_at,
      times: Number(r.times),
      actions: r.actions,
    }));
  }
}

export interface AccessReportRow {
  userId: string | null;
  organisationId: string | null;
  firstAccessAt: Date;
  lastAccessAt: Date;
  times: number;
  actions: string[];
}
