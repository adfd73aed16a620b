import { DynamicModule, Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '@resettle/common';
import { closeRedisConnections, createRedisConnection, REDIS_CONNECTION } from './redis-connection';

/**
 * Redis for the whole process: a shared connection (health checks, simple commands) and BullMQ's root config,
 * both from the one factory. `role` says whether this process produces jobs (api) or runs them (worker).
 */
@Global()
@Module({})
export class QueueModule implements OnApplicationShutdown {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => ({
            connection: createRedisConnection(config.get('REDIS_URL', { infer: true }), role),
            prefix: config.get('QUEUE_PREFIX', { infer: true }),
          }),
        }),
      ],
      providers: [
        {
          provide: REDIS_CONNECTION,
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => createRedisConnection(config.get('REDIS_URL', { infer: true }), role),
        },
      ],
      exports: [REDIS_CONNECTION, BullModule],
    };
  }

  /** Runs after every queue and worker has closed (they close on module destroy, before this hook). */
  async onApplicationShutdown(): Promise<void> {
    await closeRedisConnections();
  }
}
