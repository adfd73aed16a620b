import type { DataSource } from 'typeorm';
import { jsonRowShape } from '@resettle/database';
import { Organisation, ORGANISATION_LOADER } from '@resettle/organisations';
import type { CaseloadPrefetchPart } from './caseload-prefetch';
import { CourtHearing } from './entities/court-hearing.entity';
import type { CustodialEpisode } from './entities/custodial-episode.entity';

/** The request loader of an episode's next hearing, by episode id (the `nextHearing` field). */
export const NEXT_HEARING_LOADER = 'episodeNextHearing';

/**
 * Custody's own parts of a caseload page (see CaseloadPrefetch), read with the page's statement instead of one query
 * each: the establishment each child is in, and a remanded child's next hearing. Whole rows, as the loaders would
 * give them, since other fields of the request may share these loaders.
 */
export function custodyCaseloadParts(dataSource: DataSource): CaseloadPrefetchPart[] {
  const organisation = jsonRowShape<Organisation>(dataSource.getMetadata(Organisation));
  const hearing = jsonRowShape<CourtHearing>(dataSource.getMetadata(CourtHearing));
  return [
    {
      field: 'currentEstablishment',
      sql: (episode) =>
        `(SELECT ${organisation.select('o')} FROM organisation o WHERE o.id = ${episode}.current_establishment_id)`,
      prime: (loaders, episode: CustodialEpisode, value) => {
        if (episode.currentEstablishmentId)
          loaders.prime(
            ORGANISATION_LOADER,
            episode.currentEstablishmentId,
            value ? organisation.decode(value as Record<string, unknown>) : null,
          );
      },
    },
    {
      field: 'nextHearing',
      // As CustodyService.nextHearingsOf: the remanded episode's hearing with no outcome and not cancelled (at most
      // one: uq_court_hearing_next_per_episode).
      sql: (episode) =>
        `(SELECT ${hearing.select('h')} FROM court_hearing h WHERE h.episode_id = ${episode}.id AND ${episode}.status = 'REMANDED' AND h.outcome IS NULL AND h.cancelled_at IS NULL)`,
      prime: (loaders, episode: CustodialEpisode, value) =>
        loaders.prime(NEXT_HEARING_LOADER, episode.id, value ? hearing.decode(value as Record<string, unknown>) : null),
    },
  ];
}
