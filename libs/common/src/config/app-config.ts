import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, validateSync } from 'class-validator';

/**
 * Every environment variable the service reads, validated at start-up: a bad or missing value stops the process
 * with a message naming the variable. Defaults fit the local PostgreSQL and Redis of a developer machine.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** PostgreSQL connection string. */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/resettle';

  /** Redis connection string, shared by queue producers and workers. */
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every BullMQ key, so several environments can share one Redis. */
  @IsString()
  QUEUE_PREFIX = 'resettle';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  @IsString()
  API_HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Pool size per process. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** Show GraphiQL and allow introspection (defaults to on outside production). */
  @IsOptional()
  @IsIn(['true', 'false'])
  GRAPHQL_INTROSPECTION?: 'true' | 'false';
}

export class ConfigValidationError extends Error {}

/** For `ConfigModule.forRoot({ validate })`, and for scripts that run without Nest. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`);
  }
  return config;
}

export function introspectionEnabled(config: Pick<AppConfig, 'NODE_ENV' | 'GRAPHQL_INTROSPECTION'>): boolean {
  if (config.GRAPHQL_INTROSPECTION) return config.GRAPHQL_INTROSPECTION === 'true';
  return config.NODE_ENV !== 'production';
}
