import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** Who managed the child's case and when: children named frequent changes as a barrier, so the history is kept. */
@ObjectType()
@Entity()
export class CaseManagerAssignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id' })
  private readonly episodeRelation?: unknown;

  @Field(() => String)
  @Index()
  @Column({ type: 'uuid' })
  caseManagerId: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  assignedFrom: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  assignedUntil: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  assignedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
