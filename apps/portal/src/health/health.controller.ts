import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import type { PortalConfig } from '../config/portal-config';
import { PORTAL_CONFIG } from '../config/portal-config.provider';
import { PORTAL_REDIS } from '../session/portal-redis.provider';

/** Liveness, and readiness: the portal is useful only while it reaches Redis (sessions) and the api. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(PORTAL_REDIS) private readonly redis: Redis,
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
  ) {}

  @Get()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    const redis = await this.redis.ping().then(
      () => 'up',
      () => 'down',
    );
    const apiHealth = new URL('/health', this.config.API_URL).toString();
    const api = await fetch(apiHealth, { signal: AbortSignal.timeout(2000) }).then(
      (r) => (r.ok ? 'up' : 'down'),
      () => 'down',
    );
    const details = { redis: { status: redis }, api: { status: api } };
    const ok = redis === 'up' && api === 'up';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', details });
  }
}
