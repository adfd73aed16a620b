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
import { AppointmentKind, AppointmentOutcome } from '../release-enums';

/** An appointment after release (youth justice, health, education, accommodation…): planned, then kept or missed. */
@ObjectType()
@Entity()
@Index('ix_release_appointment_plan', ['planId', 'at'])
export class ReleaseAppointment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_release_appointment' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_release_appointment_plan' })
  private readonly planRelation?: unknown;

  @Field(() => AppointmentKind)
  @Column({ type: 'enum', enum: AppointmentKind, enumName: 'appointment_kind' })
  kind: AppointmentKind;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  at: Date;

  @Field({ description: 'With whom (a person, a service).' })
  @Column({ type: 'text' })
  withWhom: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  place: string | null;

  @Field(() => AppointmentOutcome)
  @Column({
    type: 'enum',
    enum: AppointmentOutcome,
    enumName: 'appointment_outcome',
    default: AppointmentOutcome.PLANNED,
  })
  outcome: AppointmentOutcome;

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
