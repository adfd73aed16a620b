import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { BadUserInputError, Clock, ConflictError } from '@resettle/common';
import { PasswordHasher } from '../auth/password-hasher';
import { RefreshTokens } from '../auth/refresh-tokens';
import { RequestInfo } from '../auth/request-info';
import { passwordProblems } from '../rules/password-rules';
import { User } from '../user.entity';
import { InvitationLink, InvitationLinkStatus } from './invitation.types';
import { hashInvitationToken, invitationRefusal, invitationStatus, looksLikeInvitationToken } from './invitation-rules';
import { UserInvitation } from './user-invitation.entity';

interface Found {
  invitation: UserInvitation;
  user: Pick<User, 'id' | 'email' | 'givenName' | 'organisationId' | 'roles' | 'disabled'>;
  organisationName: string;
}

/**
 * The person's side of an invitation: what a link is, and choosing a password with it. Anyone may ask (they hold
 * the token, or they hold nothing); only a link that works says whose it is. Choosing the password uses the link
 * up, and is audited as that person's act.
 */
@Injectable()
export class InvitationAcceptance {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async lookup(token: string): Promise<InvitationLink> {
    const found = await this.find(token);
    const status = this.statusOf(found);
    if (status !== InvitationLinkStatus.PENDING || !found) {
      return {
        status,
        problem: invitationRefusal(status),
        email: null,
        givenName: null,
        organisationName: null,
        expiresAt: null,
      };
    }
    return {
      status,
      problem: null,
      email: found.user.email,
      givenName: found.user.givenName,
      organisationName: found.organisationName,
      expiresAt: found.invitation.expiresAt,
    };
  }

  /**
   * Sets the account's password from a working link, which is then used up. A link that does not work is CONFLICT
   * (with `invitationStatus`), a password that breaks the rules BAD_USER_INPUT on `password`; both write nothing
   * but the audit row.
   */
  async accept(token: string, password: string, request: RequestInfo): Promise<{ email: string }> {
    const base = {
      action: 'acceptInvitation',
      resourceType: 'User',
      requestId: request.requestId,
      clientIp: request.clientIp,
    };
    const found = await this.find(token);
    const refused = async (reason: string, error: Error): Promise<never> => {
      const actor = found
        ? { userId: found.user.id, organisationId: found.user.organisationId, roles: found.user.roles }
        : null;
      await this.audit.record({
        ...base,
        actor,
        resourceId: found?.user.id ?? null,
        outcome: AuditOutcome.FAILED,
        detail: { reason, invitationId: found?.invitation.id ?? null },
      });
      throw error;
    };
    const status = this.statusOf(found);
    if (status !== InvitationLinkStatus.PENDING || !found)
      return refused(`link ${status.toLowerCase()}`, linkRefused(status));
    const problems = passwordProblems(password, found.user.email);
    if (problems.length)
      return refused(
        'password rules',
        new BadUserInputError('The password does not meet the rules', { password: problems }),
      );

    // argon2 is slow on purpose: hashed before the transaction, which then checks the link again under a lock.
    const passwordHash = await this.hasher.hash(password);
    const outcome = await this.dataSource.transaction(async (em) => {
      const invitation = await em.findOne(UserInvitation, {
        where: { id: found.invitation.id },
        lock: { mode: 'pessimistic_write' },
      });
      const [user]: {
        id: string;
        organisation_id: string;
        roles: string[];
        disabled: boolean;
        had_password: boolean;
      }[] = await em.query(
        `SELECT id, organisation_id, roles::text[] AS roles, disabled, password_hash IS NOT NULL AS had_password FROM app_user WHERE id = $1 FOR UPDATE`,
        [found.user.id],
      );
      const now = this.clock.now();
      const current =
        !invitation || !user
          ? InvitationLinkStatus.UNKNOWN
          : user.disabled
            ? InvitationLinkStatus.ACCOUNT_DISABLED
            : (invitationStatus(invitation, now) as InvitationLinkStatus);
      if (current !== InvitationLinkStatus.PENDING) return { refused: current, email: null };
      await em.update(User, { id: user.id }, { passwordHash, passwordChangedAt: now });
      await em.update(UserInvitation, { id: invitation!.id }, { acceptedAt: now });
      // Ends any sign-in the account already had: from now on only this password (or their council's OIDC) works.
      const revoked = await this.refreshTokens.revokeAllOf(em, user.id);
      await this.audit.record(
        {
          ...base,
          actor: { userId: user.id, organisationId: user.organisation_id, roles: user.roles },
          resourceId: user.id,
          outcome: AuditOutcome.SUCCEEDED,
          before: { hasPassword: user.had_password },
          after: { hasPassword: true },
          detail: { invitationId: invitation!.id, refreshTokensRevoked: revoked },
        },
        em,
      );
      return { refused: null, email: found.user.email };
    });
    if (outcome.refused) return refused(`link ${outcome.refused.toLowerCase()}`, linkRefused(outcome.refused));
    return { email: outcome.email! };
  }

  private statusOf(found: Found | null): InvitationLinkStatus {
    if (!found) return InvitationLinkStatus.UNKNOWN;
    if (found.user.disabled) return InvitationLinkStatus.ACCOUNT_DISABLED;
    return invitationStatus(found.invitation, this.clock.now()) as InvitationLinkStatus;
  }

  private async find(token: string): Promise<Found | null> {
    if (!looksLikeInvitationToken(token)) return null;
    const invitation = await this.dataSource
      .getRepository(UserInvitation)
      .findOneBy({ tokenHash: hashInvitationToken(token) });
    if (!invitation) return null;
    const [row]: {
      id: string;
      email: string;
      given_name: string;
      organisation_id: string;
      roles: string[];
      disabled: boolean;
      organisation_name: string;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.given_name, u.organisation_id, u.roles::text[] AS roles, u.disabled, o.name AS organisation_name
           FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [invitation.userId],
    );
    if (!row) return null;
    return {
      invitation,
      user: {
        id: row.id,
        email: row.email,
        givenName: row.given_name,
        organisationId: row.organisation_id,
        roles: row.roles as User['roles'],
        disabled: row.disabled,
      },
      organisationName: row.organisation_name,
    };
  }
}

function linkRefused(status: InvitationLinkStatus): ConflictError {
  return new ConflictError(invitationRefusal(status) ?? 'This invitation link does not work', {
    invitationStatus: status,
  });
}
