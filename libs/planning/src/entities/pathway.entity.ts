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
import { NeedLevel, PathwayStatus, PathwayType } from '../planning-enums';

/** One of the nine pathways of a plan: the need, who is responsible, where it stands, and the child's view of it. */
@ObjectType()
@Entity()
@Index('uq_pathway_plan_type', ['planId', 'type'], { unique: true })
export class Pathway {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_pathway_plan' })
  private readonly planRelation?: unknown;

  @Field(() => PathwayType)
  @Column({ type: 'enum', enum: PathwayType, enumName: 'pathway_type' })
  type: PathwayType;

  @Field(() => NeedLevel, { nullable: true, description: 'Assessed need; null until assessed.' })
  @Column({ type: 'enum', enum: NeedLevel, enumName: 'need_level', nullable: true })
  needLevel: NeedLevel | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  needSummary: string | null;

  /** The organisation responsible for the pathway: it may see and change this pathway, and only it, of the plan. */
  @Field(() => String, { nullable: true })
  @Index('ix_pathway_responsible_organisation')
  @Column({ type: 'uuid', nullable: true })
  responsibleOrganisationId: string | null;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_organisation_id', foreignKeyConstraintName: 'fk_pathway_responsible_organisation' })
  private readonly responsibleOrganisationRelation?: unknown;

  @Field(() => String, { nullable: true, description: 'The named person who owns the pathway.' })
  @Column({ type: 'text', nullable: true })
  ownerName: string | null;

  @Field(() => String, { nullable: true, description: 'The owner as a user of the service, when they are one.' })
  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @Field(() => PathwayStatus)
  @Column({ type: 'enum', enum: PathwayStatus, enumName: 'pathway_status', default: PathwayStatus.NOT_STARTED })
  status: PathwayStatus;

  @Field(() => String, { nullable: true, description: 'The child’s own view of this part of their plan.' })
  @Column({ type: 'text', nullable: true })
  childView: string | null;

  @Field(() => String, { nullable: true, description: 'Why the child’s view could not be had, when it could not.' })
  @Column({ type: 'text', nullable: true })
  childViewUnavailableReason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

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
