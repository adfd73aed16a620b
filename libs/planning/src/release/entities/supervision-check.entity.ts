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
import { SupervisionCompliance } from '../release-enums';

/** The child's compliance with supervision over a period after release (one record per period end). */
@ObjectType()
@Entity()
@Index('uq_supervision_check_plan_period', ['planId', 'periodEnding'], { unique: true })
export class SupervisionCheck {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_supervision_check' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_supervision_check_plan' })
  private readonly planRelation?: unknown;

  @Field({ description: 'YYYY-MM-DD: the last day of the period assessed.' })
  @Column({ type: 'date' })
  periodEnding: string;

  @Field(() => SupervisionCompliance)
  @Column({ type: 'enum', enum: SupervisionCompliance, enumName: 'supervision_compliance' })
  compliance: SupervisionCompliance;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

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
