import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
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
import { MilestoneKey, MilestoneStatus } from '../milestone-enums';

/**
 * One deadline of one custodial episode: when it is due (recomputed whenever a date it hangs on changes), whether the
 * recorded fact has met it, and how far it has been escalated. PostgreSQL is the source of truth; the queue's
 * reminder, due and escalation jobs are derived from these rows and can be rebuilt from them at any time.
 */
@ObjectType()
@Entity()
@Index('uq_milestone_episode_key', ['episodeId', 'key'], { unique: true })
@Index('ix_milestone_open_due', ['dueDate'], { where: `status IN ('PENDING', 'MISSED')` })
export class Milestone {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'fk_milestone_episode' })
  private readonly episodeRelation?: unknown;

  @Field(() => ID)
  @Index('ix_milestone_child')
  @Column({ type: 'uuid' })
  childId: string;

  @Field(() => MilestoneKey)
  @Column({ type: 'enum', enum: MilestoneKey, enumName: 'milestone_key' })
  key: MilestoneKey;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD; null while the date it hangs on is unknown (remand: no release date).',
  })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => MilestoneStatus)
  @Column({ type: 'enum', enum: MilestoneStatus, enumName: 'milestone_status', default: MilestoneStatus.PENDING })
  status: MilestoneStatus;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  metAt: Date | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The recorded fact that met it, e.g. { type: "PlanningMeeting", id }.',
  })
  @Column({ type: 'jsonb', nullable: true })
  evidence: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  waivedReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  waivedById: string | null;

  @Field(() => Int, {
    description: '0 until escalated; then the highest level reached (1 owner, 2 their manager, 3 head of service).',
  })
  @Column({ type: 'int', default: 0 })
  escalationLevel: number;

  /**
   * Reminders already sent for `remindersSentFor` (the due date they were for): a reminder is a recorded fact like an
   * escalation, so the engine and its watchdog know from this row alone which one is still owed. A new due date starts
   * the count again.
   */
  @Column({ type: 'int', default: 0 })
  remindersSent: number;

  @Column({ type: 'date', nullable: true })
  remindersSentFor: string | null;

  @Field(() => Int)
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
