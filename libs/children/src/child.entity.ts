import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Gender } from './child-enums';
import { ParentCarer } from './parent-carer.entity';

/** A child: anyone under 18 when sentenced or remanded. Special category data (ethnicity, health) lives here. */
@ObjectType({
  description:
    'A child known to a youth justice service. Fields beyond identity are shown only as far as your access allows (null otherwise).',
})
@Entity()
export class Child {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A reference from the system the child came from (or the demo seed's key); unique when present. */
  @Index({ unique: true, where: 'external_reference IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  externalReference: string | null;

  @Field()
  @Column()
  givenName: string;

  @Field()
  @Column()
  familyName: string;

  @Field(() => String, { nullable: true, description: 'What the child likes to be called.' })
  @Column({ type: 'text', nullable: true })
  preferredName: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  @Column({ type: 'date' })
  dateOfBirth: string;

  @Field(() => Gender)
  @Column({ type: 'enum', enum: Gender, enumName: 'gender' })
  gender: Gender;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  @Column({ default: false })
  lookedAfter: boolean;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  responsibleAuthorityId: string | null;

  // Relations name the target entity as a string: the database keeps the reference whole, and features stay apart.
  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsible_authority_id' })
  private readonly responsibleAuthorityRelation?: unknown;

  @Column({ default: false })
  careLeaver: boolean;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  homeAuthorityId: string | null;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'home_authority_id' })
  private readonly homeAuthorityRelation?: unknown;

  /**
   * The youth justice service that recorded the child: it keeps sight of them, like a service that once supervised
   * them.
   */
  @Index('ix_child_registered_by_organisation')
  @Column({ type: 'uuid', nullable: true })
  registeredByOrganisationId: string | null;

  @ManyToOne('Organisation', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'registered_by_organisation_id',
    foreignKeyConstraintName: 'fk_child_registered_by_organisation',
  })
  private readonly registeredByRelation?: unknown;

  @Column({ default: false })
  hasEhcp: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disabilities: string[];

  @Column({ type: 'text', nullable: true })
  communicationNeeds: string | null;

  @OneToMany(() => ParentCarer, (p) => p.child, { cascade: ['insert'] })
  parentsCarers?: ParentCarer[];

  @Field()
  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
