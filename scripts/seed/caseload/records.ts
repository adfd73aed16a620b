// What the synthetic caseload generator produces: invented children, each with one custodial episode. Names carry
// "Synthetic" so they sit beside the children and custody modules' own Gender and SentenceType; the string values
// match those (the custody calculator accepts a sentence as it is).
import type { LocalAuthorityRef, SecureEstablishmentRef } from '@resettle/organisations';

export type SyntheticGender = 'MALE' | 'FEMALE' | 'OTHER';

/** The 19 ethnic groups of the 2021 Census for England and Wales (ONS), with their published labels. */
export const ETHNICITIES = [
  { key: 'WHITE_BRITISH', group: 'White', label: 'White: English, Welsh, Scottish, Northern Irish or British' },
  { key: 'WHITE_IRISH', group: 'White', label: 'White: Irish' },
  { key: 'WHITE_GYPSY_OR_IRISH_TRAVELLER', group: 'White', label: 'White: Gypsy or Irish Traveller' },
  { key: 'WHITE_ROMA', group: 'White', label: 'White: Roma' },
  { key: 'WHITE_OTHER', group: 'White', label: 'White: Other White' },
  {
    key: 'MIXED_WHITE_BLACK_CARIBBEAN',
    group: 'Mixed',
    label: 'Mixed or Multiple ethnic groups: White and Black Caribbean',
  },
  {
    key: 'MIXED_WHITE_BLACK_AFRICAN',
    group: 'Mixed',
    label: 'Mixed or Multiple ethnic groups: White and Black African',
  },
  { key: 'MIXED_WHITE_ASIAN', group: 'Mixed', label: 'Mixed or Multiple ethnic groups: White and Asian' },
  {
    key: 'MIXED_OTHER',
    group: 'Mixed',
    label: 'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups',
  },
  { key: 'ASIAN_INDIAN', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Indian' },
  { key: 'ASIAN_PAKISTANI', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Pakistani' },
  { key: 'ASIAN_BANGLADESHI', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Bangladeshi' },
  { key: 'ASIAN_CHINESE', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Chinese' },
  { key: 'ASIAN_OTHER', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Other Asian' },
  { key: 'BLACK_AFRICAN', group: 'Black', label: 'Black, Black British, Black Welsh, Caribbean or African: African' },
  {
    key: 'BLACK_CARIBBEAN',
    group: 'Black',
    label: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean',
  },
  { key: 'BLACK_OTHER', group: 'Black', label: 'Black, Black British, Black Welsh, Caribbean or African: Other Black' },
  { key: 'OTHER_ARAB', group: 'Other', label: 'Other ethnic group: Arab' },
  { key: 'OTHER_ANY', group: 'Other', label: 'Other ethnic group: Any other ethnic group' },
] as const;

export type Ethnicity = (typeof ETHNICITIES)[number]['key'];

export type ParentCarerRelationship =
  | 'Mother'
  | 'Father'
  | 'Stepmother'
  | 'Stepfather'
  | 'Grandmother'
  | 'Grandfather'
  | 'Aunt'
  | 'Uncle'
  | 'Older sibling'
  | 'Special guardian'
  | 'Foster carer';

export interface SyntheticParentCarer {
  name: string;
  relationship: ParentCarerRelationship;
  /** Always in Ofcom's drama range 07700 900000-900999, formatted '07700 900123'. */
  phone: string;
  /** Always @example.com. */
  email: string;
  hasParentalResponsibility: boolean;
}

interface SyntheticChild {
  givenName: string;
  familyName: string;
  preferredName: string | null;
  /** 'YYYY-MM-DD' */
  dateOfBirth: string;
  gender: SyntheticGender;
  ethnicity: Ethnicity;
  lookedAfter: boolean;
  /** The local authority that looks after the child (or owes leaving-care duties); null when neither applies. */
  responsibleAuthorityCode: string | null;
  careLeaver: boolean;
  /** Where the child lives; its youth justice service supervises. */
  homeAuthorityCode: string;
  hasEhcp: boolean;
  disabilities: string[];
  communicationNeeds: string | null;
  parentsCarers: SyntheticParentCarer[];
}

type SyntheticEpisodeType = 'REMAND' | 'SENTENCED';
export type SyntheticSentenceType = 'DTO' | 'S250' | 'EXTENDED' | 'DHMP';

export interface SyntheticSentence {
  sentenceType: SyntheticSentenceType;
  /** 'YYYY-MM-DD'; never after `today`, never more than 6 years before it. */
  sentenceDate: string;
  /** Term in months; for DHMP the minimum term; for EXTENDED the custodial term. */
  termMonths: number;
  /** Extension period (EXTENDED only). */
  extensionMonths: number | null;
  /** Remand credit; always 0 for orders made before 28 June 2022 (the court allowed for it then). */
  remandDays: number;
  /** Qualifying tagged-bail credit; always 0 for orders made before 28 June 2022. */
  taggedBailDays: number;
  offenceDate: string;
  qualifyingSeriousOffence: boolean;
  excludedFromFortyPercentRelease: boolean;
}

interface SyntheticEpisode {
  establishmentCode: string;
  /** Local authority whose youth justice service supervises: the child's home authority. */
  supervisingAuthorityCode: string;
  episodeType: SyntheticEpisodeType;
  /** Start of remand in this custodial episode; null when the child came straight to custody at sentence. */
  remandDate: string | null;
  sentence: SyntheticSentence | null;
}

export interface SyntheticChildRecord {
  /** Stable key derived from the index, e.g. 'demo-child-000123', for idempotent seeding. */
  key: string;
  child: SyntheticChild;
  episode: SyntheticEpisode;
}

export interface SyntheticCaseloadOptions {
  count: number;
  seed: number;
  /** 'YYYY-MM-DD': the day the caseload is a snapshot of. */
  today: string;
  establishments: SecureEstablishmentRef[];
  localAuthorities: LocalAuthorityRef[];
}
