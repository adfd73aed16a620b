import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import Redis from 'ioredis';
import { REDIS_CONNECTION } from '@resettle/queue';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
  ) {}

  /** Liveness: the process answers. Nothing external, so a database blip does not restart every pod. */
  @Get()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** Readiness: PostgreSQL and Redis both answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const indicator = this.indicators.check('redis');
        let timer: NodeJS.Timeout | undefined;
        try {
          const pong = await Promise.race([
            this.redis.ping(),
            new Promise<string>((_, reject) => {
              timer = setTimeout(() => reject(new Error('timeout')), 2000);
            }),
          ]);
          return pong === 'PONG' ? indicator.up() : indicator.down({ message: `unexpected reply ${pong}` });
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        } finally {
          clearTimeout(timer);
        }
      },
    ]);
  }
}
