import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { AccessContext, callerOf } from './access-context';
import { Capability } from './policy/capabilities';

export const ACCESS_RULE = 'resettle:access-rule';

export type AccessRule = { public: true } | { public: false; capability: Capability };

/** Anyone may call this operation, signed in or not (sign-in itself, the release date calculator). */
export const Public = () => SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

/**
 * Signed-in callers whose role holds `capability` may call this operation; record-level rules then decide which
 * records. Every query and mutation carries either this or `@Public()`: the guard refuses an operation with neither.
 */
export const Allow = (capability: Capability) =>
  SetMetadata(ACCESS_RULE, { public: false, capability } satisfies AccessRule);

const FIELD_ACCESS = 'resettle:field-access';

/**
 * A field resolver's access decision: its parent, which an operation's own `@Allow` or `@Public` let through. The
 * AccessGuard decides operations, not fields (a guard per field would cost every row of a page); the field's own
 * record rules decide the rest. Marked so that every resolver method states its decision (lint: access-decision).
 */
export const DecidedByParent = () => SetMetadata(FIELD_ACCESS, 'parent');

/** The signed-in caller, with the operation's name and the request's id and IP for the audit trail. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const gql = GqlExecutionContext.create(context);
  return callerOf(gql.getContext<AccessContext>(), gql.getInfo().fieldName);
});
