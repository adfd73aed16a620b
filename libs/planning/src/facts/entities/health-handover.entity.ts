import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { HealthHandoverPathway } from '../facts-enums';

/** A health pathway handed over for after release: the receiving provider and the first appointment. */
@ObjectType()
@Entity()
@Index('ix_health_handover_plan', ['planId'])
export class HealthHandover {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_health_handover' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_health_handover_plan' })
  private readonly planRelation?: unknown;

  @Field(() => HealthHandoverPathway)
  @Column({ type: 'enum', enum: HealthHandoverPathway, enumName: 'health_handover_pathway' })
  pathwayType: HealthHandoverPathway;

  @Field({ description: 'The GP practice, CAMHS team or substance misuse service taking the child on.' })
  @Column({ type: 'text' })
  receivingProvider: string;

  @Field({ description: 'YYYY-MM-DD: the first appointment with them.' })
  @Column({ type: 'date' })
  firstAppointmentOn: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
