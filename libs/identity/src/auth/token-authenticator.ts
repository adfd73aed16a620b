import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import { Actor, Authenticator } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { AppConfig, Clock, UnauthenticatedError } from '@resettle/common';
import { preparedQuery } from '@resettle/database';
import { REDIS_CONNECTION } from '@resettle/queue';
import { User } from '../user.entity';
import { ACCESS_TOKEN_ISSUER, AccessTokens, passwordChangedAtMs } from './access-tokens';
import { OidcIdentity, OidcRefusal, OidcTokens } from './oidc-tokens';

const NOT_VALID = 'The access token is not valid';

type AuthUser = Pick<User, 'id' | 'organisationId' | 'roles' | 'disabled' | 'passwordChangedAt'>;
const AUTH_COLUMNS = { id: true, organisationId: true, roles: true, disabled: true, passwordChangedAt: true } as const;
/**
 * The user, and whether the token's sign-in is still live: its refresh-token family still holds a token that was
 * not revoked (a refresh revokes one token and adds its successor in one transaction; logout and a replayed token
 * revoke them all). One statement, so checking the session costs no extra round trip.
 */
const SIGN_IN_CHECK = `SELECT u.id, u.organisation_id AS "organisationId", u.roles::text[] AS roles, u.disabled,
                              u.password_changed_at AS "passwordChangedAt",
                              EXISTS (SELECT 1 FROM refresh_token t
                                       WHERE t.family_id = $2::uuid AND t.user_id = u.id AND t.revoked_at IS NULL) AS "sessionLive"
                         FROM app_user u WHERE u.id = $1::uuid`;

/**
 * Signs a request in from its bearer token: one of ours (HS256, issuer `resettle`), or one from the council's
 * OpenID Connect provider when configured. The user and the token's sign-in are checked on every request (one
 * query), so disabling someone, changing their roles or signing out takes effect at once.
 */
@Injectable()
export class TokenAuthenticator extends Authenticator {
  private readonly seenPrefix: string;

  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly oidc: OidcTokens,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(REDIS_CONNECTION) private readonly redis: Redis,
    private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    super();
    this.seenPrefix = `${config.get('QUEUE_PREFIX', { infer: true })}:oidc-seen`;
  }

  async authenticate(authorization: string | undefined): Promise<Actor | null> {
    if (!authorization?.trim()) return null;
    const match = /^Bearer +([A-Za-z0-9_.=-]+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('Send your access token as "Authorization: Bearer <token>"');
    const token = match[1];
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw new UnauthenticatedError(NOT_VALID);
    }
    if (issuer === ACCESS_TOKEN_ISSUER) return this.ours(token);
    if (this.oidc.enabled && issuer === this.oidc.issuer) return this.fromOidc(token);
    throw new UnauthenticatedError(NOT_VALID);
  }

  private async ours(token: string): Promise<Actor> {
    const { userId, passwordChangedAt, sessionId } = await this.accessTokens.verify(token);
    // Every request asks this: a prepared statement, parsed and planned once per connection.
    const [user] = await preparedQuery<AuthUser & { sessionLive: boolean }>(this.dataSource, SIGN_IN_CHECK, [
      userId,
      sessionId,
    ]);
    if (!user || user.disabled) throw new UnauthenticatedError(NOT_VALID);
    // A password change ends every session begun under the old password.
    if (passwordChangedAt !== passwordChangedAtMs(user.passwordChangedAt)) {
      throw new UnauthenticatedError('Your password has changed since this token was issued: sign in again');
    }
    // Signed out, or the sign-in's refresh token was replayed: its access tokens stop at once, not when they expire.
    if (!user.sessionLive) throw new UnauthenticatedError('You have been signed out: sign in again');
    return actorOf(user, 'PASSWORD');
  }

  private async fromOidc(token: string): Promise<Actor> {
    let identity: OidcIdentity | null = null;
    try {
      identity = await this.oidc.verify(token);
      const where = identity.claim === 'email' ? { email: identity.value } : { externalSubject: identity.value };
      const user = await this.dataSource.getRepository(User).findOne({ where, select: AUTH_COLUMNS });
      if (!user) throw new OidcRefusal('no user for the token');
      if (user.disabled) throw new OidcRefusal('account disabled');
      await this.auditFirstUse(token, identity, user);
      return actorOf(user, 'OIDC');
    } catch (error) {
      if (!(error instanceof OidcRefusal)) throw error;
      await this.audit.record({
        actor: null,
        action: 'oidcSignIn',
        resourceType: 'User',
        outcome: AuditOutcome.FAILED,
        detail: {
          reason: error.reason,
          issuer: this.oidc.issuer,
          ...(identity ? { [identity.claim]: identity.value } : {}),
        },
      });
      throw error;
    }
  }

  /**
   * Every request carries the provider's token, so auditing each would flood the trail: the first time a token is
   * seen counts as the sign-in (remembered in Redis until the token expires).
   */
  private async auditFirstUse(token: string, identity: OidcIdentity, user: AuthUser): Promise<void> {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const ttl = Math.min(Math.max((identity.expiresAt ?? nowSeconds + 3600) - nowSeconds, 1), 24 * 3600);
    const key = `${this.seenPrefix}:${createHash('sha256').update(token).digest('hex')}`;
    const first = await this.redis.set(key, '1', 'EX', ttl, 'NX');
    if (first !== 'OK') return;
    await this.audit.record({
      actor: { userId: user.id, organisationId: user.organisationId, roles: user.roles },
      action: 'oidcSignIn',
      resourceType: 'User',
      resourceId: user.id,
      outcome: AuditOutcome.SUCCEEDED,
      detail: { issuer: this.oidc.issuer, [identity.claim]: identity.value },
    });
  }
}

function actorOf(user: AuthUser, authenticatedBy: Actor['authenticatedBy']): Actor {
  return { userId: user.id, organisationId: user.organisationId, roles: user.roles, authenticatedBy };
}
