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
import { ReferralStatus, ReferralType } from '../referral-enums';

/** What the partner sees of the child: taken when the referral is sent, and only that. */
export interface ReferralSummarySnapshot {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  age: number;
  gender: string;
  releaseDate: string | null;
  establishmentName: string | null;
  needsAndRisks: string | null;
  childWishes: string | null;
  familyViews: string | null;
  takenAt: string;
}

/**
 * A referral from the youth justice service to a partner (a local authority's accommodation team, an education or
 * a health provider), made from a pathway of the plan. Carries what the partner needs and no more: the summary is
 * a snapshot taken when it is sent.
 */
@ObjectType()
@Entity()
@Index('ix_referral_to_organisation', ['toOrganisationId', 'status'])
@Index('ix_referral_from_service', ['fromServiceId', 'status'])
@Index('ix_referral_child', ['childId'])
export class Referral {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ReferralType)
  @Column({ type: 'enum', enum: ReferralType, enumName: 'referral_type' })
  type: ReferralType;

  @Field(() => ReferralStatus)
  @Column({ type: 'enum', enum: ReferralStatus, enumName: 'referral_status', default: ReferralStatus.DRAFT })
  status: ReferralStatus;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne('Child', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_referral_child' })
  private readonly childRelation?: unknown;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'fk_referral_episode' })
  private readonly episodeRelation?: unknown;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_referral_plan' })
  private readonly planRelation?: unknown;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  pathwayId: string;

  @ManyToOne('Pathway', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pathway_id', foreignKeyConstraintName: 'fk_referral_pathway' })
  private readonly pathwayRelation?: unknown;

  @Field(() => ID, { description: 'The youth justice service that made the referral.' })
  @Column({ type: 'uuid' })
  fromServiceId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_service_id', foreignKeyConstraintName: 'fk_referral_from_service' })
  private readonly fromServiceRelation?: unknown;

  @Field(() => ID, { description: 'The organisation the referral is addressed to.' })
  @Column({ type: 'uuid' })
  toOrganisationId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_organisation_id', foreignKeyConstraintName: 'fk_referral_to_organisation' })
  private readonly toOrganisationRelation?: unknown;

  @Field(() => String, { nullable: true, description: 'Needs and risks relevant to the placement or place.' })
  @Column({ type: 'text', nullable: true })
  needsAndRisks: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The child’s wishes (for accommodation: where and with whom to live).',
  })
  @Column({ type: 'text', nullable: true })
  childWishes: string | null;

  @Field(() => String, { nullable: true, description: 'The family’s views.' })
  @Column({ type: 'text', nullable: true })
  familyViews: string | null;

  /** The snapshot the partner sees, taken at SENT (and again at each re-send). */
  @Column({ type: 'jsonb', nullable: true })
  summary: ReferralSummarySnapshot | null;

  @Field(() => String, { nullable: true, description: 'Offer: the address or the place.' })
  @Column({ type: 'text', nullable: true })
  offerAddressOrPlace: string | null;

  @Field(() => String, { nullable: true, description: 'Offer: the type of placement or place.' })
  @Column({ type: 'text', nullable: true })
  offerPlacementType: string | null;

  @Field(() => String, { nullable: true, description: 'Offer: the provider.' })
  @Column({ type: 'text', nullable: true })
  offerProvider: string | null;

  @Field(() => String, { nullable: true, description: 'Offer: the start date.' })
  @Column({ type: 'date', nullable: true })
  offerStartDate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  withdrawReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  fellThroughReason: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** When it came into its current status (a council's response target counts from it); null for a draft. */
  @Column({ type: 'timestamptz', nullable: true })
  statusSince: Date | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  createdById: string;

  @Field()
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
