import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ToldHow } from '../facts-enums';

/**
 * That the child was told where they will live: when, by whom, how, and which confirmed address they were told
 * (a confirmed accommodation referral or an accommodation arrangement, with the address as it was then). Only an
 * address already confirmed can be told; a later change of address needs the child told again.
 */
@ObjectType()
@Entity()
@Index('ix_child_told_where_living_plan', ['planId'])
export class ChildToldWhereLiving {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_child_told_where_living' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_child_told_where_living_plan' })
  private readonly planRelation?: unknown;

  @Field({ description: 'The confirmed address told: "Referral" or "AccommodationArrangement".' })
  @Column({ type: 'text' })
  addressRecordType: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  addressRecordId: string;

  @Field({ description: 'The address as it was when the child was told.' })
  @Column({ type: 'text' })
  address: string;

  @Field({ description: 'YYYY-MM-DD: the day the child was told.' })
  @Column({ type: 'date' })
  toldOn: string;

  @Field({ description: 'Who told the child (name and role).' })
  @Column({ type: 'text' })
  toldBy: string;

  @Field(() => ToldHow)
  @Column({ type: 'enum', enum: ToldHow, enumName: 'told_how' })
  how: ToldHow;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the child has visited or seen the place (where possible).',
  })
  @Column({ type: 'boolean', nullable: true })
  hasSeenIt: boolean | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
