import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlanEventType } from '../planning-enums';

/** The plan's history: one row per change (who, what, when, before and after). Never updated or deleted. */
@ObjectType()
@Entity()
@Index('ix_plan_event_plan', ['planId', 'createdAt'])
export class PlanEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_event_plan' })
  private readonly planRelation?: unknown;

  @Field(() => PlanEventType)
  @Column({ type: 'enum', enum: PlanEventType, enumName: 'plan_event_type' })
  type: PlanEventType;

  @Field({ description: 'One plain-English line.' })
  @Column()
  summary: string;

  @Field(() => GraphQLJSONObject, { description: 'What changed: the record, and its values before and after.' })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
