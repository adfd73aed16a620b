import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AccommodationKind } from '../facts-enums';

/**
 * Where the child will live when no accommodation referral is needed (home to family, say): the address, from
 * when, with whom, and who confirmed it. The same facts a confirmed accommodation referral carries. Never changed:
 * a new arrangement is recorded instead, and the latest confirmed address is the one the child must be told.
 */
@ObjectType()
@Entity()
@Index('ix_accommodation_arrangement_plan', ['planId'])
export class AccommodationArrangement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_accommodation_arrangement' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_accommodation_arrangement_plan' })
  private readonly planRelation?: unknown;

  @Field({ description: 'The address the child will live at.' })
  @Column({ type: 'text' })
  address: string;

  @Field({ description: 'YYYY-MM-DD: from when (not in the past when recorded).' })
  @Column({ type: 'date' })
  startDate: string;

  @Field(() => AccommodationKind)
  @Column({ type: 'enum', enum: AccommodationKind, enumName: 'accommodation_kind' })
  kind: AccommodationKind;

  @Field({ description: 'Who the child will live with (for instance "Mother, Ms A Example").' })
  @Column({ type: 'text' })
  livingWith: string;

  @Field({ description: 'Who confirmed the child can live there (name and role).' })
  @Column({ type: 'text' })
  confirmedBy: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date, { description: 'When it was recorded: the moment the address counts as confirmed.' })
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
