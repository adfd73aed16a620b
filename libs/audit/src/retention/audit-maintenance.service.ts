import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, Clock } from '@resettle/common';
import { AuditService } from '../audit.service';
import { AuditOutcome } from '../audit-event.model';
import { AuditMonth, auditPartitionPlan } from './audit-partitions';

/** What one maintenance run did, as its own audit row records it. */
export interface AuditMaintenanceRun {
  retentionMonths: number;
  created: AuditMonth[];
  dropped: AuditMonth[];
  /** Months the plan would drop that PostgreSQL refused (its own clock says they are still kept). */
  refused: AuditMonth[];
  /** Rows of the default partition past the retention, deleted. */
  purgedDefaultRows: number;
}

/**
 * Keeps the audit log's monthly partitions: this month's and the next two made ahead of time, and months wholly older
 * than `AUDIT_RETENTION_MONTHS` dropped (the pure `auditPartitionPlan` decides; the owner's SECURITY DEFINER functions
 * act, and refuse to drop anything less than a year old whatever they are asked). Each run is audited.
 */
@Injectable()
export class AuditMaintenance {
  private readonly log = new Logger('AuditMaintenance');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async run(): Promise<AuditMaintenanceRun> {
    const retentionMonths = this.config.get('AUDIT_RETENTION_MONTHS', { infer: true });
    const existing: { month: AuditMonth }[] = await this.dataSource.query(`SELECT audit_partition_months() AS month`);
    const plan = auditPartitionPlan(
      this.clock.now(),
      retentionMonths,
      existing.map((r) => r.month),
    );
    const created: AuditMonth[] = [];
    for (const month of plan.create) {
      const [{ made }] = await this.dataSource.query(`SELECT audit_create_partition($1) AS made`, [month]);
      if (made) created.push(month);
    }
    const dropped: AuditMonth[] = [];
    const refused: AuditMonth[] = [];
    for (const month of plan.drop) {
      try {
        const [{ gone }] = await this.dataSource.query(`SELECT audit_drop_partition($1, $2) AS gone`, [
          month,
          retentionMonths,
        ]);
        if (gone) dropped.push(month);
      } catch (error) {
        // PostgreSQL's clock disagrees with ours (a clock set for a demo): keep the month, and say so.
        refused.push(month);
        this.log.warn(`Audit month ${month} was not dropped: ${(error as Error).message}`);
      }
    }
    const [{ purged }] = await this.dataSource.query(`SELECT audit_purge_default($1) AS purged`, [retentionMonths]);
    const run: AuditMaintenanceRun = {
      retentionMonths,
      created,
      dropped,
      refused,
      purgedDefaultRows: Number(purged),
    };
    await this.audit.record({
      actor: null,
      action: 'auditMaintenance',
      resourceType: 'AuditLog',
      outcome: AuditOutcome.SUCCEEDED,
      detail: { ...run },
    });
    if (created.length || dropped.length || run.purgedDefaultRows) this.log.log(run, 'Audit partitions kept');
    return run;
  }
}
