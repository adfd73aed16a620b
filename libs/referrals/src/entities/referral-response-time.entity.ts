import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReferralType } from '../referral-enums';
import { ResponseStep } from '../rules/response-due';

/**
 * One step a partner answered (a council on an accommodation referral, a provider on an education or health one): when
 * it started, when it was answered and the working days it took (the measures).
 */
@Entity()
@Check('ck_referral_response_time_due_date', `("referral_type" = 'ACCOMMODATION') = ("due_date" IS NOT NULL)`)
@Index('ix_referral_response_time_answered', ['answeredAt'])
export class ReferralResponseTime {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referral_response_time' })
  referralId: string;

  @ManyToOne('Referral', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_referral_response_time_referral' })
  private readonly referralRelation?: unknown;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_referral_response_time' })
  stepStartedAt: Date;

  @Column({ type: 'enum', enum: ResponseStep, enumName: 'referral_response_step' })
  step: ResponseStep;

  /** The kind of referral: ACCOMMODATION a council's, EDUCATION and HEALTH a provider's. */
  @Column({ type: 'enum', enum: ReferralType, enumName: 'referral_type' })
  referralType: ReferralType;

  /** The partner: the council, or the provider. */
  @Column({ type: 'uuid' })
  organisationId: string;

  /** The youth justice service that made the referral. */
  @Column({ type: 'uuid' })
  fromServiceId: string;

  @Column({ type: 'timestamptz' })
  answeredAt: Date;

  /** The council's due date for the step; null for a provider's (providers have no targets). */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'int' })
  workingDays: number;
}
