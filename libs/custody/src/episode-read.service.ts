import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ChildrenService } from '@resettle/children';
import { jsonRowShape, preparedQuery } from '@resettle/database';
import { CaseloadPrefetchPart, pageNarrowing } from './caseload-prefetch';
import { CustodialEpisode } from './entities/custodial-episode.entity';
import { episodeJson, EpisodeWithParts } from './episode-json';

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
    // Whole rows: other root fields of the request may share the loaders these parts prime.
    const json = episodeJson(
      jsonRowShape<CustodialEpisode>(this.episodes.metadata),
      this.children,
      { selected, parts, narrowing: pageNarrowing(selected, null, new Map()) },
      [],
    );
    const [found]: { row: Record<string, any> }[] = await preparedQuery(
      this.dataSource,
      `SELECT json_build_object(${json.entries.join(', ')}) AS row FROM custodial_episode p WHERE p.id = $1::uuid`,
      [id],
    );
    return found ? json.decode(found.row) : null;
  }
}
