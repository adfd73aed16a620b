import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { AppConfig } from '@resettle/common';
import { QueueRebuild } from './queue-state/queue-rebuild.entity';
import { QueueStateKeeper } from './queue-state/queue-state-keeper';
import { QueueWorkers } from './queue-workers';
import { closeRedisConnections, createRedisConnection, REDIS_CONNECTION } from './redis-connection';

const OWN_CONNECTIONS = Symbol('OWN_CONNECTIONS');

/**
 * Redis for the whole process: a shared connection (health checks, simple commands) and BullMQ's root config,
 * both from the one factory. `role` says whether this process produces jobs (api) or runs them (worker); a worker
 * also gets its BullMQ workers (`QueueWorkers`) and the keeper that rebuilds lost Redis state (`QueueStateKeeper`).
 */
@Global()
@Module({})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(OWN_CONNECTIONS) private readonly own: Set<Redis>) {}

  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    // The connections this app opened: an api and a worker in one process (the tests) each close only their own.
    const own = new Set<Redis>();
    const open = (config: ConfigService<AppConfig, true>) => {
      const connection = createRedisConnection(config.get('REDIS_URL', { infer: true }), role);
      own.add(connection);
      return connection;
    };
    return {
      module: QueueModule,
      imports: [
        // Its rebuild history: read by the api's engine status, written by the worker's keeper.
        TypeOrmModule.forFeature([QueueRebuild]),
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => ({
            connection: open(config),
            prefix: config.get('QUEUE_PREFIX', { infer: true }),
          }),
        }),
      ],
      providers: [
        { provide: OWN_CONNECTIONS, useValue: own },
        { provide: REDIS_CONNECTION, inject: [ConfigService], useFactory: open },
        ...(role === 'worker' ? [QueueWorkers, QueueStateKeeper] : []),
      ],
      exports: [REDIS_CONNECTION, BullModule, ...(role === 'worker' ? [QueueWorkers, QueueStateKeeper] : [])],
    };
  }

  /** Runs after every queue and worker has closed (they close on module destroy, before this hook). */
  async onApplicationShutdown(): Promise<void> {
    await closeRedisConnections(this.own);
  }
}
