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
   * columns, or null when every column must be read (see `readsOnlyPlainFields`).
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
 * The page's selection below `field` (paths under an episode: `child.givenName`); `narrow` when only plain fields
 * are asked for, so only their columns need reading.
 */
export function selectionUnder(selected: readonly string[], field: string, narrow: boolean): PageSelection {
  const under = (path?: string) => (path ? `${field}.${path}` : field);
  return {
    selects: (path) => selected.some((p) => p === under(path) || p.startsWith(`${under(path)}.`)),
    columns: (path) => {
      if (!narrow) return null;
      const prefix = `${under(path)}.`;
      return [
        ...new Set(selected.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('.')[0])),
      ];
    },
  };
}
