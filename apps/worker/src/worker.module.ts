import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ClockModule, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import { OutboxRelay, QueueModule } from '@resettle/queue';
import { DeadlineEngineModule } from '@resettle/milestones';
import { NotificationsWorkerModule } from '@resettle/notifications';
import { WorkerHeartbeat } from './worker-heartbeat';

/**
 * The worker: the outbox relay, the deadline engine (milestone reminders, due moments, escalations, the
 * reconciler) and notification email. It imports feature service modules only, never the api's GraphQL modules, so it
 * starts fast and holds no HTTP server.
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateConfig, cache: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({ pinoHttp: { level: config.get('LOG_LEVEL', { infer: true }) } }),
    }),
    ClockModule,
    DatabaseModule,
    QueueModule.forRoot('worker'),
    DeadlineEngineModule,
    NotificationsWorkerModule,
  ],
  // The relay moves committed outbox rows to the queues above.
  providers: [WorkerHeartbeat, OutboxRelay],
})
export class WorkerModule {}
