import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { READ_NOTIFICATIONS_AT_HEADER } from '@resettle/common';
import type { PortalConfig } from '../config/portal-config';
import { PORTAL_CONFIG } from '../config/portal-config.provider';
import { PORTAL_REDIS } from '../session/portal-redis.provider';
import type { ApiTokens } from '../session/portal-session';
import { TokenStore } from '../session/token-store';
import { ApiError, SignInRequiredError } from './api-error';
import { NoAnswerError, post, PostAnswer } from './http-post';

interface GraphqlBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

/** Refresh a little before the access token runs out, so a slow page never sends an expired one. */
const REFRESH_MARGIN_MS = 60_000;
/** How long one request may hold a session's refresh; others of the same session wait for it. */
const REFRESH_LOCK_MS = 10_000;

const REFRESH = `mutation($input: RefreshInput!) { refresh(input: $input) { accessToken refreshToken expiresAt } }`;

/**
 * The portal's only way to the data: GraphQL over HTTP to the api, as the signed-in person (their bearer token),
 * so the api's one access policy decides what they see and its audit records who saw it. The client's address
 * and the request id travel along, for the api's sign-in limits and logs.
 */
@Injectable()
export class ApiClient {
  private readonly apiUrl: URL;
  /** A page's notifications still to be marked read, by the first call made for it as the person. */
  private readonly readAtPending = new WeakMap<FastifyRequest, string>();

  constructor(
    @Inject(PORTAL_CONFIG) private readonly config: PortalConfig,
    @Inject(PORTAL_REDIS) private readonly redis: Redis,
    private readonly tokenStore: TokenStore,
  ) {
    this.apiUrl = new URL(config.API_URL);
  }

  /** A query or mutation without a session (sign-in itself). */
  async anonymous<T>(request: FastifyRequest, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>(request, query, variables, undefined);
  }

  /**
   * The next call made as the person for this request also asks the api to mark read their notifications that link
   * to `link` (READ_NOTIFICATIONS_AT_HEADER; `link` is a page link, `isPageLink`): see ReadOnOpenInterceptor.
   */
  markReadWithNextCall(request: FastifyRequest, link: string): void {
    this.readAtPending.set(request, link);
  }

  /** The link no call has yet carried (or whose call failed), taken: the caller marks it read some other way. */
  takeUnmarkedReadAt(request: FastifyRequest): string | undefined {
    const link = this.readAtPending.get(request);
    this.readAtPending.delete(request);
    return link;
  }

  /** A query or mutation as the person signed in to this request's session; refreshes their token when due. */
  async asUser<T>(request: FastifyRequest, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const tokens = await this.freshTokens(request);
    const readAt = this.takeUnmarkedReadAt(request);
    try {
      return await this.send<T>(request, query, variables, tokens.accessToken, readAt);
    } catch (error) {
      // Whether the api marked them is not known: the interceptor asks again (asking twice marks nothing twice).
      if (readAt) this.readAtPending.set(request, readAt);
      // Disabled, or the password changed elsewhere: the api says who may go on, not the portal. The session ends
      // too, or the sign-in page would see it signed in and send the person straight back here.
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return this.signInAgain(request);
      throw error;
    }
  }

  private async freshTokens(request: FastifyRequest): Promise<ApiTokens> {
    const sessionId = request.session?.sessionId;
    const tokens = sessionId && request.session.user ? await this.tokenStore.take(sessionId) : null;
    if (!tokens) return this.signInAgain(request);
    if (!expiring(tokens)) return tokens;
    // A refresh token works once: two requests of one session (two tabs) refreshing together would look to the api
    // like a stolen token and sign the person out. One refreshes under a lock; the others wait and take its tokens.
    const lock = `${this.config.QUEUE_PREFIX}:portal:refresh:${sessionId}`;
    if ((await this.redis.set(lock, '1', 'PX', REFRESH_LOCK_MS, 'NX')) !== 'OK')
      return this.tokensRefreshedByAnother(request, lock);
    try {
      // Another request may have refreshed between our read and our lock.
      const current = await this.tokenStore.take(sessionId);
      if (!current) return await this.signInAgain(request);
      if (!expiring(current)) return current;
      const { refresh } = await this.send<{ refresh: ApiTokens }>(
        request,
        REFRESH,
        { input: { refreshToken: current.refreshToken } },
        undefined,
      );
      await this.tokenStore.put(sessionId, refresh);
      return refresh;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return this.signInAgain(request);
      throw error;
    } finally {
      await this.redis.del(lock);
    }
  }

  private async tokensRefreshedByAnother(request: FastifyRequest, lock: string): Promise<ApiTokens> {
    for (let waited = 0; waited < REFRESH_LOCK_MS && (await this.redis.exists(lock)); waited += 50) await sleep(50);
    const tokens = await this.tokenStore.take(request.session.sessionId);
    if (!tokens || expiring(tokens)) return this.signInAgain(request);
    return tokens;
  }

  /** The api no longer takes this session's tokens, or they timed out: end the session, and ask for sign-in. */
  private async signInAgain(request: FastifyRequest): Promise<never> {
    const userId = request.session?.user?.id;
    if (request.session?.sessionId) {
      await this.tokenStore.remove(request.session.sessionId);
      if (request.session.user) await request.session.destroy();
    }
    throw new SignInRequiredError(request.url, userId);
  }

  /** One request to the api with the given token (or none), and the page whose notifications it marks read (if any). */
  async send<T>(
    request: FastifyRequest,
    query: string,
    variables: Record<string, unknown>,
    accessToken: string | undefined,
    readNotificationsAt?: string,
  ): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-request-id': String(request.id),
      // The api trusts this only from proxies it is told to (TRUST_PROXY), as the portal is.
      'x-forwarded-for': request.ip,
    };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (readNotificationsAt) headers[READ_NOTIFICATIONS_AT_HEADER] = readNotificationsAt;
    let response: PostAnswer;
    try {
      response = await post(this.apiUrl, headers, JSON.stringify({ query, variables }));
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      // The api itself cannot be reached (restarting, or the network between us): nothing was sent, try again.
      throw new ApiError('The service is unavailable for a moment', 'SERVICE_UNAVAILABLE', {
        retryAfterSeconds: 5,
        cause: error.message,
      });
    }
    const retryAfter = response.headers['retry-after'];
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      throw new ApiError('The service is unavailable for a moment', 'SERVICE_UNAVAILABLE', {
        retryAfterSeconds: Number(retryAfter ?? 5),
      });
    }
    if (response.status === 429) {
      throw new ApiError('There have been too many requests. Wait a minute, then try again.', 'TOO_MANY_REQUESTS', {
        retryAfterSeconds: Number(retryAfter ?? 60),
      });
    }
    const body = JSON.parse(response.body) as GraphqlBody<T>;
    const first = body.errors?.[0];
    if (first) throw new ApiError(first.message, first.extensions?.code ?? 'INTERNAL', first.extensions ?? {});
    if (!body.data) throw new ApiError('The api gave no answer', 'INTERNAL');
    return body.data;
  }
}

function expiring(tokens: ApiTokens): boolean {
  return Date.parse(tokens.expiresAt) - Date.now() <= REFRESH_MARGIN_MS;
}
