import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { MilestoneKey } from '../milestone-enums';
import { MilestonesService } from '../milestones.service';
import { DEFAULT_MILESTONE_POLICY } from '../rules/milestone-policy';
import { lateJob, MilestoneJobFacts, plannedJobs, reconcileWindow } from './job-plan';
import { SELECT_MILESTONE } from './milestone-row';

/** A deadline action that should have happened and has not, by PostgreSQL alone. */
interface LateAction {
  milestoneId: string;
  episodeId: string;
  key: string;
  dueDate: string;
  /** `reminder 1`, `due`, `escalation 2`, ... */
  action: string;
  /** When it should have happened. */
  owedSince: Date;
  lateSeconds: number;
}

/** What the watchdog found at one look. */
export interface WatchdogFinding {
  checkedAt: Date;
  graceSeconds: number;
  /** How many actions are late (all of them). */
  count: number;
  /** The most late first, at most `limit` of them. */
  late: LateAction[];
}

/**
 * The deadline engine's watchdog: from PostgreSQL alone (never the queue), the open milestones whose next action's
 * moment passed more than `DEADLINE_WATCHDOG_GRACE_SECONDS` ago with no reminder, deadline or escalation recorded on
 * the row. Zero when the engine is healthy; anything else means a fault the engine has not (yet) healed. The worker
 * looks every `DEADLINE_WATCHDOG_INTERVAL_MS`, logs and repairs what it finds; the api's engine status looks too.
 */
@Injectable()
export class DeadlineWatchdog {
  private readonly graceMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly milestones: MilestonesService,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.graceMs = config.get('DEADLINE_WATCHDOG_GRACE_SECONDS', { infer: true }) * 1000;
  }

  async look(limit = 50): Promise<WatchdogFinding> {
    const now = this.clock.now();
    const policies = await this.milestones.overriddenPolicies();
    // Only rows that can owe an action now: pending ones whose first reminder may have passed, missed ones with a
    // level still to come (the reconciler's window with no reach ahead).
    const { pendingDueUntil, topLevel } = reconcileWindow(
      [DEFAULT_MILESTONE_POLICY, ...policies.values()],
      this.clock.today(),
      0,
    );
    const rows: (MilestoneJobFacts & { episodeId: string; serviceId: string })[] = await this.dataSource.query(
      `${SELECT_MILESTONE} WHERE (m.status = 'PENDING' AND m.due_date <= $1::date) OR (m.status = 'MISSED' AND m.escalation_level < $2)`,
      [pendingDueUntil, topLevel],
    );
    const late: LateAction[] = [];
    for (const row of rows) {
      const entry = (policies.get(row.serviceId) ?? DEFAULT_MILESTONE_POLICY)[row.key as MilestoneKey];
      if (!entry) continue;
      const job = lateJob(plannedJobs(row, entry), now, this.graceMs);
      if (!job) continue;
      late.push({
        milestoneId: row.id,
        episodeId: row.episodeId,
        key: row.key,
        dueDate: row.dueDate!,
        action:
          job.name === 'reminder'
            ? `reminder ${job.data.reminder}`
            : job.name === 'escalate'
              ? `escalation ${job.data.level}`
              : 'due',
        owedSince: job.runAt,
        lateSeconds: Math.round((now.getTime() - job.runAt.getTime()) / 1000),
      });
    }
    late.sort((a, b) => b.lateSeconds - a.lateSeconds);
    return { checkedAt: now, graceSeconds: this.graceMs / 1000, count: late.length, late: late.slice(0, limit) };
  }

  /** Every late milestone's id (for the repair). */
  async lateMilestoneIds(): Promise<string[]> {
    return (await this.look(Number.MAX_SAFE_INTEGER)).late.map((a) => a.milestoneId);
  }
}
