import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { auditActorOf, Caller } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { BadUserInputError, Clock, TooManyRequestsError, UnauthenticatedError } from '@resettle/common';
import { normaliseEmail } from '../rules/email';
import { passwordProblems } from '../rules/password-rules';
import { SignInDecision } from '../rules/sign-in-throttle';
import { User } from '../user.entity';
import { AccessTokens } from './access-tokens';
import { ChangePasswordInput, LoginInput } from './auth.types';
import { PasswordHasher } from './password-hasher';
import { RefreshTokens } from './refresh-tokens';
import { RequestInfo, validIp } from './request-info';
import { SignInThrottle } from './sign-in-throttle.service';

export interface IssuedTokens {
  accessToken: string;
  expiresAt: Date;
  refreshToken: string;
}

/** One message for every failed sign-in, so it never tells whether an account exists. */
const SIGN_IN_FAILED = 'Email or password is not right';
const REFRESH_REFUSED = 'The refresh token is not valid: sign in again';

/** Sign-in with email and password, refresh-token rotation, sign-out and password change. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
    private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async login(input: LoginInput, request: RequestInfo): Promise<IssuedTokens> {
    const email = normaliseEmail(input.email);
    const base = { action: 'login', resourceType: 'User', requestId: request.requestId, clientIp: request.clientIp };

    const decision = await this.throttle.begin(email, request.clientIp);
    if (decision.retryAfterSeconds > 0) {
      await this.audit.record({
        ...base,
        actor: null,
        outcome: AuditOutcome.DENIED,
        detail: { email, reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds },
      });
      throw tooMany(decision);
    }

    const user = await this.dataSource.getRepository(User).findOne({
      where: { email },
      select: {
        id: true,
        organisationId: true,
        roles: true,
        disabled: true,
        passwordHash: true,
        passwordChangedAt: true,
      },
    });
    // Always one argon2 verification, whether or not there is an account with a password.
    const passwordRight = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, input.password)
      : await this.hasher.verifyNothing(input.password);
    if (!user || !passwordRight || user.disabled) {
      const reason = !user
        ? 'unknown email'
        : !user.passwordHash
          ? 'no password'
          : !passwordRight
            ? 'wrong password'
            : 'account disabled';
      await this.audit.record({
        ...base,
        actor: null,
        resourceId: user?.id ?? null,
        outcome: AuditOutcome.FAILED,
        detail: { email, reason },
      });
      throw new UnauthenticatedError(SIGN_IN_FAILED);
    }
    await this.throttle.succeeded(email, request.clientIp);

    const rehash = this.hasher.needsRehash(user.passwordHash!) ? await this.hasher.hash(input.password) : null;
    return this.dataSource.transaction(async (em) => {
      // Stronger settings since the hash was made: remake it now that we have the password.
      if (rehash) await em.update(User, { id: user.id }, { passwordHash: rehash });
      const tokens = await this.issueTokens(em, user, null, request.clientIp);
      await this.audit.record(
        {
          ...base,
          actor: { userId: user.id, organisationId: user.organisationId, roles: user.roles },
          resourceId: user.id,
          outcome: AuditOutcome.SUCCEEDED,
        },
        em,
      );
      return tokens;
    });
  }

  /** Rotation: the presented token is used up and replaced; presenting a used-up one again revokes its whole family. */
  async refresh(token: string, request: RequestInfo): Promise<IssuedTokens> {
    const base = {
      action: 'refresh',
      resourceType: 'RefreshToken',
      requestId: request.requestId,
      clientIp: request.clientIp,
    };
    const outcome = await this.dataSource.transaction(async (em) => {
      const row = await this.refreshTokens.findForUpdate(em, token);
      const refuse = async (
        reason: string,
        user: Pick<User, 'id' | 'organisationId' | 'roles'> | null = null,
        revokeFamily = false,
      ) => {
        const revoked = row && revokeFamily ? await this.refreshTokens.revokeFamily(em, row.familyId) : 0;
        const actor = user ? { userId: user.id, organisationId: user.organisationId, roles: user.roles } : null;
        const detail = { reason, ...(revokeFamily ? { familyRevoked: revoked } : {}) };
        await this.audit.record(
          { ...base, actor, resourceId: row?.id ?? null, outcome: AuditOutcome.FAILED, detail },
          em,
        );
        return null;
      };
      if (!row) return refuse('unknown token');
      const user = await em.findOne(User, { where: { id: row.userId } });
      if (row.revokedAt) {
        // Replaced already: someone is replaying an old token, so nobody holding this family is trusted any more.
        return row.replacedById ? refuse('reused token', user, true) : refuse('revoked token', user);
      }
      if (row.expiresAt.getTime() <= this.clock.now().getTime()) return refuse('expired token', user);
      if (!user || user.disabled) return refuse('account disabled', user, true);

      const next = await this.refreshTokens.issue(em, user.id, row.familyId, request.clientIp);
      await this.refreshTokens.markReplaced(em, row, next.row.id);
      await this.audit.record(
        {
          ...base,
          actor: { userId: user.id, organisationId: user.organisationId, roles: user.roles },
          resourceId: row.id,
          outcome: AuditOutcome.SUCCEEDED,
        },
        em,
      );
      const access = await this.accessTokens.issue(user.id, user.passwordChangedAt, row.familyId);
      return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken: next.token };
    });
    // Thrown after the transaction, so a revoked family and the audit row are committed.
    if (!outcome) throw new UnauthenticatedError(REFRESH_REFUSED);
    return outcome;
  }

  /** Signs out everywhere this sign-in reached: revokes the token's whole family. Unknown tokens are fine (true). */
  async logout(token: string, request: RequestInfo): Promise<boolean> {
    await this.dataSource.transaction(async (em) => {
      const row = await this.refreshTokens.findForUpdate(em, token);
      const user = row ? await em.findOne(User, { where: { id: row.userId } }) : null;
      const revoked = row ? await this.refreshTokens.revokeFamily(em, row.familyId) : 0;
      await this.audit.record(
        {
          actor: user ? { userId: user.id, organisationId: user.organisationId, roles: user.roles } : null,
          action: 'logout',
          resourceType: 'RefreshToken',
          resourceId: row?.id ?? null,
          outcome: AuditOutcome.SUCCEEDED,
          detail: row ? { tokensRevoked: revoked } : { reason: 'unknown token' },
          requestId: request.requestId,
          clientIp: request.clientIp,
        },
        em,
      );
    });
    return true;
  }

  /**
   * A new password, given the current one. Every refresh token is revoked and access tokens issued before now stop
   * working; the caller gets fresh tokens.
   */
  async changePassword(caller: Caller, input: ChangePasswordInput): Promise<IssuedTokens> {
    const clientIp = validIp(caller.clientIp);
    const base = {
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: 'User',
      resourceId: caller.actor.userId,
      requestId: caller.requestId,
      clientIp,
    };
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: caller.actor.userId }, select: { id: true, email: true, passwordHash: true } });
    if (!user) throw new UnauthenticatedError();
    const problems = passwordProblems(input.newPassword, user.email);
    if (problems.length) {
      await this.audit.record({ ...base, outcome: AuditOutcome.FAILED, detail: { reason: 'password rules' } });
      throw new BadUserInputError('The new password does not meet the rules', { newPassword: problems });
    }
    // The current password is a secret like any other: guessing it is throttled like sign-in.
    const decision = await this.throttle.begin(user.email, clientIp);
    if (decision.retryAfterSeconds > 0) {
      await this.audit.record({
        ...base,
        outcome: AuditOutcome.DENIED,
        detail: { reason: decision.reason, retryAfterSeconds: decision.retryAfterSeconds },
      });
      throw tooMany(decision);
    }
    const currentRight = user.passwordHash
      ? await this.hasher.verify(user.passwordHash, input.currentPassword)
      : await this.hasher.verifyNothing(input.currentPassword);
    if (!currentRight) {
      await this.audit.record({ ...base, outcome: AuditOutcome.FAILED, detail: { reason: 'wrong current password' } });
      throw BadUserInputError.forField('currentPassword', 'Your current password is not right');
    }
    await this.throttle.succeeded(user.email, clientIp);
    if (input.newPassword === input.currentPassword) {
      await this.audit.record({ ...base, outcome: AuditOutcome.FAILED, detail: { reason: 'same password' } });
      throw BadUserInputError.forField('newPassword', 'Choose a different password from your current one');
    }

    const passwordHash = await this.hasher.hash(input.newPassword);
    return this.dataSource.transaction(async (em) => {
      const passwordChangedAt = this.clock.now();
      await em.update(User, { id: user.id }, { passwordHash, passwordChangedAt });
      const revoked = await this.refreshTokens.revokeAllOf(em, user.id);
      const tokens = await this.issueTokens(em, { id: user.id, passwordChangedAt }, null, clientIp);
      await this.audit.record(
        { ...base, outcome: AuditOutcome.SUCCEEDED, detail: { refreshTokensRevoked: revoked } },
        em,
      );
      return tokens;
    });
  }

  private async issueTokens(
    em: EntityManager,
    user: Pick<User, 'id' | 'passwordChangedAt'>,
    familyId: string | null,
    clientIp: string | null,
  ): Promise<IssuedTokens> {
    const refresh = await this.refreshTokens.issue(em, user.id, familyId, clientIp);
    // The access token belongs to the sign-in: revoking the family (logout, a replayed token) ends it too.
    const access = await this.accessTokens.issue(user.id, user.passwordChangedAt, refresh.row.familyId);
    return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken: refresh.token };
  }
}

function tooMany(decision: SignInDecision): TooManyRequestsError {
  const minutes = Math.ceil(decision.retryAfterSeconds / 60);
  const when =
    decision.retryAfterSeconds < 60
      ? `${decision.retryAfterSeconds} seconds`
      : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new TooManyRequestsError(`Too many sign-in attempts. Try again in ${when}.`, decision.retryAfterSeconds);
}
