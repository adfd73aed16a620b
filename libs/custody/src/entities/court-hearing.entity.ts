import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Check,
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
import { HearingOutcome } from '../custody-enums';

@ObjectType()
export class HearingMove {
  @Field({ description: 'YYYY-MM-DD: the date it was moved from.' })
  from: string;

  @Field({ description: 'YYYY-MM-DD: the date it was moved to.' })
  to: string;

  @Field()
  reason: string;

  @Field()
  movedAt: string;

  @Field(() => String, { nullable: true })
  movedById: string | null;
}

/**
 * A court hearing of a custodial episode: its date, court and purpose, every move of the date (with the reason) and
 * its outcome, or its cancellation (the court vacated the listing, or it was entered in error). The one with neither
 * is the next hearing (at most one per episode: a partial unique index); the hearing deadlines hang on its date.
 */
@ObjectType()
@Entity()
@Index('ix_court_hearing_episode', ['episodeId', 'hearingDate'])
@Index('uq_court_hearing_next_per_episode', ['episodeId'], {
  unique: true,
  where: `"outcome" IS NULL AND "cancelled_at" IS NULL`,
})
@Check('chk_court_hearing_cancelled_or_outcome', `"cancelled_at" IS NULL OR "outcome" IS NULL`)
@Check('chk_court_hearing_cancellation_reason', `("cancelled_at" IS NULL) = ("cancellation_reason" IS NULL)`)
export class CourtHearing {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'fk_court_hearing_episode' })
  private readonly episodeRelation?: unknown;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  childId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @Column({ type: 'date' })
  hearingDate: string;

  @Field()
  @Column({ type: 'text' })
  court: string;

  @Field({ description: 'What the hearing is for, e.g. "Plea and trial preparation".' })
  @Column({ type: 'text' })
  purpose: string;

  @Field(() => [HearingMove], { description: 'Every change of its date, first to last.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  moves: HearingMove[];

  @Field(() => HearingOutcome, { nullable: true, description: 'Null until the outcome is recorded.' })
  @Column({ type: 'enum', enum: HearingOutcome, enumName: 'court_hearing_outcome', nullable: true })
  outcome: HearingOutcome | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  outcomeRecordedById: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Released on bail or to the local authority's care: where the child went from court.",
  })
  @Column({ type: 'text', nullable: true })
  wentTo: string | null;

  @Field(() => ID, { nullable: true, description: 'Remanded again: the hearing the child was remanded to.' })
  @Column({ type: 'uuid', nullable: true })
  nextHearingId: string | null;

  @ManyToOne('CourtHearing', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'next_hearing_id', foreignKeyConstraintName: 'fk_court_hearing_next' })
  private readonly nextHearingRelation?: unknown;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  scheduledById: string | null;

  @Field(() => Date, { nullable: true, description: 'Cancelled: when. A cancelled hearing has no outcome.' })
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  cancelledById: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cancelled: why (e.g. "The court vacated the listing", "Entered in error").',
  })
  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  @Field(() => Int, { description: 'Send this back with any change; a stale version is refused with CONFLICT.' })
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
