import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ClockModule, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import { QueueModule } from '@resettle/queue';
import { WorkerHeartbeat } from './worker-heartbeat';

/**
 * The worker: BullMQ processors and (with the deadline engine) the outbox relay and reconciler. It imports feature
 * service modules only, never the api's GraphQL modules, so it starts fast and holds no HTTP server.
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
  ],
  providers: [WorkerHeartbeat],
})
export class WorkerModule {}
