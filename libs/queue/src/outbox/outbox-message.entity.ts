import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The transactional outbox: work that must happen after a change commits (schedule a milestone's reminders, send a
 * notification) is written here in the change's own transaction. The worker's relay moves unpublished rows to
 * BullMQ, so a Redis outage at commit time loses nothing: the row waits until Redis is back.
 */
@Entity()
@Index('ix_outbox_message_unpublished', ['id'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_outbox_message',
  })
  id: string;

  /** What to do, e.g. `milestones.refresh`; the relay maps a topic to its queue. */
  @Column()
  topic: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  /** The BullMQ job id to use, so a message relayed twice (the relay crashed after adding) makes one job. */
  @Column({ type: 'text', nullable: true })
  jobId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
