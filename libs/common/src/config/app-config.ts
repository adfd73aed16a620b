import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { NotDevelopmentDefaultInProduction, validateEnvironment } from './validate-environment';

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

  /**
   * Browser origins allowed to call the API, comma-separated (`https://resettle.example.gov.uk`). Empty (the
   * default): no cross-origin access at all.
   */
  @Transform(({ value }) => (value === undefined ? value : String(value).split(',').map((o) => o.trim()).filter(Boolean)))
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'each origin must be scheme://host[:port], with no path' })
  CORS_ORIGINS: string[] = [];

  /**
   * Which proxies may tell the api the client's address in X-Forwarded-For (Fastify's `trustProxy`): a list of
   * addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`. The default trusts proxies on this machine and
   * on private networks (a load balancer, Docker), so a client on the internet cannot invent its own address to
   * dodge the sign-in lockout or rate limits.
   */
  @IsString()
  TRUST_PROXY = 'loopback,linklocal,uniquelocal';

  /** Requests a minute per caller (one bearer token, or one IP address without a token). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests a minute from one IP address whatever the token, so inventing tokens does not escape the limit. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_IP_PER_MINUTE = 3000;

  /** Largest request body accepted; larger gets HTTP 413 before it is parsed. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  API_BODY_LIMIT_BYTES = 1024 * 1024;

  // ---- sign-in (identity)

  /** The development default of JWT_SECRET: public, so production refuses it. */
  static readonly DEVELOPMENT_JWT_SECRET = 'resettle-development-only-jwt-secret-never-use-in-production';

  /** Signs our access tokens (HS256). At least 32 characters; production must set its own. */
  @IsString()
  @MinLength(32)
  @NotDevelopmentDefaultInProduction(AppConfig.DEVELOPMENT_JWT_SECRET)
  JWT_SECRET = AppConfig.DEVELOPMENT_JWT_SECRET;

  /** Lifetime of an access token. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(60)
  @Max(24 * 60 * 60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token; each refresh replaces it with a new one of the same lifetime. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** How long an invitation link (to choose one's own password) works once made; a new one replaces it. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(30)
  INVITATION_TTL_DAYS = 7;

  /** A council's OpenID Connect issuer (the `iss` of its tokens). OIDC sign-in is off while unset. */
  @IsOptional()
  @IsString()
  OIDC_ISSUER?: string;

  /** The issuer's JSON Web Key Set. Required with OIDC_ISSUER. */
  @ValidateIf((config: AppConfig) => config.OIDC_ISSUER !== undefined || config.OIDC_JWKS_URL !== undefined)
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  OIDC_JWKS_URL?: string;

  /** The audience (`aud`) the issuer's tokens must carry for this service. Required with OIDC_ISSUER. */
  @ValidateIf((config: AppConfig) => config.OIDC_ISSUER !== undefined || config.OIDC_AUDIENCE !== undefined)
  @IsString()
  OIDC_AUDIENCE?: string;

  /** Which claim names our user: `email` (matched lower-cased to their email) or `sub` (their external subject). */
  @IsIn(['email', 'sub'])
  OIDC_USER_CLAIM: 'email' | 'sub' = 'email';

  /** argon2id memory cost in KiB (OWASP minimum 19456, 19 MiB). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(19456)
  @Max(1024 * 1024)
  ARGON2_MEMORY_KIB = 19456;

  /** argon2id iterations (OWASP minimum 2 at 19 MiB). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(2)
  @Max(20)
  ARGON2_TIME_COST = 2;

  /** argon2id lanes. */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(16)
  ARGON2_PARALLELISM = 1;

  // ---- notifications: email (issue 5). The worker sends; the api never does.

  /** How email leaves: `smtp` (nodemailer to SMTP_URL), `notify` (GOV.UK Notify), or `none` (logged, never sent). */
  @IsIn(['smtp', 'notify', 'none'])
  EMAIL_TRANSPORT: 'smtp' | 'notify' | 'none' = 'none';

  /** The SMTP server, `smtp://[user:pass@]host:port` (STARTTLS when offered) or `smtps://` (TLS). Required with `smtp`. */
  @ValidateIf((config: AppConfig) => config.EMAIL_TRANSPORT === 'smtp' || config.SMTP_URL !== undefined)
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false, require_protocol: true })
  SMTP_URL?: string;

  /** The From address of SMTP mail (Notify sends from the address set up in its service). */
  @IsString()
  @MinLength(3)
  EMAIL_FROM = 'Resettle <no-reply@resettle.example.gov.uk>';

  /**
   * GOV.UK Notify API key. Required with `notify`. Only its presence is validated, so a refusal never prints it.
   */
  @ValidateIf((config: AppConfig) => config.EMAIL_TRANSPORT === 'notify')
  @IsString()
  NOTIFY_API_KEY?: string;

  /** Notify template of one notification's email; personalisation `subject`, `body`. Required with `notify`. */
  @ValidateIf((config: AppConfig) => config.EMAIL_TRANSPORT === 'notify' || config.NOTIFY_TEMPLATE_ID_NOTIFICATION !== undefined)
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'a Notify template id (a UUID)' })
  NOTIFY_TEMPLATE_ID_NOTIFICATION?: string;

  /** Notify template of the daily digest; personalisation `subject`, `body`, `count`. Required with `notify`. */
  @ValidateIf((config: AppConfig) => config.EMAIL_TRANSPORT === 'notify' || config.NOTIFY_TEMPLATE_ID_DIGEST !== undefined)
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'a Notify template id (a UUID)' })
  NOTIFY_TEMPLATE_ID_DIGEST?: string;

  /** Where the service's pages live (`https://resettle.example.gov.uk`): a notification's link is appended to it in emails. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  EMAIL_LINK_BASE_URL?: string;

  /** When the daily digest goes out: a cron pattern in NOTIFICATION_DIGEST_TIMEZONE. */
  @IsString()
  @Matches(/^\S+(\s+\S+){4,5}$/, { message: 'a cron pattern of 5 or 6 fields, e.g. "0 7 * * *"' })
  NOTIFICATION_DIGEST_CRON = '0 7 * * *';

  @IsString()
  NOTIFICATION_DIGEST_TIMEZONE = 'Europe/London';

  // ---------------------------------------------------------------- the deadline engine (issue 5)

  /** How often the worker's outbox relay looks for committed, unpublished outbox rows (milliseconds). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_MS = 500;

  /**
   * How many deadline-engine jobs one worker takes at once. Reminder, due and escalation jobs are done in batches of
   * whatever is in hand (one transaction, one connection, a batch at a time), so taking many at once is what makes
   * a batch: it is not a number of connections. Schedule and reconcile jobs use a pooled connection only while a
   * query runs.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1000)
  MILESTONE_JOBS_CONCURRENCY = 200;

  /**
   * How far ahead the queue holds a milestone's reminder, due and escalation jobs. Later ones are planned from
   * PostgreSQL by the reconciler (every few minutes) as their moment comes within reach, so Redis holds days of work
   * instead of a year's: at 100,000 plans every future job at once was 2.6 million jobs (3 GiB of Redis, 6 minutes to
   * rebuild), nearly all of them months away. Much longer than the reconcile interval, so a job is queued well before
   * its moment.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(24 * 400)
  MILESTONE_PLAN_AHEAD_HOURS = 48;
}

/** For `ConfigModule.forRoot({ validate })`, and for scripts that run without Nest. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  return validateEnvironment(AppConfig, env);
}

export function introspectionEnabled(config: Pick<AppConfig, 'NODE_ENV' | 'GRAPHQL_INTROSPECTION'>): boolean {
  if (config.GRAPHQL_INTROSPECTION) return config.GRAPHQL_INTROSPECTION === 'true';
  return config.NODE_ENV !== 'production';
}
