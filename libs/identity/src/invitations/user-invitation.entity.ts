import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A one-time link for a new account to choose its own password: nobody sets another person's. The token is made by
 * the worker when it emails the link (so it exists only in that email); only its SHA-256 is stored. It works once,
 * until `expiresAt`, and a newer invitation for the same person supersedes it.
 */
@Entity()
@Index('ix_user_invitation_user', ['userId', 'createdAt'])
export class UserInvitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_user_invitation' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_invitation_user' })
  private readonly userRelation?: unknown;

  /** Who asked for it (created the account, or sent it again); null once they are gone. */
  @Column({ type: 'uuid', nullable: true })
  invitedByUserId: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by_user_id', foreignKeyConstraintName: 'fk_user_invitation_invited_by' })
  private readonly invitedByRelation?: unknown;

  /** SHA-256 of the token, hex; null until the worker has made the token and emailed it. */
  @Index('uq_user_invitation_token_hash', { unique: true })
  @Column({ type: 'text', nullable: true })
  tokenHash: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  /** Email attempts that failed so far (the worker retries with backoff). */
  @Column({ type: 'int', default: 0 })
  emailAttempts: number;

  /** The last email failure; never shown over GraphQL. */
  @Column({ type: 'text', nullable: true })
  emailError: string | null;

  /** When the person chose their password with it (it then works no more). */
  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  /** When a newer invitation replaced it. */
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
