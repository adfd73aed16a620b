import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { NOTIFICATIONS_QUEUE } from '@resettle/notifications';
import { outboxLag, queueDepths, recentQueueRebuilds } from '@resettle/queue';
import { DeadlineEngineStatus } from '../deadline-engine/deadline-engine-status.entity';
import { DeadlineWatchdog } from '../deadline-engine/deadline-watchdog';
import { MILESTONES_QUEUE } from '../deadline-engine/job-plan';
import { DeadlineEngineStatusType } from './deadline-engine-status.types';

/** The outbox is stuck when its oldest row has waited longer than this (the relay polls every half second). */
const OUTBOX_STUCK_SECONDS = 60;

/**
 * The deadline engine as the api sees it, from PostgreSQL (the watchdog, the workers' reports, the outbox, the
 * rebuild history) and Redis (queue depths, failed jobs): what the admins' engine status page shows.
 */
@Injectable()
export class DeadlineEngineStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly watchdog: DeadlineWatchdog,
    private readonly clock: Clock,
    private readonly config: ConfigService<AppConfig, true>,
    @InjectQueue(MILESTONES_QUEUE) private readonly milestonesQueue: Queue,
    @InjectQueue(NOTIFICATIONS_QUEUE) private readonly notificationsQueue: Queue,
  ) {}

  async status(): Promise<DeadlineEngineStatusType> {
    const [finding, workers, queues, outbox, rebuilds] = await Promise.all([
      this.watchdog.look(20),
      this.dataSource.getRepository(DeadlineEngineStatus).find({ order: { seenAt: 'DESC' } }),
      queueDepths([this.milestonesQueue, this.notificationsQueue]),
      outboxLag(this.dataSource),
      recentQueueRebuilds(this.dataSource, 10),
    ]);
    const now = this.clock.now();
    // A worker reports every watchdog round; three rounds without a word and it is taken for gone.
    const staleAfterMs = 3 * this.config.get('DEADLINE_WATCHDOG_INTERVAL_MS', { infer: true }) + 30_000;
    const reported = workers.map((w) => ({ ...w, current: now.getTime() - w.seenAt.getTime() <= staleAfterMs }));
    const current = reported.filter((w) => w.current);
    const problems: string[] = [];
    if (finding.count)
      problems.push(`${finding.count} deadline action(s) late by more than ${finding.graceSeconds} seconds`);
    if (!current.length) problems.push('No worker has reported recently: deadline actions are not being taken');
    if (current.some((w) => !w.queueStateOk))
      problems.push('A worker found Redis had lost the queues’ state; it is being rebuilt from PostgreSQL');
    if (queues.some((q) => q === null)) problems.push('Redis did not answer: queue depths are unknown');
    if (outbox.lagSeconds > OUTBOX_STUCK_SECONDS)
      problems.push(
        `${outbox.unpublished} change(s) have waited ${Math.round(outbox.lagSeconds)} seconds to reach the queue`,
      );
    const failedForGood = queues.reduce((sum, q) => sum + (q?.failed ?? 0), 0);
    if (failedForGood)
      problems.push(`${failedForGood} job(s) failed for good (each deadline action still owed is planned again)`);
    const lastReconcile =
      reported
        .map((w) => w.lastReconcileAt)
        .filter((d): d is Date => !!d)
        .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    return {
      healthy: problems.length === 0,
      problems,
      checkedAt: finding.checkedAt,
      graceSeconds: finding.graceSeconds,
      lateActions: finding.count,
      late: finding.late,
      lastReconcileAt: lastReconcile,
      workers: reported,
      queues: queues.filter((q) => q !== null),
      outboxUnpublished: outbox.unpublished,
      outboxLagSeconds: outbox.lagSeconds,
      rebuilds,
    };
  }
}
