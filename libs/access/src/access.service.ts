import { Injectable } from '@nestjs/common';
import { AuditActor, AuditOutcome, AuditService } from '@resettle/audit';
import { ForbiddenError, GraphqlContext, NotFoundError, RequestLoaders, thenMaybe } from '@resettle/common';
import { AccessContext } from './access-context';
import type { Actor, Caller } from './actor';
import { ChildRecordsRegistry } from './child-records.registry';
import { ChildRelationsRegistry, SqlParam } from './child-relations.registry';
import {
  ChildAction,
  ChildFieldGroup,
  ChildRelations,
  childScope,
  ChildView,
  childViews,
  EpisodeFacts,
  episodeVisible,
  mayActOnChild,
  pathwayVisibleWithViews,
  planVisible,
  visibleChildFieldGroups,
} from './policy/child-access';

/** The record a decision is about, named as the caller named it (so NOT_FOUND repeats their words). */
export interface ResourceRef {
  type: string;
  id: string;
}

const AUDITED = Symbol('resettle:audited');

/** The request loader of each child's relations, by child id. */
const CHILD_RELATIONS_LOADER = 'access:childRelations';

/** Marks an error whose refusal is already in the audit log, so the mutation interceptor does not log it twice. */
function audited<E extends Error>(error: E): E {
  (error as unknown as Record<symbol, boolean>)[AUDITED] = true;
  return error;
}

export function isAudited(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, boolean>)[AUDITED] === true;
}

/** The read audit of a list page, as SQL for the page's own statement (see `AccessService.listReadAudit`). */
export interface ListReadAudit {
  /** An INSERT writing one audit row per row of `records` (`resource_id` text, `child_id` uuid, `n` the order). */
  sql(records: string, param: (value: unknown, type: string) => string): string;
}

export function auditActorOf(actor: Actor | null | undefined): AuditActor | null {
  return actor ? { userId: actor.userId, organisationId: actor.organisationId, roles: actor.roles } : null;
}

/**
 * The one place resolvers ask "may this caller see or do this to this child?". It gathers the facts once per
 * request (batched across a page), asks the pure policy, writes the audit row for every read and every refusal,
 * and turns a refusal into the same NOT_FOUND a missing record gives.
 */
@Injectable()
export class AccessService {
  private readonly views = new WeakMap<ChildRelations, { actor: Actor; views: readonly ChildView[] }>();

  constructor(
    private readonly registry: ChildRelationsRegistry,
    private readonly audit: AuditService,
    private readonly records: ChildRecordsRegistry,
  ) {}

  /** The child's relations, batched per request; null when there is no such child. */
  async relationsOf(ctx: GraphqlContext, childId: string): Promise<ChildRelations | null> {
    return this.relationsNowOrLater(ctx, childId);
  }

  /** The child's relations, at once when a list page primed them (`RequestLoaders.load`), else through the loader. */
  private relationsNowOrLater(
    ctx: GraphqlContext,
    childId: string,
  ): ChildRelations | null | Promise<ChildRelations | null> {
    return ctx.loaders.load<string, ChildRelations | null>(
      CHILD_RELATIONS_LOADER,
      (ids) => this.registry.relationsOf(ids),
      childId,
    );
  }

  /**
   * The SQL expression and decoder for a child's relations, for a list page that reads them in its own statement
   * (`primeRelations` then hands them to this request's checks). The decisions stay here, in the policy.
   */
  relationsSql(childIdSql: string): string {
    return this.registry.relationsSql(childIdSql);
  }

  primeRelations(loaders: RequestLoaders, childId: string, facts: unknown): void {
    loaders.prime(CHILD_RELATIONS_LOADER, childId, this.registry.fromJson(childId, facts));
  }

  /**
   * Whether the signed-in actor may do `action` to the child now (`mayActOnChild`, as `authorizeChange` asks it), for
   * a page to offer only what the policy allows. Nothing is audited: nothing is read or changed.
   */
  async mayAct(
    ctx: AccessContext,
    childId: string,
    action: ChildAction,
    episodeId: string,
    options: { pathwayOrganisationId?: string | null } = {},
  ): Promise<boolean> {
    const actor = ctx.actor;
    if (!actor) return false;
    const relations = await this.relationsOf(ctx, childId);
    const target = relations?.episodes.find((e) => e.episodeId === episodeId);
    return (
      !!relations &&
      !!target &&
      this.viewsOf(actor, relations).length > 0 &&
      mayActOnChild(actor, relations, action, target, options.pathwayOrganisationId)
    );
  }

  /**
   * A read of one child's record (or of a record of theirs, such as an episode). Audited either way; refused as
   * NOT_FOUND. For an episode, pass its id as `episodeId` so the establishment rule (only its own episodes) applies.
   */
  async authorizeRead(
    ctx: GraphqlContext,
    caller: Caller,
    childId: string,
    resource: ResourceRef,
    options: { episodeId?: string; fieldsRead?: string[]; planOfEpisode?: string } = {},
  ): Promise<ChildRelations> {
    const relations = await this.relationsOf(ctx, childId);
    let allowed = !!relations && childViews(caller.actor, relations).length > 0;
    if (allowed && options.episodeId) {
      const episode = relations!.episodes.find((e) => e.episodeId === options.episodeId);
      allowed = !!episode && episodeVisible(caller.actor, relations!, episode);
    }
    if (allowed && options.planOfEpisode) {
      const episode = relations!.episodes.find((e) => e.episodeId === options.planOfEpisode);
      allowed = !!episode && planVisible(caller.actor, relations!, episode);
    }
    await this.audit.record({
      ...this.auditBase(caller, resource, childId),
      outcome: allowed ? AuditOutcome.ALLOWED : AuditOutcome.DENIED,
      fieldsRead: options.fieldsRead ?? null,
    });
    if (!allowed) throw audited(new NotFoundError(resource.type, resource.id));
    return relations!;
  }

  /**
   * A change to a child's record, or another guarded act on it (reading its audit trail). Only a refusal is
   * audited here, unless `auditAllowed`: a change is audited by its feature, inside its transaction, with before
   * and after. `episode` is the id of the episode acted on, or the facts of one about to be created.
   */
  async authorizeChange(
    ctx: GraphqlContext,
    caller: Caller,
    childId: string,
    action: ChildAction,
    resource: ResourceRef,
    episode?: string | EpisodeFacts,
    options: { auditAllowed?: boolean; pathwayOrganisationId?: string | null } = {},
  ): Promise<ChildRelations> {
    const relations = await this.relationsOf(ctx, childId);
    const target = typeof episode === 'string' ? relations?.episodes.find((e) => e.episodeId === episode) : episode;
    // The caller must be able to see the child at all, then be allowed this particular act.
    const allowed =
      !!relations &&
      (typeof episode !== 'string' || !!target) &&
      childViews(caller.actor, relations).length > 0 &&
      mayActOnChild(caller.actor, relations, action, target, options.pathwayOrganisationId);
    if (!allowed || options.auditAllowed) {
      await this.audit.record({
        ...this.auditBase(caller, resource, childId),
        outcome: allowed ? AuditOutcome.ALLOWED : AuditOutcome.DENIED,
        detail: { action },
      });
    }
    if (!allowed) throw audited(new NotFoundError(resource.type, resource.id));
    return relations!;
  }

  /**
   * A record that does not exist, or that the caller may not know of: audited as a refusal like any other (a probe
   * looks the same in the trail) and answered with the same NOT_FOUND.
   */
  async refuseMissing(caller: Caller, resource: ResourceRef): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: resource.type,
      resourceId: resource.id,
      // A record hidden from the caller exists, and is a child's: the refusal goes on that child's trail.
      childId: await this.records.childOf(resource.id),
      outcome: AuditOutcome.DENIED,
      detail: { reason: 'not found' },
      requestId: caller.requestId,
      clientIp: caller.clientIp,
    });
    throw audited(new NotFoundError(resource.type, resource.id));
  }

  /**
   * A refusal the policy makes outside the record rules (e.g. "a manager of that service only"): audited as DENIED
   * once, then FORBIDDEN to the caller. Use it rather than throwing, so the mutation interceptor does not log it again.
   */
  async refuse(caller: Caller, resource: ResourceRef, reason: string, message: string): Promise<never> {
    await this.audit.record({
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: resource.type,
      resourceId: resource.id,
      childId: await this.records.childOf(resource.id),
      outcome: AuditOutcome.DENIED,
      detail: { reason },
      requestId: caller.requestId,
      clientIp: caller.clientIp,
    });
    throw audited(new ForbiddenError(message));
  }

  /** A page of a list: one audit row per child on it, in one INSERT. */
  async recordListRead(
    caller: Caller,
    rows: { childId: string; resource: ResourceRef }[],
    fieldsRead: string[],
  ): Promise<void> {
    const [first] = rows;
    if (!first) return;
    if (rows.some((row) => row.resource.type !== first.resource.type)) {
      await this.audit.record(
        rows.map((row) => ({
          ...this.auditBase(caller, row.resource, row.childId),
          outcome: AuditOutcome.ALLOWED,
          fieldsRead,
        })),
      );
      return;
    }
    const { resourceId: _id, childId: _child, ...shared } = this.auditBase(caller, first.resource, first.childId);
    await this.audit.recordEach(
      { ...shared, outcome: AuditOutcome.ALLOWED, fieldsRead },
      rows.map((row) => ({ resourceId: row.resource.id, childId: row.childId })),
    );
  }

  /**
   * `recordListRead` for a list page read in one statement: the audit rows are written by that statement (a
   * data-modifying CTE, see `AuditService.insertEachSql`), one per record of the page, as `recordListRead` writes them.
   */
  listReadAudit(caller: Caller, resourceType: string, fieldsRead: string[]): ListReadAudit {
    const { resourceId: _id, childId: _child, ...shared } = this.auditBase(caller, { type: resourceType, id: '' }, '');
    return {
      sql: (records, param) =>
        this.audit.insertEachSql({ ...shared, outcome: AuditOutcome.ALLOWED, fieldsRead }, records, param),
    };
  }

  /**
   * For a list of children filtered in SQL (a search): a SQL condition that the child whose id is `childIdSql` is one
   * the actor may see at all (as `authorizeRead` decides), from the policy's `childScope` and each feature's relations.
   */
  childScopeSql(actor: Actor, childIdSql: string, param: SqlParam): string {
    return this.registry.scopeSql(childIdSql, childScope(actor), param);
  }

  /** Which of the child's field groups the signed-in actor may see (none when not signed in or no relation). */
  async visibleFieldGroups(ctx: AccessContext, childId: string): Promise<Set<ChildFieldGroup>> {
    const relations = ctx.actor ? await this.relationsOf(ctx, childId) : null;
    return relations && ctx.actor ? visibleChildFieldGroups(this.viewsOf(ctx.actor, relations)) : new Set();
  }

  /** The pathways of one child's plan the signed-in actor may see (`pathwayVisible` for each, the facts read once). */
  visiblePathways<P extends { responsibleOrganisationId: string | null }>(
    ctx: AccessContext,
    childId: string,
    pathways: P[],
  ): P[] | Promise<P[]> {
    const actor = ctx.actor;
    if (!actor) return [];
    return thenMaybe(this.relationsNowOrLater(ctx, childId), (found) => {
      if (!found) return [];
      const views = this.viewsOf(actor, found);
      return pathways.filter((p) => pathwayVisibleWithViews(actor, views, p.responsibleOrganisationId));
    });
  }

  /**
   * The policy's `childViews`, once per child and request: a caseload page asks it for every pathway of every plan
   * (450 times). Relations are per request (the request's loader), so the cache goes with them.
   */
  private viewsOf(actor: Actor, relations: ChildRelations): readonly ChildView[] {
    const known = this.views.get(relations);
    if (known && known.actor === actor) return known.views;
    const views = childViews(actor, relations);
    this.views.set(relations, { actor, views });
    return views;
  }

  /** Keeps the episodes the signed-in actor may see (an establishment sees only those in which it held the child). */
  async filterVisibleEpisodes<E extends { id: string; childId: string }>(
    ctx: AccessContext,
    episodes: E[],
  ): Promise<E[]> {
    const actor = ctx.actor;
    if (!actor) return [];
    const visible = await Promise.all(
      episodes.map(async (episode) => {
        const relations = await this.relationsOf(ctx, episode.childId);
        const facts = relations?.episodes.find((e) => e.episodeId === episode.id);
        return !!relations && !!facts && episodeVisible(actor, relations, facts);
      }),
    );
    return episodes.filter((_, i) => visible[i]);
  }

  private auditBase(caller: Caller, resource: ResourceRef, childId: string) {
    return {
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: resource.type,
      resourceId: resource.id,
      childId,
      requestId: caller.requestId,
      clientIp: caller.clientIp,
    };
  }
}
