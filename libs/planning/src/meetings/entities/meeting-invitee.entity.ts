import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MeetingAttendance } from '../meeting-enums';

/**
 * Someone invited to a planning meeting: an organisation, a person at one, or a person outside the directory (an
 * advocate, say). A person who is a user of the service is found by `userId` or by `email` for "my meetings" and
 * their calendar feed. Attendance is recorded with the meeting's outcome.
 */
@ObjectType()
@Entity()
@Index('ix_meeting_invitee_meeting', ['meetingId'])
@Index('ix_meeting_invitee_user', ['userId'])
@Index('ix_meeting_invitee_email', ['email'])
export class MeetingInvitee {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_meeting_invitee' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne('PlanningMeeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_meeting_invitee_meeting' })
  private readonly meetingRelation?: unknown;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_meeting_invitee_organisation' })
  private readonly organisationRelation?: unknown;

  @Field(() => String, { nullable: true, description: 'The person, when they are a user of the service.' })
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_meeting_invitee_user' })
  private readonly userRelation?: unknown;

  @Field(() => String, { nullable: true, description: 'The person’s name; null when the organisation is invited.' })
  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** Stored lower-cased, as users' emails are. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Their part at the meeting: chair, education lead, advocate, …' })
  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Field(() => MeetingAttendance, { nullable: true, description: 'Null until the outcome is recorded.' })
  @Column({ type: 'enum', enum: MeetingAttendance, enumName: 'meeting_attendance', nullable: true })
  attendance: MeetingAttendance | null;

  /** The order they were given in, so lists read as the organiser wrote them. */
  @Column({ type: 'int', default: 0 })
  position: number;
}
