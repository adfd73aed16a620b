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

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
