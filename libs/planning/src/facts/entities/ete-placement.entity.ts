import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** The education, training or employment place confirmed for after release: provider, start, hours, who confirmed. */
@ObjectType()
@Entity()
@Index('ix_ete_placement_plan', ['planId'])
export class EtePlacement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_ete_placement' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_ete_placement_plan' })
  private readonly planRelation?: unknown;

  @Field({ description: 'The school, college, training provider or employer.' })
  @Column({ type: 'text' })
  provider: string;

  @Field({ description: 'YYYY-MM-DD: the first day.' })
  @Column({ type: 'date' })
  startDate: string;

  @Field(() => Int, { description: 'Hours a week.' })
  @Column({ type: 'smallint' })
  hoursPerWeek: number;

  @Field({ description: 'Who confirmed the place (name and role).' })
  @Column({ type: 'text' })
  confirmedBy: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
