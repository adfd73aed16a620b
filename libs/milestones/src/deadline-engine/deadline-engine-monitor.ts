import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { QueueStateKeeper } from '@resettle/queue';
import { DeadlineWatchdog, WatchdogFinding } from './deadline-watchdog';
import { MilestoneJobs } from './milestone-jobs.service';

/** Rows of workers not seen for this long are dropped from the engine status. */
const FORGET_WORKERS_AFTER = '1 day';

/**
 * The worker's eye on its own engine, every `DEADLINE_WATCHDOG_INTERVAL_MS`:
 * - asks the watchdog (PostgreSQL alone) for deadline actions that are late; logs each round that finds any at error
 *   level, and repairs them (their milestones' jobs are synced, which plans again any job that failed or vanished);
 * - writes what it knows to `deadline_engine_status` (last reconcile, late actions, whether Redis held the queues'
 *   state), for the admins' engine status;
 * - and keeps the last finding for readiness and metrics.
 */
@Injectable()
export class DeadlineEngineMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('DeadlineWatchdog');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The last look (null until the first, or while PostgreSQL is away). */
  lastFinding: WatchdogFinding | null = null;
  lastError: string | null = null;

  constructor(
    private readonly watchdog: DeadlineWatchdog,
    private readonly jobs: MilestoneJobs,
    private readonly keeper: QueueStateKeeper,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.get('DEADLINE_WATCHDOG_INTERVAL_MS', { infer: true });
    this.timer = setInterval(() => void this.round(), every);
    this.timer.unref();
    void this.round();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One look, repair and status write; one at a time (a second call shares the first). */
  round(): Promise<void> {
    this.running ??= this.roundOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async roundOnce(): Promise<void> {
    try {
      const finding = await this.watchdog.look(20);
      this.lastFinding = finding;
      this.lastError = null;
      if (finding.count) {
        const worst = finding.late
          .slice(0, 5)
          .map((a) => `${a.key} ${a.action} of milestone ${a.milestoneId} (due ${a.dueDate}), ${a.lateSeconds} s late`);
        this.log.error(
          { late: finding.count, worst: finding.late.slice(0, 20) },
          `${finding.count} deadline action(s) late beyond ${finding.graceSeconds} s; repairing: ${worst.join('; ')}`,
        );
        await this.jobs.sync(await this.watchdog.lateMilestoneIds());
      }
    } catch (error) {
      this.lastFinding = null;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.log.error(`The deadline watchdog could not look (it tries again): ${this.lastError}`);
    }
    await this.writeStatus().catch((error) =>
      this.log.warn(`Could not write the engine status: ${error instanceof Error ? error.message : error}`),
    );
  }

  private async writeStatus(): Promise<void> {
    const reconcile = this.jobs.lastReconcile;
    const state = this.keeper.state;
    await this.dataSource.query(
      `INSERT INTO deadline_engine_status AS s (worker_id, started_at, seen_at, last_reconcile_at, last_reconcile_ms, last_reconcile_milestones, watchdog_at, late_actions, queue_state_ok)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = EXCLUDED.seen_at, last_reconcile_at = EXCLUDED.last_reconcile_at,
         last_reconcile_ms = EXCLUDED.last_reconcile_ms, last_reconcile_milestones = EXCLUDED.last_reconcile_milestones,
         watchdog_at = COALESCE(EXCLUDED.watchdog_at, s.watchdog_at), late_actions = EXCLUDED.late_actions, queue_state_ok = EXCLUDED.queue_state_ok`,
      [
        this.keeper.workerId,
        this.keeper.startedAt,
        this.clock.now(),
        reconcile?.at ?? null,
        reconcile?.ms ?? null,
        reconcile?.milestones ?? null,
        this.lastFinding?.checkedAt ?? null,
        this.lastFinding?.count ?? 0,
        state.intact,
      ],
    );
    await this.dataSource.query(
      `DELETE FROM deadline_engine_status WHERE seen_at < $1::timestamptz - interval '${FORGET_WORKERS_AFTER}'`,
      [this.clock.now()],
    );
  }
}
