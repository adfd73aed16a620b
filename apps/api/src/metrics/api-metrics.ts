import {
  Controller,
  Get,
  Headers,
  Inject,
  Injectable,
  OnApplicationBootstrap,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { DocumentNode, Kind, OperationDefinitionNode } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import { AppConfig, METRICS, Metrics, metricsScrapeAllowed } from '@resettle/common';

/** What the GraphQL layer notes on a request for the metrics (set in Mercurius's hooks and the error formatter). */
export interface GraphqlRequestFacts {
  graphqlOperation?: string;
  graphqlOutcome?: string;
}

/**
 * A request's operation as a metric label: its type and first root field (`query caseload`), which the schema
 * bounds, never the client's own operation name (anyone could invent a new label each request).
 */
function operationLabel(document: DocumentNode, operationName?: string | null): string {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = (operationName && operations.find((o) => o.name?.value === operationName)) || operations[0];
  const field = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return operation && field && field.kind === Kind.FIELD ? `${operation.operation} ${field.name.value}` : 'unknown';
}

/**
 * The api's request metrics, by operation: how many, with what outcome (`ok` or the first error's code), and how
 * long they took. The process's default metrics come with the registry.
 */
@Injectable()
export class ApiMetrics implements OnApplicationBootstrap {
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;

  constructor(
    @Inject(METRICS) metrics: Metrics,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    const registers = [metrics.registry];
    this.requests = new Counter({
      name: 'resettle_graphql_requests_total',
      help: 'GraphQL requests by operation and outcome',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'resettle_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its answer',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  /** Mercurius is registered by now: tag each request with its operation before it runs. */
  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance() as {
      graphql?: {
        addHook(
          name: 'preExecution',
          hook: (
            schema: unknown,
            document: DocumentNode,
            context: { reply?: { request?: GraphqlRequestFacts } },
          ) => Promise<void>,
        ): void;
      };
    };
    fastify.graphql?.addHook('preExecution', async (_schema, document, context) => {
      const request = context.reply?.request as
        (GraphqlRequestFacts & { body?: { operationName?: string } }) | undefined;
      if (request) request.graphqlOperation = operationLabel(document, request.body?.operationName);
    });
  }

  /** Called when a GraphQL request's answer has gone (a Fastify onResponse hook). */
  observe(request: GraphqlRequestFacts, elapsedMs: number, statusCode: number): void {
    const operation = request.graphqlOperation ?? (statusCode >= 400 ? 'refused' : 'invalid');
    const outcome =
      request.graphqlOutcome ?? (statusCode >= 500 ? 'INTERNAL' : statusCode >= 400 ? `HTTP_${statusCode}` : 'ok');
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation }, elapsedMs / 1000);
  }
}

/** `/metrics` for Prometheus: open, or behind `Authorization: Bearer <METRICS_TOKEN>` when that is set. */
@Controller()
export class MetricsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  @Get('metrics')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!metricsScrapeAllowed(this.config.get('METRICS_TOKEN', { infer: true }), authorization))
      throw new UnauthorizedException('A bearer token is required');
    await reply
      .header('content-type', this.metrics.contentType)
      .header('cache-control', 'no-store')
      .send(await this.metrics.text());
  }
}
