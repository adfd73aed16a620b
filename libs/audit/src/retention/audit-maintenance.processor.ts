import { BullModule } from '@nestjs/bullmq';
import { Injectable, Logger, Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueStateKeeper, QueueWorkers } from '@resettle/queue';
import { AuditModule } from '../audit.module';
import { AuditMaintenance, AuditMaintenanceRun } from './audit-maintenance.service';

const AUDIT_MAINTENANCE_QUEUE = 'audit-maintenance';
const SCHEDULER_ID = 'audit-maintenance-daily';

/**
 * The `audit-maintenance` queue: one run a day at 02:30 London time (a BullMQ job scheduler kept by the
 * `QueueStateKeeper`, so a Redis that lost it gets it back), and one when the worker starts, so a new deployment has
 * its partitions at once. A run reads and changes only PostgreSQL and is idempotent: run twice, it does nothing more.
 */
@Injectable()
class AuditMaintenanceProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('AuditMaintenance');

  constructor(
    private readonly maintenance: AuditMaintenance,
    private readonly workers: QueueWorkers,
    private readonly keeper: QueueStateKeeper,
  ) {}

  onModuleInit(): void {
    this.keeper.addRecurring({
      queueName: AUDIT_MAINTENANCE_QUEUE,
      schedulerId: SCHEDULER_ID,
      repeat: { pattern: '30 2 * * *', tz: 'Europe/London' },
      job: { name: 'maintain' },
    });
  }

  onApplicationBootstrap(): void {
    this.workers.start(AUDIT_MAINTENANCE_QUEUE, (job) => this.process(job), { concurrency: 1 });
    // Not awaited: the worker's start does not wait on it, and the daily run repeats anything that failed here.
    void this.maintenance.run().catch((error) => this.log.warn(`Audit maintenance at start failed: ${error}`));
  }

  process(job: Job): Promise<AuditMaintenanceRun | 'unknown'> {
    return job.name === 'maintain' ? this.maintenance.run() : Promise.resolve('unknown');
  }
}

/** The worker's half of the audit log: its partitions and retention. */
@Module({
  imports: [
    AuditModule,
    BullModule.registerQueue({
      name: AUDIT_MAINTENANCE_QUEUE,
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: { age: 7 * 86400, count: 30 },
        removeOnFail: { age: 30 * 86400, count: 30 },
      },
    }),
  ],
  providers: [AuditMaintenanceProcessor],
})
export class AuditMaintenanceWorkerModule {}
