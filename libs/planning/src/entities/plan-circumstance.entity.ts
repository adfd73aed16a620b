import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { CircumstanceKind } from '../planning-enums';

/** A circumstance of the child's (looked after, a girl, a parent, …) and what the plan does about it. */
@ObjectType()
@Entity()
@Index('uq_plan_circumstance_kind', ['planId', 'kind'], { unique: true })
export class PlanCircumstance {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_circumstance_plan' })
  private readonly planRelation?: unknown;

  @Field(() => CircumstanceKind)
  @Column({ type: 'enum', enum: CircumstanceKind, enumName: 'circumstance_kind' })
  kind: CircumstanceKind;

  @Field(() => String, { nullable: true, description: 'What the circumstance is for this child.' })
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Field({ description: 'What is being done about it.' })
  @Column()
  response: string;

  @Field({ description: 'Send it back as expectedVersion to change or remove it.' })
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
