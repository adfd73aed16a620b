import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The version of a council's response targets taken as a whole (the four steps are saved together), and of the
 * national defaults (the one row without a council, made by the migration). A change names the version it was made
 * against; a stale one is refused, so one person's save never silently replaces another's. A council that has never
 * saved its targets has no row: version 0.
 */
@Entity()
@Index('ux_referral_response_target_version_organisation', ['organisationId'], { unique: true })
export class ReferralResponseTargetVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_referral_response_target_version' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne('Organisation', { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'fk_referral_response_target_version_organisation',
  })
  private readonly organisationRelation?: unknown;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
