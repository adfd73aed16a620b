import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '@resettle/organisations';
import { Role } from './role';

/** A member of staff of one organisation. Sign-in details arrive with the identity issue. */
@ObjectType('User')
@Entity('app_user')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String)
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  organisation?: Organisation;

  @Field()
  @Column()
  givenName: string;

  @Field()
  @Column()
  familyName: string;

  /** Stored lower-case; unique across the service. */
  @Field()
  @Index({ unique: true })
  @Column()
  email: string;

  @Field(() => [Role])
  @Column({ type: 'enum', enum: Role, enumName: 'role', array: true, default: '{}' })
  roles: Role[];

  @Field()
  @Column({ default: false })
  disabled: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
