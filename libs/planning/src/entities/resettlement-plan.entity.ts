import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { AgreementResponse, PlanStatus } from '../planning-enums';

/**
 * One resettlement plan per custodial episode, created when the episode starts, owned by the youth justice case
 * manager and shared by every agency. The child's own words live here (`selfAssessment`, `aspirations`, …) and on
 * each pathway. Every change bumps `version` and appends a `PlanEvent`.
 */
@ObjectType({ description: 'The one plan every agency works from, built with the child.' })
@Entity()
export class ResettlementPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Index('uq_resettlement_plan_episode', { unique: true })
  @Column({ type: 'uuid' })
  episodeId: string;

  @OneToOne('CustodialEpisode', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'episode_id', foreignKeyConstraintName: 'fk_resettlement_plan_episode' })
  private readonly episodeRelation?: unknown;

  @Field(() => ID)
  @Index('ix_resettlement_plan_child')
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne('Child', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_resettlement_plan_child' })
  private readonly childRelation?: unknown;

  @Field(() => PlanStatus)
  @Column({ type: 'enum', enum: PlanStatus, enumName: 'plan_status', default: PlanStatus.DRAFT })
  status: PlanStatus;

  // ---- the child's voice, in their words (shown through `ChildVoice`, to those who may see the whole plan)

  @Column({ type: 'text', nullable: true })
  selfAssessment: string | null;

  @Column({ type: 'text', nullable: true })
  aspirations: string | null;

  @Column({ type: 'text', nullable: true })
  strengths: string | null;

  @Column({ type: 'text', nullable: true })
  interests: string | null;

  @Column({ type: 'text', nullable: true })
  learningStyle: string | null;

  @Column({ type: 'text', nullable: true })
  communicationNeeds: string | null;

  @Column({ type: 'text', nullable: true })
  communicationAdaptations: string | null;

  // ---- explanation and agreement (shown through `PlanAgreement`)

  @Column({ type: 'date', nullable: true })
  explainedOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  explainedById: string | null;

  @Column({ type: 'text', nullable: true })
  explainedHow: string | null;

  @Column({ type: 'enum', enum: AgreementResponse, enumName: 'agreement_response', nullable: true })
  childAgreement: AgreementResponse | null;

  @Column({ type: 'text', nullable: true })
  childAgreementWords: string | null;

  @Column({ type: 'enum', enum: AgreementResponse, enumName: 'agreement_response', nullable: true })
  parentCarerAgreement: AgreementResponse | null;

  @Column({ type: 'text', nullable: true })
  parentCarerAgreementWords: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  agreedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  agreedById: string | null;

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
