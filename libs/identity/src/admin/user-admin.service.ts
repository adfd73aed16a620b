import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { auditActorOf, Caller, mayListCaseManagersOf, mayManageUsersOf } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import {
  BadUserInputError,
  ConflictError,
  ConnectionShape,
  decodeCursor,
  DomainError,
  encodeCursor,
  ForbiddenError,
  isUuid,
  NotFoundError,
  pageSize,
  toConnection,
} from '@resettle/common';
import { emailInDomains, Organisation, OrganisationsService } from '@resettle/organisations';
import { AccountNotices } from '../account-notices';
import { RefreshTokens } from '../auth/refresh-tokens';
import { validIp } from '../auth/request-info';
import { InvitationsService } from '../invitations/invitations.service';
import { Role } from '../role';
import { AccountChange, accountNotice, accountNoticeRecipients } from '../rules/account-notices';
import { normaliseEmail } from '../rules/email';
import { MANAGING_ROLES, unsuitableRoles } from '../rules/roles-by-organisation-type';
import { User } from '../user.entity';
import { CreateUserInput, SetUserRolesInput } from './user.inputs';

/** The roles that manage an organisation's users, by which its managers are found for account notices. */
const USER_MANAGER_ROLES: readonly Role[] = [Role.YJS_MANAGER, Role.ESTABLISHMENT_MANAGER];

const UNIQUE_VIOLATION = '23505';
const EXTERNAL_SUBJECT_INDEX = 'uq_app_user_external_subject';
const SUBJECT_TAKEN = 'Another user already has this external subject';

/**
 * Creating users, giving roles, disabling and enabling: national admins for any organisation, an organisation's
 * managers for their own only. Anyone or anything the caller may not manage is NOT_FOUND, exactly as if it did not
 * exist, and the refusal is audited. Each change is audited, before and after, inside its own transaction.
 *
 * Nobody sets another person's password: a new account is sent a one-time invitation to choose its own (or signs
 * in only through OpenID Connect). An account's email must be in one of its organisation's email domains. A
 * change made from outside the organisation (creating, enabling or giving roles) is told to its managers.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly refreshTokens: RefreshTokens,
    private readonly invitations: InvitationsService,
    private readonly notices: AccountNotices,
    private readonly audit: AuditService,
  ) {}

  /** Users of one organisation (or, for a national admin who names none, everyone), by email. */
  async list(
    caller: Caller,
    organisationId: string | undefined,
    first?: number,
    after?: string,
  ): Promise<ConnectionShape<User>> {
    const limit = pageSize(first);
    let scope: string | null = organisationId ?? null;
    if (organisationId) {
      await this.manageableOrganisation(caller, organisationId);
    } else if (!caller.actor.roles.includes(Role.NATIONAL_ADMIN)) {
      scope = caller.actor.organisationId;
    }
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (scope) qb.andWhere('u.organisationId = :scope', { scope });
    const totalCount = await qb.clone().getCount();
    if (after) {
      const [email, id] = decodeCursor(after, 2, ([e, i]) => typeof e === 'string' && isUuid(i)) as [string, string];
      qb.andWhere('(u.email, u.id) > (:email, :id)', { email, id });
    }
    const rows = await qb
      .orderBy('u.email', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (u) => encodeCursor([u.email, u.id]));
  }

  /**
   * The active case managers of a youth justice service, name and id only, for a youth justice manager handing a
   * child's supervision to it (`mayListCaseManagersOf`); by family name. Audited (the read names the organisation and
   * how many were listed); anything else is NOT_FOUND, audited as a refusal.
   */
  async caseManagersOf(caller: Caller, organisationId: string): Promise<{ id: string; name: string }[]> {
    const organisation = (await this.organisations.findByIds([organisationId]))[0];
    const resource = { type: 'Organisation', id: organisationId };
    if (!mayListCaseManagersOf(caller.actor, organisation?.type ?? null)) {
      await this.deny(caller, resource, organisation ? 'not a youth justice service' : 'no such organisation');
      throw new NotFoundError('Organisation', organisationId);
    }
    const rows: { id: string; given_name: string; family_name: string }[] = await this.dataSource.query(
      `SELECT id, given_name, family_name FROM app_user
        WHERE organisation_id = $1 AND NOT disabled AND $2 = ANY(roles)
        ORDER BY family_name, given_name, id`,
      [organisationId, Role.YJS_CASE_MANAGER],
    );
    await this.audit.record({
      ...this.auditBase(caller, resource),
      outcome: AuditOutcome.ALLOWED,
      fieldsRead: ['id', 'name'],
      detail: { listed: rows.length },
    });
    return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}` }));
  }

  async create(caller: Caller, input: CreateUserInput): Promise<User> {
    const organisation = await this.manageableOrganisation(caller, input.organisationId);
    const email = normaliseEmail(input.email);
    const roles = [...new Set(input.roles)];
    const resource = { type: 'User', id: null };
    await this.checkRoles(caller, resource, organisation, roles, []);
    await this.checkEmailDomain(caller, resource, organisation, email, 'email');
    const externalSubject = input.externalSubject ?? null;
    const sendInvitation = input.sendInvitation !== false;

    try {
      return await this.dataSource.transaction(async (em) => {
        if (await em.exists(User, { where: { email } }))
          throw new ConflictError('A user with this email address already exists');
        if (externalSubject && (await em.exists(User, { where: { externalSubject } })))
          throw new ConflictError(SUBJECT_TAKEN);
        const user = em.create(User, {
          organisationId: organisation.id,
          givenName: input.givenName,
          familyName: input.familyName,
          email,
          roles,
          disabled: false,
          passwordHash: null,
          passwordChangedAt: null,
          externalSubject,
        });
        await em.save(user);
        const invitation = sendInvitation ? await this.invitations.issue(em, user.id, caller.actor.userId) : null;
        await this.audit.record(
          {
            ...this.auditBase(caller, { type: 'User', id: user.id }),
            outcome: AuditOutcome.SUCCEEDED,
            after: {
              organisationId: user.organisationId,
              email,
              givenName: user.givenName,
              familyName: user.familyName,
              roles,
              disabled: false,
              hasPassword: false,
              ...(externalSubject ? { externalSubject } : {}),
            },
            detail: { invitationId: invitation?.id ?? null, signIn: sendInvitation ? 'INVITATION' : 'OPENID_CONNECT' },
          },
          em,
        );
        await this.tellOrganisation(em, caller, organisation, 'CREATED', { id: user.id, email, roles });
        delete user.passwordHash;
        return user;
      });
    } catch (error) {
      // A race with another createUser of the same person ends at the unique indexes instead.
      const violated =
        error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
      const conflict =
        error instanceof ConflictError
          ? error
          : violated && (error.driverError as { constraint?: string }).constraint === EXTERNAL_SUBJECT_INDEX
            ? new ConflictError(SUBJECT_TAKEN)
            : violated
              ? new ConflictError('A user with this email address already exists')
              : null;
      if (conflict) return this.refuse(caller, resource, conflict);
      throw error;
    }
  }

  /**
   * A new invitation for someone who has not yet chosen a password (the last one expired, or never arrived): the
   * old link stops working. Someone with a password has no need of one, so they are refused (CONFLICT).
   */
  async resendInvitation(caller: Caller, userId: string): Promise<User> {
    const user = await this.manageableUser(caller, userId);
    const resource = { type: 'User', id: user.id };
    const organisation = (await this.organisations.findByIds([user.organisationId]))[0]!;
    if (user.disabled)
      await this.refuse(
        caller,
        resource,
        BadUserInputError.forField('userId', 'This account is disabled: enable it before sending an invitation'),
      );
    await this.checkEmailDomain(caller, resource, organisation, user.email, 'userId');
    return this.dataSource.transaction(async (em) => {
      const locked = await em.findOne(User, {
        where: { id: user.id },
        lock: { mode: 'pessimistic_write' },
        select: { id: true, passwordHash: true },
      });
      if (locked?.passwordHash) {
        throw new ConflictError('They have already chosen a password: there is no invitation to send');
      }
      const invitation = await this.invitations.issue(em, user.id, caller.actor.userId);
      await this.audit.record(
        {
          ...this.auditBase(caller, resource),
          outcome: AuditOutcome.SUCCEEDED,
          detail: { invitationId: invitation.id },
        },
        em,
      );
      return user;
    });
  }

  async setRoles(caller: Caller, input: SetUserRolesInput): Promise<User> {
    const user = await this.manageableUser(caller, input.userId);
    const organisation = (await this.organisations.findByIds([user.organisationId]))[0]!;
    const roles = [...new Set(input.roles)];
    const resource = { type: 'User', id: user.id };
    await this.checkRoles(caller, resource, organisation, roles, user.roles);
    const dropsOwnManagerRole =
      user.id === caller.actor.userId &&
      MANAGING_ROLES.some((role) => user.roles.includes(role) && !roles.includes(role));
    if (dropsOwnManagerRole) {
      await this.refuse(
        caller,
        resource,
        BadUserInputError.forField('roles', 'You cannot take away your own manager role: ask another manager to'),
      );
    }
    // Taking roles away is always allowed; giving any needs the account's email in the organisation's domains.
    if (roles.some((role) => !user.roles.includes(role)))
      await this.checkEmailDomain(caller, resource, organisation, user.email, 'userId');
    return this.dataSource.transaction(async (em) => {
      const locked = await em.findOne(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      const before = [...locked!.roles];
      locked!.roles = roles;
      const saved = await em.save(locked!);
      await this.audit.record(
        {
          ...this.auditBase(caller, resource),
          outcome: AuditOutcome.SUCCEEDED,
          before: { roles: before },
          after: { roles },
        },
        em,
      );
      const changed = before.length !== roles.length || roles.some((role) => !before.includes(role));
      if (changed)
        await this.tellOrganisation(em, caller, organisation, 'ROLES_CHANGED', {
          id: user.id,
          email: user.email,
          roles,
          rolesBefore: before,
        });
      return saved;
    });
  }

  /** Disabling also revokes every refresh token; their access tokens stop working at the next request. */
  async setDisabled(caller: Caller, userId: string, disabled: boolean): Promise<User> {
    const user = await this.manageableUser(caller, userId);
    const resource = { type: 'User', id: user.id };
    if (disabled && user.id === caller.actor.userId) {
      await this.refuse(caller, resource, BadUserInputError.forField('userId', 'You cannot disable your own account'));
    }
    const organisation = (await this.organisations.findByIds([user.organisationId]))[0]!;
    if (!disabled && user.disabled) await this.checkEmailDomain(caller, resource, organisation, user.email, 'userId');
    return this.dataSource.transaction(async (em) => {
      const locked = await em.findOne(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      const before = locked!.disabled;
      locked!.disabled = disabled;
      const saved = await em.save(locked!);
      const revoked = disabled ? await this.refreshTokens.revokeAllOf(em, user.id) : 0;
      await this.audit.record(
        {
          ...this.auditBase(caller, resource),
          outcome: AuditOutcome.SUCCEEDED,
          before: { disabled: before },
          after: { disabled },
          ...(disabled ? { detail: { refreshTokensRevoked: revoked } } : {}),
        },
        em,
      );
      if (before && !disabled)
        await this.tellOrganisation(em, caller, organisation, 'ENABLED', {
          id: user.id,
          email: user.email,
          roles: locked!.roles,
        });
      return saved;
    });
  }

  /** The caller's own work phone (already validated and normalised by the input); null removes it. Audited. */
  async setOwnWorkPhone(caller: Caller, workPhone: string | null): Promise<User> {
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id: caller.actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('User', caller.actor.userId);
      const before = user.workPhone;
      if (before === workPhone) return user;
      user.workPhone = workPhone;
      const saved = await em.save(user);
      await this.audit.record(
        {
          ...this.auditBase(caller, { type: 'User', id: user.id }),
          outcome: AuditOutcome.SUCCEEDED,
          before: { workPhone: before },
          after: { workPhone },
        },
        em,
      );
      return saved;
    });
  }

  // ---- the checks

  /** The organisation, if the caller may manage its users; NOT_FOUND (audited) otherwise, as for a missing one. */
  private async manageableOrganisation(caller: Caller, organisationId: string): Promise<Organisation> {
    const organisation = (await this.organisations.findByIds([organisationId]))[0];
    if (!organisation || !mayManageUsersOf(caller.actor, organisation.id)) {
      await this.deny(
        caller,
        { type: 'Organisation', id: organisationId },
        organisation ? 'not an organisation they manage' : 'no such organisation',
      );
      throw new NotFoundError('Organisation', organisationId);
    }
    return organisation;
  }

  /** The user, if the caller may manage their organisation's users; NOT_FOUND (audited) otherwise. */
  private async manageableUser(caller: Caller, userId: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    if (!user || !mayManageUsersOf(caller.actor, user.organisationId)) {
      await this.deny(caller, { type: 'User', id: userId }, user ? 'not an organisation they manage' : 'no such user');
      throw new NotFoundError('User', userId);
    }
    return user;
  }

  /** Roles must suit the organisation, and only a national admin gives or takes NATIONAL_ADMIN. */
  private async checkRoles(
    caller: Caller,
    resource: { type: string; id: string | null },
    organisation: Organisation,
    roles: Role[],
    current: readonly Role[],
  ): Promise<void> {
    const unsuitable = unsuitableRoles(organisation.type, roles);
    if (unsuitable.length) {
      const message = `${unsuitable.join(', ')} ${unsuitable.length === 1 ? 'does' : 'do'} not suit an organisation of type ${organisation.type}`;
      await this.refuse(caller, resource, BadUserInputError.forField('roles', message));
    }
    const changesNationalAdmin = roles.includes(Role.NATIONAL_ADMIN) !== current.includes(Role.NATIONAL_ADMIN);
    if (changesNationalAdmin && !caller.actor.roles.includes(Role.NATIONAL_ADMIN)) {
      await this.deny(caller, resource, 'only a national admin may give or take NATIONAL_ADMIN');
      throw new ForbiddenError('Only a national admin may give or take the NATIONAL_ADMIN role');
    }
  }

  /**
   * The account's email must be in one of the organisation's domains: otherwise anyone who may manage users there
   * could make an account for an address they hold themselves. BAD_USER_INPUT against `field`, audited.
   */
  private async checkEmailDomain(
    caller: Caller,
    resource: { type: string; id: string | null },
    organisation: Organisation,
    email: string,
    field: string,
  ): Promise<void> {
    if (emailInDomains(email, organisation.emailDomains)) return;
    const message = organisation.emailDomains.length
      ? `The email address must end with ${organisation.emailDomains.map((d) => `@${d}`).join(' or ')}, the email domains of ${organisation.name}`
      : `${organisation.name} has no email domains yet: a national admin must add the domains its staff use first`;
    await this.refuse(caller, resource, BadUserInputError.forField(field, message));
  }

  /**
   * A change to one of an organisation's accounts made by someone outside it: its managers (or lead, or everyone
   * there) are told, in the change's own transaction. A change made inside the organisation tells nobody.
   */
  private async tellOrganisation(
    em: EntityManager,
    caller: Caller,
    organisation: Organisation,
    change: AccountChange,
    subject: { id: string; email: string; roles: readonly Role[]; rolesBefore?: readonly Role[] },
  ): Promise<void> {
    if (caller.actor.organisationId === organisation.id) return;
    const members: { id: string; roles: string }[] = await em.query(
      `SELECT id, roles::text[] AS roles FROM app_user WHERE organisation_id = $1 AND NOT disabled ORDER BY email`,
      [organisation.id],
    );
    const rolesOf = (r: { roles: string | string[] }) =>
      Array.isArray(r.roles) ? r.roles : String(r.roles).replace(/[{}]/g, '').split(',').filter(Boolean);
    const leads = await this.organisations.leadsOf(em, [organisation.id]);
    const recipients = accountNoticeRecipients({
      managerIds: members
        .filter((m) => rolesOf(m).some((role) => USER_MANAGER_ROLES.includes(role as Role)))
        .map((m) => m.id),
      leadUserId: leads.get(organisation.id) ?? null,
      memberIds: members.map((m) => m.id),
      actorUserId: caller.actor.userId,
      subjectUserId: subject.id,
    });
    if (!recipients.length) return;
    const [actor]: { email: string; organisation_name: string }[] = await em.query(
      `SELECT u.email, o.name AS organisation_name FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [caller.actor.userId],
    );
    const { title, body } = accountNotice({
      change,
      subjectEmail: subject.email,
      roles: subject.roles,
      rolesBefore: subject.rolesBefore,
      actorEmail: actor?.email ?? 'someone',
      actorOrganisationName: actor?.organisation_name ?? 'another organisation',
      organisationName: organisation.name,
    });
    const event = randomUUID();
    await this.notices.send(
      em,
      recipients.map((recipientUserId) => ({
        recipientUserId,
        title,
        body,
        link: '/users',
        dedupeKey: `account:${change}:${subject.id}:${event}:${recipientUserId}`,
      })),
    );
  }

  private async deny(caller: Caller, resource: { type: string; id: string | null }, reason: string): Promise<void> {
    await this.audit.record({ ...this.auditBase(caller, resource), outcome: AuditOutcome.DENIED, detail: { reason } });
  }

  /** Audits a change refused for its content (FAILED), then throws the error. */
  private async refuse(
    caller: Caller,
    resource: { type: string; id: string | null },
    error: DomainError,
  ): Promise<never> {
    await this.audit.record({
      ...this.auditBase(caller, resource),
      outcome: AuditOutcome.FAILED,
      detail: { reason: error.message },
    });
    throw error;
  }

  private auditBase(caller: Caller, resource: { type: string; id: string | null }) {
    return {
      actor: auditActorOf(caller.actor),
      action: caller.operation,
      resourceType: resource.type,
      resourceId: resource.id,
      requestId: caller.requestId,
      clientIp: validIp(caller.clientIp),
    };
  }
}
