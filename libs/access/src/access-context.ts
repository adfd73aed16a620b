import { isIP } from 'node:net';
import { GraphqlContext, UnauthenticatedError } from '@resettle/common';
import type { Actor, Caller } from './actor';

/** The GraphQL context once the access guard has run: the signed-in actor, authenticated once per request. */
export interface AccessContext extends GraphqlContext {
  /** Set by the access guard; a promise so several top-level fields in one request authenticate once. */
  authentication?: Promise<Actor | null>;
  /** The outcome of `authentication`, once the guard has awaited it. */
  actor?: Actor | null;
}

/**
 * The client's address, or null when it is not one (the audit column is `inet`, and an odd header must not break it).
 */
export function clientIpOf(ctx: GraphqlContext): string | null {
  const ip = ctx.req.ip;
  return ip && isIP(ip) ? ip : null;
}

export function requestIdOf(ctx: GraphqlContext): string | null {
  return ctx.req.id ?? null;
}

/** The caller of a guarded operation (the guard has already refused anyone not signed in). */
export function callerOf(ctx: AccessContext, operation: string): Caller {
  const actor = ctx.actor;
  if (!actor) throw new UnauthenticatedError();
  return { actor, operation, requestId: requestIdOf(ctx), clientIp: clientIpOf(ctx) };
}
