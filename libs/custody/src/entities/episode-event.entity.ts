import { Field, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EpisodeEventType } from '../custody-enums';

/** The episode's history, one row per change, in the order it happened: never updated or deleted. */
@ObjectType()
@Entity()
@Index(['episodeId', 'createdAt'])
export class EpisodeEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'episode_id' })
  private readonly episodeRelation?: unknown;

  @Field(() => EpisodeEventType)
  @Column({ type: 'enum', enum: EpisodeEventType, enumName: 'episode_event_type' })
  type: EpisodeEventType;

  @Field({ description: 'The day it took effect (e.g. the transfer or release date).' })
  @Column({ type: 'date' })
  effectiveDate: string;

  @Field({ description: 'One plain-English line.' })
  @Column()
  summary: string;

  @Field(() => GraphQLJSONObject, { description: 'What changed: before and after values.' })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
