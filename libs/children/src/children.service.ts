import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { auditActorOf, Caller, ChildRelations, ChildScope, SqlParam } from '@resettle/access';
import { AuditOutcome, AuditService, changedFields } from '@resettle/audit';
import { BadUserInputError, byIds, Clock, ConflictError, groupByIds, NotFoundError } from '@resettle/common';
import { jsonRowShape } from '@resettle/database';
import { OrganisationsService, OrganisationType } from '@resettle/organisations';
import { Child } from './child.entity';
import { RegisterChildInput } from './dto/register-child.input';
import { ParentCarer } from './parent-carer.entity';
import { isPossibleDuplicate, NamedChild } from './rules/possible-duplicate';

/** The caller's access scope as a SQL condition on a child id (`AccessService.childScopeSql` for the caller). */
export type ChildScopeSql = (childIdSql: string, param: SqlParam) => string;

/** Where a page of a search ended (its last child), for the next page. */
export interface ChildSearchKey {
  familyName: string;
  givenName: string;
  id: string;
}

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

  /**
   * The children's part of a child scope (for `ChildRelationsRegistry.scopeSql`): recorded by a listed youth justice
   * service, or looked after by a listed authority.
   */
  childScopeSql(childId: string, scope: ChildScope, param: SqlParam): string[] {
    const or: string[] = [];
    if (scope.recordedOrSupervisedByIds.length) {
      or.push(
        `${childId} IN (SELECT c.id FROM child c WHERE c.registered_by_organisation_id = ANY(${param(scope.recordedOrSupervisedByIds, 'uuid[]')}))`,
      );
    }
    if (scope.lookedAfterByIds.length)
      or.push(this.lookedAfterByAuthoritySql(childId, param(scope.lookedAfterByIds, 'uuid[]')));
    return or;
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

  /**
   * For aggregate measures: the groups the child whose id is `childIdSql` is counted in on the day `onDaySql`, as one
   * row for a LATERAL join: `ethnic_group` (the ONS 2021 high-level group of their ethnicity key, or NOT_RECORDED),
   * `gender`, `age_band` (10_14, 15, 16, 17_PLUS), `looked_after` and `care_leaver` (YES or NO). Never a name.
   */
  breakdownGroupsSql(childIdSql: string, onDaySql: string): string {
    return `SELECT CASE WHEN c.ethnicity IS NULL THEN 'NOT_RECORDED'
                        WHEN split_part(c.ethnicity, '_', 1) IN ('WHITE', 'MIXED', 'ASIAN', 'BLACK')
                          THEN split_part(c.ethnicity, '_', 1)
                        ELSE 'OTHER' END AS ethnic_group,
                   c.gender::text AS gender,
                   CASE WHEN a.years < 15 THEN '10_14' WHEN a.years < 17 THEN a.years::text ELSE '17_PLUS' END AS age_band,
                   CASE WHEN c.looked_after THEN 'YES' ELSE 'NO' END AS looked_after,
                   CASE WHEN c.care_leaver THEN 'YES' ELSE 'NO' END AS care_leaver
              FROM child c
             CROSS JOIN LATERAL (SELECT date_part('year', age(${onDaySql}, c.date_of_birth))::int AS years) a
             WHERE c.id = ${childIdSql}`;
  }

  /** For another feature's measures: whether the child `childIdSql`'s home is the local authority `authorityIdSql`. */
  ofHomeAuthoritySql(childIdSql: string, authorityIdSql: string): string {
    return `EXISTS (SELECT 1 FROM child c WHERE c.id = ${childIdSql} AND c.home_authority_id = ${authorityIdSql})`;
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
   * A page of the children matching every part of `filter` that is given and in the caller's access scope (`scope`,
   * from `AccessService.childScopeSql`: filtered in SQL, never after loading), by family then given name, with the
   * count of them all: one statement. The name is compared without accents or case (`translate`, as the `unaccent`
   * extension is not installed), on given, family and preferred name. `after` is the last row of the page before.
   */
  async search(
    filter: { nameContains?: string; dateOfBirth?: string; reference?: string },
    scope: ChildScopeSql,
    limit: number,
    after: ChildSearchKey | null,
  ): Promise<{ total: number; rows: Child[] }> {
    const params: unknown[] = [];
    const param: SqlParam = (value, type) => `$${params.push(value)}::${type}`;
    const where = [scope('c.id', param)];
    if (filter.nameContains) {
      const needle = foldName(filter.nameContains).replace(/[\\%_]/g, (ch) => `\\${ch}`);
      where.push(
        `translate(lower(c.given_name || ' ' || c.family_name || ' ' || coalesce(c.preferred_name, '')), ` +
          `${param(ACCENTED, 'text')}, ${param(PLAIN, 'text')}) LIKE ${param(`%${needle}%`, 'text')}`,
      );
    }
    if (filter.dateOfBirth) where.push(`c.date_of_birth = ${param(filter.dateOfBirth, 'date')}`);
    if (filter.reference) where.push(`c.id = ${param(filter.reference, 'uuid')}`);
    const cursor = after
      ? `(f.family_name, f.given_name, f.id) > (${param(after.familyName, 'text')}, ${param(after.givenName, 'text')}, ${param(after.id, 'uuid')})`
      : 'true';
    const [{ total, rows }]: { total: number; rows: Record<string, unknown>[] }[] = await this.dataSource.query(
      `WITH found AS (SELECT c.* FROM child c WHERE ${where.join(' AND ')})
       SELECT (SELECT count(*)::int FROM found) AS total,
              COALESCE((SELECT json_agg(${this.childShape().select('p')} ORDER BY p.family_name, p.given_name, p.id)
                          FROM (SELECT * FROM found f WHERE ${cursor}
                                 ORDER BY f.family_name, f.given_name, f.id LIMIT ${param(limit, 'int')}) p), '[]'::json) AS rows`,
      params,
    );
    return { total, rows: rows.map((row) => this.decodeChild(row)) };
  }

  /**
   * Children in the caller's access scope born on `dateOfBirth` whose name may be the same child's
   * (`isPossibleDuplicate`), read through `em` (inside a registration's transaction, after its lock).
   */
  async possibleDuplicates(
    candidate: NamedChild,
    scope: ChildScopeSql,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Child[]> {
    const params: unknown[] = [];
    const param: SqlParam = (value, type) => `$${params.push(value)}::${type}`;
    const rows: { row: Record<string, unknown> }[] = await em.query(
      `SELECT ${this.childShape().select('c')} AS row FROM child c
        WHERE c.date_of_birth = ${param(candidate.dateOfBirth, 'date')} AND ${scope('c.id', param)}
        ORDER BY c.family_name, c.given_name, c.id`,
      params,
    );
    return rows.map((r) => this.decodeChild(r.row)).filter((child) => isPossibleDuplicate(candidate, child));
  }

  async parentsCarersOf(childIds: readonly string[]): Promise<ParentCarer[][]> {
    const rows = await this.parentsCarers.find({ where: { childId: In([...childIds]) }, order: { createdAt: 'ASC' } });
    return groupByIds(childIds, rows, (p) => p.childId);
  }

  /**
   * Records a new child; the caller's service recorded them, so it may see them until an episode says otherwise.
   * Refused (CONFLICT with `duplicateIds`, nothing written) while children in the caller's `scope` may be the same
   * child, unless `duplicatesSetAside` names each of them. The check is in the insert's transaction, after a lock
   * on the date of birth (`pg_advisory_xact_lock`), so two registrations of one child at once cannot both pass it.
   */
  async register(input: RegisterChildInput, caller: Caller, scope: ChildScopeSql): Promise<Child> {
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
      // Registrations of children born on one day take turns until each commits: the second sees the first.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('child:dateOfBirth:' || $1))`, [input.dateOfBirth]);
      const duplicates = await this.possibleDuplicates(input, scope, em);
      const setAside = new Set(input.duplicatesSetAside ?? []);
      const open = duplicates.filter((c) => !setAside.has(c.id));
      if (open.length) {
        throw new ConflictError(
          `${open.length === 1 ? 'A child' : `${open.length} children`} with the same date of birth and a similar ` +
            'name may already be recorded. Check them, then set them aside if they are other children.',
          { duplicateIds: open.map((c) => c.id) },
        );
      }
      const duplicatesSetAside = duplicates.map((c) => c.id);
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
