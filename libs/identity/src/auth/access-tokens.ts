import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppConfig, Clock, isUuid, UnauthenticatedError } from '@resettle/common';

export const ACCESS_TOKEN_ISSUER = 'resettle';
export const ACCESS_TOKEN_AUDIENCE = 'resettle-api';

/**
 * The private claim that carries when the user's password last changed (epoch milliseconds, 0 for never): a token
 * names the password it was issued under, so a change ends every older session at once, even within the same second.
 */
const PASSWORD_CHANGED_AT_CLAIM = 'pwd_at';

/**
 * The private claim naming the sign-in (session) the token belongs to: its refresh-token family. Signing out, or a
 * replayed refresh token, revokes the family, and the per-request check then refuses the family's access tokens.
 */
const SESSION_CLAIM = 'sid';

export interface VerifiedAccessToken {
  userId: string;
  /** `iat`, in whole seconds since the epoch. */
  issuedAt: number;
  /** When the password had last changed when the token was issued (epoch ms, 0 for never). */
  passwordChangedAt: number;
  /** The sign-in it belongs to: the id of its refresh-token family. */
  sessionId: string;
}

export function passwordChangedAtMs(passwordChangedAt: Date | null | undefined): number {
  return passwordChangedAt ? passwordChangedAt.getTime() : 0;
}

/** Our own short-lived access tokens: HS256 JWTs, timed by the injected Clock so tests can move time. */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(config.get('JWT_SECRET', { infer: true }));
    this.ttlSeconds = config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true });
  }

  /** A token for the user, in the sign-in `sessionId` (its refresh-token family). */
  async issue(
    userId: string,
    passwordChangedAt: Date | null,
    sessionId: string,
  ): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({
      [PASSWORD_CHANGED_AT_CLAIM]: passwordChangedAtMs(passwordChangedAt),
      [SESSION_CLAIM]: sessionId,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(userId)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /** Checks signature, issuer, audience and expiry; throws UnauthenticatedError with a plain message otherwise. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'iat', 'exp'],
        currentDate: this.clock.now(),
      });
      const passwordChangedAt = payload[PASSWORD_CHANGED_AT_CLAIM];
      const sessionId = payload[SESSION_CLAIM];
      if (
        !isUuid(payload.sub) ||
        typeof payload.iat !== 'number' ||
        typeof passwordChangedAt !== 'number' ||
        !isUuid(sessionId)
      ) {
        throw new UnauthenticatedError('The access token is not valid');
      }
      return { userId: payload.sub, issuedAt: payload.iat, passwordChangedAt, sessionId };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof errors.JWTExpired)
        throw new UnauthenticatedError('Your access token has expired: refresh it or sign in again');
      throw new UnauthenticatedError('The access token is not valid');
    }
  }
}
