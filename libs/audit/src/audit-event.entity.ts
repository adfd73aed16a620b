import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
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
 * The append-only audit log: who looked at or changed what, when, from where, and whether it was allowed. The
 * database refuses UPDATE, DELETE and TRUNCATE on this table (a trigger in the migrations), so not even the service
 * can rewrite history. The id is a sequence, which orders rows exactly even within one millisecond.
 */
@ObjectType()
@Entity()
@Index('ix_audit_event_child', ['childId', 'id'])
@Index('ix_audit_event_actor', ['actorUserId', 'id'])
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_audit_event',
  })
  id: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  actorOrganisationId: string | null;

  @Field(() => [String], { description: 'The roles the person held at the time.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  actorRoles: string[];

  @Field({ description: 'The operation (`child`, `recordSentence`) or event (`SIGN_IN`).' })
  @Column()
  action: string;

  @Field()
  @Column()
  resourceType: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  resourceId: string | null;

  /** The child the row concerns, when it concerns one: what `auditTrail` and `accessReport` select on. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  childId: string | null;

  @Field(() => AuditOutcome)
  @Column({ type: 'enum', enum: AuditOutcome, enumName: 'audit_outcome' })
  outcome: AuditOutcome;

  @Field(() => [String], { nullable: true, description: 'For reads: the fields asked for.' })
  @Column({ type: 'text', array: true, nullable: true })
  fieldsRead: string[] | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'For changes: the values before.' })
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'For changes: the values after.' })
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Why it was refused, the email tried at sign-in, and the like.',
  })
  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'inet', nullable: true })
  clientIp: string | null;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent') {}
