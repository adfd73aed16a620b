import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { BarrierStatus } from '../release-enums';

/** Something that gets in the way of the child engaging with supervision, how it was assessed, and the plan for it. */
@ObjectType()
@Entity()
@Index('ix_engagement_barrier_plan', ['planId', 'createdAt'])
export class EngagementBarrier {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_engagement_barrier' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_engagement_barrier_plan' })
  private readonly planRelation?: unknown;

  @Field({ description: 'The barrier (two buses to the youth justice office, distrust of professionals, …).' })
  @Column({ type: 'text' })
  barrier: string;

  @Field({ description: 'How it was assessed, and what the child says about it.' })
  @Column({ type: 'text' })
  assessment: string;

  @Field({ description: 'What will be done about it.' })
  @Column({ type: 'text' })
  planToAddress: string;

  @Field(() => BarrierStatus)
  @Column({ type: 'enum', enum: BarrierStatus, enumName: 'barrier_status', default: BarrierStatus.OPEN })
  status: BarrierStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field({ description: 'Send this back with any change; a stale version is refused with CONFLICT.' })
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
