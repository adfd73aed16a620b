import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * One level of escalation reached by one milestone for one due date. The primary key (milestone, due date, level) is
 * what makes an escalation happen once: the job inserts this row first, in the same transaction as its
 * notifications, and a job BullMQ delivers again finds the row there and tells nobody twice. A milestone re-opened
 * with a new due date (its release date moved) climbs the ladder afresh for that date.
 */
@Entity()
@Index('ix_milestone_escalation_created', ['createdAt'])
export class MilestoneEscalation {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_milestone_escalation' })
  milestoneId: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_milestone_escalation' })
  dueDate: string;

  @PrimaryColumn({ type: 'int', primaryKeyConstraintName: 'pk_milestone_escalation' })
  level: number;

  @ManyToOne('Milestone', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id', foreignKeyConstraintName: 'fk_milestone_escalation_milestone' })
  private readonly milestoneRelation?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
