import { registerEnumType } from '@nestjs/graphql';

export enum EpisodeStatus {
  /** Remanded to youth detention accommodation: no release date; release could follow any court date. */
  REMANDED = 'REMANDED',
  SENTENCED = 'SENTENCED',
  /** Released and under supervision or licence in the community. */
  RELEASED = 'RELEASED',
  /** Back in custody after release on the same sentence. */
  RECALLED = 'RECALLED',
  /** The episode is over (sentence ended, or release from remand without a custodial sentence). */
  CLOSED = 'CLOSED',
}
registerEnumType(EpisodeStatus, { name: 'EpisodeStatus' });

/** Statuses in which the child is in custody, so the episode is on a caseload. */
export const IN_CUSTODY_STATUSES = [EpisodeStatus.REMANDED, EpisodeStatus.SENTENCED, EpisodeStatus.RECALLED];

export enum SentenceTypeEnum {
  DTO = 'DTO',
  S250 = 'S250',
  EXTENDED = 'EXTENDED',
  DHMP = 'DHMP',
  REMAND = 'REMAND',
}
registerEnumType(SentenceTypeEnum, {
  name: 'SentenceType',
  valuesMap: {
    DTO: { description: 'Detention and training order (Sentencing Act 2020 ss.233-247)' },
    S250: { description: 'Detention under section 250 (formerly s.91)' },
    EXTENDED: { description: 'Extended sentence of detention (s.254)' },
    DHMP: { description: 'Detention at His Majesty’s Pleasure (s.259)' },
    REMAND: { description: 'Remand to youth detention accommodation (no release date)' },
  },
});

export enum EpisodeEventType {
  EPISODE_STARTED = 'EPISODE_STARTED',
  SENTENCE_RECORDED = 'SENTENCE_RECORDED',
  EARLY_RELEASE_GRANTED = 'EARLY_RELEASE_GRANTED',
  LATE_RELEASE_ORDERED = 'LATE_RELEASE_ORDERED',
  TRANSFERRED = 'TRANSFERRED',
  RELEASED = 'RELEASED',
  RECALLED = 'RECALLED',
  RELEASE_DATE_OVERRIDDEN = 'RELEASE_DATE_OVERRIDDEN',
  RELEASE_DATE_OVERRIDE_CLEARED = 'RELEASE_DATE_OVERRIDE_CLEARED',
  CASE_MANAGER_CHANGED = 'CASE_MANAGER_CHANGED',
}
registerEnumType(EpisodeEventType, { name: 'EpisodeEventType' });
