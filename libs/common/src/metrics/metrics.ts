import { timingSafeEqual } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (prom-client): the default process metrics (CPU, memory, event loop lag, GC) plus
 * whatever the app adds. One registry per app instance, not prom-client's global one, so an api and a worker in one
 * process (the tests) each keep their own.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor(app: string) {
    this.registry.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this.registry, prefix: 'resettle_' });
  }

  /** The text a scraper reads. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * Whether a scrape may read the metrics: any request when no token is set, else only `Authorization: Bearer <token>`.
 */
export function metricsScrapeAllowed(token: string | undefined, authorization: unknown): boolean {
  if (!token) return true;
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(typeof authorization === 'string' ? authorization : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const METRICS = Symbol('METRICS');

@Global()
@Module({})
export class MetricsModule {
  static forRoot(app: 'api' | 'worker' | 'portal'): DynamicModule {
    return {
      module: MetricsModule,
      providers: [{ provide: METRICS, useFactory: () => new Metrics(app) }],
      exports: [METRICS],
    };
  }
}
