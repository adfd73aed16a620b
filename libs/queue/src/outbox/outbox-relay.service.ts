import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** How often the relay looks for unpublished outbox rows, unless `OUTBOX_POLL_MS` says otherwise. */
const OUTBOX_POLL_MS = 500;
/** Rows claimed per transaction. */
const RELAY_BATCH = 500;

/** A BullMQ job id from an outbox row: BullMQ refuses ':' in custom ids. */
function jobIdOf(row: { id: string; job_id: string | null }): string {
  return (row.job_id ?? `outbox-${row.id}`).replace(/:/g, '_');
}

/**
 * Moves committed outbox rows to BullMQ: topic `queue.job` → queue `queue`, job `job`, with the row's job id (so a
 * row relayed twice after a crash makes one job). Rows are claimed with FOR UPDATE SKIP LOCKED, so two workers never
 * publish the same row; when Redis is down the rows stay unpublished (with the error) and go at the next poll.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly config?: ConfigService,
  ) {}

  onApplicationBootstrap(): void {
    const every = Number(this.config?.get('OUTBOX_POLL_MS') ?? OUTBOX_POLL_MS);
    this.timer = setInterval(() => void this.tick(), every > 0 ? every : OUTBOX_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.drain().catch((error) => {
      this.log.error(`Outbox relay failed: ${error instanceof Error ? error.message : error}`);
      return 0;
    });
    await this.running;
    this.running = null;
  }

  /**
   * Batch after batch while they come full, so a burst (an escalation run writes an email row per notification)
   * is relayed at Redis' pace, not one batch a poll, and a schedule row written behind it is not left waiting.
   */
  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.relayOnce();
      total += published;
      if (published < RELAY_BATCH || this.stopping) return total;
    }
  }

  /**
   * Publishes one batch, each queue's rows in one `addBulk` (one pipeline; BullMQ still adds each job by its id, so a
   * row relayed twice is one job); returns how many rows went. A queue's rows that Redis refused stay unpublished,
   * with the error, for the next poll.
   */
  async relayOnce(batch = RELAY_BATCH): Promise<number> {
    let published = 0;
    let failure: { ids: string[]; message: string } | null = null;
    await this.dataSource.transaction(async (em) => {
      const rows: { id: string; topic: string; payload: Record<string, unknown>; job_id: string | null }[] =
        await em.query(
          `SELECT id, topic, payload, job_id FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
      const done: string[] = [];
      const byQueue = new Map<string, typeof rows>();
      for (const row of rows) {
        const queueName = row.topic.split('.', 1)[0];
        const list = byQueue.get(queueName);
        if (list) list.push(row);
        else byQueue.set(queueName, [row]);
      }
      for (const [queueName, list] of byQueue) {
        try {
          await this.queueFor(queueName).addBulk(
            list.map((row) => ({ name: row.topic.split('.', 2)[1], data: row.payload, opts: { jobId: jobIdOf(row) } })),
          );
          done.push(...list.map((row) => row.id));
        } catch (error) {
          const doneIds = new Set(done);
          failure = {
            ids: rows.filter((r) => !doneIds.has(r.id)).map((r) => r.id),
            message: error instanceof Error ? error.message : String(error),
          };
          break;
        }
      }
      if (done.length)
        await em.query(`UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[])`, [done]);
      published = done.length;
    });
    if (failure) {
      const { ids, message } = failure as { ids: string[]; message: string };
      await this.dataSource.query(
        `UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`,
        [ids, message],
      );
    }
    return published;
  }

  private queueFor(name: string): Queue {
    try {
      return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
    } catch {
      throw new Error(`No queue named ${name} is registered in this process`);
    }
  }
}
