import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One rebuild of what a worker keeps in Redis (job schedulers and every job within reach) from PostgreSQL: at worker
 * start, and whenever a worker finds Redis has lost it (flushed, restarted without persistence). Kept in PostgreSQL,
 * so the history survives the very loss it records; at most one runs at a time across all workers.
 */
@Entity()
@Index('ix_queue_rebuild_started', ['startedAt'])
export class QueueRebuild {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_queue_rebuild',
  })
  id: string;

  /** The worker process that ran it (host:pid:start). */
  @Column({ type: 'text' })
  workerId: string;

  /** Why: `worker started`, `marker missing` (Redis lost its data), `schedulers missing`, `redis reconnected`. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** DONE, or FAILED with `error`; null while it runs (or if the worker died during it). */
  @Column({ type: 'text', nullable: true })
  outcome: 'DONE' | 'FAILED' | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
