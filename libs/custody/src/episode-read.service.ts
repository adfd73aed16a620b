import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ChildrenService } from '@resettle/children';
import type { RequestLoaders } from '@resettle/common';
import { jsonRowShape, preparedQuery } from '@resettle/database';
import { EPISODE_CHILD_LOADER } from './caseload.service';
import { CaseloadPrefetchPart, pageNarrowing } from './caseload-prefetch';
import { CustodialEpisode } from './entities/custodial-episode.entity';

/** One episode read with what its fields need (see `EpisodeRead.read`). */
export interface EpisodeWithParts {
  episode: CustodialEpisode;
  /**
   * Hands what was read to the request's loaders: only `parts` when given (the access facts, before the decision),
   * else the child and every part. The rest must be primed only once the read is allowed.
   */
  prime(loaders: RequestLoaders, parts?: readonly CaseloadPrefetchPart[]): void;
}

/**
 * `custodialEpisode(id)` read as a caseload page reads its episodes: one statement gives the episode, its child and
 * the parts other features registered with `CaseloadPrefetch` for the fields the query asks for (the plan page asks
 * for about twenty, each otherwise a query of its own). Whole rows, not narrowed: other fields of the request may
 * share the loaders.
 */
@Injectable()
export class EpisodeRead {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(CustodialEpisode) private readonly episodes: Repository<CustodialEpisode>,
    private readonly children: ChildrenService,
  ) {}

  /** The episode with its parts, or null when there is no such episode. `selected`: paths under the episode. */
  async read(
    id: string,
    selected: readonly string[],
    parts: readonly CaseloadPrefetchPart[],
  ): Promise<EpisodeWithParts | null> {
    const episodeShape = jsonRowShape<CustodialEpisode>(this.episodes.metadata);
    const withChild = selected.some((path) => path === 'child' || path.startsWith('child.'));
    // Whole rows: other root fields of the request may share the loaders these parts prime.
    const whole = pageNarrowing(selected, null, new Map());
    const columns = [
      `'episode', ${episodeShape.select('p')}`,
      ...(withChild ? [`'child', ${this.children.childJsonSql('p.child_id')}`] : []),
      ...parts.map((part, i) => `'part${i}', ${part.sql('p', whole.under(part.field))}`),
    ];
    const [found]: { row: Record<string, any> }[] = await preparedQuery(
      this.dataSource,
      `SELECT json_build_object(${columns.join(', ')}) AS row FROM custodial_episode p WHERE p.id = $1::uuid`,
      [id],
    );
    if (!found) return null;
    const { row } = found;
    const episode = episodeShape.decode(row.episode);
    return {
      episode,
      prime: (loaders, only) => {
        if (!only && withChild)
          loaders.prime(EPISODE_CHILD_LOADER, episode.childId, row.child ? this.children.decodeChild(row.child) : null);
        parts.forEach((part, i) => {
          if (!only || only.includes(part)) part.prime(loaders, episode, row[`part${i}`]);
        });
      },
    };
  }
}
