import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection } from '@resettle/common';

export enum AuditOutcome {
  /** A read the policy allowed. */
  ALLOWED = 'ALLOWED',
  /** A read or change the policy refused (the caller saw NOT_FOUND or FORBIDDEN). */
  DENIED = 'DENIED',
  /** A change that was committed, or a successful sign-in. */
  SUCCEEDED = 'SUCCEEDED',
  /** A change refused for its content (conflict, bad input), or a failed sign-in. */
  FAILED = 'FAILED',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

/**
 * An entry of the append-only audit log, as a child's trail shows it: who looked at or changed what, when, from where,
 * and whether it was allowed. Stored in `audit_record` (monthly partitions; a list page's read is one row naming every
 * child on it, shown here beside the child asked about). The database refuses UPDATE, DELETE and TRUNCATE on it (a
 * trigger in the migrations), so not even the service can rewrite history. The id is a sequence, which orders rows
 * exactly even within one millisecond.
 */
@ObjectType()
export class AuditEvent {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true })
  actorOrganisationId: string | null;

  @Field(() => [String], { description: 'The roles the person held at the time.' })
  actorRoles: string[];

  @Field({ description: 'The operation (`child`, `recordSentence`) or event (`SIGN_IN`).' })
  action: string;

  @Field()
  resourceType: string;

  @Field(() => String, { nullable: true })
  resourceId: string | null;

  /** The child the row concerns, when it concerns one: what `auditTrail` and `accessReport` select on. */
  @Field(() => String, { nullable: true })
  childId: string | null;

  @Field(() => AuditOutcome)
  outcome: AuditOutcome;

  @Field(() => [String], { nullable: true, description: 'For reads: the fields asked for.' })
  fieldsRead: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'For changes: the values before.' })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'For changes: the values after.' })
  after: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Why it was refused, the email tried at sign-in, and the like.',
  })
  detail: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => String, { nullable: true })
  clientIp: string | null;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent') {}
