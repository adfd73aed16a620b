import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** Every placement of the episode: the first (from = null) and each transfer between secure establishments. */
@ObjectType()
@Entity()
export class EstablishmentTransfer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id' })
  private readonly episodeRelation?: unknown;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  fromEstablishmentId: string | null;

  @Field(() => String)
  @Index()
  @Column({ type: 'uuid' })
  toEstablishmentId: string;

  @Field()
  @Column({ type: 'date' })
  transferDate: string;

  @Field()
  @Column()
  reason: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
