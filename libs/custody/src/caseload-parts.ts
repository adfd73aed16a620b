import type { DataSource } from 'typeorm';
import { jsonRowShape } from '@resettle/database';
import { ORGANISATION_LOADER, organisationRowSql } from '@resettle/organisations';
import type { CaseloadPrefetchPart } from './caseload-prefetch';
import { CourtHearing } from './entities/court-hearing.entity';
import type { CustodialEpisode } from './entities/custodial-episode.entity';

/** The request loader of an episode's next hearing, by episode id (the `nextHearing` field). */
export const NEXT_HEARING_LOADER = 'episodeNextHearing';

/**
 * Custody's own parts of a caseload page (see CaseloadPrefetch), read with the page's statement instead of one query
 * each: the establishment each child is in, and a remanded child's next hearing. Whole rows, as the loaders would
 * give them, unless the page says only the fields asked for are read (other fields of the request may share these
 * loaders).
 */
export function custodyCaseloadParts(dataSource: DataSource): CaseloadPrefetchPart[] {
  const organisation = organisationRowSql(dataSource);
  const hearing = jsonRowShape<CourtHearing>(dataSource.getMetadata(CourtHearing));
  return [
    {
      field: 'currentEstablishment',
      sql: (episode, page) => organisation.sql(`${episode}.current_establishment_id`, page.columns()),
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
      sql: (episode, page) =>
        `(SELECT ${hearing.select('h', page.columns(), ['id'])} FROM court_hearing h WHERE h.episode_id = ${episode}.id AND ${episode}.status = 'REMANDED' AND h.outcome IS NULL AND h.cancelled_at IS NULL)`,
      prime: (loaders, episode: CustodialEpisode, value) =>
        loaders.prime(NEXT_HEARING_LOADER, episode.id, value ? hearing.decode(value as Record<string, unknown>) : null),
    },
  ];
}
