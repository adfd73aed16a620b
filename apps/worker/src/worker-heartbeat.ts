import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_CONNECTION } from '@resettle/queue';

/** Proves at start-up that the worker reaches PostgreSQL and Redis, and says so in the log. */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap {
  private readonly log = new Logger('Worker');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    this.log.log('Worker ready: PostgreSQL and Redis reachable');
  }
}
