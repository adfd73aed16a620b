import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { DomainError } from '@resettle/common';
import { auditActorOf, isAudited } from './access.service';
import { AccessContext, clientIpOf, requestIdOf } from './access-context';
import { ChildRecordsRegistry } from './child-records.registry';
import { ACCESS_RULE, AccessRule } from './decorators';
import { auditTargets, idsNamedIn } from './named-records';

/**
 * A committed change is audited inside its own transaction; a refused one is audited by the policy. What is left
 * is a mutation that failed for its content (a stale version, a bad date, a missing organisation): its
 * transaction rolled back, so this writes the FAILED row, and every mutation attempt leaves a trace.
 */
@Injectable()
export class MutationAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
    private readonly records: ChildRecordsRegistry,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo();
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, context.getHandler());
    // Public operations (sign-in) audit themselves.
    if (info.parentType.name !== 'Mutation' || rule?.public) return next.handle();
    const ctx = gql.getContext<AccessContext>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (isAudited(error)) return throwError(() => error);
        // Input refused by the validation pipe arrives as an HttpException.
        const code =
          error instanceof DomainError ? error.code : error instanceof HttpException ? 'BAD_USER_INPUT' : 'INTERNAL';
        const detail = {
          code,
          message: error instanceof Error && code !== 'INTERNAL' ? error.message : 'internal error',
        };
        const write = async () => {
          // The records the input names, and whose they are, so the row is on the child's trail.
          const named = idsNamedIn(gql.getArgs());
          const targets = auditTargets(await this.records.find(named));
          await this.audit.record(
            targets.map((target) => ({
              actor: auditActorOf(ctx.actor),
              action: info.fieldName,
              resourceType: target.type,
              resourceId: target.id,
              childId: target.childId,
              outcome: AuditOutcome.FAILED,
              // Naming no child's record (a user, an organisation): the ids it named, to trace it by.
              detail: target.childId || named.length === 0 ? detail : { ...detail, ids: named },
              requestId: requestIdOf(ctx),
              clientIp: clientIpOf(ctx),
            })),
          );
        };
        return from(write()).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
