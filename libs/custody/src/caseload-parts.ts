import type { DataSource } from 'typeorm';
import type { RequestLoaders } from '@resettle/common';
import { jsonRowShape } from '@resettle/database';
import { USER_LOADER, userRowSql } from '@resettle/identity';
import { ORGANISATION_LOADER, organisationRowSql } from '@resettle/organisations';
import type { CaseloadPrefetchPart } from './caseload-prefetch';
import { CourtHearing } from './entities/court-hearing.entity';
import type { CustodialEpisode } from './entities/custodial-episode.entity';
import { SupervisionTransfer } from './entities/supervision-transfer.entity';

/** The request loader of an episode's next hearing, by episode id (the `nextHearing` field). */
export const NEXT_HEARING_LOADER = 'episodeNextHearing';
/** The request loaders of an episode's court hearings and of its supervision's hand-overs, by episode id. */
export const EPISODE_HEARINGS_LOADER = 'episodeHearings';
export const SUPERVISION_TRANSFERS_LOADER = 'supervisionTransfers';

type Row = Record<string, unknown>;

/**
 * Custody's own parts of an episode read with its page's statement (see CaseloadPrefetch) instead of one query each:
 * for a caseload page, the establishment each child is in and a remanded child's next hearing; for a single episode's
 * page (the plan page's `custodialEpisode(id)`), also the supervising service, the case manager, the hearings and the
 * hand-overs with their services. Whole rows, as the loaders would give them and in their order, unless the page says
 * only the fields asked for are read (other fields of the request may share these loaders).
 */
export function custodyCaseloadParts(dataSource: DataSource): CaseloadPrefetchPart[] {
  const organisation = organisationRowSql(dataSource);
  const user = userRowSql(dataSource);
  const hearing = jsonRowShape<CourtHearing>(dataSource.getMetadata(CourtHearing));
  const transfer = jsonRowShape<SupervisionTransfer>(dataSource.getMetadata(SupervisionTransfer));
  const primeOrganisation = (loaders: RequestLoaders, id: string | null, value: unknown) => {
    if (id) loaders.prime(ORGANISATION_LOADER, id, value ? organisation.decode(value as Row) : null);
  };
  return [
    {
      field: 'currentEstablishment',
      sql: (episode, page) => organisation.sql(`${episode}.current_establishment_id`, page.columns()),
      prime: (loaders, episode: CustodialEpisode, value) =>
        primeOrganisation(loaders, episode.currentEstablishmentId, value),
    },
    {
      field: 'nextHearing',
      // As CustodyService.nextHearingsOf: the remanded episode's hearing with no outcome and not cancelled (at most
      // one: uq_court_hearing_next_per_episode).
      sql: (episode, page) =>
        `(SELECT ${hearing.select('h', page.columns(), ['id'])} FROM court_hearing h WHERE h.episode_id = ${episode}.id AND ${episode}.status = 'REMANDED' AND h.outcome IS NULL AND h.cancelled_at IS NULL)`,
      prime: (loaders, episode: CustodialEpisode, value) =>
        loaders.prime(NEXT_HEARING_LOADER, episode.id, value ? hearing.decode(value as Row) : null),
    },
    {
      field: 'supervisingService',
      sql: (episode) => organisation.sql(`${episode}.supervising_service_id`),
      prime: (loaders, episode: CustodialEpisode, value) =>
        primeOrganisation(loaders, episode.supervisingServiceId, value),
    },
    {
      field: 'caseManager',
      sql: (episode) => user.sql(`${episode}.case_manager_id`),
      prime: (loaders, episode: CustodialEpisode, value) => {
        if (episode.caseManagerId)
          loaders.prime(USER_LOADER, episode.caseManagerId, value ? user.decode(value as Row) : null);
      },
    },
    {
      field: 'hearings',
      // As CustodyService.hearingsOf: by date, then as recorded.
      sql: (episode) =>
        `COALESCE((SELECT json_agg(${hearing.select('h')} ORDER BY h.hearing_date, h.created_at) FROM court_hearing h WHERE h.episode_id = ${episode}.id), '[]'::json)`,
      prime: (loaders, episode: CustodialEpisode, value) =>
        loaders.prime(
          EPISODE_HEARINGS_LOADER,
          episode.id,
          (value as Row[]).map((row) => hearing.decode(row)),
        ),
    },
    {
      field: 'supervisionTransfers',
      // As CustodyService.supervisionTransfersOfEpisodes: oldest first; each with the two services when asked for.
      sql: (episode, page) => {
        const services = [
          ...(page.selects('fromService') ? [`'from', ${organisation.sql('s.from_service_id')}`] : []),
          ...(page.selects('toService') ? [`'to', ${organisation.sql('s.to_service_id')}`] : []),
        ];
        return `COALESCE((SELECT json_agg(json_build_object('row', ${transfer.select('s')}${services.map((s) => `, ${s}`).join('')}) ORDER BY s.effective_date, s.created_at) FROM supervision_transfer s WHERE s.episode_id = ${episode}.id), '[]'::json)`;
      },
      prime: (loaders, episode: CustodialEpisode, value) => {
        const rows = value as { row: Row; from?: Row | null; to?: Row | null }[];
        const transfers = rows.map(({ row, from, to }) => {
          const found = transfer.decode(row);
          if (from !== undefined) primeOrganisation(loaders, found.fromServiceId, from);
          if (to !== undefined) primeOrganisation(loaders, found.toServiceId, to);
          return found;
        });
        loaders.prime(SUPERVISION_TRANSFERS_LOADER, episode.id, transfers);
      },
    },
  ];
}
