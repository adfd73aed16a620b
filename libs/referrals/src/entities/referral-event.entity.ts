import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ReferralStatus } from '../referral-enums';

/** One move of a referral: from, to, who (person and organisation), when, and a note or reason. Append-only. */
@ObjectType()
@Entity()
@Index('ix_referral_event_referral', ['referralId', 'createdAt'])
export class ReferralEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne('Referral', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_referral_event_referral' })
  private readonly referralRelation?: unknown;

  @Field(() => ReferralStatus, { nullable: true, description: 'Null for the creation of the draft.' })
  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status', nullable: true })
  fromStatus: ReferralStatus | null;

  @Field(() => ReferralStatus)
  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status' })
  toStatus: ReferralStatus;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  actorUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  actorOrganisationId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
