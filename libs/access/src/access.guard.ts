import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { ForbiddenError, UnauthenticatedError } from '@resettle/common';
import { AccessContext, clientIpOf, requestIdOf } from './access-context';
import { Authenticator } from './authenticator';
import { ChildRecordsRegistry } from './child-records.registry';
import { ACCESS_RULE, AccessRule } from './decorators';
import { auditTargets, idsNamedIn } from './named-records';
import { mayPerform } from './policy/capabilities';

/**
 * The first gate of every GraphQL operation: signs the caller in from their bearer token (once per request), then
 * asks the policy whether their role may attempt the operation at all. An operation with no `@Public()` or
 * `@Allow()` is refused, so forgetting the rule closes the door instead of opening it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly log = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly audit: AuditService,
    private readonly records: ChildRecordsRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true; // health probes and other plain routes
    const gql = GqlExecutionContext.create(context);
    const ctx = gql.getContext<AccessContext>();
    const operation = gql.getInfo().fieldName as string;
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, context.getHandler());

    if (rule?.public) return true;

    ctx.authentication ??= this.authenticator.authenticate(headerOf(ctx));
    const actor = await ctx.authentication;
    ctx.actor = actor;
    if (!actor) throw new UnauthenticatedError();

    if (!rule) this.log.error(`Operation ${operation} has no access rule; refusing it`);
    if (!rule || !mayPerform(actor, rule.capability)) {
      // Refused at the door, but an attempt on a child's record all the same: it goes on that child's trail.
      const targets = auditTargets(await this.records.find(idsNamedIn(gql.getArgs())));
      await this.audit.record(
        targets.map((target) => ({
          actor: { userId: actor.userId, organisationId: actor.organisationId, roles: actor.roles },
          action: operation,
          resourceType: target.type,
          resourceId: target.id,
          childId: target.childId,
          outcome: AuditOutcome.DENIED,
          detail: { reason: rule ? `role lacks ${rule.capability}` : 'no access rule' },
          requestId: requestIdOf(ctx),
          clientIp: clientIpOf(ctx),
        })),
      );
      throw new ForbiddenError(`Your role does not allow ${operation}`);
    }
    return true;
  }
}

function headerOf(ctx: AccessContext): string | undefined {
  const value = ctx.req.headers.authorization;
  return Array.isArray(value) ? value[0] : value;
}
