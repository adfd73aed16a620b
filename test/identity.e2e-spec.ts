// These requests stand where the portal stands: on this machine, in front of the api, passing on each person's
// address in X-Forwarded-For. The api believes it only from a proxy it is told to trust (none by default).
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import { ConfigModule } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { Clock, ClockModule, validateConfig } from '@resettle/common';
import { DatabaseModule } from '@resettle/database';
import { signInDelaySeconds } from '@resettle/identity';
import { OutboxRelay, QueueModule } from '@resettle/queue';
import { insertDirectory } from './support/fixtures';
import { eventually, ReceivedMail, TestSmtpServer } from './support/smtp-server';
import { countQueries, GraphqlResponse, Session, TestApp } from './support/test-app';

process.env.TRUST_PROXY = 'loopback';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken expiresAt } }`;
const REFRESH = `mutation($input: RefreshInput!) { refresh(input: $input) { accessToken refreshToken expiresAt } }`;
const LOGOUT = `mutation($input: LogoutInput!) { logout(input: $input) }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { accessToken refreshToken expiresAt } }`;
const ME = `{ me { id email roles disabled organisation { id name type } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles disabled organisationId organisation { id } } }`;
const SET_ROLES = `mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { id roles } }`;
const DISABLE = `mutation($input: DisableUserInput!) { disableUser(input: $input) { id disabled } }`;
const ENABLE = `mutation($input: EnableUserInput!) { enableUser(input: $input) { id disabled } }`;
const RESEND = `mutation($input: ResendInvitationInput!) { resendInvitation(input: $input) { id } }`;
const SET_DOMAINS = `mutation($input: SetOrganisationEmailDomainsInput!) { setOrganisationEmailDomains(input: $input) { id emailDomains } }`;
const INVITATION = `query($token: String!) { invitation(token: $token) { status problem email givenName organisationName expiresAt } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { email } }`;
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
  // The worker's side (outbox relay, notifications queue, email) and the mail server it sends to.
  const smtp = new TestSmtpServer();
  let worker: TestingModule;
  let relay: OutboxRelay;

  const login = (email: string, password: string, ip?: string) =>
    t.graphql(LOGIN, { input: { email, password } }, ip ? { 'x-forwarded-for': ip } : {});
  const refresh = (refreshToken: string) => t.graphql(REFRESH, { input: { refreshToken } });
  const meWith = (authorization: string) => t.graphql(ME, undefined, { authorization });
  const auditRows = (where: string, params: unknown[] = []) =>
    t.dataSource.query(`SELECT * FROM audit_event WHERE ${where} ORDER BY id, position`, params);
  const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);
  const INVITATION_SUBJECT = 'Resettle: choose your password';
  /**
   * The worker's part: the relay moves the outbox row to the notifications queue, whose job emails the link. Waits
   * for the `nth` invitation email to `email` (1 = the first) and returns it with the token its link carries.
   */
  const invitationMail = async (email: string, nth = 1): Promise<{ mail: ReceivedMail; token: string }> => {
    await relay.relayOnce();
    const mail = await eventually(
      async () => smtp.to(email).filter((m) => m.subject === INVITATION_SUBJECT)[nth - 1],
      `invitation email ${nth} to ${email}`,
    );
    const token = /https:\/\/resettle\.example\.gov\.uk\/invitation\/([A-Za-z0-9_-]{43})\n/.exec(mail.text)?.[1];
    if (!token) throw new Error(`No invitation link in: ${mail.text}`);
    // The worker sends inside its transaction (a failed send leaves nothing behind), so the mail can arrive just
    // before that transaction commits: wait for the commit, or the test reads the invitation as it was before.
    await eventually(
      async () =>
        (
          await t.dataSource.query(
            `SELECT 1 FROM user_invitation i JOIN app_user u ON u.id = i.user_id
              WHERE lower(u.email) = lower($1) AND i.emailed_at IS NOT NULL`,
            [email],
          )
        ).length >= nth,
      `the invitation to ${email} recorded as emailed`,
    );
    return { mail, token };
  };
  const accept = (token: string, password: string) => t.graphql(ACCEPT, { input: { token, password } });
  /** Every place a token could have been kept: none may hold it in clear. */
  const storedAnywhere = async (text: string) =>
    (
      await t.dataSource.query(
        `SELECT 'user_invitation' AS t FROM user_invitation i WHERE i::text LIKE $1
         UNION ALL SELECT 'outbox_message' FROM outbox_message o WHERE o::text LIKE $1
         UNION ALL SELECT 'audit_event' FROM audit_event a WHERE a::text LIKE $1
         UNION ALL SELECT 'notification' FROM notification n WHERE n::text LIKE $1`,
        [`%${text}%`],
      )
    ).map((r: { t: string }) => r.t);

  const oidcToken = (
    claims: JWTPayload,
    options: { key?: KeyLike; audience?: string; issuer?: string; ttl?: number } = {},
  ) =>
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
    await smtp.start();
    process.env.EMAIL_TRANSPORT = 'smtp';
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    process.env.EMAIL_LINK_BASE_URL = 'https://resettle.example.gov.uk';

    t = await TestApp.start();
    dir = await insertDirectory(t.dataSource);
    [nationalBody] = await t.dataSource.query(
      `INSERT INTO organisation (code, name, type, email_domains) VALUES ('NAT-TEST-YJB', 'Youth Justice Board (test)', 'NATIONAL_BODY', '{example.com}') RETURNING id`,
    );

    const lib = require('@resettle/notifications') as typeof import('@resettle/notifications');
    worker = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, validate: validateConfig }),
        ClockModule,
        DatabaseModule,
        QueueModule.forRoot('worker'),
        lib.NotificationsWorkerModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(t.clock)
      .compile();
    worker.useLogger(false);
    await worker.init();
    // The relay, run by hand (not on its timer), so each test says when the worker gets to the outbox.
    relay = new OutboxRelay(worker.get(DataSource), worker as unknown as ModuleRef);
  });

  afterAll(async () => {
    await worker
      ?.get<Queue>(getQueueToken('notifications'))
      .obliterate({ force: true })
      .catch(() => undefined);
    await worker?.close();
    await smtp.stop();
    for (const name of ['EMAIL_TRANSPORT', 'SMTP_URL', 'EMAIL_LINK_BASE_URL']) delete process.env[name];
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
      const user = await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'],
        email: 'casey.manager@example.com',
      });
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
      expect(row).toMatchObject({
        actor_user_id: user.userId,
        actor_organisation_id: dir.leedsYjs.id,
        resource_type: 'User',
        client_ip: '127.0.0.1',
      });
      expect(row.request_id).toBeTruthy();
      // Only the SHA-256 of a refresh token is stored.
      expect(
        await t.dataSource.query(`SELECT 1 FROM refresh_token WHERE token_hash = $1`, [tokens.refreshToken]),
      ).toEqual([]);
      expect(
        await t.dataSource.query(
          `SELECT 1 FROM refresh_token WHERE user_id = $1 AND token_hash = encode(sha256($2::bytea), 'hex')`,
          [user.userId, tokens.refreshToken],
        ),
      ).toHaveLength(1);
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
      await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'real.person@example.com',
      });
      const disabled = await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'gone.person@example.com',
      });
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
        expect(res.errors).toEqual([
          {
            message: SIGN_IN_FAILED,
            path: ['login'],
            locations: expect.any(Array),
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ]);
      }
      const rows = await auditRows(`action = 'login' AND outcome = 'FAILED' AND client_ip = $1`, [ip]);
      expect(rows.map((r: any) => r.detail.email)).toEqual([
        'real.person@example.com',
        'nobody.here@example.com',
        'gone.person@example.com',
        'priya.tester@example.com',
      ]);
      expect(rows.every((r: any) => r.actor_user_id === null)).toBe(true);
    });

    it('backs off, then locks an account after 10 failures; another account from the same address still signs in', async () => {
      const ip = '198.51.100.10';
      await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'locked.out@example.com',
      });
      await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'neighbour@example.com',
      });
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
      expect(codeOf(await login('LOCKED.OUT@example.com', TestApp.TEST_PASSWORD, '198.51.100.11'))).toBe(
        'TOO_MANY_REQUESTS',
      );
      expect((await login('neighbour@example.com', TestApp.TEST_PASSWORD, ip)).errors).toBeUndefined();
      // An unknown email locks the same way, so locking does not tell whether an account exists.
      expect(
        await auditRows(`action = 'login' AND outcome = 'DENIED' AND detail->>'email' = 'locked.out@example.com'`),
      ).toHaveLength(3);

      t.clock.advance(15 * 60 * 1000);
      expect((await login('locked.out@example.com', TestApp.TEST_PASSWORD, ip)).errors).toBeUndefined();
    });

    it('blocks an address after 30 failures across accounts; another address still signs in', async () => {
      const ip = '198.51.100.20';
      await t.userSession({
        organisationId: dir.kentYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'behind.the.nat@example.com',
      });
      for (let i = 1; i <= 30; i++) {
        expect(codeOf(await login(`guess.${i}@example.com`, 'a wrong guess here', ip))).toBe('UNAUTHENTICATED');
      }
      const blocked = await login('behind.the.nat@example.com', TestApp.TEST_PASSWORD, ip);
      expect(blocked.errors?.[0]).toMatchObject({ extensions: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds: 900 } });
      expect(
        (await login('behind.the.nat@example.com', TestApp.TEST_PASSWORD, '198.51.100.21')).errors,
      ).toBeUndefined();
      const [denied] = await auditRows(`action = 'login' AND outcome = 'DENIED' AND client_ip = $1`, [ip]);
      expect(denied.detail).toMatchObject({ email: 'behind.the.nat@example.com', reason: 'IP_BLOCKED' });
    });

    it('copes with a forged X-Forwarded-For that is not an address', async () => {
      await t.userSession({
        organisationId: dir.kentYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'forged.header@example.com',
      });
      expect(codeOf(await login('forged.header@example.com', 'a wrong guess here', 'not-an-address'))).toBe(
        'UNAUTHENTICATED',
      );
      expect(
        (await login('forged.header@example.com', TestApp.TEST_PASSWORD, 'not-an-address')).errors,
      ).toBeUndefined();
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
      expect((await t.graphql(LOGOUT, { input: { refreshToken: rotated.refreshToken } })).data).toEqual({
        logout: true,
      });
      expect(codeOf(await refresh(rotated.refreshToken))).toBe('UNAUTHENTICATED');
      // Another sign-in (another device) is a different family and stays signed in.
      expect((await refresh(other.refreshToken)).errors).toBeUndefined();
      expect((await t.graphql(LOGOUT, { input: { refreshToken: 'never-issued' } })).data).toEqual({ logout: true });
      expect(
        await auditRows(`action = 'logout' AND actor_user_id = $1 AND outcome = 'SUCCEEDED'`, [s.userId]),
      ).toHaveLength(1);
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
        expect((await meWith(authorization)).errors?.[0]).toMatchObject({
          message: SIGNED_OUT,
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
      expect((await other.graphql(ME)).errors).toBeUndefined();
    });

    it('checks the session in the per-request user check itself: no extra statement', async () => {
      const s = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      // The check is a prepared statement sent straight to the pool; TypeORM's own statements go through a QueryRunner.
      const pool = (t.appDataSource.driver as unknown as { master: { query: (...args: any[]) => Promise<unknown> } })
        .master;
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
      const s = await t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: ['YJS_CASE_MANAGER'],
        email: 'changing.password@example.com',
      });
      const elsewhere = await t.signIn(s.email, TestApp.TEST_PASSWORD);
      const change = (currentPassword: string, newPassword: string) =>
        s.graphql(CHANGE_PASSWORD, { input: { currentPassword, newPassword } });

      const wrong = await change('not my password!', NEW_PASSWORD);
      expect(wrong.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { currentPassword: ['Your current password is not right'] },
      });
      expect((await change(TestApp.TEST_PASSWORD, 'short')).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { newPassword: ['Use at least 12 characters'] },
      });
      expect(
        (await change(TestApp.TEST_PASSWORD, 'Changing.Password@example.com')).errors?.[0].extensions.fieldErrors,
      ).toEqual({
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

      const [row] = await auditRows(`action = 'changePassword' AND outcome = 'SUCCEEDED' AND actor_user_id = $1`, [
        s.userId,
      ]);
      expect(row.detail).toEqual({ refreshTokensRevoked: 2 });
      const everything = JSON.stringify(
        await auditRows(`actor_user_id = $1::uuid OR resource_id = $1::text`, [s.userId]),
      );
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
    expect(expired.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/expired/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const renewed = await refresh(s.refreshToken);
    expect((await meWith(`Bearer ${renewed.data.refresh.accessToken}`)).data.me.id).toBe(s.userId);
  });

  describe('OpenID Connect', () => {
    it('signs in a user matched by the email claim, with a token from the configured issuer', async () => {
      const created = await admin.ok(CREATE_USER, {
        input: {
          organisationId: dir.leeds.id,
          givenName: 'Council',
          familyName: 'Officer',
          email: 'council.officer@example.com',
          roles: ['LA_ACCOMMODATION_OFFICER'],
          sendInvitation: false,
        },
      });
      const token = await oidcToken({
        sub: 'council-subject-1',
        email: 'Council.Officer@Example.com',
        email_verified: true,
      });
      const me = await meWith(`Bearer ${token}`);
      expect(me.errors).toBeUndefined();
      expect(me.data.me).toMatchObject({
        id: created.createUser.id,
        roles: ['LA_ACCOMMODATION_OFFICER'],
        organisation: { id: dir.leeds.id },
      });
      await meWith(`Bearer ${token}`);
      // The first use of a provider's token is the sign-in: audited once, not on every request.
      const rows = await auditRows(`action = 'oidcSignIn' AND outcome = 'SUCCEEDED' AND actor_user_id = $1`, [
        created.createUser.id,
      ]);
      expect(rows).toHaveLength(1);
      // Without a password they cannot sign in with one.
      expect((await login('council.officer@example.com', TestApp.TEST_PASSWORD)).errors?.[0].message).toBe(
        SIGN_IN_FAILED,
      );
    });

    it('refuses a token signed by another key, for another audience, expired, unverified or for nobody', async () => {
      await t.userSession({
        organisationId: dir.kent.id,
        roles: ['LA_CHILDRENS_SERVICES'],
        email: 'kent.social.worker@example.com',
      });
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
    it('a national admin creates a user in any organisation; the person chooses their own password from the emailed link', async () => {
      const res = await admin.graphql(CREATE_USER, {
        input: {
          organisationId: dir.kentYjs.id,
          givenName: 'New',
          familyName: 'Starter',
          email: 'New.Starter@Example.com',
          roles: ['YJS_CASE_MANAGER'],
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.createUser).toMatchObject({
        email: 'new.starter@example.com',
        roles: ['YJS_CASE_MANAGER'],
        disabled: false,
        organisation: { id: dir.kentYjs.id },
      });
      const userId = res.data.createUser.id;
      // Nobody knows a password for it yet: not the admin, not anyone.
      expect(await t.dataSource.query(`SELECT password_hash FROM app_user WHERE id = $1`, [userId])).toEqual([
        { password_hash: null },
      ]);
      // The invitation waits for the worker, which alone makes its token (so the api never had it).
      const [row] = await t.dataSource.query(
        `SELECT id, token_hash, emailed_at, expires_at, invited_by_user_id FROM user_invitation WHERE user_id = $1`,
        [userId],
      );
      expect(row).toMatchObject({
        token_hash: null,
        emailed_at: null,
        invited_by_user_id: admin.userId,
        expires_at: new Date(t.clock.now().getTime() + 7 * 86_400_000),
      });
      expect(
        await t.dataSource.query(
          `SELECT topic, payload, job_id FROM outbox_message WHERE payload->>'invitationId' = $1`,
          [row.id],
        ),
      ).toEqual([
        { topic: 'notifications.invitation', payload: { invitationId: row.id }, job_id: `invitation:${row.id}` },
      ]);

      const { mail, token } = await invitationMail('new.starter@example.com');
      expect(mail.headers['x-resettle-reference']).toBe(`invitation:${row.id}`);
      expect(mail.text).toContain('Kent Youth Justice Service has given you an account on Resettle');
      expect(mail.text).toMatch(/The link works once, until \d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ 2026\./);
      // Only the token's SHA-256 is kept; the token itself is in the email and nowhere else.
      expect(await storedAnywhere(token)).toEqual([]);
      expect(
        await t.dataSource.query(
          `SELECT 1 FROM user_invitation WHERE id = $1 AND token_hash = encode(sha256($2::bytea), 'hex')`,
          [row.id, token],
        ),
      ).toHaveLength(1);

      // The link says whose it is while it works.
      expect((await t.graphql(INVITATION, { token })).data.invitation).toEqual({
        status: 'PENDING',
        problem: null,
        email: 'new.starter@example.com',
        givenName: 'New',
        organisationName: 'Kent Youth Justice Service',
        expiresAt: row.expires_at.toISOString(),
      });
      // Password rules first: nothing changes.
      const short = await accept(token, 'too short');
      expect(short.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { password: ['Use at least 12 characters'] },
      });
      expect((await t.graphql(INVITATION, { token })).data.invitation.status).toBe('PENDING');

      expect((await accept(token, 'a starter passphrase')).data).toEqual({
        acceptInvitation: { email: 'new.starter@example.com' },
      });
      const s = await t.signIn('new.starter@example.com', 'a starter passphrase');
      expect((await s.ok(ME)).me.organisation.id).toBe(dir.kentYjs.id);
      // Once only.
      const again = await accept(token, 'another passphrase here');
      expect(again.errors?.[0]).toMatchObject({
        message: 'This invitation link has already been used. Sign in with the password you chose.',
        extensions: { code: 'CONFLICT', invitationStatus: 'ACCEPTED' },
      });
      expect((await t.graphql(INVITATION, { token })).data.invitation).toMatchObject({
        status: 'ACCEPTED',
        email: null,
      });
      expect((await login('new.starter@example.com', 'another passphrase here')).errors?.[0].message).toBe(
        SIGN_IN_FAILED,
      );

      const listed = await admin.ok(
        `query($org: ID) { users(organisationId: $org) { edges { node { email hasPassword invitation { status acceptedAt } } } } }`,
        { org: dir.kentYjs.id },
      );
      expect(listed.users.edges.map((e: any) => e.node)).toContainEqual({
        email: 'new.starter@example.com',
        hasPassword: true,
        invitation: { status: 'ACCEPTED', acceptedAt: t.clock.now().toISOString() },
      });
      const everyone = await admin.ok(USERS, { first: 2 });
      expect(everyone.users.pageInfo.hasNextPage).toBe(true);
      const next = await admin.ok(USERS, { first: 2, after: everyone.users.pageInfo.endCursor });
      expect(next.users.edges[0].node.email > everyone.users.edges[1].node.email).toBe(true);

      const [created] = await auditRows(`action = 'createUser' AND outcome = 'SUCCEEDED' AND resource_id = $1`, [
        userId,
      ]);
      expect(created.actor_user_id).toBe(admin.userId);
      expect(created.after).toEqual({
        organisationId: dir.kentYjs.id,
        email: 'new.starter@example.com',
        givenName: 'New',
        familyName: 'Starter',
        roles: ['YJS_CASE_MANAGER'],
        disabled: false,
        hasPassword: false,
      });
      expect(created.detail).toEqual({ invitationId: row.id, signIn: 'INVITATION' });
      // The password was chosen by the person themselves, and the trail says so.
      const accepted = await auditRows(`action = 'acceptInvitation' AND resource_id = $1`, [userId]);
      expect(accepted.map((r: any) => [r.outcome, r.actor_user_id, r.detail.reason ?? null])).toEqual([
        ['FAILED', userId, 'password rules'],
        ['SUCCEEDED', userId, null],
        ['FAILED', userId, 'link accepted'],
      ]);
      expect(accepted[1]).toMatchObject({
        before: { hasPassword: false },
        after: { hasPassword: true },
        detail: { invitationId: row.id },
      });
      expect(JSON.stringify(await auditRows(`resource_id = $1`, [userId]))).not.toMatch(/argon2|starter passphrase/);

      // The same email again is a conflict.
      const dup = await admin.graphql(CREATE_USER, {
        input: {
          organisationId: dir.leedsYjs.id,
          givenName: 'Copy',
          familyName: 'Cat',
          email: 'new.starter@example.com',
          roles: ['YJS_CASE_MANAGER'],
        },
      });
      expect(codeOf(dup)).toBe('CONFLICT');

      // Someone matched by their provider's subject (OIDC_USER_CLAIM=sub): no invitation; a subject is one user's only.
      const subject = {
        organisationId: dir.kent.id,
        givenName: 'Sub',
        familyName: 'Ject',
        roles: ['LA_CHILDRENS_SERVICES'],
        externalSubject: 'kent-idp|42',
        sendInvitation: false,
      };
      const bySubject = await admin.ok(CREATE_USER, { input: { ...subject, email: 'by.subject@example.com' } });
      expect(
        await t.dataSource.query(`SELECT external_subject, password_hash FROM app_user WHERE id = $1`, [
          bySubject.createUser.id,
        ]),
      ).toEqual([{ external_subject: 'kent-idp|42', password_hash: null }]);
      expect(
        await t.dataSource.query(`SELECT 1 FROM user_invitation WHERE user_id = $1`, [bySubject.createUser.id]),
      ).toEqual([]);
      const sameSubject = await admin.graphql(CREATE_USER, {
        input: { ...subject, email: 'same.subject@example.com' },
      });
      expect(sameSubject.errors?.[0]).toMatchObject({
        message: 'Another user already has this external subject',
        extensions: { code: 'CONFLICT' },
      });
    });

    it('a youth justice manager manages their own organisation only; anything else is NOT_FOUND and audited', async () => {
      const manager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_MANAGER'] });
      const created = await manager.graphql(CREATE_USER, {
        input: {
          organisationId: dir.leedsYjs.id,
          givenName: 'Leeds',
          familyName: 'Recruit',
          email: 'leeds.recruit@example.com',
          roles: ['YJS_CASE_MANAGER'],
        },
      });
      expect(created.errors).toBeUndefined();
      const recruit = created.data.createUser.id;
      expect(
        (await manager.ok(SET_ROLES, { input: { userId: recruit, roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] } }))
          .setUserRoles.roles,
      ).toEqual(['YJS_CASE_MANAGER', 'YJS_MANAGER']);
      const [rolesRow] = await auditRows(`action = 'setUserRoles' AND resource_id = $1`, [recruit]);
      expect(rolesRow).toMatchObject({
        outcome: 'SUCCEEDED',
        before: { roles: ['YJS_CASE_MANAGER'] },
        after: { roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] },
      });

      // Their users() defaults to their own organisation.
      const mine = await manager.ok(USERS, {});
      expect(mine.users.edges.every((e: any) => e.node.organisationId === dir.leedsYjs.id)).toBe(true);

      const kentUser = dir.kentCaseManager.id;
      const attempts = [
        await manager.graphql(CREATE_USER, {
          input: {
            organisationId: dir.kentYjs.id,
            givenName: 'Kent',
            familyName: 'Recruit',
            email: 'kent.recruit@example.com',
            roles: ['YJS_CASE_MANAGER'],
          },
        }),
        await manager.graphql(SET_ROLES, { input: { userId: kentUser, roles: ['YJS_MANAGER'] } }),
        await manager.graphql(DISABLE, { input: { userId: kentUser } }),
        await manager.graphql(ENABLE, { input: { userId: kentUser } }),
        await manager.graphql(USERS, { org: dir.kentYjs.id }),
      ];
      for (const res of attempts) expect(codeOf(res)).toBe('NOT_FOUND');
      // The same answer as for something that does not exist.
      const missing = await manager.graphql(SET_ROLES, {
        input: { userId: '00000000-0000-4000-8000-000000000000', roles: ['YJS_MANAGER'] },
      });
      expect(missing.errors?.[0].message).toBe('User 00000000-0000-4000-8000-000000000000 was not found');
      expect(attempts[1].errors?.[0].message).toBe(`User ${kentUser} was not found`);

      const denied = await auditRows(`actor_user_id = $1 AND outcome = 'DENIED'`, [manager.userId]);
      expect(denied.map((r: any) => r.action)).toEqual([
        'createUser',
        'setUserRoles',
        'disableUser',
        'enableUser',
        'users',
        'setUserRoles',
      ]);
      expect(await t.dataSource.query(`SELECT 1 FROM app_user WHERE email = 'kent.recruit@example.com'`)).toEqual([]);
      expect((await t.dataSource.query(`SELECT roles FROM app_user WHERE id = $1`, [kentUser]))[0].roles).toBe(
        '{YJS_CASE_MANAGER}',
      );

      // Not themselves: no disabling, no giving up their own manager role.
      expect(
        (await manager.graphql(DISABLE, { input: { userId: manager.userId } })).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: { userId: expect.any(Array) } });
      expect(
        codeOf(await manager.graphql(SET_ROLES, { input: { userId: manager.userId, roles: ['YJS_CASE_MANAGER'] } })),
      ).toBe('BAD_USER_INPUT');
    });

    it('a case manager may not manage users at all (FORBIDDEN)', async () => {
      const caseManager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'] });
      const res = await caseManager.graphql(CREATE_USER, {
        input: {
          organisationId: dir.leedsYjs.id,
          givenName: 'No',
          familyName: 'Way',
          email: 'no.way@example.com',
          roles: ['YJS_CASE_MANAGER'],
        },
      });
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(codeOf(await caseManager.graphql(USERS, {}))).toBe('FORBIDDEN');
    });

    it('roles must suit the organisation type, and emails its domains: BAD_USER_INPUT with nothing written', async () => {
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n;
      const cases: [Record<string, unknown>, string][] = [
        [{ organisationId: dir.leedsYjs.id, roles: ['ESTABLISHMENT_STAFF'] }, 'roles'],
        [{ organisationId: dir.wetherby.id, roles: ['ESTABLISHMENT_STAFF', 'YJS_MANAGER'] }, 'roles'],
        [{ organisationId: dir.leeds.id, roles: ['NATIONAL_ADMIN'] }, 'roles'],
        [
          { organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'wrong.fit@elsewhere.example.org' },
          'email',
        ],
        [{ organisationId: dir.leedsYjs.id, roles: [] }, 'roles'],
        [{ organisationId: dir.leedsYjs.id, roles: ['YJS_CASE_MANAGER'], email: 'not an email' }, 'email'],
      ];
      for (const [input, field] of cases) {
        const res = await admin.graphql(CREATE_USER, {
          input: { givenName: 'Wrong', familyName: 'Fit', email: 'wrong.fit@example.com', ...input },
        });
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          fieldErrors: { [field]: expect.any(Array) },
        });
      }
      expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(before);
      const [first] = await auditRows(`action = 'createUser' AND outcome = 'FAILED' AND actor_user_id = $1`, [
        admin.userId,
      ]);
      expect(first.detail.reason).toBe(
        'ESTABLISHMENT_STAFF does not suit an organisation of type YOUTH_JUSTICE_SERVICE',
      );
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
      expect(row).toMatchObject({
        outcome: 'SUCCEEDED',
        before: { disabled: false },
        after: { disabled: true },
        detail: { refreshTokensRevoked: 1 },
      });

      await manager.ok(ENABLE, { input: { userId: s.userId } });
      expect((await login(s.email, TestApp.TEST_PASSWORD)).errors).toBeUndefined();
    });

    it('role changes apply to live tokens at once', async () => {
      const colleague = await t.userSession({ organisationId: nationalBody.id, roles: ['NATIONAL_ADMIN'] });
      // Without roles they may do nothing, not even read themselves; a national admin gives NATIONAL_ADMIN back.
      await t.dataSource.query(`UPDATE app_user SET roles = '{}' WHERE id = $1`, [colleague.userId]);
      expect(codeOf(await colleague.graphql(ME))).toBe('FORBIDDEN');
      expect(
        (await admin.ok(SET_ROLES, { input: { userId: colleague.userId, roles: ['NATIONAL_ADMIN'] } })).setUserRoles
          .roles,
      ).toEqual(['NATIONAL_ADMIN']);
      expect((await colleague.graphql(ME)).errors).toBeUndefined();
    });
  });

  describe('invitations, email domains, and changes made from outside an organisation', () => {
    const notificationsOf = (userId: string) =>
      t.dataSource.query(
        `SELECT kind, title, body, link FROM notification WHERE recipient_user_id = $1 ORDER BY created_at, id`,
        [userId],
      );

    it('a national admin cannot give themselves an account in another organisation (the issue’s takeover), and what they do there is told', async () => {
      const kentManager = await t.userSession({
        organisationId: dir.kentYjs.id,
        roles: ['YJS_MANAGER'],
        email: 'kent.manager@example.com',
      });
      const [adminRow] = await t.dataSource.query(`SELECT email FROM app_user WHERE id = $1`, [admin.userId]);
      const users = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user`))[0].n;
      const before = await users();

      // Setting someone's password is no longer possible at all.
      const withPassword = await admin.graphql(CREATE_USER, {
        input: {
          organisationId: dir.kentYjs.id,
          givenName: 'Back',
          familyName: 'Door',
          email: 'back.door@example.com',
          roles: ['YJS_MANAGER'],
          password: 'I will know this one',
        },
      });
      expect(codeOf(withPassword)).toBe('BAD_USER_INPUT');
      expect(withPassword.errors?.[0].message).toMatch(/password/);
      // An address of their own (outside Kent's domains) is refused, naming the field.
      const ownAddress = await admin.graphql(CREATE_USER, {
        input: {
          organisationId: dir.kentYjs.id,
          givenName: 'Back',
          familyName: 'Door',
          email: 'back.door@yjb.example.com',
          roles: ['YJS_MANAGER'],
        },
      });
      expect(ownAddress.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: {
          email: ['The email address must end with @example.com, the email domains of Kent Youth Justice Service'],
        },
      });
      expect(await users()).toBe(before);

      // Adding their own domain to Kent is a national admin's act, but audited with before and after …
      const domains = await admin.ok(SET_DOMAINS, {
        input: { organisationId: dir.kentYjs.id, emailDomains: ['example.com', ' @YJB.example.com'] },
      });
      expect(domains.setOrganisationEmailDomains.emailDomains).toEqual(['example.com', 'yjb.example.com']);
      const [domainRow] = await auditRows(`action = 'setOrganisationEmailDomains' AND resource_id = $1`, [
        dir.kentYjs.id,
      ]);
      expect(domainRow).toMatchObject({
        outcome: 'SUCCEEDED',
        actor_user_id: admin.userId,
        before: { emailDomains: ['example.com'] },
        after: { emailDomains: ['example.com', 'yjb.example.com'] },
      });
      // … and the account made then is told to Kent's managers, in the app and by email; its link goes to the
      // address, never to the admin, so they still cannot sign in as it.
      const created = await admin.ok(CREATE_USER, {
        input: {
          organisationId: dir.kentYjs.id,
          givenName: 'Back',
          familyName: 'Door',
          email: 'back.door@yjb.example.com',
          roles: ['YJS_MANAGER'],
        },
      });
      const [notice] = await notificationsOf(kentManager.userId);
      expect(notice).toEqual({
        kind: 'ACCOUNT_CHANGE',
        title: 'New account at Kent Youth Justice Service: back.door@yjb.example.com',
        body: `${adminRow.email} (Youth Justice Board (test)) created an account for back.door@yjb.example.com at Kent Youth Justice Service, with the roles YJS_MANAGER. If you did not expect this, disable the account and tell your information security team.`,
        link: '/users',
      });
      await relay.relayOnce();
      await eventually(
        async () => smtp.to('kent.manager@example.com').find((m) => m.subject === `Resettle: ${notice.title}`),
        'the notice email',
      );
      expect((await login('back.door@yjb.example.com', TestApp.TEST_PASSWORD)).errors?.[0].message).toBe(
        SIGN_IN_FAILED,
      );
      // Nobody else in Kent is bothered when there is a manager to tell; a change Kent's manager makes tells nobody.
      const aboutBackDoor = async (userId: string) =>
        (await notificationsOf(userId)).map((n: any) => n.title).filter((title: string) => title.includes('back.door'));
      expect(await aboutBackDoor(dir.kentCaseManager.id)).toEqual([]);
      await kentManager.ok(SET_ROLES, { input: { userId: created.createUser.id, roles: ['YJS_CASE_MANAGER'] } });
      expect(await notificationsOf(kentManager.userId)).toHaveLength(1);

      // Roles given and an account enabled from outside are told too (a second apart, so they list in order).
      t.clock.advance(1000);
      await admin.ok(SET_ROLES, {
        input: { userId: dir.kentCaseManager.id, roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] },
      });
      await kentManager.ok(DISABLE, { input: { userId: created.createUser.id } });
      t.clock.advance(1000);
      await admin.ok(ENABLE, { input: { userId: created.createUser.id } });
      // The same roles again change nothing and tell nobody.
      await admin.ok(SET_ROLES, {
        input: { userId: dir.kentCaseManager.id, roles: ['YJS_CASE_MANAGER', 'YJS_MANAGER'] },
      });
      expect((await notificationsOf(kentManager.userId)).map((n: any) => n.title)).toEqual([
        'New account at Kent Youth Justice Service: back.door@yjb.example.com',
        'Roles changed at Kent Youth Justice Service: alex.tester@example.com',
        'Account enabled at Kent Youth Justice Service: back.door@yjb.example.com',
      ]);
      // alex.tester is a manager now, so hears of the enabling too (but not of their own promotion).
      expect(await aboutBackDoor(dir.kentCaseManager.id)).toEqual([
        'Account enabled at Kent Youth Justice Service: back.door@yjb.example.com',
      ]);
      await admin.ok(SET_ROLES, { input: { userId: dir.kentCaseManager.id, roles: ['YJS_CASE_MANAGER'] } });
      await admin.ok(SET_DOMAINS, { input: { organisationId: dir.kentYjs.id, emailDomains: ['example.com'] } });
    });

    it('an organisation with no managers (a council) has its lead, or else everyone there, told', async () => {
      const [council] = await t.dataSource.query(
        `INSERT INTO organisation (code, name, type, email_domains) VALUES ('LA-TEST-QUIET', 'Quiet Council', 'LOCAL_AUTHORITY', '{quiet.example.com}') RETURNING id`,
      );
      const officer = await t.userSession({
        organisationId: council.id,
        roles: ['LA_ACCOMMODATION_OFFICER'],
        email: 'officer@quiet.example.com',
      });
      await admin.ok(CREATE_USER, {
        input: {
          organisationId: council.id,
          givenName: 'Soc',
          familyName: 'Worker',
          email: 'sw@quiet.example.com',
          roles: ['LA_CHILDRENS_SERVICES'],
        },
      });
      expect((await notificationsOf(officer.userId)).map((n: any) => n.title)).toEqual([
        'New account at Quiet Council: sw@quiet.example.com',
      ]);
    });

    it('a link expires; sent again, the old one stops working and the new one works', async () => {
      const manager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_MANAGER'] });
      const { createUser: user } = await manager.ok(CREATE_USER, {
        input: {
          organisationId: dir.leedsYjs.id,
          givenName: 'Late',
          familyName: 'Starter',
          email: 'late.starter@example.com',
          roles: ['YJS_CASE_MANAGER'],
        },
      });
      const first = await invitationMail('late.starter@example.com');
      t.clock.advance(7 * 86_400_000);
      expect((await t.graphql(INVITATION, { token: first.token })).data.invitation).toEqual({
        status: 'EXPIRED',
        problem: 'This invitation link has expired. Ask your manager to send you a new one.',
        email: null,
        givenName: null,
        organisationName: null,
        expiresAt: null,
      });
      expect((await accept(first.token, 'a late passphrase')).errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        invitationStatus: 'EXPIRED',
      });

      const fresh = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_MANAGER'] });
      expect((await fresh.graphql(RESEND, { input: { userId: user.id } })).errors).toBeUndefined();
      const [resent] = await auditRows(`action = 'resendInvitation' AND resource_id = $1`, [user.id]);
      expect(resent).toMatchObject({ outcome: 'SUCCEEDED', actor_user_id: fresh.userId });
      // Sent again before the worker got to it: that one is superseded, and its job sends nothing.
      t.clock.advance(1000);
      await fresh.ok(RESEND, { input: { userId: user.id } });
      const second = await invitationMail('late.starter@example.com', 2);
      expect(second.token).not.toBe(first.token);
      expect((await t.graphql(INVITATION, { token: first.token })).data.invitation).toMatchObject({
        status: 'SUPERSEDED',
        problem: 'A newer invitation has been sent to you. Use the link in the latest email.',
        email: null,
      });
      expect((await accept(first.token, 'a late passphrase')).errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        invitationStatus: 'SUPERSEDED',
      });
      expect((await accept(second.token, 'a late passphrase')).errors).toBeUndefined();
      expect((await t.signIn('late.starter@example.com', 'a late passphrase')).userId).toBe(user.id);
      const rows = await t.dataSource.query(
        `SELECT emailed_at IS NOT NULL AS emailed, superseded_at IS NOT NULL AS superseded, accepted_at IS NOT NULL AS accepted FROM user_invitation WHERE user_id = $1 ORDER BY created_at, emailed_at`,
        [user.id],
      );
      expect(rows).toEqual([
        { emailed: true, superseded: true, accepted: false },
        { emailed: false, superseded: true, accepted: false },
        { emailed: true, superseded: false, accepted: true },
      ]);
      expect(smtp.to('late.starter@example.com').filter((m) => m.subject === INVITATION_SUBJECT)).toHaveLength(2);

      // Someone who has chosen a password needs no invitation; a disabled account gets none.
      expect((await fresh.graphql(RESEND, { input: { userId: user.id } })).errors?.[0]).toMatchObject({
        message: 'They have already chosen a password: there is no invitation to send',
        extensions: { code: 'CONFLICT' },
      });
      const { createUser: other } = await fresh.ok(CREATE_USER, {
        input: {
          organisationId: dir.leedsYjs.id,
          givenName: 'Gone',
          familyName: 'Before',
          email: 'gone.before@example.com',
          roles: ['YJS_CASE_MANAGER'],
        },
      });
      const link = await invitationMail('gone.before@example.com');
      await fresh.ok(DISABLE, { input: { userId: other.id } });
      expect((await t.graphql(INVITATION, { token: link.token })).data.invitation).toMatchObject({
        status: 'ACCOUNT_DISABLED',
        email: null,
      });
      expect((await accept(link.token, 'a gone passphrase')).errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        invitationStatus: 'ACCOUNT_DISABLED',
      });
      expect(codeOf(await fresh.graphql(RESEND, { input: { userId: other.id } }))).toBe('BAD_USER_INPUT');
      // Another organisation's manager cannot send one: NOT_FOUND, as for anyone they do not manage.
      const kentManager = await t.userSession({ organisationId: dir.kentYjs.id, roles: ['YJS_MANAGER'] });
      expect(codeOf(await kentManager.graphql(RESEND, { input: { userId: other.id } }))).toBe('NOT_FOUND');
      // Nonsense is nobody's.
      expect((await t.graphql(INVITATION, { token: 'not-a-token' })).data.invitation.status).toBe('UNKNOWN');
    });

    it('giving roles, enabling or inviting needs the email in the organisation’s domains; taking roles away does not', async () => {
      const manager = await t.userSession({ organisationId: dir.wetherby.id, roles: ['ESTABLISHMENT_MANAGER'] });
      const [outsider] = await t.dataSource.query(
        `INSERT INTO app_user (organisation_id, given_name, family_name, email, roles, disabled) VALUES ($1, 'Old', 'Account', 'old.account@legacy.example.org', '{ESTABLISHMENT_STAFF,ESTABLISHMENT_MANAGER}', true) RETURNING id`,
        [dir.wetherby.id],
      );
      expect(
        (await manager.ok(SET_ROLES, { input: { userId: outsider.id, roles: ['ESTABLISHMENT_STAFF'] } })).setUserRoles
          .roles,
      ).toEqual(['ESTABLISHMENT_STAFF']);
      const refused = [
        await manager.graphql(SET_ROLES, {
          input: { userId: outsider.id, roles: ['ESTABLISHMENT_STAFF', 'ESTABLISHMENT_MANAGER'] },
        }),
        await manager.graphql(ENABLE, { input: { userId: outsider.id } }),
      ];
      for (const res of refused) {
        expect(res.errors?.[0].extensions).toEqual({
          code: 'BAD_USER_INPUT',
          fieldErrors: {
            userId: ['The email address must end with @example.com, the email domains of HMYOI Wetherby'],
          },
        });
      }
      await t.dataSource.query(`UPDATE app_user SET disabled = false WHERE id = $1`, [outsider.id]);
      expect(codeOf(await manager.graphql(RESEND, { input: { userId: outsider.id } }))).toBe('BAD_USER_INPUT');
    });

    it('only national admins change an organisation’s domains, and only to real domains of its own', async () => {
      const manager = await t.userSession({ organisationId: dir.leedsYjs.id, roles: ['YJS_MANAGER'] });
      expect(
        codeOf(
          await manager.graphql(SET_DOMAINS, {
            input: { organisationId: dir.leedsYjs.id, emailDomains: ['example.com', 'mine.example.org'] },
          }),
        ),
      ).toBe('FORBIDDEN');
      const bad = await admin.graphql(SET_DOMAINS, {
        input: { organisationId: dir.leedsYjs.id, emailDomains: ['gov.uk', 'leeds.gov.uk', 'not a domain.example'] },
      });
      expect(bad.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: {
          emailDomains: [
            'gov.uk is shared by many organisations: enter your organisation’s own domain',
            'not a domain.example is not a domain: use letters, digits, hyphens and dots',
          ],
        },
      });
      expect(
        codeOf(
          await admin.graphql(SET_DOMAINS, {
            input: { organisationId: '00000000-0000-4000-8000-000000000000', emailDomains: [] },
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        (await t.dataSource.query(`SELECT email_domains FROM organisation WHERE id = $1`, [dir.leedsYjs.id]))[0]
          .email_domains,
      ).toEqual(['example.com']);
      // Everyone may read them (they say which addresses can have an account there).
      expect(
        (await manager.ok(`query($id: ID!) { organisation(id: $id) { emailDomains } }`, { id: dir.leedsYjs.id }))
          .organisation.emailDomains,
      ).toEqual(['example.com']);
    });
  });
});
