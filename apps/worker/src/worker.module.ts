import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { AuditMaintenanceWorkerModule } from '@resettle/audit';
import { AppConfig, boundedLogDestination, ClockModule, MetricsModule, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import { DeadlineEngineModule } from '@resettle/milestones';
import { NotificationsWorkerModule } from '@resettle/notifications';
import { OutboxRelay, QueueModule } from '@resettle/queue';
import { ReferralResponsesWorkerModule } from '@resettle/referrals';
import { WorkerHealthServer } from './worker-health';
import { WorkerHeartbeat } from './worker-heartbeat';
import { WorkerMetrics } from './worker-metrics';

/**
 * The worker: the outbox relay, the deadline engine (milestone reminders, due moments, escalations, the
 * reconciler, the watchdog), notification email, and a small health and metrics server. It imports feature service
 * modules only, never the api's GraphQL modules, so it starts fast and holds no HTTP server.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateConfig, cache: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        pinoHttp: [{ level: config.get('LOG_LEVEL', { infer: true }) }, boundedLogDestination()],
      }),
    }),
    ClockModule,
    MetricsModule.forRoot('worker'),
    DatabaseModule,
    QueueModule.forRoot('worker'),
    DeadlineEngineModule,
    NotificationsWorkerModule,
    ReferralResponsesWorkerModule,
    AuditMaintenanceWorkerModule,
  ],
  // The relay moves committed outbox rows to the queues above; the health server answers probes and scrapes.
  providers: [WorkerHeartbeat, OutboxRelay, WorkerMetrics, WorkerHealthServer],
})
export class WorkerModule {}
