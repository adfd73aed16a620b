import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ResponseStep } from '../rules/response-due';

/**
 * A reminder or an escalation sent for one step of a referral. The primary key (referral, the step's start, kind)
 * is what makes each happen once: the scheduler inserts this row first, in the transaction of its notifications, and
 * a second run finds it there and tells nobody again.
 */
@Entity()
@Check('ck_referral_response_notice_kind', `"kind" IN ('REMINDER', 'ESCALATION')`)
export class ReferralResponseNotice {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_referral_response_notice' })
  referralId: string;

  @ManyToOne('Referral', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referral_id', foreignKeyConstraintName: 'fk_referral_response_notice_referral' })
  private readonly referralRelation?: unknown;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'pk_referral_response_notice' })
  stepStartedAt: Date;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_referral_response_notice' })
  kind: string;

  @Column({ type: 'enum', enum: ResponseStep, enumName: 'referral_response_step' })
  step: ResponseStep;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'timestamptz' })
  sentAt: Date;
}
