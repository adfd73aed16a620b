import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '@resettle/organisations';
import { Role } from './role';

/** A member of staff of one organisation. */
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

  /** A UK work phone number as the person typed it (spaces kept), for partners to reach a case manager; optional. */
  @Field(() => String, { nullable: true, description: 'Work phone number (UK), as its owner gave it; null if none.' })
  @Column({ type: 'text', nullable: true })
  workPhone: string | null;

  @Field(() => [Role])
  @Column({ type: 'enum', enum: Role, enumName: 'role', array: true, default: '{}' })
  roles: Role[];

  @Field()
  @Column({ default: false })
  disabled: boolean;

  /**
   * argon2id, with its parameters and salt (PHC string). Null for someone who signs in only through their council's
   * OpenID Connect provider. Never loaded unless asked for (`select: false`), never in GraphQL or the audit trail.
   */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash?: string | null;

  /** Access tokens issued before this (to the second) stop working: set when the password changes. */
  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /** The `sub` claim of the council's OpenID Connect provider, when users are matched by subject. */
  @Index('uq_app_user_external_subject', { unique: true })
  @Column({ type: 'text', nullable: true })
  externalSubject: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
