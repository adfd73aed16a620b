import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { MeetingParticipation, MeetingStatus, MeetingType } from '../meeting-enums';

/**
 * A resettlement planning meeting of one plan: when and where, who is invited, how the child and their parent/carer
 * take part; then, once held, attendance, participation as it happened, decisions and the actions it put on the
 * plan's pathways (`PathwayAction.sourceMeetingId`). Scheduled by the supervising youth justice service. Never
 * deleted: a cancelled meeting keeps its reason.
 *
 * Fields that would tell someone outside the plan more than the meeting's logistics (notes, the cancellation reason,
 * the outcome) are resolved in `meetings.resolver.ts`, for those who may see the whole plan only.
 */
@ObjectType({ description: 'A resettlement planning meeting.' })
@Entity()
@Index('ix_planning_meeting_plan', ['planId', 'startsAt'])
@Index('ix_planning_meeting_scheduled_by', ['scheduledById', 'startsAt'])
@Index('ix_planning_meeting_starts_at', ['startsAt'])
// One initial meeting per plan unless it was cancelled (the service says so first; this holds under races).
@Index('uq_planning_meeting_initial', ['planId'], {
  unique: true,
  where: `"type" = 'INITIAL' AND "status" <> 'CANCELLED'`,
})
export class PlanningMeeting {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_planning_meeting' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_planning_meeting_plan' })
  private readonly planRelation?: unknown;

  /** The plan's child, copied from the plan (which never changes child): what access and audit need per meeting. */
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne('Child', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_planning_meeting_child' })
  private readonly childRelation?: unknown;

  @Field(() => MeetingType)
  @Column({ type: 'enum', enum: MeetingType, enumName: 'meeting_type' })
  type: MeetingType;

  @Field(() => MeetingStatus)
  @Column({ type: 'enum', enum: MeetingStatus, enumName: 'meeting_status', default: MeetingStatus.SCHEDULED })
  status: MeetingStatus;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'Where it is held (room, establishment, office).' })
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true, description: 'The video call link (https), for those joining remotely.' })
  @Column({ type: 'text', nullable: true })
  callLink: string | null;

  // ---- the child's and parent/carer's participation, as planned

  @Field(() => MeetingParticipation, { description: 'How the child is to take part.' })
  @Column({ type: 'enum', enum: MeetingParticipation, enumName: 'meeting_participation' })
  childParticipation: MeetingParticipation;

  /** Shown to those who may see the whole plan (resolver). */
  @Column({ type: 'text', nullable: true })
  childParticipationNotes: string | null;

  @Field(() => MeetingParticipation, {
    nullable: true,
    description: 'How the parent/carer is to take part; null when none is involved.',
  })
  @Column({ type: 'enum', enum: MeetingParticipation, enumName: 'meeting_participation', nullable: true })
  parentCarerParticipation: MeetingParticipation | null;

  /** Shown to those who may see the whole plan (resolver). */
  @Column({ type: 'text', nullable: true })
  parentCarerParticipationNotes: string | null;

  /** Notes for the meeting (agenda, arrangements). Shown to those who may see the whole plan (resolver). */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  scheduledById: string | null;

  // ---- cancellation

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Shown to those who may see the whole plan (resolver). */
  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  // ---- the outcome (shown through `MeetingOutcome`, to those who may see the whole plan)

  @Column({ type: 'timestamptz', nullable: true })
  heldAt: Date | null;

  @Column({ type: 'enum', enum: MeetingParticipation, enumName: 'meeting_participation', nullable: true })
  childParticipationAtMeeting: MeetingParticipation | null;

  @Column({ type: 'text', nullable: true })
  childParticipationAtMeetingNotes: string | null;

  @Column({ type: 'enum', enum: MeetingParticipation, enumName: 'meeting_participation', nullable: true })
  parentCarerParticipationAtMeeting: MeetingParticipation | null;

  @Column({ type: 'text', nullable: true })
  parentCarerParticipationAtMeetingNotes: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  decisions: string[];

  @Column({ type: 'text', nullable: true })
  outcomeNotes: string | null;

  @Column({ type: 'uuid', nullable: true })
  outcomeRecordedById: string | null;

  /**
   * Optimistic concurrency, bumped by hand on every change (a plain column rather than `@VersionColumn`: a change of
   * invitees alone touches no column of this row, and must still move the version). Also the iCalendar SEQUENCE.
   */
  @Field(() => Int)
  @Column({ type: 'int', default: 1 })
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
