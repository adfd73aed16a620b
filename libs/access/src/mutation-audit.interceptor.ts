import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { DomainError } from '@resettle/common';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { ACCESS_RULE, AccessRule } from './decorators';
import { AccessContext, clientIpOf, requestIdOf } from './access-context';
import { auditActorOf, isAudited } from './access.service';

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
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo();
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, context.getHandler());
    // Public operations (sign-in) audit themselves.
    if (info.parentType.name !== 'Mutation' || rule?.public) return next.handle();
    const ctx = gql.getContext<AccessContext>();
    const target = targetOf(gql.getArgs<{ input?: Record<string, unknown> }>().input);
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (isAudited(error)) return throwError(() => error);
        // Input refused by the validation pipe arrives as an HttpException.
        const code = error instanceof DomainError ? error.code : error instanceof HttpException ? 'BAD_USER_INPUT' : 'INTERNAL';
        return from(
          this.audit.record({
            actor: auditActorOf(ctx.actor),
            action: info.fieldName,
            resourceType: target.type,
            resourceId: target.id,
            childId: target.childId,
            outcome: AuditOutcome.FAILED,
            detail: { code, message: error instanceof Error && code !== 'INTERNAL' ? error.message : 'internal error' },
            requestId: requestIdOf(ctx),
            clientIp: clientIpOf(ctx),
          }),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TARGET_KEYS: [key: string, type: string][] = [
  ['episodeId', 'CustodialEpisode'],
  ['actionId', 'PathwayAction'],
  ['pathwayId', 'Pathway'],
  ['meetingId', 'PlanningMeeting'],
  ['appointmentId', 'ReleaseAppointment'],
  ['barrierId', 'EngagementBarrier'],
  ['planId', 'ResettlementPlan'],
  ['childId', 'Child'],
  ['userId', 'User'],
  ['organisationId', 'Organisation'],
];

/** The record a failed mutation was aimed at, from its input's id fields, so the row can be found by it. */
function targetOf(input: Record<string, unknown> | undefined): { type: string; id: string | null; childId: string | null } {
  const childId = typeof input?.childId === 'string' && UUID.test(input.childId) ? input.childId : null;
  for (const [key, type] of TARGET_KEYS) {
    const value = input?.[key];
    if (typeof value === 'string') return { type, id: value.slice(0, 100), childId };
  }
  return { type: 'Operation', id: null, childId };
}
