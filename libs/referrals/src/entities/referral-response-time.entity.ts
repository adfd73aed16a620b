import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ResponseStep } from '../rules/response-due';

/** One step a council answered: when it started, when it was answered and the working days it took (the measures). */
@Entity()
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

  /** The council. */
  @Column({ type: 'uuid' })
  organisationId: string;

  /** The youth justice service that made the referral. */
  @Column({ type: 'uuid' })
  fromServiceId: string;

  @Column({ type: 'timestamptz' })
  answeredAt: Date;

  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'int' })
  workingDays: number;
}
