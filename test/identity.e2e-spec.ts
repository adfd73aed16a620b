// These requests stand where the portal stands: on this machine, in front of the api, passing on each person's
// address in X-Forwarded-For. The api believes it only from a proxy it is told to trust (none by default).
process.env.TRUST_PROXY = 'loopback';

import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import { countQueries, GraphqlResponse, Session, TestApp } from './support/test-app';
import { insertDirectory } from './support/fixtures';
import { signInDelaySeconds } from '../libs/identity/src/rules/sign-in-throttle';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresAt } }`;
const REFRESH = `mutation($input: RefreshInput!) { refresh(input: $input) { accessToken refreshToken expiresAt } }`;
const LOGOUT = `mutation($input: LogoutInput!) { logout(input: $input) }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken refreshToken expiresAt } }`;
const ME = `{ me { id email roles disabled organisation { id name type } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles disabled organisationId organisation { id } } }`;
const SET_ROLES = `mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { id roles } }`;
const DISABLE = `mutation($input: DisableUserInput!) { disableUser(input: $input) { id disabled } }`;
const ENABLE = `mutation($input: EnableUserInput!) { enableUser(input: $input) { id disabled } }`;
const USERS = `query($org: ID, $first: Int, $after: String) {
  users(organisationId: $org, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id email organisationId } } } }`;

const OIDC_ISSUER = 'https://sign-in.council.example.com';
const OIDC_AUDIENCE = 'resettle-test';
const SIGN_IN_FAILED = 'Email or password is not right';
const NEW_PASSWORD = 'a brand new passphrase';

const codeOf = (res: GraphqlResponse) => res.errors?.[0]?.extensions.code;

describe('identity: sign-in, tokens, OIDC and user administration', () => {
  let t: TestApp;
  let dir: Awaited<ReturnType<typeof insertDirectory>>;
  let nationalBody: { id: string };
  let jwksServer: Server;
  let oidcKey: KeyLike;
  let strangerKey: KeyLike;
  let admin: Session;

  const login = (email: string, password: string, ip?: string) =>
    t.graphql(LOGIN, { input: { email, password } }, ip ? { 'x-forwarded-for': ip } : {});
  const refresh = (refreshToken: string) => t.graphql(REFRESH, { input: { refreshToken } });
  const meWith = (authorization: string) => t.graphql(ME, undefined, { authorization });
  const auditRows = (where: string, params: unknown[] = []) =>
    t.dataSource.query(`SELECT * FROM audit_event WHERE ${where} ORDER BY id`, params);
  const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

  const oidcToken = (claims: JWTPayload, options: { key?: KeyLike; audience?: string; issuer?: string; ttl?: number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'council-key-1' })
      .setIssuer(options.issuer ?? OIDC_ISSUER)
      .setAudience(options.audience ?? OIDC_AUDIENCE)
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + (options.ttl ?? 300))
      .sign(options.key ?? oidcKey);

  beforeAll(async () => {
    // The council's OpenID Connect provider, as far as we need it: a JWKS endpoint serving its public key.
    const pair = await generateKeyPair('RS256');
    oidcKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'council-key-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    // Before the api is first loaded: it reads its environment then. Removed in afterAll (tests run in one process).
    process.env.OIDC_ISSUER = OIDC_ISSUER;
    process.env.OIDC_JWKS_URL = `http://127.0.0.1:${port}/.well-known/jwks.json`;
    process.env.OIDC_AUDIENCE = OIDC_AUDIENCE;

    t = await TestApp.start();
    dir = await insertDirectory(t.dataSource);
    [nationalBody] = await t.dataSource.query(
      `INSERT INTO organisation (code, name, type) VALUES ('NAT-TEST-YJB', 'Youth Justice Board (test)', 'NATIONAL_BODY') RETURNING id`,
    );
  });

  afterAll(async () => {
    await t?.stop();
    jwksServer?.closeAllConnections();
    await new Promise((resolve) => jwksServer?.close(resolve));
    delete process.env.OIDC_ISSUER;
    delete process.env.OIDC_JWKS_URL;
    delete process.env.OIDC_AUDIENCE;
  });

  // Sessions last 15 minutes of the test clock, and some tests move it: each test signs in afresh.
  beforeEach(async () => {
    admin = await t.userSession({ organisationId: nationalBody.id, roles: ['NATIONAL_ADMIN'] });
  });

  describe('login', () => {
    it('signs in with email and password (any case); the access token works for `me`', async () => {
      const user = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'], email: 'casey.manager@example.com' });
      const res = await login('  Casey.Manager@EXAMPLE.com ', TestApp.TEST_PASSWORD);
      expect(res.errors).toBeUndefined();
      const tokens = res.data.login;
      expect(tokens.expiresAt).toBe(new Date(t.clock.now().getTime() + 900_000).toISOString());
      expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const me = await meWith(`Bearer ${tokens.accessToken}`);
      expect(me.errors).toBeUndefined();
      expect(me.data.me).toEqual({
        id: user.userId,
        email: 'casey.manager@example.com',
        roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'],
        disabled: false,
        organisation: { id: dir.leedsYjs.id, name: 'Leeds Youth Justice Service', type: 'YOUTH_JUSTICE_SERVICE' },
      });
      // The session helpers say the same.
      expect((await user.ok(ME)).me.id).toBe(user.userId);

      // The sign-in is audited, with the person, request id and address.
      const [row] = await auditRows(`action = 'login' AND outcome = 'SUCCEEDED' AND resource_id = $1`, [user.userId]);
      expect(row).toMatchObject({ actor_user_id: user.userId, actor_organisation_id: dir.leedsYjs.id, resource_type: 'User', client_ip: '127.0.0.1' });
      expect(row.request_id).toBeTruthy();
      // Only the SHA-256 of a refresh token is stored.
      expect(await t.dataSource.query(`SELECT 1 FROM refresh_token WHERE token_hash = $1`, [tokens.refreshToken])).toEqual([]);
      expect(await t.dataSource.query(`SELECT 1 FROM refresh_token WHERE user_id = $1 AND token_hash = encode(sha256($2::bytea), 'hex')`, [user.userId, tokens.refreshToken])).toHaveLength(1);
    });

    it('refuses operations without a token, or with one that is no good', async () => {
      expect(codeOf(await t.graphql(ME))).toBe('UNAUTHENTICATED');
      for (const header of ['Bearer nonsense', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', `Bearer ${admin.accessToken}x`]) {
        const res = await meWith(header);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        expect(res.data).toBeNull();
      }
    });

    it('gives the same error for a wrong password, an unknown email, a disabled user and a user without a password', async () => {
      const ip = '198.51.100.1';
      await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'real.person@example.com' });
      const disabled = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'gone.person@example.com' });
      await t.dataSource.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [disabled.userId]);

      const attempts = [
        await login('real.person@example.com', 'not the password at all', ip),
        await login('nobody.here@example.com', 'not the password at all', ip),
        await login('gone.person@example.com', TestApp.TEST_PASSWORD, ip),
        // insertDirectory's users have no password (they would sign in through OIDC).
        await login('priya.tester@example.com', TestApp.TEST_PASSWORD, ip),
      ];
      for (const res of attempts) {
        expect(res.data).toBeNull();
        expect(res.errors).toEqual([{ message: SIGN_IN_FAILED, path: ['login'], locations: expect.any(Array), extensions: { code: 'UNAUTHENTICATED' } }]);
      }
      const rows = await auditRows(`action = 'login' AND outcome = 'FAILED' AND client_ip = $1`, [ip]);
      expect(rows.map((r: any) => r.detail.email)).toEqual(['real.person@example.com', 'nobody.here@example.com', 'gone.person@example.com', 'priya.tester@example.com']);
      expect(rows.every((r: any) => r.actor_user_id === null)).toBe(true);
    });

    it('backs off, then locks an account after 10 failures; another account from the same address still signs in', async () => {
      const ip = '198.51.100.10';
      await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'locked.out@example.com' });
      await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'neighbour@example.com' });
      for (let failure = 1; failure <= 10; failure++) {
        expect(codeOf(await login('locked.out@example.com', 'a wrong guess here', ip))).toBe('UNAUTHENTICATED');
        if (failure === 3) {
          // The 4th attempt must wait a second; trying at once is refused without being checked or counted.
          const early = await login('locked.out@example.com', TestApp.TEST_PASSWORD, ip);
          expect(early.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 1 } });
        }
        if (failure < 10) t.clock.advance(signInDelaySeconds(failure) * 1000);
      }
      const locked = await login('locked.out@example.com', TestApp.TEST_PASSWORD, ip);
      expect(locked.data).toBeNull();
      expect(locked.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 900 } });
      // From anywhere, and with the address in any case: the lock is on the account.
      expect(codeOf(await login('LOCKED.OUT@example.com', TestApp.TEST_PASSWORD, '198.51.100.11'))).toBe('TOO_MANY_REQUESTS');
      expect((await login('neighbour@example.com', TestApp.TEST_PASSWORD, ip)).errors).toBeUndefined();
      // An unknown email locks the same way, so locking does not tell whether an account exists.
      expect(await auditRows(`action = 'login' AND outcome = 'DENIED' AND detail->>'email' = 'locked.out@example.com'`)).toHaveLength(3);

      t.clock.advance(15 * 60 * 1000);
      expect((await login('locked.out@example.com', TestApp.TEST_PASSWORD, ip)).errors).toBeUndefined();
    });

    it('blocks an address after 30 failures across accounts; another address still signs in', async () => {
      const ip = '198.51.100.20';
      await t.userSession({ organisationId: dir.kentYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'behind.the.nat@example.com' });
      for (let i = 1; i <= 30; i++) {
        expect(codeOf(await login(`guess.${i}@example.com`, 'a wrong guess here', ip))).toBe('UNAUTHENTICATED');
      }
      const blocked = await login('behind.the.nat@example.com', TestApp.TEST_PASSWORD, ip);
      expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 900 } });
      expect((await login('behind.the.nat@example.com', TestApp.TEST_PASSWORD, '198.51.100.21')).errors).toBeUndefined();
      const [denied] = await auditRows(`action = 'login' AND outcome = 'DENIED' AND client_ip = $1`, [ip]);
      expect(denied.detail).toMatchObject({ email: 'behind.the.nat@example.com', reason: 'IP_BLOCKED' });
    });

    it('copes with a forged X-Forwarded-For that is not an address', async () => {
      await t.userSession({ organisationId: dir.kentYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'forged.header@example.com' });
      expect(codeOf(await login('forged.header@example.com', 'a wrong guess here', 'not-an-address'))).toBe('UNAUTHENTICATED');
      expect((await login('forged.header@example.com', TestApp.TEST_PASSWORD, 'not-an-address')).errors).toBeUndefined();
    });
  });

  describe('refresh tokens', () => {
    it('rotate: the old token is used up, and replaying it revokes the newer one too', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      const first = await refresh(s.refreshToken);
      expect(first.errors).toBeUndefined();
      const second = first.data.refresh;
      expect(second.refreshToken).not.toBe(s.refreshToken);
      expect((await meWith(`Bearer ${second.accessToken}`)).data.me.id).toBe(s.userId);

      // Someone replays the first token: refused, and the whole family with it.
      const replay = await refresh(s.refreshToken);
      expect(codeOf(replay)).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(second.refreshToken))).toBe('UNAUTHENTICATED');
      const [reuse] = await auditRows(`action = 'refresh' AND outcome = 'FAILED' AND actor_user_id = $1`, [s.userId]);
      expect(reuse.detail).toMatchObject({ reason: 'reused token', familyRevoked: 1 });
      expect(codeOf(await refresh('an-unknown-token'))).toBe('UNAUTHENTICATED');
    });

    it('logout revokes the sign-in’s tokens, and is true for an unknown token', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      const other = await t.signIn(s.email, TestApp.TEST_PASSWORD);
      const rotated = (await refresh(s.refreshToken)).data.refresh;
      expect((await t.graphql(LOGOUT, { input: { refreshToken: rotated.refreshToken } })).data).toEqual({ logout: true });
      expect(codeOf(await refresh(rotated.refreshToken))).toBe('UNAUTHENTICATED');
      // Another sign-in (another device) is a different family and stays signed in.
      expect((await refresh(other.refreshToken)).errors).toBeUndefined();
      expect((await t.graphql(LOGOUT, { input: { refreshToken: 'never-issued' } })).data).toEqual({ logout: true });
      expect(await auditRows(`action = 'logout' AND actor_user_id = $1 AND outcome = 'SUCCEEDED'`, [s.userId])).toHaveLength(1);
    });
  });

  describe('sessions', () => {
    const SIGNED_OUT = 'You have been signed out: sign in again';

    it('logout ends the sign-in’s access tokens at once, not when they expire; another sign-in goes on', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      const other = await t.signIn(s.email, TestApp.TEST_PASSWORD);
      const rotated = (await refresh(s.refreshToken)).data.refresh;
      expect((await s.graphql(ME)).errors).toBeUndefined();
      expect((await meWith(`Bearer ${rotated.accessToken}`)).errors).toBeUndefined();

      await t.graphql(LOGOUT, { input: { refreshToken: rotated.refreshToken } });
      // Both access tokens of that sign-in, the first and the refreshed one, well within their 15 minutes.
      for (const authorization of [s.authorization, `Bearer ${rotated.accessToken}`]) {
        const res = await meWith(authorization);
        expect(res.data).toBeNull();
        expect(res.errors?.[0]).toMatchObject({ message: SIGNED_OUT, extensions: { code: 'UNAUTHENTICATED' } });
      }
      expect((await other.graphql(ME)).data.me.id).toBe(s.userId);
    });

    it('a replayed refresh token ends every access token of that sign-in at once: the thief’s and the owner’s', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      const other = await t.signIn(s.email, TestApp.TEST_PASSWORD);
      const thief = (await refresh(s.refreshToken)).data.refresh;
      expect((await meWith(`Bearer ${thief.accessToken}`)).errors).toBeUndefined();

      // The owner still holds the first refresh token and uses it: a replay, so the family is revoked.
      expect(codeOf(await refresh(s.refreshToken))).toBe('UNAUTHENTICATED');
      for (const authorization of [s.authorization, `Bearer ${thief.accessToken}`]) {
        expect((await meWith(authorization)).errors?.[0]).toMatchObject({ message: SIGNED_OUT, extensions: { code: 'UNAUTHENTICATED' } });
      }
      expect((await other.graphql(ME)).errors).toBeUndefined();
    });

    it('checks the session in the per-request user check itself: no extra statement', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      // The check is a prepared statement sent straight to the pool; TypeORM's own statements go through a QueryRunner.
      const pool = (t.appDataSource.driver as unknown as { master: { query: (...args: any[]) => Promise<unknown> } }).master;
      const prepared = jest.spyOn(pool, 'query');
      try {
        const { result, statements } = await countQueries(() => s.graphql(`{ me { id } }`));
        expect(result.errors).toBeUndefined();
        const texts = [...prepared.mock.calls.map(([config]) => String(config.text ?? config)), ...statements];
        const aboutSessions = texts.filter((text) => /refresh_token/.test(text));
        expect(aboutSessions).toHaveLength(1);
        expect(aboutSessions[0]).toMatch(/FROM app_user/);
      } finally {
        prepared.mockRestore();
      }
    });
  });

  describe('changePassword', () => {
    it('checks the current password and the rules, then ends every other session', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'changing.password@example.com' });
      const elsewhere = await t.signIn(s.email, TestApp.TEST_PASSWORD);
      const change = (currentPassword: string, newPassword: string) => s.graphql(CHANGE_PASSWORD, { input: { currentPassword, newPassword } });

      const wrong = await change('not my password!', NEW_PASSWORD);
      expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: { currentPassword: ['Your current password is not right'] } });
      expect((await change(TestApp.TEST_PASSWORD, 'short')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { newPassword: ['Use at least 12 characters'] },
      });
      expect((await change(TestApp.TEST_PASSWORD, 'Changing.Password@example.com')).errors?.[0].extensions.fieldErrors).toEqual({
        newPassword: ['Do not use your email address as your password'],
      });

      // In the same second as the sign-ins: the old tokens still stop working.
      const changed = await change(TestApp.TEST_PASSWORD, NEW_PASSWORD);
      expect(changed.errors).toBeUndefined();
      const fresh = changed.data.changePassword;
      expect(codeOf(await s.graphql(ME))).toBe('UNAUTHENTICATED');
      expect(codeOf(await elsewhere.graphql(ME))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(s.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(elsewhere.refreshToken))).toBe('UNAUTHENTICATED');
      expect((await meWith(`Bearer ${fresh.accessToken}`)).data.me.id).toBe(s.userId);
      expect((await refresh(fresh.refreshToken)).errors).toBeUndefined();

      expect((await login(s.email, TestApp.TEST_PASSWORD)).errors?.[0].message).toBe(SIGN_IN_FAILED);
      expect((await login(s.email, NEW_PASSWORD)).errors).toBeUndefined();

      const [row] = await auditRows(`action = 'changePassword' AND outcome = 'SUCCEEDED' AND actor_user_id = $1`, [s.userId]);
      expect(row.detail).toEqual({ refreshTokensRevoked: 2 });
      const everything = JSON.stringify(await auditRows(`actor_user_id = $1::uuid OR resource_id = $1::text`, [s.userId]));
      expect(everything).not.toMatch(/argon2/);
      expect(everything).not.toContain(NEW_PASSWORD);
    });
  });

  it('an access token expires after 15 minutes; the refresh token still gives a new one', async () => {
    const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
    t.clock.advance(899_000);
    expect((await s.graphql(ME)).errors).toBeUndefined();
    t.clock.advance(2_000);
    const expired = await s.graphql(ME);
    expect(expired.errors?.[0]).toMatchObject({ message: expect.stringMatching(/expired/), extensions: { code: 'UNAUTHENTICATED' } });
    const renewed = await refresh(s.refreshToken);
    expect((await meWith(`Bearer ${renewed.data.refresh.accessToken}`)).data.me.id).toBe(s.userId);
  });

  describe('OpenID Connect', () => {
    it('signs in a user matched by the email claim, with a token from the configured issuer', async () => {
      const created = await admin.ok(CREATE_USER, {
        input: { organisationId: dir.leeds.id, givenName: 'Council', familyName: 'Officer', email: 'council.officer@example.com', roles: ['LA_ACCOMMODATION_OFFICER'] },
      });
      const token = await oidcToken({ sub: 'council-subject-1', email: 'Council.Officer@Example.com', email_verified: true });
      const me = await meWith(`Bearer ${token}`);
      expect(me.errors).toBeUndefined();
      expect(me.data.me).toMatchObject({ id: created.createUser.id, roles: ['LA_ACCOMMODATION_OFFICER'], organisation: { id: dir.leeds.id } });
      await meWith(`Bearer ${token}`);
      // The first use of a provider's token is the sign-in: audited once, not on every request.
      const rows = await auditRows(`action = 'oidcSignIn' AND outcome = 'SUCCEEDED' AND actor_user_id = $1`, [created.createUser.id]);
      expect(rows).toHaveLength(1);
      // Without a password they cannot sign in with one.
      expect((await login('council.officer@example.com', TestApp.TEST_PASSWORD)).errors?.[0].message).toBe(SIGN_IN_FAILED);
    });

    it('refuses a token signed by another key, for another audience, expired, unverified or for nobody', async () => {
      await t.userSession({ organisationId: dir.kent.id, roles: ['LA_CHILDRENS_SERVICES'], email: 'kent.social.worker@example.com' });
      const claims = { sub: 'kent-subject', email: 'kent.social.worker@example.com' };
      expect((await meWith(`Bearer ${await oidcToken(claims)}`)).errors).toBeUndefined();

      const refused = [
        await oidcToken(claims, { key: strangerKey }),
        await oidcToken(claims, { audience: 'some-other-service' }),
        await oidcToken(claims, { ttl: -60 }),
        await oidcToken({ ...claims, email_verified: false }),
        await oidcToken({ sub: 'x', email: 'not.a.user@example.com' }),
        // A token claiming to be ours but signed with the provider's key.
        await oidcToken(claims, { issuer: 'resettle', audience: 'resettle-api' }),
        // An issuer we do not know.
        await oidcToken(claims, { issuer: 'https://elsewhere.example.com' }),
      ];
      for (const token of refused) {
        const res = await meWith(`Bearer ${token}`);
        expect(codeOf(res)).toBe('UNAUTHENTICATED');
        expect(res.data).toBeNull();
      }
      const failures = await auditRows(`action = 'oidcSignIn' AND outcome = 'FAILED'`);
      expect(failures.length).toBeGreaterThanOrEqual(5);
    });
  });

  describe('user administration', () => {
    it('a national admin creates a user in any organisation, who can then sign in', async () => {
      const res = await admin.graphql(CREATE_USER, {
        input: { organisationId: dir.kentYjs.id, givenName: 'New', familyName: 'Starter', email: 'New.Starter@Example.com', roles: ['YJS_CASE_MANAGER'], password: 'a starter passphrase' },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.createUser).toMatchObject({ email: 'new.starter@example.com', roles: ['YJS_CASE_MANAGER'], disabled: false, organisation: { id: dir.kentYjs.id } });
      const s = await t.signIn('new.starter@example.com', 'a starter passphrase');
      expect((await s.ok(ME)).me.organisation.id).toBe(dir.kentYjs.id);

      const listed = await admin.ok(USERS, { org: dir.kentYjs.id });
      expect(listed.users.edges.map((e: any) => e.node.email)).toContain('new.starter@example.com');
      const everyone = await admin.ok(USERS, { first: 2 });
      expect(everyone.users.pageInfo.hasNextPage).toBe(true);
      const next = await admin.ok(USERS, { first: 2, after: everyone.users.pageInfo.endCursor });
      expect(next.users.edges[0].node.email > everyone.users.edges[1].node.email).toBe(true);

      const [row] = await auditRows(`action = 'createUser' AND outcome = 'SUCCEEDED' AND resource_id = $1`, [res.data.createUser.id]);
      expect(row.actor_user_id).toBe(admin.userId);
      expect(row.after).toEqual({
        organisationId: dir.kentYjs.id, email: 'new.starter@example.com', givenName: 'New', familyName: 'Starter', roles: ['YJS_CASE_MANAGER'], disabled: false, hasPassword: true,
      });
      expect(JSON.stringify(row)).not.toMatch(/argon2|starter passphrase/);

      // The same email again is a conflict.
      const again = await admin.graphql(CREATE_USER, {
        input: { organisationId: dir.leedsYjs.id, givenName: 'Copy', familyName: 'Cat', email: 'new.starter@example.com', roles: ['YJS_CASE_MANAGER'] },
      });
      expect(codeOf(again)).toBe('CONFLICT');

      // Someone matched by their provider's subject (OIDC_USER_CLAIM=sub); a subject belongs to one user only.
      const subject = { organisationId: dir.kent.id, givenName: 'Sub', familyName: 'Ject', roles: ['LA_CHILDRENS_SERVICES'], externalSubject: 'kent-idp|42' };
      const bySubject = await admin.ok(CREATE_USER, { input: { ...subject, email: 'by.subject@example.com' } });
      expect(await t.dataSource.query(`SELECT external_subject, password_hash FROM app_user WHERE id = $1`, [bySubject.createUser.id])).toEqual([
        { external_subject: 'kent-idp|42', password_hash: null },
      ]);
      const sameSubject = await admin.graphql(CREATE_USER, { input: { ...subject, email: 'same.subject@example.com' } });
      expect(sameSubject.errors?.[0]).toMatchObject({ message: 'Another user already has this external subject', extensions: { code: 'CONFLICT' } });
    });

    it('a youth justice manager manages their own organisation only; anything else is NOT_FOUND and audited', async () => {
      const manager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_MANAGER'] });
      const created = await manager.graphql(CREATE_USER, {
        input: { organisationId: dir.leedsYjs.id, givenName: 'Leeds', familyName: 'Recruit', email: 'leeds.recruit@example.com', roles: ['YJS_CASE_MANAGER'] },
      });
      expect(created.errors).toBeUndefined();
      const recruit = created.data.createUser.id;
      expect((await manager.ok(SET_ROLES, { input: { userId: recruit, roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] } })).setUserRoles.roles).toEqual(['YJS_CASE_MANAGER', 'YJS_MANAGER']);
      const [rolesRow] = await auditRows(`action = 'setUserRoles' AND resource_id = $1`, [recruit]);
      expect(rolesRow).toMatchObject({ outcome: 'SUCCEEDED', before: { roles: ['YJS_CASE_MANAGER'] }, after: { roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] } });

      // Their users() defaults to their own organisation.
      const mine = await manager.ok(USERS, {});
      expect(mine.users.edges.every((e: any) => e.node.organisationId === dir.leedsYjs.id)).toBe(true);

      const kentUser = dir.kentCaseManager.id;
      const attempts = [
        await manager.graphql(CREATE_USER, { input: { organisationId: dir.kentYjs.id, givenName: 'Kent', familyName: 'Recruit', email: 'kent.recruit@example.com', roles: ['YJS_CASE_MANAGER'] } }),
        await manager.graphql(SET_ROLES, { input: { userId: kentUser, roles: ['YJS_MANAGER'] } }),
        await manager.graphql(DISABLE, { input: { userId: kentUser } }),
        await manager.graphql(ENABLE, { input: { userId: kentUser } }),
        await manager.graphql(USERS, { org: dir.kentYjs.id }),
      ];
      for (const res of attempts) expect(codeOf(res)).toBe('NOT_FOUND');
      // The same answer as for something that does not exist.
      const missing = await manager.graphql(SET_ROLES, { input: { userId: '00000000-0000-4000-8000-000000000000', roles: ['YJS_MANAGER'] } });
      expect(missing.errors?.[0].message).toBe('User 00000000-0000-4000-8000-000000000000 was not found');
      expect(attempts[1].errors?.[0].message).toBe(`User ${kentUser} was not found`);

      const denied = await auditRows(`actor_user_id = $1 AND outcome = 'DENIED'`, [manager.userId]);
      expect(denied.map((r: any) => r.action)).toEqual(['createUser', 'setUserRoles', 'disableUser', 'enableUser', 'users', 'setUserRoles']);
      expect(await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'kent.recruit@example.com'`)).toEqual([]);
      expect((await t.dataSource.query(`SELECT roles FROM app_user WHERE id = $1`, [kentUser]))[0].roles).toBe('{YJS_CASE_MANAGER}');

      // Not themselves: no disabling, no giving up their own manager role.
      expect((await manager.graphql(DISABLE, { input: { userId: manager.userId } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: { userId: expect.any(Array) } });
      expect(codeOf(await manager.graphql(SET_ROLES, { input: { userId: manager.userId, roles: ['YJS_CASE_MANAGER'] } }))).toBe('BAD_USER_INPUT');
    });

    it('a case manager may not manage users at all (FORBIDDEN)', async () => {
      const caseManager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      const res = await caseManager.graphql(CREATE_USER, {
        input: { organisationId: dir.leedsYjs.id, givenName: 'No', familyName: 'Way', email: 'no.way@example.com', roles: ['YJS_CASE_MANAGER'] },
      });
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(codeOf(await caseManager.graphql(USERS, {}))).toBe('FORBIDDEN');
    });

    it('roles must suit the organisation type, and passwords the rules: BAD_USER_INPUT with nothing written', async () => {
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n;
      const cases: [Record<string, unknown>, string][] = [
        [{ organisationId: dir.leedsYjs.id, roles: ['ESTABLISHMENT_STAFF'] }, 'roles'],
        [{ organisationId: dir.wetherby.id, roles: ['ESTABLISHMENT_STAFF', 'YJS_MANAGER'] }, 'roles'],
        [{ organisationId: dir.leeds.id, roles: ['NATIONAL_ADMIN'] }, 'roles'],
        [{ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], password: 'too short' }, 'password'],
        [{ organisationId: dir.leedsYjs.id, roles: [] }, 'roles'],
        [{ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'not an email' }, 'email'],
      ];
      for (const [input, field] of cases) {
        const res = await admin.graphql(CREATE_USER, { input: { givenName: 'Wrong', familyName: 'Fit', email: 'wrong.fit@example.com', ...input } });
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: { [field]: expect.any(Array) } });
      }
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(before);
      const [first] = await auditRows(`action = 'createUser' AND outcome = 'FAILED' AND actor_user_id = $1`, [admin.userId]);
      expect(first.detail.reason).toBe('ESTABLISHMENT_STAFF does not suit an organisation of type YOUTH_JUSTICE_SERVICE');
    });

    it('disabling stops the user at once (tokens and sign-in); enabling lets them back', async () => {
      const s = await t.userSession({ organisationId: dir.wetherby.id, roles: ['ESTABLISHMENT_STAFF'] });
      const manager = await t.userSession({ organisationId: dir.wetherby.id, roles: ['ESTABLISHMENT_MANAGER'] });
      expect((await s.graphql(ME)).errors).toBeUndefined();
      expect((await manager.ok(DISABLE, { input: { userId: s.userId } })).disableUser.disabled).toBe(true);
      expect(codeOf(await s.graphql(ME))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(s.refreshToken))).toBe('UNAUTHENTICATED');
      expect((await login(s.email, TestApp.TEST_PASSWORD)).errors?.[0].message).toBe(SIGN_IN_FAILED);
      const [row] = await auditRows(`action = 'disableUser' AND resource_id = $1`, [s.userId]);
      expect(row).toMatchObject({ outcome: 'SUCCEEDED', before: { disabled: false }, after: { disabled: true }, detail: { refreshTokensRevoked: 1 } });

      await manager.ok(ENABLE, { input: { userId: s.userId } });
      expect((await login(s.email, TestApp.TEST_PASSWORD)).errors).toBeUndefined();
    });

    it('role changes apply to live tokens at once', async () => {
      const colleague = await t.userSession({ organisationId: nationalBody.id, roles: ['NATIONAL_ADMIN'] });
      // Without roles they may do nothing, not even read themselves; a national admin gives NATIONAL_ADMIN back.
      await t.dataSource.query(`UPDATE app_user SET roles = '{}' WHERE id = $1`, [colleague.userId]);
      expect(codeOf(await colleague.graphql(ME))).toBe('FORBIDDEN');
      expect((await admin.ok(SET_ROLES, { input: { userId: colleague.userId, roles: ['NATIONAL_ADMIN'] } })).setUserRoles.roles).toEqual(['NATIONAL_ADMIN']);
      expect((await colleague.graphql(ME)).errors).toBeUndefined();
    });
  });
});
