import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { METRICS, Metrics, within } from '@resettle/common';
import { DeadlineEngineMonitor, MilestoneJobs, MILESTONES_QUEUE } from '@resettle/milestones';
import { NOTIFICATIONS_QUEUE } from '@resettle/notifications';
import { outboxLag, QueueStateKeeper, QueueWorkers } from '@resettle/queue';

const QUEUES = [MILESTONES_QUEUE, NOTIFICATIONS_QUEUE];

const STATES = ['waiting', 'delayed', 'active', 'failed', 'completed', 'prioritized'] as const;

/**
 * The worker's own metrics, read when Prometheus scrapes (`/metrics` on the health server): queue depths by state,
 * jobs failed for good, the last reconcile, the watchdog's late actions, whether Redis holds the queues' state, and
 * the outbox's lag (how long the oldest committed change has waited to reach the queue).
 */
@Injectable()
export class WorkerMetrics implements OnModuleInit {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keeper: QueueStateKeeper,
    private readonly workers: QueueWorkers,
    private readonly jobs: MilestoneJobs,
    private readonly monitor: DeadlineEngineMonitor,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const queues = QUEUES.map((name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    new Gauge({
      name: 'resettle_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers,
      collect: async function () {
        for (const queue of queues) {
          // Redis away: the worker's connection waits for it, a scrape must not (the depths are left out then).
          const counts = await within(1000, queue.getJobCounts(...STATES)).catch(() => null);
          if (counts) for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    const failed = new Counter({
      name: 'resettle_queue_jobs_failed_total',
      help: 'Jobs that failed for good (their attempts spent)',
      labelNames: ['queue'],
      registers,
    });
    this.workers.onJobFailed((queue) => failed.inc({ queue }));
    const jobs = this.jobs;
    new Gauge({
      name: 'resettle_deadline_reconcile_last_timestamp_seconds',
      help: 'When this worker last finished a reconcile of the deadline jobs with PostgreSQL',
      registers,
      collect() {
        if (jobs.lastReconcile) this.set(jobs.lastReconcile.at.getTime() / 1000);
      },
    });
    new Gauge({
      name: 'resettle_deadline_reconcile_duration_seconds',
      help: 'How long the last reconcile took',
      registers,
      collect() {
        if (jobs.lastReconcile) this.set(jobs.lastReconcile.ms / 1000);
      },
    });
    const monitor = this.monitor;
    new Gauge({
      name: 'resettle_deadline_late_actions',
      help: 'Deadline actions (reminders, due moments, escalations) late beyond the grace, as the watchdog last found in PostgreSQL; -1 when it could not look',
      registers,
      collect() {
        this.set(monitor.lastFinding ? monitor.lastFinding.count : -1);
      },
    });
    const keeper = this.keeper;
    new Gauge({
      name: 'resettle_queue_state_intact',
      help: "1 when Redis held the queues' marker and job schedulers at the last check, 0 while they are lost or being rebuilt",
      registers,
      collect() {
        this.set(keeper.state.intact ? 1 : 0);
      },
    });
    const dataSource = this.dataSource;
    new Gauge({
      name: 'resettle_outbox_lag_seconds',
      help: 'Age of the oldest committed outbox row not yet moved to the queue (0 when none)',
      registers,
      async collect() {
        const lag = await within(1000, outboxLag(dataSource)).catch(() => null);
        if (lag) this.set(lag.lagSeconds);
      },
    });
  }
}
