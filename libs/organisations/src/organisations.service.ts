import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { auditActorOf, Caller } from '@resettle/access';
import { AuditOutcome, AuditService } from '@resettle/audit';
import {
  BadUserInputError,
  byIds,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  isUuid,
  NotFoundError,
  pageSize,
  toConnection,
} from '@resettle/common';
import { Organisation } from './organisation.entity';
import { OrganisationType } from './organisation-type';
import { checkEmailDomains } from './rules/email-domains';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly audit: AuditService,
  ) {}

  /**
   * Replaces the email domains of an organisation's staff (national admins only: the policy refuses anyone else at
   * the door). Audited with before and after in the change's own transaction; a bad domain is BAD_USER_INPUT naming
   * `emailDomains`, with nothing written. Accounts already there keep working; one outside the new list can no
   * longer be created, enabled or given roles.
   */
  async setEmailDomains(caller: Caller, organisationId: string, domains: readonly string[]): Promise<Organisation> {
    const checked = checkEmailDomains(domains);
    if (checked.problems.length)
      throw new BadUserInputError('Some email domains are not right', { emailDomains: checked.problems });
    return this.organisations.manager.transaction(async (em) => {
      const organisation = await em.findOne(Organisation, {
        where: { id: organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!organisation) throw new NotFoundError('Organisation', organisationId);
      const before = [...organisation.emailDomains];
      organisation.emailDomains = checked.domains;
      const saved = await em.save(organisation);
      await this.audit.record(
        {
          actor: auditActorOf(caller.actor),
          action: caller.operation,
          resourceType: 'Organisation',
          resourceId: organisation.id,
          outcome: AuditOutcome.SUCCEEDED,
          before: { emailDomains: before },
          after: { emailDomains: checked.domains },
          requestId: caller.requestId,
          clientIp: caller.clientIp,
        },
        em,
      );
      return saved;
    });
  }

  async get(id: string): Promise<Organisation> {
    const found = await this.organisations.findOneBy({ id });
    if (!found) throw new NotFoundError('Organisation', id);
    return found;
  }

  /** Requires the organisation to be of one of the given types (e.g. a transfer goes to a secure establishment). */
  async getOfType(id: string, types: readonly OrganisationType[], field: string): Promise<Organisation> {
    const found = await this.organisations.findOneBy({ id });
    if (!found || !types.includes(found.type)) {
      throw new NotFoundError(`${field}: organisation of type ${types.join(' or ')}`, id);
    }
    return found;
  }

  /** For DataLoader: one query for a whole page's organisations, in the order asked. */
  /** Each organisation's named lead (`lead_user_id`), for those that have one, in the caller's transaction. */
  async leadsOf(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; lead_user_id: string }[] = await em.query(
      `SELECT id, lead_user_id FROM organisation WHERE id = ANY($1::uuid[]) AND lead_user_id IS NOT NULL`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.lead_user_id]));
  }

  /** The ids of the organisations of a type in a region (their local authority's), e.g. its youth justice services. */
  async idsInRegion(type: OrganisationType, region: string): Promise<string[]> {
    const rows = await this.organisations.find({ select: { id: true }, where: { type, region } });
    return rows.map((row) => row.id);
  }

  async findByIds(ids: readonly string[]): Promise<(Organisation | null)[]> {
    const rows = await this.organisations.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (row) => row.id);
  }

  async findByCode(code: string): Promise<Organisation | null> {
    return this.organisations.findOneBy({ code });
  }

  /** The directory, by name, cursor-paginated. */
  async list(
    filter: { types?: OrganisationType[]; nameContains?: string; localAuthorityId?: string },
    first?: number,
    after?: string,
  ): Promise<ConnectionShape<Organisation>> {
    const limit = pageSize(first);
    const qb = this.organisations.createQueryBuilder('o');
    if (filter.types?.length) qb.andWhere('o.type IN (:...types)', { types: filter.types });
    if (filter.localAuthorityId)
      qb.andWhere('o.local_authority_id = :localAuthorityId', { localAuthorityId: filter.localAuthorityId });
    if (filter.nameContains)
      qb.andWhere('o.name ILIKE :name', { name: `%${filter.nameContains.replace(/[%_\\]/g, '\\$&')}%` });
    const totalCount = await qb.clone().getCount();
    if (after) {
      const [name, id] = decodeCursor(after, 2, ([n, i]) => typeof n === 'string' && isUuid(i)) as [string, string];
      qb.andWhere('(o.name, o.id) > (:name, :id)', { name, id });
    }
    const rows = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toConnection(rows, limit, totalCount, (o) => encodeCursor([o.name, o.id]));
  }
}
