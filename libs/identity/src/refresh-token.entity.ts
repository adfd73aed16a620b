import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One refresh token. Only its SHA-256 is stored, so a copy of the table cannot sign anyone in. Each refresh
 * revokes the token presented and issues its replacement in the same family; presenting a token that was already
 * replaced means someone kept a copy, so the whole family is revoked.
 */
@Entity()
// Live tokens by family: the per-request session check, and revoking a family.
@Index('ix_refresh_token_live_family', ['familyId'], { where: '"revoked_at" IS NULL' })
@Index('ix_refresh_token_user', ['userId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_refresh_token' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_token_user' })
  private readonly userRelation?: unknown;

  /** SHA-256 of the token, hex. */
  @Index('uq_refresh_token_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** Every token descended from one sign-in shares the family of the first. */
  @Column({ type: 'uuid' })
  familyId: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** The token that replaced this one at a refresh. */
  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;

  @ManyToOne('RefreshToken', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replaced_by_id', foreignKeyConstraintName: 'fk_refresh_token_replaced_by' })
  private readonly replacedByRelation?: unknown;

  @Column({ type: 'inet', nullable: true })
  clientIp: string | null;
}
