import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifySession from '@fastify/session';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import nunjucks from 'nunjucks';
import { trustProxyOption } from '@resettle/common';
import { closeRedisConnections, createRedisConnection } from '@resettle/queue';
import { cookieSecure, PortalConfig, validatePortalConfig } from './config/portal-config';
import { CachedFragment } from './http/cached-fragment';
import { PortalExceptionFilter } from './http/portal-exception.filter';
import { daysFromNow, govukDate, govukDateTime, govukDay, idleTime } from './http/view-filters';
import { markReadBeforeSending } from './notifications/read-on-open';
import { PortalModule } from './portal.module';
import { DraftStore } from './session/draft-store';
import { RedisSessionStore } from './session/redis-session-store';

/** Where the portal's own views and files are: beside `src` in the source tree, and in dist (the build copies them). */
const PORTAL_ROOT = join(__dirname, '..');
/** However active, a session ends after a working day: sign in again the next morning. */
const SESSION_MAX_SECONDS = 12 * 60 * 60;
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Builds the portal exactly as production runs it; the browser tests call this too. */
export async function createPortalApp(
  env: Record<string, string | undefined> = process.env,
): Promise<NestFastifyApplication> {
  const config = validatePortalConfig(env);
  const adapter = new FastifyAdapter({
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
  });
  // Nest's adapter types its instance with its own type provider; the plugins want the plain one.
  const fastify = adapter.getInstance() as unknown as FastifyInstance;
  await registerPlugins(fastify, config);

  const redis = createRedisConnection(config.REDIS_URL, 'producer', { connectionName: 'resettle-portal' });
  await fastify.register(fastifySession, {
    secret: config.SESSION_SECRET,
    cookieName: 'resettle.sid',
    // A browser-session cookie (gone when the browser closes: council computers are shared). The idle timeout is the
    // lifetime of the session's tokens (TokenStore); a session lasts a working day at most.
    cookie: { secure: cookieSecure(config), httpOnly: true, sameSite: 'lax', path: '/' },
    saveUninitialized: false,
    // Saved only when changed: the assets of a page (fonts, images) load the session too, and must not write it.
    rolling: false,
    store: new RedisSessionStore(redis, `${config.QUEUE_PREFIX}:portal:session:`, SESSION_MAX_SECONDS),
  });
  // Every form carries a token tied to the session; a POST without the right one is refused before any handler runs.
  await fastify.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    getToken: (req) => (req.body as { _csrf?: string } | undefined)?._csrf,
  });
  fastify.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST') return done();
    fastify.csrfProtection(request, reply, done);
  });
  // Its own connection only: in the tests an api shares the process.
  fastify.addHook('onClose', async () => closeRedisConnections(new Set([redis])));

  const app = await NestFactory.create<NestFastifyApplication>(PortalModule.forRoot(config, redis), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new PortalExceptionFilter(app.get(DraftStore)));
  app.enableShutdownHooks();
  return app;
}

async function registerPlugins(fastify: FastifyInstance, config: PortalConfig): Promise<void> {
  await fastify.register(fastifyHelmet, {
    // Scripts and styles from this site only; GOV.UK's one inline script (`js-enabled`) carries the nonce.
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: config.NODE_ENV === 'production',
  });
  await fastify.register(fastifyCookie);
  // Pages name children: a shared council computer must not keep them. Nothing but the static assets is stored by the
  // browser or a proxy, so after signing out the Back button asks the portal again (and gets the sign-in page).
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/assets/')) reply.header('Cache-Control', 'no-store');
    // A page's notifications are read when it is opened: marked by its first call to the api, or else here.
    await markReadBeforeSending(request);
    return payload;
  });

  // GOV.UK Frontend's CSS asks for /assets/fonts and /assets/images; its CSS and JS, MoJ Frontend's and ours sit
  // beside.
  const govuk = join(packageDir('govuk-frontend'), 'dist/govuk');
  const moj = join(packageDir('@ministryofjustice/frontend'), 'moj');
  const statics: [string, string][] = [
    [join(govuk, 'assets'), '/assets/'],
    [govuk, '/assets/govuk/'],
    [moj, '/assets/moj/'],
    [join(PORTAL_ROOT, 'public'), '/assets/portal/'],
  ];
  for (const [i, [root, prefix]] of statics.entries()) {
    await fastify.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: i === 0,
      index: false,
      list: false,
      // Kept a day, so a page asks only for itself (not its stylesheets, scripts and fonts again); a developer editing
      // the portal's own CSS and scripts sees each change at once.
      maxAge: config.NODE_ENV === 'development' ? 0 : '1d',
    });
  }

  await fastify.register(fastifyView, {
    engine: { nunjucks },
    templates: [
      join(PORTAL_ROOT, 'views'),
      join(packageDir('govuk-frontend'), 'dist'),
      packageDir('@ministryofjustice/frontend'),
    ],
    options: {
      autoescape: true,
      onConfigure: (env: nunjucks.Environment) => {
        env.addFilter('govukDate', govukDate);
        env.addFilter('govukDay', govukDay);
        env.addFilter('govukDateTime', govukDateTime);
        env.addFilter('daysFromNow', daysFromNow);
        env.addFilter('idleTime', idleTime);
        env.addGlobal('serviceName', 'Resettle');
        env.addGlobal('feedbackEmail', config.FEEDBACK_EMAIL);
        env.addGlobal('sessionIdleMinutes', config.SESSION_IDLE_MINUTES);
        // {% cached "key" %}: the layout's header, navigation, phase banner and footer drawn once, not every page.
        env.addExtension('CachedFragment', new CachedFragment());
        // MoJ Frontend's own filters (its timeline formats dates with mojDate).
        const mojFilters = require('@ministryofjustice/frontend/moj/filters/all')() as Record<
          string,
          (...args: unknown[]) => unknown
        >;
        for (const [name, filter] of Object.entries(mojFilters)) env.addFilter(name, filter);
      },
    },
  });
}
