import type { ChildrenService } from '@resettle/children';
import type { RequestLoaders } from '@resettle/common';
import type { JsonRowShape } from '@resettle/database';
import type { CaseloadPrefetchPart, PageNarrowing } from './caseload-prefetch';
import type { CustodialEpisode } from './entities/custodial-episode.entity';

/** The request loader of an episode's child, by child id (the `child` field; primed by the caseload). */
export const EPISODE_CHILD_LOADER = 'child';

/** One episode as read, and what primes the request's loaders with what was read with it. */
export interface EpisodeWithParts {
  episode: CustodialEpisode;
  /**
   * Hands what was read to the request's loaders: only `parts` when given (the access facts, before the decision),
   * else the child and every part.
   */
  prime(loaders: RequestLoaders, parts?: readonly CaseloadPrefetchPart[]): void;
}

/**
 * An episode with what a query asks of it, as both the caseload and `custodialEpisode(id)` read it: the episode, its
 * child and the registered parts the query selects, as the entries of one `json_build_object` over the episode row
 * `p`, and that object back as the episode and its loaders' values. One shape for both reads, so a part is read and
 * primed the same way in each. `keep`: episode columns the caller itself reads when the episode is narrowed.
 */
export function episodeJson(
  episodeShape: JsonRowShape<CustodialEpisode>,
  children: ChildrenService,
  page: { selected: readonly string[]; parts: readonly CaseloadPrefetchPart[]; narrowing: PageNarrowing } | undefined,
  keep: readonly string[],
): { entries: string[]; decode(row: Record<string, any>): EpisodeWithParts } {
  const parts = page?.parts ?? [];
  const withChild = !!page?.selected.some((path) => path === 'child' || path.startsWith('child.'));
  return {
    entries: [
      `'episode', ${episodeShape.select('p', page?.narrowing.episode ?? null, keep)}`,
      ...(withChild
        ? [`'child', ${children.childJsonSql('p.child_id', page!.narrowing.under('child').columns(), ['id'])}`]
        : []),
      ...parts.map((part, i) => `'part${i}', ${part.sql('p', page!.narrowing.under(part.field))}`),
    ],
    decode: (row) => {
      const episode = episodeShape.decode(row.episode);
      return {
        episode,
        prime: (loaders, only) => {
          if (!only && withChild)
            loaders.prime(EPISODE_CHILD_LOADER, episode.childId, row.child ? children.decodeChild(row.child) : null);
          parts.forEach((part, i) => {
            if (!only || only.includes(part)) part.prime(loaders, episode, row[`part${i}`]);
          });
        },
      };
    },
  };
}
