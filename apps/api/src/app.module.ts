import { Logger, Module, RequestMethod } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import type { GraphQLError } from 'graphql';
import { LoggerModule } from 'nestjs-pino';
import { AccessGuard, AccessModule, MutationAuditInterceptor } from '@resettle/access';
import { ChildrenGraphqlModule } from '@resettle/children';
import {
  AppConfig,
  boundedLogDestination,
  ClockModule,
  DateTimeScalar,
  DirectFieldResolvers,
  DirectFieldResolversModule,
  introspectionEnabled,
  isRefusal,
  MetricsModule,
  REFUSAL_LOG_WINDOW_MS,
  RefusalLine,
  RefusalLog,
  RequestLoaders,
  validateConfig,
} from '@resettle/common';
import { CustodyGraphqlModule } from '@resettle/custody';
import { DatabaseModule } from '@resettle/database';
import { IdentityGraphqlModule } from '@resettle/identity';
import { MilestonesGraphqlModule } from '@resettle/milestones';
import { NotificationsGraphqlModule, ReadAtPageInterceptor } from '@resettle/notifications';
import { OrganisationsGraphqlModule } from '@resettle/organisations';
import { PlanningGraphqlModule } from '@resettle/planning';
import { QueueModule } from '@resettle/queue';
import { ReferralsGraphqlModule } from '@resettle/referrals';
import { formatGraphqlError } from './graphql/error-formatter';
import { GraphqlExceptionFilter } from './graphql/graphql-exception.filter';
import { graphqlParseOptions, graphqlValidateOptions, graphqlValidationRules } from './graphql/query-limits';
import { withoutSuggestions } from './graphql/suggestions';
import { refuseUnstorableText } from './graphql/unstorable-text';
import { HealthModule } from './health/health.module';
import { pinoHttpOptions } from './logging';
import type { GraphqlRequestFacts } from './metrics/api-metrics';
import { ApiMetricsModule } from './metrics/metrics.module';

const graphqlLog = new Logger('GraphQL');
/** Refusals are counted, not logged one by one (see RefusalLog); the windows that are over are written each minute. */
const refusals = new RefusalLog(REFUSAL_LOG_WINDOW_MS);
setInterval(() => writeRefusals(refusals.flush(Date.now())), REFUSAL_LOG_WINDOW_MS).unref();

function writeRefusals(lines: RefusalLine[]): void {
  for (const { level, msg, ...fields } of lines) graphqlLog[level === 'warn' ? 'warn' : 'log'](fields, msg);
}

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateConfig, cache: true }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        // Bounded: a slow log reader costs dropped (and counted) lines, never unbounded memory.
        pinoHttp: [pinoHttpOptions(config.get('LOG_LEVEL', { infer: true })), boundedLogDestination()],
        exclude: [
          // Probes every few seconds would drown the log.
          { method: RequestMethod.GET, path: 'health' },
          { method: RequestMethod.GET, path: 'health/ready' },
          { method: RequestMethod.GET, path: 'metrics' },
          // GraphQL logs its own line per request (logGraphqlRequests): nestjs-pino runs each request it logs in
          // an AsyncLocalStorage, and on Node 20 that puts a hook on every promise of the process, which a
          // caseload page makes thousands of (a tenth of the api's CPU under load).
          { method: RequestMethod.ALL, path: 'graphql' },
        ],
      }),
    }),
    ClockModule,
    MetricsModule.forRoot('api'),
    DirectFieldResolversModule,
    DatabaseModule,
    QueueModule.forRoot('producer'),
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [ConfigService, DirectFieldResolvers],
      useFactory: (config: ConfigService<AppConfig, true>, direct: DirectFieldResolvers) => {
        const introspection = introspectionEnabled({
          NODE_ENV: config.get('NODE_ENV', { infer: true }),
          GRAPHQL_INTROSPECTION: config.get('GRAPHQL_INTROSPECTION', { infer: true }),
        });
        return {
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // Every Date field is DateTimeScalar: RFC 3339 only, so 30 February is refused rather than rolled over.
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
          // Field resolvers that skip Nest's per-call pipeline (see DirectFieldResolvers).
          transformSchema: (schema) => direct.apply(schema),
          graphiql: introspection,
          // Mercurius compiles a query to JavaScript after it has run once (graphql-jit).
          jit: 1,
          // (No Mercurius queryDepth: query-limits.ts limits depth, and unlike it skips introspection, which GraphiQL
          // needs at depth 15.)
          validationRules: graphqlValidationRules({ introspection }),
          graphql: { parseOptions: graphqlParseOptions, validateOptions: graphqlValidateOptions({ introspection }) },
          // Text PostgreSQL cannot store (NUL, lone surrogates) in any argument, literal or variable, is refused here.
          hooks: { preExecution: [refuseUnstorableText] },
          context: (req: unknown) => ({ req, loaders: new RequestLoaders() }),
          errorFormatter: (execution, context) => {
            const request = (context as { reply?: { request?: { id?: string } & GraphqlRequestFacts } } | undefined)
              ?.reply?.request;
            const requestId = request?.id;
            // Mercurius wraps all of a document's validation errors (syntax, unknown field, query limits) in one
            // MER_ERR_GQL_VALIDATION; report each of them rather than "Graphql validation error".
            const errors = execution.errors
              .flatMap((e) => (e.originalError as { errors?: GraphQLError[] } | undefined)?.errors ?? [e])
              .map((e) => formatGraphqlError(e, (err) => graphqlLog.error({ err, requestId })))
              // (Variables are checked outside validation, where hideSuggestions does not reach.)
              .map((e) => (introspection ? e : { ...e, message: withoutSuggestions(e.message) }));
            // PostgreSQL or Redis away: one line, not a stack per error (the readiness probe and metrics say more).
            if (request && errors[0]) request.graphqlOutcome = errors[0].extensions.code;
            // An expected refusal (a stale token, not yours, bad input, PostgreSQL or Redis away): no stack, and a
            // flood of them is one line per (code, operation) a minute with a count. INTERNAL was logged above.
            const refused = errors.find((e) => isRefusal(e.extensions.code));
            if (refused)
              writeRefusals(
                refusals.note(refused.extensions.code, request?.graphqlOperation ?? 'unknown', requestId, Date.now()),
              );
            // GraphQL over HTTP: application/json responses are 200 even when they carry errors.
            return { statusCode: 200, response: { data: execution.data ?? null, errors } };
          },
        };
      },
    }),
    HealthModule,
    ApiMetricsModule,
    AccessModule,
    IdentityGraphqlModule,
    OrganisationsGraphqlModule,
    ChildrenGraphqlModule,
    CustodyGraphqlModule,
    PlanningGraphqlModule,
    NotificationsGraphqlModule,
    MilestonesGraphqlModule,
    ReferralsGraphqlModule,
  ],
  providers: [
    // Every GraphQL operation passes the access guard: sign-in, then the policy's capability check.
    { provide: APP_GUARD, useClass: AccessGuard },
    // Every mutation that fails for its content leaves a FAILED audit row.
    { provide: APP_INTERCEPTOR, useClass: MutationAuditInterceptor },
    // A portal page's first request (READ_NOTIFICATIONS_AT_HEADER) marks that page's notifications read.
    { provide: APP_INTERCEPTOR, useExisting: ReadAtPageInterceptor },
    // GraphQL errors are logged by meaning in the error formatter, not as Nest's ExceptionsHandler's stacks.
    { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
  ],
})
export class AppModule {}
