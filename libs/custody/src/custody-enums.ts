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
  HEARING_SCHEDULED = 'HEARING_SCHEDULED',
  HEARING_MOVED = 'HEARING_MOVED',
  HEARING_OUTCOME_RECORDED = 'HEARING_OUTCOME_RECORDED',
  SUPERVISION_TRANSFERRED = 'SUPERVISION_TRANSFERRED',
  HEARING_CANCELLED = 'HEARING_CANCELLED',
}
registerEnumType(EpisodeEventType, { name: 'EpisodeEventType' });

/** Whether a child in custody is on remand or serving a sentence (the caseload's filter). */
export enum LegalStatus {
  /** Remanded to youth detention accommodation (episode status REMANDED). */
  REMANDED = 'REMANDED',
  /** Serving a custodial sentence: episode status SENTENCED, or RECALLED on the same sentence. */
  SENTENCED = 'SENTENCED',
}
registerEnumType(LegalStatus, {
  name: 'LegalStatus',
  valuesMap: {
    REMANDED: { description: 'On remand to youth detention accommodation (no release date).' },
    SENTENCED: { description: 'Serving a custodial sentence, including a child recalled on it.' },
  },
});

/** The caseload's orders; each pages by its own cursor, ties broken by the episode id. */
export enum CaseloadOrder {
  RELEASE_DATE = 'RELEASE_DATE',
  CHILD_NAME = 'CHILD_NAME',
  NEXT_DEADLINE = 'NEXT_DEADLINE',
}
registerEnumType(CaseloadOrder, {
  name: 'CaseloadOrder',
  valuesMap: {
    RELEASE_DATE: { description: 'Soonest expected release first; children on remand (no date) last. The default.' },
    CHILD_NAME: { description: 'By family name, then the name the child is called by (preferred, else given).' },
    NEXT_DEADLINE: {
      description: 'Soonest next deadline still to do first (overdue ones first of all); children with none last.',
    },
  },
});

/** What the court decided at a hearing of a child on remand. */
export enum HearingOutcome {
  /** Remanded to youth detention accommodation again, to a next hearing. */
  REMANDED = 'REMANDED',
  /** Sentenced: the sentence is recorded on the episode. */
  SENTENCED = 'SENTENCED',
  /** Released on bail: the episode ends. */
  RELEASED_ON_BAIL = 'RELEASED_ON_BAIL',
  /** Remanded to the local authority's care: the episode ends. */
  REMANDED_TO_LOCAL_AUTHORITY = 'REMANDED_TO_LOCAL_AUTHORITY',
}
registerEnumType(HearingOutcome, {
  name: 'HearingOutcome',
  valuesMap: {
    REMANDED: { description: 'Remanded to youth detention accommodation again, to the next hearing.' },
    SENTENCED: { description: 'Sentenced: the sentence is recorded and its release dates calculated.' },
    RELEASED_ON_BAIL: { description: 'Released on bail: the episode ends, with where the child went.' },
    REMANDED_TO_LOCAL_AUTHORITY: {
      description: "Remanded to the local authority's care: the episode ends, with where the child went.",
    },
  },
});
