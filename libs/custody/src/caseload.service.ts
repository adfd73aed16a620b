import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { CaseloadScope, ListReadAudit } from '@resettle/access';
import { ChildrenService } from '@resettle/children';
import {
  addDays,
  Clock,
  ConnectionShape,
  decodeCursor,
  encodeCursor,
  isIsoDate,
  isUuid,
  pageSize,
  RequestLoaders,
  toConnection,
} from '@resettle/common';
import { jsonRowShape, preparedQuery } from '@resettle/database';
import { CaseloadPrefetch, CaseloadPrefetchPart, PageNarrowing } from './caseload-prefetch';
import { CustodyService, IN_CUSTODY_LIST } from './custody.service';
import { CaseloadOrder, EpisodeStatus, LegalStatus } from './custody-enums';
import { CaseloadFilter } from './dto/episode.inputs';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { episodeJson } from './episode-json';

/** The caseload: the children in custody in the caller's slice, read as one statement per page. */
@Injectable()
export class CaseloadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CustodialEpisode) private readonly episodes: Repository<CustodialEpisode>,
    private readonly custody: CustodyService,
    private readonly children: ChildrenService,
    private readonly clock: Clock,
    private readonly registry: CaseloadPrefetch,
  ) {}

  /**
   * Children in custody, soonest expected release first (remanded children, who have no date, last) or in `orderBy`'s
   * order, filtered in SQL and cursor-paginated on (the order's keys, episode id); a cursor names its order, so one
   * from another order is refused (BAD_USER_INPUT naming `after`).
   *
   * One statement gives the count, the page, and whatever each episode's fields need that the page asks for
   * (`prefetch`: the child, and the parts other features registered with `CaseloadPrefetch`), built as JSON in
   * PostgreSQL and primed into the request's loaders: no TypeORM hydration, and no query per field.
   */
  async caseload(
    filter: CaseloadFilter,
    scope: CaseloadScope,
    first?: number,
    after?: string,
    orderBy: CaseloadOrder = CaseloadOrder.RELEASE_DATE,
    prefetch?: {
      loaders: RequestLoaders;
      selected: readonly string[];
      parts: readonly CaseloadPrefetchPart[];
      narrowing: PageNarrowing;
    },
    audit?: ListReadAudit,
  ): Promise<ConnectionShape<CustodialEpisode>> {
    const limit = pageSize(first);
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
    const where = [
      `e.status IN (${IN_CUSTODY_LIST})`,
      this.custody.scopeSql('e', scope, param),
      ...this.custody.filterSql('e', filter, param),
    ];
    if (filter.releaseWithinDays !== undefined && filter.releaseWithinDays !== null) {
      where.push(`e.expected_release_date <= ${param(addDays(this.clock.today(), filter.releaseWithinDays), 'date')}`);
    }
    if (filter.legalStatus === LegalStatus.REMANDED) where.push(`e.status = '${EpisodeStatus.REMANDED}'`);
    if (filter.legalStatus === LegalStatus.SENTENCED)
      where.push(`e.status IN ('${EpisodeStatus.SENTENCED}', '${EpisodeStatus.RECALLED}')`);
    if (filter.hasMissedDeadlines === true || filter.hasMissedDeadlines === false) {
      const missed = this.registry.deadlines().hasMissed('e.id');
      where.push(filter.hasMissedDeadlines ? missed : `NOT ${missed}`);
    }
    const order = this.order(orderBy);
    // The release order reads its key from the episode's own column (the partial caseload indexes apply); the
    // others compute theirs once per episode in the slice, as sort_0, sort_1.
    const sortKey = (alias: string) =>
      order.computed ? order.types.map((_, i) => `${alias}.sort_${i}`).join(', ') : order.keys(alias)[0];
    const scopeColumns = order.computed
      ? `e.*, ${order
          .keys('e')
          .map((k, i) => `${k} AS sort_${i}`)
          .join(', ')}`
      : 'e.*';
    let cursor = 'true';
    if (after) {
      const values = order.decode(after);
      const keys = order.types.map((type, i) => param(values[i], type));
      cursor = `(${sortKey('e')}, e.id) > (${keys.join(', ')}, ${param(values[values.length - 1], 'uuid')})`;
    }
    const json = episodeJson(
      jsonRowShape<CustodialEpisode>(this.episodes.metadata),
      this.children,
      prefetch,
      // Besides the columns asked for and those the resolvers need: the id and child (the parts' loaders and access
      // facts), and the sort key (the cursor).
      ['id', 'childId', 'expectedReleaseDate'],
    );
    const columns = [
      ...json.entries,
      // The computed sort keys, for the cursor.
      ...(order.computed ? [`'sort', json_build_array(${sortKey('p')})`] : []),
    ];
    // Every episode shown (not the extra row that only tells whether there is a next page) is audited by this
    // statement.
    const auditSql = audit
      ? `, shown AS (
           SELECT e.id::text AS resource_id, e.child_id, row_number() OVER (ORDER BY ${sortKey('e')}, e.id) AS n
             FROM page e ORDER BY ${sortKey('e')}, e.id LIMIT ${param(limit, 'int')}
         ), audit AS (${audit.sql('shown', param)})`
      : '';
    const [{ total, rows }]: { total: number; rows: Record<string, any>[] }[] = await preparedQuery(
      this.dataSource,
      `WITH scope AS (
         SELECT ${scopeColumns} FROM custodial_episode e WHERE ${where.join(' AND ')}
       ), page AS (
         SELECT * FROM scope e WHERE ${cursor} ORDER BY ${sortKey('e')}, e.id LIMIT ${param(limit + 1, 'int')}
       )${auditSql}
       SELECT (SELECT count(*)::int FROM scope) AS total,
              COALESCE(json_agg(json_build_object(${columns.join(', ')}) ORDER BY ${sortKey('p')}, p.id), '[]'::json) AS rows
         FROM page p`,
      params,
    );
    const sortKeys = new Map<string, unknown[]>();
    const episodes = rows.map((row) => {
      const read = json.decode(row);
      if (order.computed) sortKeys.set(read.episode.id, row.sort);
      if (prefetch) read.prime(prefetch.loaders);
      return read.episode;
    });
    return toConnection(episodes, limit, total, (e) =>
      order.computed
        ? encodeCursor([orderBy, ...sortKeys.get(e.id)!, e.id])
        : encodeCursor([e.expectedReleaseDate ?? 'infinity', e.id]),
    );
  }

  /**
   * Each order's keys as SQL on the episode `alias` (before the id, which breaks ties), their types, and its cursor's
   * decoding: `[date, id]` for the release order (as before orders existed), `[order, ...keys, id]` for the others.
   */
  private order(orderBy: CaseloadOrder): {
    computed: boolean;
    keys: (alias: string) => string[];
    types: string[];
    decode: (after: string) => unknown[];
  } {
    const isDateKey = (d: unknown) => d === 'infinity' || isIsoDate(d);
    const tagged = (types: string[], valid: (keys: unknown[]) => boolean) => (after: string) =>
      decodeCursor(
        after,
        types.length + 2,
        (parts) => parts[0] === orderBy && valid(parts.slice(1, -1)) && isUuid(parts[parts.length - 1]),
      ).slice(1);
    switch (orderBy) {
      case CaseloadOrder.CHILD_NAME:
        return {
          computed: true,
          keys: (alias) => this.children.nameSortSql(`${alias}.child_id`).map((k) => `COALESCE(${k}, '')`),
          types: ['text', 'text'],
          decode: tagged(['text', 'text'], (keys) => keys.every((k) => typeof k === 'string')),
        };
      case CaseloadOrder.NEXT_DEADLINE:
        return {
          computed: true,
          keys: (alias) => [`COALESCE(${this.registry.deadlines().nextDueDate(`${alias}.id`)}, 'infinity'::date)`],
          types: ['date'],
          decode: tagged(['date'], ([d]) => isDateKey(d)),
        };
      default:
        return {
          computed: false,
          keys: (alias) => [`COALESCE(${alias}.expected_release_date, 'infinity'::date)`],
          types: ['date'],
          decode: (after) => decodeCursor(after, 2, ([d, i]) => isDateKey(d) && isUuid(i)),
        };
    }
  }
}
