import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, METRICS, Metrics, metricsScrapeAllowed, within } from '@resettle/common';
import { DeadlineEngineMonitor } from '@resettle/milestones';
import { QueueStateKeeper, REDIS_CONNECTION } from '@resettle/queue';

export interface WorkerReadiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: unknown }>;
}

/**
 * The worker's small HTTP server, for docker compose and an orchestrator (the worker has no other): `/health`
 * (liveness: the process answers), `/health/ready` (PostgreSQL and Redis answer, Redis holds the queues' state, and
 * the watchdog found no late deadline action), and `/metrics` (Prometheus). Plain node:http: three routes do not
 * need a framework, and the worker stays an application context without one.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('WorkerHealth');
  private server: Server | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly keeper: QueueStateKeeper,
    private readonly monitor: DeadlineEngineMonitor,
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(
        this.config.get('WORKER_HEALTH_PORT', { infer: true }),
        this.config.get('WORKER_HEALTH_HOST', { infer: true }),
        () => resolve(),
      );
    });
    this.server = server;
    this.log.log(`Health and metrics on port ${this.port}: /health, /health/ready, /metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  }

  /** The port it listens on (0 in the config: whatever was free). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async readiness(): Promise<WorkerReadiness> {
    const checks: WorkerReadiness['checks'] = {};
    const probe = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await within(2000, fn());
        checks[name] = { ok: true };
      } catch (error) {
        checks[name] = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    };
    await Promise.all([
      probe('postgres', () => this.dataSource.query('SELECT 1')),
      probe('redis', () => this.redis.ping()),
    ]);
    const state = this.keeper.state;
    checks.queueState = state.intact ? { ok: true } : { ok: false, detail: state.problem };
    const finding = this.monitor.lastFinding;
    checks.deadlines = finding
      ? {
          ok: finding.count === 0,
          detail: finding.count ? { lateActions: finding.count, worst: finding.late.slice(0, 5) } : undefined,
        }
      : { ok: false, detail: this.monitor.lastError ?? 'the watchdog has not looked yet' };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method !== 'GET') return send(res, 405, { error: 'GET only' });
      // The time the service goes by (it differs from the machine's only with CLOCK_START_AT, never in production).
      if (path === '/health')
        return send(res, 200, { status: 'ok', workerId: this.keeper.workerId, now: this.clock.now().toISOString() });
      if (path === '/health/ready') {
        const readiness = await this.readiness();
        return send(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ok' : 'unavailable', ...readiness });
      }
      if (path === '/metrics') {
        if (!metricsScrapeAllowed(this.config.get('METRICS_TOKEN', { infer: true }), req.headers.authorization))
          return send(res, 401, { error: 'a bearer token is required' });
        res.writeHead(200, { 'content-type': this.metrics.contentType });
        res.end(await this.metrics.text());
        return;
      }
      send(res, 404, { error: 'not found' });
    } catch (error) {
      this.log.error(error instanceof Error ? error.message : String(error));
      send(res, 500, { error: 'internal' });
    }
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
