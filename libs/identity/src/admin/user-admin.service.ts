import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
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
import { auditActorOf, Caller, mayManageUsersOf } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import { Organisation, OrganisationsService } from '@resettle/organisations';
import { Role } from '../role';
import { User } from '../user.entity';
import { normaliseEmail } from '../rules/email';
import { passwordProblems } from '../rules/password-rules';
import { MANAGING_ROLES, unsuitableRoles } from '../rules/roles-by-organisation-type';
import { PasswordHasher } from '../auth/password-hasher';
import { RefreshTokens } from '../auth/refresh-tokens';
import { validIp } from '../auth/request-info';
import { CreateUserInput, SetUserRolesInput } from './user.inputs';

const UNIQUE_VIOLATION = '23505';
const EXTERNAL_SUBJECT_INDEX = 'uq_app_user_external_subject';
const SUBJECT_TAKEN = 'Another user already has this external subject';

/**
 * Creating users, giving roles, disabling and enabling: national admins for any organisation, an organisation's
 * managers for their own only. Anyone or anything the caller may not manage is NOT_FOUND, exactly as if it did not
 * exist, and the refusal is audited. Each change is audited, before and after, inside its own transaction.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly hasher: PasswordHasher,
    private readonly refreshTokens: RefreshTokens,
    private readonly audit: AuditService,
  ) {}

  /** Users of one organisation (or, for a national admin who names none, everyone), by email. */
  async list(caller: Caller, organisationId: string | undefined, first?: number, after?: string): Promise<ConnectionShape<User>> {
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
    const rows = await qb.orderBy('u.email', 'ASC').addOrderBy('u.id', 'ASC').limit(limit + 1).getMany();
    return toConnection(rows, limit, totalCount, (u) => encodeCursor([u.email, u.id]));
  }

  async create(caller: Caller, input: CreateUserInput): Promise<User> {
    const organisation = await this.manageableOrganisation(caller, input.organisationId);
    const email = normaliseEmail(input.email);
    const roles = [...new Set(input.roles)];
    const resource = { type: 'User', id: null };
    await this.checkRoles(caller, resource, organisation, roles, []);
    if (input.password !== undefined && input.password !== null) {
      const problems = passwordProblems(input.password, email);
      if (problems.length) await this.refuse(caller, resource, new BadUserInputError('The password does not meet the rules', { password: problems }));
    }
    const passwordHash = input.password ? await this.hasher.hash(input.password) : null;
    const externalSubject = input.externalSubject ?? null;

    try {
      return await this.dataSource.transaction(async (em) => {
        if (await em.exists(User, { where: { email } })) throw new ConflictError('A user with this email address already exists');
        if (externalSubject && (await em.exists(User, { where: { externalSubject } }))) throw new ConflictError(SUBJECT_TAKEN);
        const user = em.create(User, {
          organisationId: organisation.id,
          givenName: input.givenName,
          familyName: input.familyName,
          email,
          roles,
          disabled: false,
          passwordHash,
          passwordChangedAt: null,
          externalSubject,
        });
        await em.save(user);
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
              hasPassword: passwordHash !== null,
              ...(externalSubject ? { externalSubject } : {}),
            },
          },
          em,
        );
        delete user.passwordHash;
        return user;
      });
    } catch (error) {
      // A race with another createUser of the same person ends at the unique indexes instead.
      const violated = error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
      const conflict =
        error instanceof ConflictError ? error
        : violated && (error.driverError as { constraint?: string }).constraint === EXTERNAL_SUBJECT_INDEX ? new ConflictError(SUBJECT_TAKEN)
        : violated ? new ConflictError('A user with this email address already exists')
        : null;
      if (conflict) return this.refuse(caller, resource, conflict);
      throw error;
    }
  }

  async setRoles(caller: Caller, input: SetUserRolesInput): Promise<User> {
    const user = await this.manageableUser(caller, input.userId);
    const organisation = (await this.organisations.findByIds([user.organisationId]))[0]!;
    const roles = [...new Set(input.roles)];
    const resource = { type: 'User', id: user.id };
    await this.checkRoles(caller, resource, organisation, roles, user.roles);
    const dropsOwnManagerRole = user.id === caller.actor.userId && MANAGING_ROLES.some((role) => user.roles.includes(role) && !roles.includes(role));
    if (dropsOwnManagerRole) {
      await this.refuse(caller, resource, BadUserInputError.forField('roles', 'You cannot take away your own manager role: ask another manager to'));
    }
    return this.dataSource.transaction(async (em) => {
      const locked = await em.findOne(User, { where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      const before = [...locked!.roles];
      locked!.roles = roles;
      const saved = await em.save(locked!);
      await this.audit.record({ ...this.auditBase(caller, resource), outcome: AuditOutcome.SUCCEEDED, before: { roles: before }, after: { roles } }, em);
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
      return saved;
    });
  }

  // ---- the checks

  /** The organisation, if the caller may manage its users; NOT_FOUND (audited) otherwise, as for a missing one. */
  private async manageableOrganisation(caller: Caller, organisationId: string): Promise<Organisation> {
    const organisation = (await this.organisations.findByIds([organisationId]))[0];
    if (!organisation || !mayManageUsersOf(caller.actor, organisation.id)) {
      await this.deny(caller, { type: 'Organisation', id: organisationId }, organisation ? 'not an organisation they manage' : 'no such organisation');
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
  private async checkRoles(caller: Caller, resource: { type: string; id: string | null }, organisation: Organisation, roles: Role[], current: readonly Role[]): Promise<void> {
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

  private async deny(caller: Caller, resource: { type: string; id: string | null }, reason: string): Promise<void> {
    await this.audit.record({ ...this.auditBase(caller, resource), outcome: AuditOutcome.DENIED, detail: { reason } });
  }

  /** Audits a change refused for its content (FAILED), then throws the error. */
  private async refuse(caller: Caller, resource: { type: string; id: string | null }, error: DomainError): Promise<never> {
    await this.audit.record({ ...this.auditBase(caller, resource), outcome: AuditOutcome.FAILED, detail: { reason: error.message } });
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
