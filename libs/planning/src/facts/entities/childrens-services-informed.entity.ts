import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * That children's services (the child's responsible local authority, or their home authority when none is
 * responsible) were told of a court hearing before it: which hearing (and its date then), the day, who told them and
 * whom they told. Meets the hearing's "children's services informed" deadline; a further remand to another hearing
 * needs them told again. An append: a record is never changed.
 */
@ObjectType()
@Entity()
@Index('ix_childrens_services_informed_plan', ['planId'])
export class ChildrensServicesInformed {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_childrens_services_informed' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne('ResettlementPlan', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_childrens_services_informed_plan' })
  private readonly planRelation?: unknown;

  @Field(() => ID, { description: 'The court hearing they were told of.' })
  @Column({ type: 'uuid' })
  hearingId: string;

  @Field({ description: 'YYYY-MM-DD: the hearing’s date when they were told.' })
  @Column({ type: 'date' })
  hearingDate: string;

  @Field(() => ID, { description: 'The local authority told: the child’s responsible authority, else their home one.' })
  @Column({ type: 'uuid' })
  localAuthorityId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'local_authority_id', foreignKeyConstraintName: 'fk_childrens_services_informed_authority' })
  private readonly localAuthorityRelation?: unknown;

  @Field({ description: 'YYYY-MM-DD: the day they were told; before the hearing.' })
  @Column({ type: 'date' })
  informedOn: string;

  @Field({ description: 'Who told them (name and role).' })
  @Column({ type: 'text' })
  informedBy: string;

  @Field(() => String, { nullable: true, description: 'Whom at children’s services they told (name or team).' })
  @Column({ type: 'text', nullable: true })
  informedWhom: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
