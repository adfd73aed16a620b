import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
