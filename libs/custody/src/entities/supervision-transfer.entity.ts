import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One hand-over of an episode's supervision from one youth justice service to another (the child moved area). */
@ObjectType()
@Entity()
@Check('CHK_supervision_transfer_services', `"from_service_id" <> "to_service_id"`)
export class SupervisionTransfer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Index()
  @Column({ type: 'uuid' })
  episodeId: string;

  @ManyToOne('CustodialEpisode', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'episode_id' })
  private readonly episodeRelation?: unknown;

  @Field(() => String, { description: 'The youth justice service that handed supervision on.' })
  @Index()
  @Column({ type: 'uuid' })
  fromServiceId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_service_id' })
  private readonly fromServiceRelation?: unknown;

  @Field(() => String, { description: 'The youth justice service that supervises the child from the effective date.' })
  @Column({ type: 'uuid' })
  toServiceId: string;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_service_id' })
  private readonly toServiceRelation?: unknown;

  @Field({ description: 'The day the receiving service took over.' })
  @Column({ type: 'date' })
  effectiveDate: string;

  @Field()
  @Column()
  reason: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  transferredById: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
