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
import { LOCAL_TIME } from './local-time.transformer';

/**
 * The day-of-release plan (one per resettlement plan): who meets the child at the gate (always an appropriate
 * adult), travel, where they go first, the first youth justice appointment, medication, ID, phone, money and
 * property, and who explained the supervision requirements. Confirmed explicitly (`confirmedAt`) once nothing is
 * missing; any later change withdraws the confirmation until it is confirmed again.
 */
@ObjectType({ description: 'The plan for the day of release. Times are clock times in England and Wales.' })
@Entity()
@Index('uq_release_day_plan_plan', ['planId'], { unique: true })
export class ReleaseDayPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_release_day_plan' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_release_day_plan_plan' })
  private readonly planRelation?: unknown;

  // ---- at the gate

  @Field(() => String, { nullable: true, description: 'Who meets the child at the gate.' })
  @Column({ type: 'text', nullable: true })
  metByName: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Their relationship to the child (mother, foster carer, youth justice worker…).',
  })
  @Column({ type: 'text', nullable: true })
  metByRelationship: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether they are an appropriate adult: the child must always be met by one.',
  })
  @Column({ type: 'boolean', nullable: true })
  appropriateAdult: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: the day of release (by default the episode’s expected release date).',
  })
  @Column({ type: 'date', nullable: true })
  meetingDate: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM: when the child is met.' })
  @Column({ type: 'time', nullable: true, transformer: LOCAL_TIME })
  meetingTime: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  travelArrangements: string | null;

  @Field(() => String, { nullable: true, description: 'Where the child goes first.' })
  @Column({ type: 'text', nullable: true })
  firstDestination: string | null;

  // ---- the first youth justice appointment

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: by default the day of release.' })
  @Column({ type: 'date', nullable: true })
  firstAppointmentDate: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM' })
  @Column({ type: 'time', nullable: true, transformer: LOCAL_TIME })
  firstAppointmentTime: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  firstAppointmentWith: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  firstAppointmentPlace: string | null;

  // ---- what the child leaves with

  @Field(() => String, { nullable: true, description: 'Medication and prescriptions to take out, or "None".' })
  @Column({ type: 'text', nullable: true })
  medication: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  idDocuments: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  moneyAndProperty: string | null;

  // ---- supervision (or licence) requirements explained

  @Field(() => String, {
    nullable: true,
    description: 'The user who explained the supervision requirements, when they are one.',
  })
  @Column({ type: 'uuid', nullable: true })
  supervisionExplainedById: string | null;

  @Field(() => String, { nullable: true, description: 'The person who explained them, by name.' })
  @Column({ type: 'text', nullable: true })
  supervisionExplainedByName: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  supervisionExplainedOn: string | null;

  // ---- confirmation

  @Field(() => Date, {
    nullable: true,
    description: 'When the plan was confirmed complete; null while it is not (or was changed since).',
  })
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  confirmedById: string | null;

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
