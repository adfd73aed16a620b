import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What each worker last said about the deadline engine, for the admins' engine status and for people reading the
 * database in an incident: when it was last seen, its last reconcile, and what its watchdog found. One row per
 * worker process, written every watchdog round; rows of workers gone for a day are dropped.
 */
@Entity()
export class DeadlineEngineStatus {
  /** The worker process (host:pid:start). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_deadline_engine_status' })
  workerId: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  seenAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastReconcileAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastReconcileMs: number | null;

  /** Open milestones the last reconcile looked at. */
  @Column({ type: 'int', nullable: true })
  lastReconcileMilestones: number | null;

  /** When the watchdog last looked (null: not yet, or PostgreSQL was away). */
  @Column({ type: 'timestamptz', nullable: true })
  watchdogAt: Date | null;

  /** Deadline actions the watchdog found late then (0 is healthy). */
  @Column({ type: 'int', default: 0 })
  lateActions: number;

  /** Whether Redis held the engine's marker and job schedulers at the worker's last look. */
  @Column({ type: 'boolean', default: true })
  queueStateOk: boolean;
}
