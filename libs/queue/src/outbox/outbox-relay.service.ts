import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** How often the relay looks for unpublished outbox rows, unless `OUTBOX_POLL_MS` says otherwise. */
export const OUTBOX_POLL_MS = 500;

/** A BullMQ job id from an outbox row: BullMQ refuses ':' in custom ids. */
export function jobIdOf(row: { id: string; job_id: string | null }): string {
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
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.relayOnce().catch((error) => {
      this.log.error(`Outbox relay failed: ${error instanceof Error ? error.message : error}`);
      return 0;
    });
    await this.running;
    this.running = null;
  }

  /** Publishes one batch; returns how many rows went. */
  async relayOnce(batch = 100): Promise<number> {
    let published = 0;
    let failure: { ids: string[]; message: string } | null = null;
    await this.dataSource.transaction(async (em) => {
      const rows: { id: string; topic: string; payload: Record<string, unknown>; job_id: string | null }[] = await em.query(
        `SELECT id, topic, payload, job_id FROM outbox_message WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      const done: string[] = [];
      for (const row of rows) {
        const [queueName, jobName] = row.topic.split('.', 2);
        try {
          await this.queueFor(queueName).add(jobName, row.payload, { jobId: jobIdOf(row) });
          done.push(row.id);
        } catch (error) {
          failure = { ids: rows.filter((r) => !done.includes(r.id)).map((r) => r.id), message: error instanceof Error ? error.message : String(error) };
          break;
        }
      }
      if (done.length) await em.query(`UPDATE outbox_message SET published_at = now() WHERE id = ANY($1::bigint[])`, [done]);
      published = done.length;
    });
    if (failure) {
      const { ids, message } = failure as { ids: string[]; message: string };
      await this.dataSource.query(`UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, message]);
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
