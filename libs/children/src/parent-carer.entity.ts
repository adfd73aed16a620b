import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Child } from './child.entity';

@ObjectType()
@Entity()
export class ParentCarer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  childId: string;

  @ManyToOne('Child', 'parentsCarers', { onDelete: 'CASCADE' })
  child?: Child;

  @Field()
  @Column()
  name: string;

  @Field({ description: 'e.g. Mother, Grandmother, Foster carer' })
  @Column()
  relationship: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field()
  @Column({ default: false })
  hasParentalResponsibility: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
