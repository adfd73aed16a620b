import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';

/** Something to be done on a pathway: what, by whom, by when, and when it was done. */
@ObjectType()
@Entity()
@Index('ix_pathway_action_pathway', ['pathwayId', 'createdAt'])
export class PathwayAction {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  pathwayId: string;

  @ManyToOne('Pathway', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pathway_id', foreignKeyConstraintName: 'fk_pathway_action_pathway' })
  private readonly pathwayRelation?: unknown;

  @Field()
  @Column()
  description: string;

  @Field(() => String, {
    nullable: true,
    description: 'A named intervention (e.g. "Knife crime awareness"): planning one the child has done before warns.',
  })
  @Column({ type: 'text', nullable: true })
  intervention: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  ownerOrganisationId: string | null;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_organisation_id', foreignKeyConstraintName: 'fk_pathway_action_owner_organisation' })
  private readonly ownerOrganisationRelation?: unknown;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  ownerName: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when it was done; null while open.' })
  @Column({ type: 'date', nullable: true })
  doneOn: string | null;

  @Field(() => String, { nullable: true, description: 'The planning meeting that agreed it, if one did.' })
  @Index('ix_pathway_action_source_meeting')
  @Column({ type: 'uuid', nullable: true })
  sourceMeetingId: string | null;

  @ManyToOne('PlanningMeeting', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_meeting_id', foreignKeyConstraintName: 'fk_pathway_action_source_meeting' })
  private readonly sourceMeetingRelation?: unknown;

  @Field()
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
