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

/**
 * An intervention the child has already done on an earlier order. Shown on the plan; planning the same one again
 * warns (children said repeating them was demotivating).
 */
@ObjectType()
@Entity()
@Index('ix_prior_intervention_child', ['childId'])
export class PriorIntervention {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne('Child', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'child_id', foreignKeyConstraintName: 'fk_prior_intervention_child' })
  private readonly childRelation?: unknown;

  @Field()
  @Column()
  name: string;

  @Field(() => String, { nullable: true, description: 'The earlier order it was done on.' })
  @Column({ type: 'text', nullable: true })
  orderDescription: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  completedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Who delivered it (a service, a programme, a person).' })
  @Column({ type: 'text', nullable: true })
  deliveredBy: string | null;

  @Field(() => String, { nullable: true, description: 'How it went, in the words of those who know.' })
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field({ description: 'Send it back as expectedVersion to change or remove it.' })
  @VersionColumn()
  version: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
