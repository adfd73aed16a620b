import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { within } from '@resettle/common';
import { QueueRebuild } from './queue-rebuild.entity';

export interface QueueDepth {
  queue: string;
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

export interface OutboxLag {
  /** Committed changes not yet moved to the queue. */
  unpublished: number;
  /** How long the oldest of them has waited (0 when none). */
  lagSeconds: number;
}

/** How far the outbox relay is behind: what an operator looks at when "nothing happens after I save". */
export async function outboxLag(dataSource: DataSource): Promise<OutboxLag> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS unpublished, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS "lagSeconds"
       FROM outbox_message WHERE published_at IS NULL`,
  );
  return row;
}

/** The latest rebuilds of Redis from PostgreSQL, newest first. */
export function recentQueueRebuilds(dataSource: DataSource, limit = 10): Promise<QueueRebuild[]> {
  return dataSource.getRepository(QueueRebuild).find({ order: { startedAt: 'DESC' }, take: limit });
}

/** Each queue's jobs by state, or null for a queue Redis did not answer for in `timeoutMs`. */
export async function queueDepths(queues: readonly Queue[], timeoutMs = 2000): Promise<(QueueDepth | null)[]> {
  return Promise.all(
    queues.map(async (queue) => {
      try {
        const counts = await within(
          timeoutMs,
          queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'prioritized'),
        );
        return {
          queue: queue.name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
          delayed: counts.delayed ?? 0,
          active: counts.active ?? 0,
          failed: counts.failed ?? 0,
        };
      } catch {
        return null;
      }
    }),
  );
}
