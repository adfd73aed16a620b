import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import {
  IsClockStartAt,
  IsTrustProxyList,
  NotDevelopmentDefaultInProduction,
  validateEnvironment,
} from '@resettle/common';

/**
 * Every variable the portal reads, validated at start-up (a bad value stops it, naming the variable). The portal
 * holds no data of its own: it renders pages from the api, as the signed-in person, and keeps their session in Redis.
 */
export class PortalConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORTAL_PORT = 3001;

  @IsString()
  PORTAL_HOST = '0.0.0.0';

  /** The api's GraphQL endpoint. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  API_URL = 'http://127.0.0.1:3000/graphql';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key, shared with the api and worker; sessions live under `<prefix>:portal:session:`. */
  @IsString()
  QUEUE_PREFIX = 'resettle';

  static readonly DEVELOPMENT_SESSION_SECRET = 'resettle-portal-development-only-session-secret';

  /** Signs the session cookie. At least 32 characters; production must set its own. */
  @IsString()
  @MinLength(32)
  @NotDevelopmentDefaultInProduction(PortalConfig.DEVELOPMENT_SESSION_SECRET)
  SESSION_SECRET = PortalConfig.DEVELOPMENT_SESSION_SECRET;

  /** A session ends after this long without a page (the api's refresh token lasts longer). */
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 120;

  /**
   * Starts the portal's clock at this instant, as `CLOCK_START_AT` does the api's and the worker's (set it for all
   * three, so "today" and "overdue" agree on every page). Refused in production.
   */
  @IsClockStartAt()
  CLOCK_START_AT?: string;

  /** Where the phase banner's feedback link and the information pages send people. */
  @IsEmail()
  FEEDBACK_EMAIL = 'resettle.feedback@example.gov.uk';

  /** Send the session cookie over HTTPS only. Defaults to on in production. */
  @IsOptional()
  @IsIn(['true', 'false'])
  COOKIE_SECURE?: 'true' | 'false';

  /**
   * Proxies allowed to tell the portal the client's address (passed on to the api for its sign-in limits): as the
   * api's TRUST_PROXY, none by default. List the load balancer in front of the portal, if there is one.
   */
  @IsTrustProxyList()
  TRUST_PROXY = '';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export function validatePortalConfig(env: Record<string, unknown>): PortalConfig {
  return validateEnvironment(PortalConfig, env);
}

export function cookieSecure(config: PortalConfig): boolean {
  return config.COOKIE_SECURE ? config.COOKIE_SECURE === 'true' : config.NODE_ENV === 'production';
}
