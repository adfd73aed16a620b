import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { auditActorOf, Caller, ChildRelations } from '@resettle/access';
import { AuditOutcome, AuditService, changedFields } from '@resettle/audit';
import { BadUserInputError, byIds, Clock, groupByIds, NotFoundError } from '@resettle/common';
import { jsonRowShape } from '@resettle/database';
import { OrganisationsService, OrganisationType } from '@resettle/organisations';
import { Child } from './child.entity';
import { RegisterChildInput } from './dto/register-child.input';
import { ParentCarer } from './parent-carer.entity';
import { isPossibleDuplicate, NamedChild } from './rules/possible-duplicate';

const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿźżž';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz';

/** As the SQL `translate` above folds it: lower case, accents dropped. */
function foldName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .trim();
}

@Injectable()
export class ChildrenService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Child) private readonly children: Repository<Child>,
    @InjectRepository(ParentCarer) private readonly parentsCarers: Repository<ParentCarer>,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /**
   * The children's own facts for the access policy (for `ChildRelationsRegistry`, as its primary source): who
   * recorded each child and who looks after them; null for a child that does not exist.
   */
  relationsSql(childId: string): string {
    return `(SELECT json_build_object('registeredById', c.registered_by_organisation_id, 'lookedAfter', c.looked_after,
                                      'responsibleAuthorityId', c.responsible_authority_id)
               FROM child c WHERE c.id = ${childId})`;
  }

  withRelations(
    entry: ChildRelations,
    facts: { registeredById: string | null; lookedAfter: boolean; responsibleAuthorityId: string | null },
  ): ChildRelations {
    return {
      ...entry,
      registeredById: facts.registeredById,
      lookedAfter: facts.lookedAfter,
      responsibleAuthorityId: facts.responsibleAuthorityId,
    };
  }

  async get(id: string): Promise<Child> {
    const child = await this.children.findOneBy({ id });
    if (!child) throw new NotFoundError('Child', id);
    return child;
  }

  /**
   * For a list scoped to the children an authority looks after (the access policy's `responsibleAuthorityIds`): a
   * SQL condition that the child whose id is `childIdSql` is looked after by one of `authorityIdsSql` (a uuid[]).
   */
  lookedAfterByAuthoritySql(childIdSql: string, authorityIdsSql: string): string {
    return `${childIdSql} IN (SELECT c.id FROM child c WHERE c.looked_after AND c.responsible_authority_id = ANY(${authorityIdsSql}))`;
  }

  /**
   * For a page that reads its children in its own statement (the caseload): a SQL expression giving the child
   * whose id is `childIdSql` as one JSON object (null if none), with only `fields` and `keep` if given (see
   * `jsonRowShape`), and `decodeChild` to turn it back into the entity.
   */
  childJsonSql(childIdSql: string, fields?: readonly string[] | null, keep?: readonly string[]): string {
    return `(SELECT ${this.childShape().select('c', fields, keep)} FROM child c WHERE c.id = ${childIdSql})`;
  }

  /**
   * For a list sorted by the child's name: SQL expressions (`text`) of the child whose id is `childIdSql`, family
   * name then the name they are called by (preferred, else given), lower-cased.
   */
  nameSortSql(childIdSql: string): [string, string] {
    return [
      `(SELECT lower(c.family_name) FROM child c WHERE c.id = ${childIdSql})`,
      `(SELECT lower(COALESCE(c.preferred_name, c.given_name)) FROM child c WHERE c.id = ${childIdSql})`,
    ];
  }

  decodeChild(row: Record<string, unknown>): Child {
    return this.childShape().decode(row);
  }

  private childShape() {
    return jsonRowShape<Child>(this.children.metadata);
  }

  async findByIds(ids: readonly string[]): Promise<(Child | null)[]> {
    const rows = await this.children.findBy({ id: In([...ids]) });
    return byIds(ids, rows, (row) => row.id);
  }

  /**
   * Children matching every part of `filter` that is given, by family then given name, at most `cap` of them (the
   * caller's access filters them after). The name is compared without accents or case (`translate`, as the
   * `unaccent` extension is not installed), on given, family and preferred name.
   */
  async search(filter: { nameContains?: string; dateOfBirth?: string; reference?: string }, cap: number) {
    const query = this.children
      .createQueryBuilder('c')
      .orderBy('c.familyName')
      .addOrderBy('c.givenName')
      .addOrderBy('c.id')
      .take(cap);
    if (filter.nameContains) {
      const needle = foldName(filter.nameContains).replace(/[\\%_]/g, (ch) => `\\${ch}`);
      query.andWhere(
        `translate(lower(c.given_name || ' ' || c.family_name || ' ' || coalesce(c.preferred_name, '')), :from, :to) LIKE :needle`,
        { from: ACCENTED, to: PLAIN, needle: `%${needle}%` },
      );
    }
    if (filter.dateOfBirth) query.andWhere('c.date_of_birth = :dob', { dob: filter.dateOfBirth });
    if (filter.reference) query.andWhere('c.id = :id', { id: filter.reference });
    return query.getMany();
  }

  /** Children born on `dateOfBirth` whose name may be the same child's (`isPossibleDuplicate`). */
  async possibleDuplicates(candidate: NamedChild): Promise<Child[]> {
    const sameDay = await this.children.find({
      where: { dateOfBirth: candidate.dateOfBirth },
      order: { familyName: 'ASC', givenName: 'ASC', id: 'ASC' },
    });
    return sameDay.filter((child) => isPossibleDuplicate(candidate, child));
  }

  async parentsCarersOf(childIds: readonly string[]): Promise<ParentCarer[][]> {
    const rows = await this.parentsCarers.find({ where: { childId: In([...childIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(childIds, rows, (p) => p.childId);
  }

  /** Records a new child; the caller's service recorded them, so it may see them until an episode says otherwise. */
  async register(input: RegisterChildInput, caller: Caller, duplicatesSetAside: string[] = []): Promise<Child> {
    if (input.dateOfBirth >= this.clock.today()) {
      throw BadUserInputError.forField('dateOfBirth', 'dateOfBirth must be in the past');
    }
    if (input.lookedAfter && !input.responsibleAuthorityId) {
      throw BadUserInputError.forField(
        'responsibleAuthorityId',
        'A looked-after child needs the local authority responsible for them',
      );
    }
    for (const field of ['responsibleAuthorityId', 'homeAuthorityId'] as const) {
      const id = input[field];
      if (id) await this.organisations.getOfType(id, [OrganisationType.LOCAL_AUTHORITY], field);
    }
    return this.dataSource.transaction(async (em) => {
      const child = em.create(Child, {
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        preferredName: input.preferredName?.trim() || null,
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        ethnicity: input.ethnicity ?? null,
        lookedAfter: input.lookedAfter ?? false,
        responsibleAuthorityId: input.responsibleAuthorityId ?? null,
        careLeaver: input.careLeaver ?? false,
        homeAuthorityId: input.homeAuthorityId ?? null,
        hasEhcp: input.hasEhcp ?? false,
        disabilities: input.disabilities ?? [],
        communicationNeeds: input.communicationNeeds ?? null,
        registeredByOrganisationId: caller.actor.organisationId,
      });
      const saved = await em.save(child);
      const parentsCarers = input.parentsCarers ?? [];
      if (parentsCarers.length) {
        await em.insert(
          ParentCarer,
          parentsCarers.map((p) => ({
            childId: saved.id,
            name: p.name,
            relationship: p.relationship,
            phone: p.phone ?? null,
            email: p.email?.toLowerCase() ?? null,
            hasParentalResponsibility: p.hasParentalResponsibility ?? false,
          })),
        );
      }
      const { after } = changedFields(null, { ...saved });
      await this.audit.record(
        {
          actor: auditActorOf(caller.actor),
          action: caller.operation,
          resourceType: 'Child',
          resourceId: saved.id,
          childId: saved.id,
          outcome: AuditOutcome.SUCCEEDED,
          after: {
            ...after,
            parentsCarers: parentsCarers.length,
            ...(duplicatesSetAside.length ? { duplicatesSetAside } : {}),
          },
          requestId: caller.requestId,
          clientIp: caller.clientIp,
        },
        em,
      );
      return saved;
    });
  }
}
