import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { MilestoneKey } from '../milestone-enums';
import type { MilestoneOffset, OffsetDirection, OffsetUnit } from '../rules/milestone-policy';

/**
 * A youth justice service's change to one milestone of the default policy (DOMAIN.md "Deadlines": configurable per
 * service). Null columns keep the default.
 */
@Entity()
@Index('uq_milestone_policy_override_service_key', ['youthJusticeServiceId', 'key'], { unique: true })
export class MilestonePolicyOverride {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_milestone_policy_override' })
  id: string;

  @Column({ type: 'uuid' })
  youthJusticeServiceId: string;

  @ManyToOne('Organisation', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'youth_justice_service_id', foreignKeyConstraintName: 'fk_milestone_policy_override_service' })
  private readonly serviceRelation?: unknown;

  @Column({ type: 'enum', enum: MilestoneKey, enumName: 'milestone_key' })
  key: MilestoneKey;

  @Column({ type: 'int', nullable: true })
  offsetAmount: number | null;

  @Column({ type: 'text', nullable: true })
  offsetUnit: OffsetUnit | null;

  @Column({ type: 'text', nullable: true })
  offsetDirection: OffsetDirection | null;

  /** Reminder offsets before the due date; null keeps the default. */
  @Column({ type: 'jsonb', nullable: true })
  reminders: MilestoneOffset[] | null;

  @Column({ default: false })
  disabled: boolean;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
