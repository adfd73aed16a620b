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
} from 'typeorm';
import { OrganisationType } from './organisation-type';

/**
 * Every agency in the service: secure establishments, youth justice services, local authorities (whose children's
 * services and accommodation teams are the authority itself), health and education providers.
 */
@ObjectType()
@Entity()
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable reference code, e.g. 'YOI-WETHERBY', 'LA-LEEDS', 'YJS-LEEDS'. */
  @Field()
  @Index({ unique: true })
  @Column()
  code: string;

  @Field()
  @Column()
  name: string;

  @Field(() => OrganisationType)
  @Index()
  @Column({ type: 'enum', enum: OrganisationType, enumName: 'organisation_type' })
  type: OrganisationType;

  /** The local authority a youth justice service or provider belongs to, or an establishment sits in. */
  @Field(() => String, { nullable: true })
  @Index()
  @Column({ type: 'uuid', nullable: true })
  localAuthorityId: string | null;

  @ManyToOne(() => Organisation, { nullable: true, onDelete: 'RESTRICT' })
  localAuthority?: Organisation | null;

  @Field(() => String, { nullable: true, description: 'England or Wales' })
  @Column({ type: 'text', nullable: true })
  nation: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  region: string | null;

  /**
   * The email domains its staff use (`leeds.gov.uk`), lower-case: every account's email must be in one of them, so
   * nobody can be given an account here at an address they hold elsewhere. Changed by national admins only.
   */
  @Field(() => [String], {
    description: 'The email domains its staff use; every account here has an email in one of them.',
  })
  @Column({ type: 'text', array: true, default: '{}' })
  emailDomains: string[];

  /**
   * The organisation's named lead (app_user): the "head of service" of a youth justice service, the "lead" of a
   * partner organisation. The deadline engine's top escalation level reaches them; null falls back to the managers.
   */
  @Column({ type: 'uuid', nullable: true })
  leadUserId: string | null;

  @ManyToOne('User', { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_user_id', foreignKeyConstraintName: 'fk_organisation_lead_user' })
  private readonly leadUserRelation?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
