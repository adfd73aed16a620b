import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** A message in a referral's thread between the youth justice service and the partner. Append-only. */
@ObjectType()
@Entity()
@Index('ix_referral_message_referral', ['referralId', 'createdAt'])
export class ReferralMessage {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  referralId: string;

  @ManyToOne('Referral', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_referral_message_referral' })
  private readonly referralRelation?: unknown;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  authorUserId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  authorOrganisationId: string;

  @Field()
  @Column({ type: 'text' })
  body: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The move this message was written with: the partner’s question when asking for more information (the same words ' +
      'as that event’s note). Null for a message on its own.',
  })
  @Index('uq_referral_message_event', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @ManyToOne('ReferralEvent', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_referral_message_event' })
  private readonly eventRelation?: unknown;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
