import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ResponseStep } from '../rules/response-due';

/**
 * A council's target, in working days, for one step of answering an accommodation referral. The row without a
 * council (organisation NULL) is the national default for that step; a council's own row overrides it.
 */
@Entity()
@Index('ux_referral_response_target_council', ['organisationId', 'step'], {
  unique: true,
  where: 'organisation_id IS NOT NULL',
})
@Index('ux_referral_response_target_national', ['step'], { unique: true, where: 'organisation_id IS NULL' })
@Check('ck_referral_response_target_working_days', '"working_days" BETWEEN 1 AND 60')
export class ReferralResponseTarget {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_referral_response_target' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne('Organisation', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_referral_response_target_organisation' })
  private readonly organisationRelation?: unknown;

  @Column({ type: 'enum', enum: ResponseStep, enumName: 'referral_response_step' })
  step: ResponseStep;

  @Column({ type: 'int' })
  workingDays: number;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
