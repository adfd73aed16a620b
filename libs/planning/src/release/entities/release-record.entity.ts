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
import { FirstNightPlacementType } from '../release-enums';

/**
 * What happened on the day of release (one per resettlement plan): when the child left, who met them, where they
 * slept the first night, whether education or work started and the first appointments were kept as planned. The
 * episode's own release (custody's `recordRelease`) comes first; these are the outcomes every measure is judged by.
 */
@ObjectType({ description: 'What happened on the day of release, and the first night.' })
@Entity()
@Index('uq_release_record_plan', ['planId'], { unique: true })
export class ReleaseRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_release_record' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_release_record_plan' })
  private readonly planRelation?: unknown;

  @Field(() => Date, { description: 'When the child actually left (by default the release recorded on the episode).' })
  @Column({ type: 'timestamptz' })
  releasedAt: Date;

  @Field({ description: 'Whether anyone met the child at the gate.' })
  @Column()
  metAtGate: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  metByName: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  metByRelationship: string | null;

  @Field({ description: 'Where the child slept the first night.' })
  @Column({ type: 'text' })
  firstNightAddress: string;

  @Field(() => FirstNightPlacementType)
  @Column({ type: 'enum', enum: FirstNightPlacementType, enumName: 'first_night_placement_type' })
  firstNightPlacementType: FirstNightPlacementType;

  @Field({ description: 'Whether that was the accommodation planned.' })
  @Column()
  firstNightAsPlanned: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether education, training or work started as planned; null while not yet known.',
  })
  @Column({ type: 'boolean', nullable: true })
  eteStartedAsPlanned: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the first appointments were kept; null while not yet known.',
  })
  @Column({ type: 'boolean', nullable: true })
  firstAppointmentsKept: boolean | null;

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
