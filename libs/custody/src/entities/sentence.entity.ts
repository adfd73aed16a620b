import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SentenceTypeEnum } from '../custody-enums';

/** A sentence recorded on an episode. A new sentence during custody adds a row; the latest one sets the dates. */
@ObjectType()
@Entity()
export class Sentence {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id' })
  private readonly episodeRelation?: unknown;

  @Field(() => SentenceTypeEnum)
  @Column({ type: 'enum', enum: SentenceTypeEnum, enumName: 'sentence_type' })
  sentenceType: SentenceTypeEnum;

  @Field()
  @Column({ type: 'date' })
  sentenceDate: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Term in months (custodial term for an extended sentence; minimum term for DHMP).',
  })
  @Column({ type: 'int', nullable: true })
  termMonths: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  extensionMonths: number | null;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  remandDays: number;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  taggedBailDays: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'date', nullable: true })
  offenceDate: string | null;

  @Field()
  @Column({ default: false })
  qualifyingSeriousOffence: boolean;

  @Field()
  @Column({ default: false })
  excludedFromFortyPercentRelease: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
