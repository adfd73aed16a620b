import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify } from 'jose';
import { AppConfig, Clock, UnauthenticatedError } from '@resettle/common';

/** Asymmetric algorithms only: a council's provider signs with a private key and publishes the public one. */
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface OidcIdentity {
  /** Which claim names the user, and its value (an email is lower-cased). */
  claim: 'email' | 'sub';
  value: string;
  subject: string | undefined;
  expiresAt: number | undefined;
}

/**
 * Tokens from a council's own OpenID Connect provider: verified against the provider's published keys (fetched
 * once and cached by jose, refetched when an unknown key id appears), its issuer and our audience.
 */
@Injectable()
export class OidcTokens {
  readonly issuer: string | null;
  private readonly audience: string | null;
  private readonly userClaim: 'email' | 'sub';
  private readonly keys: ReturnType<typeof createRemoteJWKSet> | null;

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly clock: Clock,
  ) {
    this.issuer = config.get('OIDC_ISSUER', { infer: true }) ?? null;
    this.audience = config.get('OIDC_AUDIENCE', { infer: true }) ?? null;
    this.userClaim = config.get('OIDC_USER_CLAIM', { infer: true });
    const jwksUrl = config.get('OIDC_JWKS_URL', { infer: true });
    this.keys = this.issuer && jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : null;
  }

  get enabled(): boolean {
    return this.keys !== null;
  }

  /** Verifies the token and says who it names; throws UnauthenticatedError (with the reason for the audit trail). */
  async verify(token: string): Promise<OidcIdentity> {
    if (!this.keys || !this.issuer || !this.audience) throw new OidcRefusal('OIDC sign-in is not configured');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: OIDC_ALGORITHMS,
        requiredClaims: ['exp'],
        currentDate: this.clock.now(),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw new OidcRefusal('token expired', 'Your sign-in has expired: sign in again');
      if (error instanceof errors.JWTClaimValidationFailed) throw new OidcRefusal(`claim ${error.claim} not accepted`);
      if (error instanceof errors.JOSEError) throw new OidcRefusal(error.code);
      throw new OidcRefusal('could not verify the token');
    }
    const exp = typeof payload.exp === 'number' ? payload.exp : undefined;
    const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
    if (this.userClaim === 'sub') {
      if (!sub) throw new OidcRefusal('no sub claim');
      return { claim: 'sub', value: sub, subject: sub, expiresAt: exp };
    }
    const email = payload.email;
    if (typeof email !== 'string' || !email.includes('@')) throw new OidcRefusal('no email claim');
    // A provider that says it has not verified the address is not trusted to name our user by it.
    if (payload.email_verified === false || payload.email_verified === 'false')
      throw new OidcRefusal('email not verified');
    return { claim: 'email', value: email.trim().toLowerCase(), subject: sub, expiresAt: exp };
  }
}

/** A refused OIDC token: `reason` is for the audit trail; the caller sees only the plain message. */
export class OidcRefusal extends UnauthenticatedError {
  constructor(
    readonly reason: string,
    message = 'The access token is not valid',
  ) {
    super(message);
  }
}
