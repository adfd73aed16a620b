import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { isIsoDate } from '../dates/iso-date';
import { IsTrustProxyList } from './trust-proxy';
import { NotDevelopmentDefaultInProduction, validateEnvironment } from './validate-environment';

/** A PostgreSQL URL that names its role (the roles are what keeps the audit trail append-only). */
const NAMES_A_ROLE = /^postgres(ql)?:\/\/[^/@:]+(:[^/@]*)?@/;
const NAMES_A_ROLE_MESSAGE = 'name the role to connect as: postgres://ROLE[:PASSWORD]@HOST:PORT/DATABASE';

/**
 * Every environment variable the service reads, validated at start-up: a bad or missing value stops the process
 * with a message naming the variable. Defaults fit the local PostgreSQL and Redis of a developer machine.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /**
   * PostgreSQL, as the **application role** that the api and worker use: a plain login role that owns nothing, with
   * only the privileges the migrations grant it (see README, "Database roles"). The api and worker refuse to start
   * on a superuser or a role that owns tables.
   */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  @Matches(NAMES_A_ROLE, { message: NAMES_A_ROLE_MESSAGE })
  DATABASE_URL = 'postgres://resettle_app:resettle_app@127.0.0.1:5432/resettle';

  /**
   * PostgreSQL, as the **owner role**, which owns the schema: `npm run migration:run` and `npm run seed` use it, never
   * the api or worker. Same database as DATABASE_URL.
   */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  @Matches(NAMES_A_ROLE, { message: NAMES_A_ROLE_MESSAGE })
  MIGRATION_DATABASE_URL = 'postgres://resettle_owner:resettle_owner@127.0.0.1:5432/resettle';

  /**
   * A PostgreSQL superuser (or a role with CREATEROLE and CREATEDB), for `npm run db:create` only: it creates the two
   * roles above (with the passwords in their URLs) and the database. Any database of the server will do.
   */
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

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
  @Transform(({ value }) =>
    value === undefined
      ? value
      : String(value)
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean),
  )
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'each origin must be scheme://host[:port], with no path' })
  CORS_ORIGINS: string[] = [];

  /**
   * Which proxies may tell the api the client's address in X-Forwarded-For (Fastify's `trustProxy`): a list of
   * addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`. None by default: a header from anyone else is
   * ignored, so no client (on the internet or a private network) can invent addresses to dodge the sign-in lockout
   * or the rate limits. List exactly the load balancer or portal in front of the api.
   */
  @IsTrustProxyList()
  TRUST_PROXY = '';

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

  /**
   * How long the audit log is kept, in whole months (seven years by default); older months are dropped a month at
   * a time. At least a year (the audit's own pure rule refuses less), at most a century.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(12)
  @Max(1200)
  AUDIT_RETENTION_MONTHS = 84;

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

  /**
   * The SMTP server, `smtp://[user:pass@]host:port` (STARTTLS when offered) or `smtps://` (TLS). Required with `smtp`.
   */
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
  @ValidateIf(
    (config: AppConfig) => config.EMAIL_TRANSPORT === 'notify' || config.NOTIFY_TEMPLATE_ID_NOTIFICATION !== undefined,
  )
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'a Notify template id (a UUID)',
  })
  NOTIFY_TEMPLATE_ID_NOTIFICATION?: string;

  /** Notify template of the daily digest; personalisation `subject`, `body`, `count`. Required with `notify`. */
  @ValidateIf(
    (config: AppConfig) => config.EMAIL_TRANSPORT === 'notify' || config.NOTIFY_TEMPLATE_ID_DIGEST !== undefined,
  )
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'a Notify template id (a UUID)',
  })
  NOTIFY_TEMPLATE_ID_DIGEST?: string;

  /**
   * Where the service's pages live (`https://resettle.example.gov.uk`): a notification's link is appended to it in
   * emails.
   */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  EMAIL_LINK_BASE_URL?: string;

  /**
   * Where calendar apps reach the api's `/calendar/<token>.ics` (`https://resettle.example.gov.uk`). Unset, a feed's
   * URL is made from the address the caller reached the api at, which behind the portal is the portal's internal
   * API_URL: no calendar app outside can reach that, so set this in production.
   */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  CALENDAR_FEED_BASE_URL?: string;

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

  /**
   * The first retry delay of a deadline-engine job that failed for a reason other than PostgreSQL or Redis being away
   * (a bug): 5 attempts, doubling (2, 4, 8, 16 s). Outages do not spend these: a job that finds the database away
   * waits for it (see MILESTONE_JOB_OUTAGE_RETRY_MAX_MS) however long it takes.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(600_000)
  MILESTONE_JOB_RETRY_DELAY_MS = 2000;

  /** The longest wait between two tries of a job that found PostgreSQL or Redis away (doubling from 1 s up to this). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(600_000)
  MILESTONE_JOB_OUTAGE_RETRY_MAX_MS = 15_000;

  /**
   * How long a worker's hold on a job lasts without renewal (BullMQ's lock duration; renewed at half of it while the
   * job runs). A worker killed mid-job leaves its jobs held this long at most before the stalled check hands them on.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1000)
  @Max(600_000)
  QUEUE_LOCK_DURATION_MS = 10_000;

  /** How often each worker looks for jobs whose holder died (BullMQ's stalled check). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(500)
  @Max(600_000)
  QUEUE_STALLED_INTERVAL_MS = 5000;

  /**
   * How often each worker checks that Redis still holds what the engine put there (its marker and job schedulers):
   * a Redis flushed or restarted without persistence is rebuilt from PostgreSQL within this (also at once when the
   * worker reconnects to Redis).
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(600_000)
  QUEUE_WATCH_INTERVAL_MS = 10_000;

  /**
   * How often the deadline watchdog looks in PostgreSQL for deadline actions that should have happened and have not.
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  DEADLINE_WATCHDOG_INTERVAL_MS = 60_000;

  /** How late a deadline action (reminder, due, escalation) may be before the watchdog calls it late (seconds). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86_400)
  DEADLINE_WATCHDOG_GRACE_SECONDS = 300;

  /**
   * The worker's health and metrics server (`/health`, `/health/ready`, `/metrics`), for compose and an orchestrator.
   * 0: any free port (tests).
   */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3002;

  @IsString()
  WORKER_HEALTH_HOST = '0.0.0.0';

  /**
   * A bearer token `/metrics` asks for (api and worker). Unset: metrics are open, for a scraper on a private network;
   * set it wherever the port is reachable from outside.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /**
   * Starts the service's clock at this instant (ISO 8601) and lets it run from there: to try deadlines and faults
   * by hand, or to run the apps of a test in separate processes. Refused in production.
   */
  @IsClockStartAt()
  CLOCK_START_AT?: string;
}

/**
 * `CLOCK_START_AT`, for every app that keeps a clock (api, worker, portal): an ISO 8601 instant with its offset, and
 * never in production.
 */
export function IsClockStartAt(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: 'an ISO 8601 instant with its offset, e.g. 2026-12-04T09:30:00Z',
    })(target, key);
    ValidateBy({
      name: 'notInProduction',
      validator: {
        validate: (value, args) =>
          value === undefined ||
          ((args?.object as { NODE_ENV?: string }).NODE_ENV !== 'production' &&
            isIsoDate(String(value).slice(0, 10)) &&
            !Number.isNaN(Date.parse(String(value)))),
        defaultMessage: () => 'a real date-time; never set in production (the service must run on the real time)',
      },
    })(target, key);
  };
}

/** For `ConfigModule.forRoot({ validate })`, and for scripts that run without Nest. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  return validateEnvironment(AppConfig, env);
}

export function introspectionEnabled(config: Pick<AppConfig, 'NODE_ENV' | 'GRAPHQL_INTROSPECTION'>): boolean {
  if (config.GRAPHQL_INTROSPECTION) return config.GRAPHQL_INTROSPECTION === 'true';
  return config.NODE_ENV !== 'production';
}
