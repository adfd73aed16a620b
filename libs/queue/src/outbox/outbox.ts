import { EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxEntry {
  topic: string;
  payload: Record<string, unknown>;
  /** Optional BullMQ job id (deduplicates the job the message becomes). */
  jobId?: string | null;
}

/**
 * Writes outbox rows in the caller's transaction. A plain function of the EntityManager, so any feature's service
 * can call it inside its own transaction without depending on a Nest provider.
 */
export async function writeOutbox(em: EntityManager, entries: OutboxEntry | readonly OutboxEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as OutboxEntry];
  if (list.length === 0) return;
  await em
    .createQueryBuilder()
    .insert()
    .into(OutboxMessage)
    .values(list.map((e) => ({ topic: e.topic, payload: e.payload, jobId: e.jobId ?? null })))
    .updateEntity(false)
    .execute();
}
