import { ConfigService } from '@nestjs/config';
import { SignJWT, UnsecuredJWT } from 'jose';
import { AppConfig, FixedClock, UnauthenticatedError, validateConfig } from '@resettle/common';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokens } from './access-tokens';

const USER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
/** The sign-in's refresh-token family. */
const SESSION = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

function tokensAt(clock: FixedClock, env: Record<string, string> = {}) {
  const config = validateConfig({ NODE_ENV: 'test', ...env });
  return new AccessTokens(new ConfigService<AppConfig, true>(config as unknown as Record<string, unknown>), clock);
}

describe('AccessTokens', () => {
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  const tokens = tokensAt(clock);

  it('issues an HS256 token that verifies until it expires, timed by the clock', async () => {
    const { token, expiresAt } = await tokens.issue(USER, null, SESSION);
    expect(expiresAt.toISOString()).toBe('2026-11-23T10:15:00.000Z');
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString());
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: ACCESS_TOKEN_ISSUER,
      aud: ACCESS_TOKEN_AUDIENCE,
      sub: USER,
      iat: 1795428000,
      exp: 1795428900,
      pwd_at: 0,
      sid: SESSION,
    });
    await expect(tokens.verify(token)).resolves.toEqual({
      userId: USER,
      issuedAt: 1795428000,
      passwordChangedAt: 0,
      sessionId: SESSION,
    });

    const later = tokensAt(new FixedClock(new Date('2026-11-23T10:15:00Z')));
    await expect(later.verify(token)).rejects.toThrow(/expired/);
  });

  it('names the password it was issued under', async () => {
    const changed = new Date('2026-11-20T08:30:00.123Z');
    const { token } = await tokens.issue(USER, changed, SESSION);
    expect((await tokens.verify(token)).passwordChangedAt).toBe(changed.getTime());
  });

  it.each<[string, () => Promise<string>]>([
    [
      'another secret',
      async () => (await tokensAt(clock, { JWT_SECRET: 'x'.repeat(40) }).issue(USER, null, SESSION)).token,
    ],
    ['another audience', () => ours().setAudience('elsewhere').sign(key())],
    ['another issuer', () => ours().setIssuer('elsewhere').sign(key())],
    [
      'no password claim',
      () =>
        new SignJWT({ sid: SESSION })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer(ACCESS_TOKEN_ISSUER)
          .setAudience(ACCESS_TOKEN_AUDIENCE)
          .setSubject(USER)
          .setIssuedAt(1795428000)
          .setExpirationTime(1795428900)
          .sign(key()),
    ],
    ['a subject that is not a user id', () => ours().setSubject('admin').sign(key())],
    // Issued before tokens named their sign-in: nothing could end it before it expires.
    ['no session claim', () => ours({ sid: undefined }).sign(key())],
    ['a session that is not a refresh-token family id', () => ours({ sid: 'everywhere' }).sign(key())],
    [
      'alg none',
      async () =>
        new UnsecuredJWT({ pwd_at: 0, sid: SESSION })
          .setIssuer(ACCESS_TOKEN_ISSUER)
          .setAudience(ACCESS_TOKEN_AUDIENCE)
          .setSubject(USER)
          .setIssuedAt(1795428000)
          .setExpirationTime(1795428900)
          .encode(),
    ],
    ['not a JWT', async () => 'not-a-token'],
  ])('refuses a token with %s', async (_label, make) => {
    const error = await tokens.verify(await make()).catch((e) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect(error.message).toBe('The access token is not valid');
  });

  const key = () => new TextEncoder().encode(AppConfig.DEVELOPMENT_JWT_SECRET);
  const ours = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ pwd_at: 0, sid: SESSION, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setSubject(USER)
      .setIssuedAt(1795428000)
      .setExpirationTime(1795428900);
});

describe('sign-in configuration', () => {
  it('has sensible defaults outside production', () => {
    expect(validateConfig({ NODE_ENV: 'development' })).toMatchObject({
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_DAYS: 14,
      OIDC_USER_CLAIM: 'email',
      ARGON2_MEMORY_KIB: 19456,
      ARGON2_TIME_COST: 2,
      ARGON2_PARALLELISM: 1,
    });
  });

  it('refuses the development JWT secret in production, and a short one anywhere', () => {
    expect(() => validateConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateConfig({ NODE_ENV: 'production', JWT_SECRET: AppConfig.DEVELOPMENT_JWT_SECRET })).toThrow(
      /JWT_SECRET/,
    );
    expect(() => validateConfig({ NODE_ENV: 'development', JWT_SECRET: 'too short' })).toThrow(/JWT_SECRET/);
    expect(validateConfig({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(32) }).JWT_SECRET).toBe('a'.repeat(32));
  });

  it('needs the JWKS URL and audience with an OIDC issuer, and argon2 at least at OWASP’s minimum', () => {
    expect(() => validateConfig({ OIDC_ISSUER: 'https://idp.example.com' })).toThrow(
      /OIDC_JWKS_URL[\s\S]*OIDC_AUDIENCE/,
    );
    expect(
      validateConfig({
        OIDC_ISSUER: 'https://idp.example.com',
        OIDC_JWKS_URL: 'http://127.0.0.1:8080/jwks',
        OIDC_AUDIENCE: 'resettle',
      }),
    ).toMatchObject({
      OIDC_ISSUER: 'https://idp.example.com',
    });
    expect(() => validateConfig({ OIDC_USER_CLAIM: 'name' })).toThrow(/OIDC_USER_CLAIM/);
    expect(() => validateConfig({ ARGON2_MEMORY_KIB: '4096' })).toThrow(/ARGON2_MEMORY_KIB/);
    expect(() => validateConfig({ ARGON2_TIME_COST: '1' })).toThrow(/ARGON2_TIME_COST/);
  });
});
