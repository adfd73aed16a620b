import { Injectable } from '@nestjs/common';
import type { RequestLoaders } from '@resettle/common';
import type { CustodialEpisode } from './entities/custodial-episode.entity';

/**
 * Something a caseload page may show of each episode that another feature owns (its milestones, its plan): given
 * in the page's own SQL statement as one JSON value per episode, then primed into the request's DataLoaders so the
 * feature's field resolver finds it there instead of making its own query. Features register their part, so
 * custody never names their tables (as with `ChildRelationsRegistry`); a page not asking for the field skips it.
 */
export interface CaseloadPrefetchPart {
  /** The episode field the part serves, as in the query (`milestones`). */
  field: string;
  /**
   * A SQL expression giving this part's JSON value for the episode row `episode` (an alias, e.g. `p`).
   * `page.selects(path)` says whether the page asks for a path under the field (`pathways.status`), so a part can
   * leave out what nobody reads; `page.columns(path)` the fields asked of the record there, to read only those
   * columns, or null when every column must be read (see `pageNarrowing`).
   */
  sql(episode: string, page: PageSelection): string;
  /** Primes the loaders the field resolver uses with the parsed value for one episode. */
  prime(loaders: RequestLoaders, episode: CustodialEpisode, value: unknown): void;
}

export interface PageSelection {
  selects(path: string): boolean;
  columns(path?: string): readonly string[] | null;
}

/**
 * What the caseload filters and sorts by that the deadline engine's feature owns (its milestones), as SQL
 * expressions on an episode id, registered by that feature so custody never names its tables.
 */
export interface CaseloadDeadlineSql {
  /** The due date (`date`) of the episode's soonest deadline still to do, or null when none has a date. */
  nextDueDate(episodeIdSql: string): string;
  /** Whether (`boolean`) any of the episode's deadlines has been marked missed. */
  hasMissed(episodeIdSql: string): string;
}

@Injectable()
export class CaseloadPrefetch {
  private readonly parts = new Map<string, CaseloadPrefetchPart>();
  private deadlineSql: CaseloadDeadlineSql | null = null;

  registerDeadlines(sql: CaseloadDeadlineSql): void {
    this.deadlineSql = sql;
  }

  /** The deadlines' SQL; an error when no feature registered it (the api always has the milestones feature). */
  deadlines(): CaseloadDeadlineSql {
    if (!this.deadlineSql) throw new Error('No feature registered the caseload’s deadline SQL');
    return this.deadlineSql;
  }

  register(part: CaseloadPrefetchPart): void {
    this.parts.set(part.field, part);
  }

  /** The registered parts a page with these selected fields (paths under the episode) needs. */
  partsFor(selected: readonly string[]): CaseloadPrefetchPart[] {
    return [...this.parts.values()].filter((part) =>
      selected.some((path) => path === part.field || path.startsWith(`${part.field}.`)),
    );
  }
}

/**
 * What a field with a resolver reads off the record it hangs off, by its path under the episode (`daysToRelease`:
 * the episode's `expectedReleaseDate`; `resettlementPlan.pathways`: the plan's `id` and `childId`). By path, not by
 * type: the same field met deeper (an episode reached from a milestone) is another record, in other loaders.
 */
export type ResolverNeeds = ReadonlyMap<string, readonly string[]>;

/**
 * The fields with a resolver a caseload page may ask for and still read only the columns it needs, by path under
 * the episode, each with the columns it reads off the record it hangs off (read with the page, besides the fields
 * asked for). Each reads at most one request loader, which only the page's part for that field primes: the child,
 * milestones, plan, pathways, establishment and next hearing are read with the page (see `CaseloadPrefetch`) from the
 * ids given here; the pathways' own needs (their type, responsible organisation) are planning's part's. A field
 * missing here (`expectedReleaseDay` reads the release columns) has the record it hangs off read whole, and any
 * part too, as its resolver might read a part's loader.
 */
export const CASELOAD_RESOLVER_NEEDS: ResolverNeeds = new Map([
  ['child', ['childId']],
  ['milestones', ['id']],
  ['resettlementPlan', ['id']],
  // `visiblePathways` decides by the plan's child; the pathways are loaded by the plan's id.
  ['resettlementPlan.pathways', ['id', 'childId']],
  ['currentEstablishment', ['currentEstablishmentId']],
  ['nextHearing', ['id']],
  ['daysToRelease', ['expectedReleaseDate']],
]);

/** What a caseload page reads of each episode and each part, given what it asks for. */
export interface PageNarrowing {
  /**
   * The episode's columns (besides the keys every page reads): those asked for and what the resolvers asked for on
   * the episode need; null, every column, when one of them declares nothing.
   */
  episode: readonly string[] | null;
  /** The page's selection below a part's field, with only the columns it needs when it may read only those. */
  under(field: string): PageSelection;
}

/**
 * Decides, part by part, what a caseload page reads. `selected` is what the page asks of each episode (paths under
 * it); `resolvers` the paths under the episode of the fields asked for with resolvers of their own, or null when the
 * page must be read whole (another root field: see `resolverFields`); `needs` what the known resolvers read.
 *
 * The episode is trimmed when every resolver on it declares its needs: the page's episodes are handed to those
 * resolvers and nowhere else. A part (the child, the plan, ...) primes a request loader, which any resolver of the
 * page might read: it is trimmed only when every resolver on the page is a known one, each of whose loaders is
 * primed by one part alone; then its fields asked for and the needs of the known resolvers below it are read.
 */
export function pageNarrowing(
  selected: readonly string[],
  resolvers: readonly string[] | null,
  needs: ResolverNeeds,
): PageNarrowing {
  const known = (path: string) => needs.has(path);
  const partsNarrow = !!resolvers && resolvers.every(known);
  /** The columns of the record at `path` ('' the episode): each field asked for there, or a resolver's needs. */
  const columnsAt = (path: string): string[] => {
    const prefix = path ? `${path}.` : '';
    const fields = new Set(
      selected.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('.')[0]),
    );
    return [...new Set([...fields].flatMap((f) => needs.get(`${prefix}${f}`) ?? [f]))];
  };
  const onEpisode = (resolvers ?? []).filter((path) => !path.includes('.'));
  return {
    episode: resolvers && onEpisode.every(known) ? columnsAt('') : null,
    under: (field) => {
      const under = (path?: string) => (path ? `${field}.${path}` : field);
      return {
        selects: (path) => selected.some((p) => p === under(path) || p.startsWith(`${under(path)}.`)),
        columns: (path) => (partsNarrow ? columnsAt(under(path)) : null),
      };
    },
  };
}
