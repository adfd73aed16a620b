// Synthetic caseload for demos, load tests and seeding. Every person here is invented: names come from faker, phone
// numbers from Ofcom's drama range (07700 900000-900999) and email addresses from example.com, so nothing can
// reach a real child or family. Never replace this with extracts of real case data.
//
// The mix follows the figures in DOMAIN.md where it gives them; figures marked "approximate" are our estimates, good
// enough to make a demo look like the field, not statistics. Dates are worked out only roughly (the real release
// date calculator runs later on this data); what matters is that release dates fall over the next 12 months so
// that every resettlement deadline shows up in some state.
//
// Deterministic: the same options give the same records, and record i does not depend on `count` (records are
// drawn in order from one seeded stream), so re-seeding with a bigger count keeps existing children unchanged.
import { Faker, base, en, en_GB } from '@faker-js/faker';
import type { LocalAuthorityRef, SecureEstablishmentRef } from '@resettle/organisations';

// ---------------------------------------------------------------------------------------------------------------
// Types. Names carry "Synthetic" so a barrel can re-export them beside the children and custody modules' own
// Gender and SentenceType; the string values match those (the custody calculator accepts a sentence as it is).

type SyntheticGender = 'MALE' | 'FEMALE' | 'OTHER';

/** The 19 ethnic groups of the 2021 Census for England and Wales (ONS), with their published labels. */
export const ETHNICITIES = [
  { key: 'WHITE_BRITISH', group: 'White', label: 'White: English, Welsh, Scottish, Northern Irish or British' },
  { key: 'WHITE_IRISH', group: 'White', label: 'White: Irish' },
  { key: 'WHITE_GYPSY_OR_IRISH_TRAVELLER', group: 'White', label: 'White: Gypsy or Irish Traveller' },
  { key: 'WHITE_ROMA', group: 'White', label: 'White: Roma' },
  { key: 'WHITE_OTHER', group: 'White', label: 'White: Other White' },
  { key: 'MIXED_WHITE_BLACK_CARIBBEAN', group: 'Mixed', label: 'Mixed or Multiple ethnic groups: White and Black Caribbean' },
  { key: 'MIXED_WHITE_BLACK_AFRICAN', group: 'Mixed', label: 'Mixed or Multiple ethnic groups: White and Black African' },
  { key: 'MIXED_WHITE_ASIAN', group: 'Mixed', label: 'Mixed or Multiple ethnic groups: White and Asian' },
  { key: 'MIXED_OTHER', group: 'Mixed', label: 'Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups' },
  { key: 'ASIAN_INDIAN', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Indian' },
  { key: 'ASIAN_PAKISTANI', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Pakistani' },
  { key: 'ASIAN_BANGLADESHI', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Bangladeshi' },
  { key: 'ASIAN_CHINESE', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Chinese' },
  { key: 'ASIAN_OTHER', group: 'Asian', label: 'Asian, Asian British or Asian Welsh: Other Asian' },
  { key: 'BLACK_AFRICAN', group: 'Black', label: 'Black, Black British, Black Welsh, Caribbean or African: African' },
  { key: 'BLACK_CARIBBEAN', group: 'Black', label: 'Black, Black British, Black Welsh, Caribbean or African: Caribbean' },
  { key: 'BLACK_OTHER', group: 'Black', label: 'Black, Black British, Black Welsh, Caribbean or African: Other Black' },
  { key: 'OTHER_ARAB', group: 'Other', label: 'Other ethnic group: Arab' },
  { key: 'OTHER_ANY', group: 'Other', label: 'Other ethnic group: Any other ethnic group' },
] as const;

type Ethnicity = (typeof ETHNICITIES)[number]['key'];

type ParentCarerRelationship =
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

interface SyntheticParentCarer {
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
type SyntheticSentenceType = 'DTO' | 'S250' | 'EXTENDED' | 'DHMP';

interface SyntheticSentence {
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

// ---------------------------------------------------------------------------------------------------------------
// The mix

/** Orders made from this date take remand and tagged-bail credit (DOMAIN.md). */
export const CREDIT_FROM = '2022-06-28';
/** Section 250 sentences from this date, for offences not excluded, release at 40% (DOMAIN.md). */
const FORTY_PERCENT_FROM = '2024-10-22';
/** Before CREDIT_FROM a DTO could only be one of these terms (DOMAIN.md). */
export const DTO_STANDARD_TERMS = [4, 6, 8, 10, 12, 18, 24] as const;

// 44% of children in custody were on remand in March 2025 (DOMAIN.md, Scale).
const REMAND_SHARE = 0.44;

// Of sentenced children (approximate): mostly DTOs, a fifth section 250, a few extended sentences and DHMP.
const SENTENCE_TYPE_WEIGHTS: [SyntheticSentenceType, number][] = [
  ['DTO', 75],
  ['S250', 21],
  ['EXTENDED', 3],
  ['DHMP', 1],
];

// DTO terms (approximate): the standard terms (mean about 10.4 months) plus a few of the in-between terms allowed
// since 28 June 2022.
const DTO_TERM_WEIGHTS: [number, number][] = [
  [4, 15],
  [6, 18],
  [8, 15],
  [10, 10],
  [12, 17],
  [18, 10],
  [24, 8],
  [5, 1],
  [7, 1],
  [9, 1],
  [14, 1],
  [15, 1],
  [16, 1],
  [20, 1],
];

// Girls are a small share of children in custody (approximate); a handful record another gender.
const FEMALE_SHARE = 0.04;
const OTHER_GENDER_SHARE = 0.003;

// Age at `today` (approximate): mostly 15-17, since custody for the youngest is rare.
const AGE_WEIGHTS: [number, number][] = [
  [12, 1],
  [13, 3],
  [14, 9],
  [15, 20],
  [16, 30],
  [17, 37],
];
// Long sentences (section 250, extended, DHMP) are for the gravest offences and skew older (approximate).
const AGE_WEIGHTS_LONG: [number, number][] = [
  [14, 4],
  [15, 16],
  [16, 32],
  [17, 48],
];

// Youth custody population by ethnicity (approximate): ~47% White, ~28% Black, ~13% Mixed, ~7% Asian, ~3% other.
const ETHNICITY_WEIGHTS: [Ethnicity, number][] = [
  ['WHITE_BRITISH', 40],
  ['WHITE_IRISH', 0.5],
  ['WHITE_GYPSY_OR_IRISH_TRAVELLER', 3],
  ['WHITE_ROMA', 0.5],
  ['WHITE_OTHER', 3],
  ['MIXED_WHITE_BLACK_CARIBBEAN', 7],
  ['MIXED_WHITE_BLACK_AFRICAN', 2],
  ['MIXED_WHITE_ASIAN', 1.5],
  ['MIXED_OTHER', 2.5],
  ['ASIAN_INDIAN', 1],
  ['ASIAN_PAKISTANI', 3],
  ['ASIAN_BANGLADESHI', 1.5],
  ['ASIAN_CHINESE', 0.2],
  ['ASIAN_OTHER', 1.3],
  ['BLACK_AFRICAN', 12],
  ['BLACK_CARIBBEAN', 9],
  ['BLACK_OTHER', 7],
  ['OTHER_ARAB', 1],
  ['OTHER_ANY', 2],
];

// Looked-after and care-experienced children are over-represented in custody (approximate shares).
const LOOKED_AFTER_SHARE_SENTENCED = 0.35; // every remanded child is looked after anyway
const CARE_LEAVER_SHARE_16_17 = 0.2; // of 16-17s not looked after before custody
const CARE_LEAVER_SHARE_REMANDED_16_17 = 0.12; // remand makes a care leaver looked after again
const EHCP_SHARE = 0.17; // plus more among children with a learning disability or autism: ~20% overall

// Disabilities (approximate): about a third of children have at least one recorded.
const DISABILITY_SHARE = 0.35;
const DISABILITY_WEIGHTS: [string, number][] = [
  ['ADHD', 30],
  ['Autism spectrum condition', 20],
  ['Learning disability', 12],
  ['Dyslexia', 12],
  ['Developmental language disorder', 8],
  ['Foetal alcohol spectrum disorder', 5],
  ['Acquired brain injury', 5],
  ['Dyspraxia', 3],
  ['Hearing impairment', 3],
  ['Epilepsy', 2],
];

// Communication needs are common (~60% overall, approximate); some follow from a recorded disability.
const COMMUNICATION_NEED_FOR_DISABILITY: Record<string, string> = {
  Dyslexia: 'Dyslexia: prefers verbal explanations',
  'Autism spectrum condition': 'Autism: explain changes in advance and use literal language',
  'Developmental language disorder': 'Speech, language and communication needs: short sentences, check understanding',
  'Learning disability': 'Learning disability: one idea at a time, easy-read documents',
  'Hearing impairment': 'Hearing impairment: face them when speaking and check understanding',
  'Acquired brain injury': 'Brain injury: memory difficulties, write down appointments and repeat key points',
};
const COMMUNICATION_NEEDS_OTHER: string[] = [
  'Speech, language and communication needs: short sentences, check understanding',
  'Processes information slowly: give time to answer, one question at a time',
  'Limited reading: read documents aloud and check understanding',
  'Prefers visual information: use pictures and timelines',
  'Struggles with abstract words: use concrete examples',
  'Anxious in meetings: prefers one-to-one with a worker they know',
  'English as an additional language: offer an interpreter',
  'Loses concentration quickly: short sessions with breaks',
];
const COMMUNICATION_NEED_SHARE_OTHERWISE = 0.52;

// Placement near home (approximate): the Youth Custody Service places children close to home where it can.
const SAME_REGION_FACTOR = 5;
const NEIGHBOUR_REGION_FACTOR = 2;
const NEIGHBOUR_REGIONS: Record<string, string[]> = {
  'North East': ['North West', 'Yorkshire and the Humber'],
  'North West': ['North East', 'Yorkshire and the Humber', 'West Midlands', 'Wales'],
  'Yorkshire and the Humber': ['North East', 'North West', 'East Midlands'],
  'East Midlands': ['Yorkshire and the Humber', 'West Midlands', 'East of England', 'South East'],
  'West Midlands': ['North West', 'East Midlands', 'South West', 'South East', 'Wales'],
  'East of England': ['East Midlands', 'London', 'South East'],
  London: ['East of England', 'South East'],
  'South East': ['London', 'East of England', 'South West', 'East Midlands', 'West Midlands'],
  'South West': ['South East', 'West Midlands', 'Wales'],
  Wales: ['North West', 'West Midlands', 'South West'],
};

// Home authority weighting: resident population in thousands (approximate, ONS mid-2022 estimates rounded), with an
// uplift for London and the big cities, where more children are remanded and sentenced (approximate).
const POPULATION_THOUSANDS: Record<string, number> = {
  'LA-DURHAM': 522, 'LA-DARLINGTON': 108, 'LA-GATESHEAD': 196, 'LA-HARTLEPOOL': 93, 'LA-MIDDLESBROUGH': 144,
  'LA-NEWCASTLE-UPON-TYNE': 300, 'LA-NORTH-TYNESIDE': 209, 'LA-NORTHUMBERLAND': 320, 'LA-REDCAR-AND-CLEVELAND': 137,
  'LA-SOUTH-TYNESIDE': 148, 'LA-STOCKTON-ON-TEES': 197, 'LA-SUNDERLAND': 274,
  'LA-BLACKBURN-WITH-DARWEN': 155, 'LA-BLACKPOOL': 141, 'LA-BOLTON': 296, 'LA-BURY': 193, 'LA-CHESHIRE-EAST': 398,
  'LA-CHESHIRE-WEST-AND-CHESTER': 357, 'LA-CUMBERLAND': 274, 'LA-WESTMORLAND-AND-FURNESS': 225, 'LA-HALTON': 128,
  'LA-KNOWSLEY': 155, 'LA-LANCASHIRE': 1235, 'LA-LIVERPOOL': 486, 'LA-MANCHESTER': 552, 'LA-OLDHAM': 242,
  'LA-ROCHDALE': 223, 'LA-SALFORD': 270, 'LA-SEFTON': 279, 'LA-ST-HELENS': 183, 'LA-STOCKPORT': 294,
  'LA-TAMESIDE': 231, 'LA-TRAFFORD': 235, 'LA-WARRINGTON': 210, 'LA-WIGAN': 330, 'LA-WIRRAL': 320,
  'LA-BARNSLEY': 244, 'LA-BRADFORD': 546, 'LA-CALDERDALE': 206, 'LA-DONCASTER': 308, 'LA-EAST-RIDING-OF-YORKSHIRE': 342,
  'LA-HULL': 267, 'LA-KIRKLEES': 433, 'LA-LEEDS': 812, 'LA-NORTH-EAST-LINCOLNSHIRE': 157, 'LA-NORTH-LINCOLNSHIRE': 169,
  'LA-NORTH-YORKSHIRE': 615, 'LA-ROTHERHAM': 265, 'LA-SHEFFIELD': 556, 'LA-WAKEFIELD': 353, 'LA-YORK': 202,
  'LA-DERBY': 261, 'LA-DERBYSHIRE': 794, 'LA-LEICESTER': 368, 'LA-LEICESTERSHIRE': 712, 'LA-LINCOLNSHIRE': 768,
  'LA-NORTH-NORTHAMPTONSHIRE': 359, 'LA-WEST-NORTHAMPTONSHIRE': 425, 'LA-NOTTINGHAM': 323, 'LA-NOTTINGHAMSHIRE': 824,
  'LA-RUTLAND': 41,
  'LA-BIRMINGHAM': 1145, 'LA-COVENTRY': 345, 'LA-DUDLEY': 323, 'LA-HEREFORDSHIRE': 187, 'LA-SANDWELL': 341,
  'LA-SHROPSHIRE': 323, 'LA-SOLIHULL': 216, 'LA-STAFFORDSHIRE': 876, 'LA-STOKE-ON-TRENT': 258,
  'LA-TELFORD-AND-WREKIN': 185, 'LA-WALSALL': 284, 'LA-WARWICKSHIRE': 596, 'LA-WOLVERHAMPTON': 263,
  'LA-WORCESTERSHIRE': 603,
  'LA-BEDFORD': 185, 'LA-CAMBRIDGESHIRE': 678, 'LA-CENTRAL-BEDFORDSHIRE': 294, 'LA-ESSEX': 1503,
  'LA-HERTFORDSHIRE': 1198, 'LA-LUTON': 225, 'LA-NORFOLK': 916, 'LA-PETERBOROUGH': 215, 'LA-SOUTHEND-ON-SEA': 180,
  'LA-SUFFOLK': 760, 'LA-THURROCK': 176,
  'LA-CITY-OF-LONDON': 9, 'LA-BARKING-AND-DAGENHAM': 219, 'LA-BARNET': 389, 'LA-BEXLEY': 246, 'LA-BRENT': 339,
  'LA-BROMLEY': 330, 'LA-CAMDEN': 210, 'LA-CROYDON': 390, 'LA-EALING': 367, 'LA-ENFIELD': 330, 'LA-GREENWICH': 289,
  'LA-HACKNEY': 259, 'LA-HAMMERSMITH-AND-FULHAM': 183, 'LA-HARINGEY': 264, 'LA-HARROW': 261, 'LA-HAVERING': 262,
  'LA-HILLINGDON': 305, 'LA-HOUNSLOW': 288, 'LA-ISLINGTON': 216, 'LA-KENSINGTON-AND-CHELSEA': 143,
  'LA-KINGSTON-UPON-THAMES': 168, 'LA-LAMBETH': 317, 'LA-LEWISHAM': 300, 'LA-MERTON': 215, 'LA-NEWHAM': 351,
  'LA-REDBRIDGE': 310, 'LA-RICHMOND-UPON-THAMES': 195, 'LA-SOUTHWARK': 307, 'LA-SUTTON': 209,
  'LA-TOWER-HAMLETS': 310, 'LA-WALTHAM-FOREST': 278, 'LA-WANDSWORTH': 327, 'LA-WESTMINSTER': 204,
  'LA-BRACKNELL-FOREST': 124, 'LA-BRIGHTON-AND-HOVE': 277, 'LA-BUCKINGHAMSHIRE': 553, 'LA-EAST-SUSSEX': 545,
  'LA-HAMPSHIRE': 1400, 'LA-ISLE-OF-WIGHT': 140, 'LA-KENT': 1576, 'LA-MEDWAY': 279, 'LA-MILTON-KEYNES': 287,
  'LA-OXFORDSHIRE': 725, 'LA-PORTSMOUTH': 208, 'LA-READING': 174, 'LA-SLOUGH': 158, 'LA-SOUTHAMPTON': 249,
  'LA-SURREY': 1203, 'LA-WEST-BERKSHIRE': 161, 'LA-WEST-SUSSEX': 882, 'LA-WINDSOR-AND-MAIDENHEAD': 153,
  'LA-WOKINGHAM': 177,
  'LA-BATH-AND-NORTH-EAST-SOMERSET': 193, 'LA-BCP': 400, 'LA-BRISTOL': 472, 'LA-CORNWALL': 570, 'LA-DEVON': 811,
  'LA-DORSET': 379, 'LA-GLOUCESTERSHIRE': 645, 'LA-ISLES-OF-SCILLY': 2, 'LA-NORTH-SOMERSET': 216,
  'LA-PLYMOUTH': 264, 'LA-SOMERSET': 571, 'LA-SOUTH-GLOUCESTERSHIRE': 290, 'LA-SWINDON': 233, 'LA-TORBAY': 139,
  'LA-WILTSHIRE': 510,
  'LA-BLAENAU-GWENT': 67, 'LA-BRIDGEND': 145, 'LA-CAERPHILLY': 176, 'LA-CARDIFF': 362, 'LA-CARMARTHENSHIRE': 187,
  'LA-CEREDIGION': 71, 'LA-CONWY': 114, 'LA-DENBIGHSHIRE': 96, 'LA-FLINTSHIRE': 155, 'LA-GWYNEDD': 117,
  'LA-ISLE-OF-ANGLESEY': 69, 'LA-MERTHYR-TYDFIL': 59, 'LA-MONMOUTHSHIRE': 93, 'LA-NEATH-PORT-TALBOT': 142,
  'LA-NEWPORT': 159, 'LA-PEMBROKESHIRE': 123, 'LA-POWYS': 133, 'LA-RHONDDA-CYNON-TAF': 237, 'LA-SWANSEA': 238,
  'LA-TORFAEN': 92, 'LA-VALE-OF-GLAMORGAN': 132, 'LA-WREXHAM': 135,
};
const DEFAULT_POPULATION_THOUSANDS = 150; // an authority missing from the table above
const LONDON_UPLIFT = 1.4;
const BIG_CITY_UPLIFT = 1.3;
const BIG_CITIES = new Set([
  'LA-BIRMINGHAM', 'LA-MANCHESTER', 'LA-LIVERPOOL', 'LA-LEEDS', 'LA-SHEFFIELD', 'LA-BRISTOL', 'LA-NOTTINGHAM',
  'LA-NEWCASTLE-UPON-TYNE', 'LA-BRADFORD', 'LA-LEICESTER', 'LA-COVENTRY', 'LA-WOLVERHAMPTON', 'LA-SANDWELL',
  'LA-CARDIFF', 'LA-SALFORD', 'LA-MIDDLESBROUGH', 'LA-HULL',
]);

// Parents and carers (approximate). The first entry is the main contact.
const MAIN_CARER_WEIGHTS: [ParentCarerRelationship, number][] = [
  ['Mother', 65],
  ['Father', 10],
  ['Grandmother', 10],
  ['Aunt', 5],
  ['Special guardian', 4],
  ['Grandfather', 2],
  ['Uncle', 2],
  ['Older sibling', 2],
];
const OTHER_CARER_WEIGHTS: [ParentCarerRelationship, number][] = [
  ['Father', 45],
  ['Mother', 8],
  ['Stepfather', 10],
  ['Stepmother', 4],
  ['Grandmother', 12],
  ['Grandfather', 5],
  ['Aunt', 6],
  ['Uncle', 4],
  ['Older sibling', 6],
];
// Relationships a child has at most one of.
const SINGLE_RELATIONSHIPS = new Set<ParentCarerRelationship>([
  'Mother', 'Father', 'Stepmother', 'Stepfather', 'Special guardian', 'Foster carer',
]);
const FEMALE_RELATIONSHIPS = new Set<ParentCarerRelationship>(['Mother', 'Stepmother', 'Grandmother', 'Aunt']);
const MALE_RELATIONSHIPS = new Set<ParentCarerRelationship>(['Father', 'Stepfather', 'Grandfather', 'Uncle']);

// Everyday short forms, so some children have a preferred name that differs from their given name.
const SHORT_FORMS: Record<string, string> = {
  Alexander: 'Alex', Anthony: 'Tony', Benjamin: 'Ben', Charles: 'Charlie', Christopher: 'Chris', Daniel: 'Dan',
  Edward: 'Ed', Frederick: 'Freddie', James: 'Jim', Jonathan: 'Jon', Joseph: 'Joe', Joshua: 'Josh', Matthew: 'Matt',
  Michael: 'Mike', Nathaniel: 'Nate', Nicholas: 'Nick', Oliver: 'Ollie', Robert: 'Rob', Samuel: 'Sam',
  Thomas: 'Tom', Timothy: 'Tim', William: 'Will', Zachary: 'Zac', Abigail: 'Abbie', Alexandra: 'Lexi',
  Charlotte: 'Lottie', Elizabeth: 'Lizzie', Isabella: 'Bella', Jessica: 'Jess', Katherine: 'Kate', Rebecca: 'Becca',
  Samantha: 'Sam', Victoria: 'Tori',
};
const PREFERRED_NAME_SHARE = 0.15;

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 30.4375;

// ---------------------------------------------------------------------------------------------------------------
// Generator

export function generateSyntheticCaseload(options: SyntheticCaseloadOptions): SyntheticChildRecord[] {
  const { count, seed, establishments, localAuthorities } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  if (establishments.length === 0) throw new Error('at least one secure establishment is needed');
  if (localAuthorities.length === 0) throw new Error('at least one local authority is needed');
  const today = parseDay(options.today);
  const creditFrom = parseDay(CREDIT_FROM);
  const fortyPercentFrom = parseDay(FORTY_PERCENT_FROM);

  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed);
  const rng = new Random(faker);

  const regionOf = new Map(localAuthorities.map((la) => [la.code, la.region]));
  const homeTable = new WeightedTable(
    localAuthorities.map((la) => la.code),
    localAuthorities.map((la) => homeWeight(la)),
  );
  const placement = new PlacementTables(establishments, regionOf);
  const sentenceTypes = WeightedTable.of(SENTENCE_TYPE_WEIGHTS);
  const dtoTerms = WeightedTable.of(DTO_TERM_WEIGHTS);
  const ages = WeightedTable.of(AGE_WEIGHTS);
  const agesLong = WeightedTable.of(AGE_WEIGHTS_LONG);
  const ethnicities = WeightedTable.of(ETHNICITY_WEIGHTS);
  const disabilities = WeightedTable.of(DISABILITY_WEIGHTS);
  const mainCarers = WeightedTable.of(MAIN_CARER_WEIGHTS);
  const otherCarers = WeightedTable.of(OTHER_CARER_WEIGHTS);
  const names = new Names(faker, rng);

  const records: SyntheticChildRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    // --- who the child is
    const g = rng.next();
    const gender: SyntheticGender =
      g < FEMALE_SHARE ? 'FEMALE' : g < FEMALE_SHARE + OTHER_GENDER_SHARE ? 'OTHER' : 'MALE';
    const remanded = rng.next() < REMAND_SHARE;
    const sentenceType: SyntheticSentenceType | null = remanded ? null : sentenceTypes.pick(rng.next());
    const long = sentenceType !== null && sentenceType !== 'DTO';
    const age = (long ? agesLong : ages).pick(rng.next());
    // Born between today - (age + 1) years + 1 day and today - age years, so exactly `age` today.
    const latestBirth = addMonths(today, -12 * age);
    const earliestBirth = addMonths(today, -12 * (age + 1)) + 1;
    let birth = rng.int(earliestBirth, latestBirth);

    // --- the custodial episode
    let remandDay: number | null;
    let sentence: SyntheticSentence | null = null;
    if (sentenceType === null) {
      // Remanded within the last 1-6 months.
      remandDay = rng.int(today - 183, today - 30);
    } else {
      const s = drawSentence(sentenceType, today, creditFrom, fortyPercentFrom, birth, rng, dtoTerms);
      sentence = s.sentence;
      remandDay = s.remandDay;
    }
    // Custody starts no younger than 12: nudge the birth date back if the draw made the child too young then.
    const custodyStart = remandDay ?? parseDay(sentence!.sentenceDate);
    const latestBirthFor12 = addMonths(custodyStart, -12 * 12);
    if (birth > latestBirthFor12) birth = latestBirthFor12 - rng.int(0, 180);
    const ageToday = wholeYearsBetween(birth, today);
    if (sentence) {
      // An offence is committed at 10 or over (age of criminal responsibility).
      const offence = Math.max(parseDay(sentence.offenceDate), addMonths(birth, 12 * 10) + 1);
      sentence.offenceDate = formatDay(offence);
    }

    // --- home, care and placement
    const homeAuthorityCode = homeTable.pick(rng.next());
    const ethnicity = ethnicities.pick(rng.next());
    const lookedAfter = remanded || rng.next() < LOOKED_AFTER_SHARE_SENTENCED;
    const careLeaverShare = remanded ? CARE_LEAVER_SHARE_REMANDED_16_17 : lookedAfter ? 0 : CARE_LEAVER_SHARE_16_17;
    const careLeaver = ageToday >= 16 && rng.next() < careLeaverShare;
    const responsibleAuthorityCode = lookedAfter || careLeaver ? homeAuthorityCode : null;
    const establishmentCode = placement.pick(regionOf.get(homeAuthorityCode), gender, ageToday, rng.next());

    // --- needs
    const childDisabilities = drawDisabilities(rng, disabilities);
    const hasLdOrAutism =
      childDisabilities.includes('Learning disability') || childDisabilities.includes('Autism spectrum condition');
    const hasEhcp = rng.next() < (hasLdOrAutism ? 0.45 : EHCP_SHARE);
    const communicationNeeds = drawCommunicationNeeds(rng, childDisabilities);

    // --- names and family
    const sex = gender === 'MALE' ? 'male' : gender === 'FEMALE' ? 'female' : rng.next() < 0.5 ? 'male' : 'female';
    const givenName = names.first(sex);
    const familyName = names.last();
    const preferredName = rng.next() < PREFERRED_NAME_SHARE ? preferredNameFor(givenName, sex, names) : null;
    const parentsCarers = drawParentsCarers(rng, names, familyName, lookedAfter, mainCarers, otherCarers);

    records[i] = {
      // Fixed width, not count-dependent, so a key never changes when the count does.
      key: `demo-child-${String(i + 1).padStart(6, '0')}`,
      child: {
        givenName,
        familyName,
        preferredName,
        dateOfBirth: formatDay(birth),
        gender,
        ethnicity,
        lookedAfter,
        responsibleAuthorityCode,
        careLeaver,
        homeAuthorityCode,
        hasEhcp,
        disabilities: childDisabilities,
        communicationNeeds,
        parentsCarers,
      },
      episode: {
        establishmentCode,
        supervisingAuthorityCode: homeAuthorityCode,
        episodeType: remanded ? 'REMAND' : 'SENTENCED',
        remandDate: remandDay === null ? null : formatDay(remandDay),
        sentence,
      },
    };
  }
  return records;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

/**
 * Draws a sentence whose release falls in the next 12 months, working the sentence date back from a target release
 * day. The target is drawn uniformly over today + 7 days .. today + 365 days, but a short term cannot reach far: a
 * 4-month DTO releases within about 2 months of sentence, and the sentence date may not pass today. So a term that
 * cannot reach the target is redrawn once, and if the second cannot either, the target is redrawn within its reach.
 * One redraw keeps the DTO average near 11-12 months (conditioning fully would push it to about 16); releases are
 * therefore denser in the first months, as in any real snapshot of children in custody. Roughly only: the real
 * release date calculator runs later.
 */
function drawSentence(
  sentenceType: SyntheticSentenceType,
  today: number,
  creditFrom: number,
  fortyPercentFrom: number,
  birth: number,
  rng: Random,
  dtoTerms: WeightedTable<number>,
): { sentence: SyntheticSentence; remandDay: number | null } {
  let termMonths: number;
  let extensionMonths: number | null = null;
  let qualifyingSeriousOffence = false;
  let excludedFromFortyPercentRelease = false;
  let sentenceDay: number;
  let remandDays = 0;
  let taggedBailDays = 0;

  if (sentenceType === 'DHMP') {
    // Indeterminate: release is for the Parole Board after the minimum term, so no release in the next year.
    // Minimum terms of 10-15 years (approximate); sentenced in the last 6 years, at 13 or over.
    termMonths = 120 + 6 * rng.int(0, 10);
    const earliest = Math.max(addMonths(today, -72), addMonths(birth, 12 * 13));
    sentenceDay = rng.int(Math.min(earliest, today - 30), today - 30);
    qualifyingSeriousOffence = true;
    excludedFromFortyPercentRelease = true;
  } else {
    if (sentenceType === 'S250') {
      qualifyingSeriousOffence = rng.next() < 0.1; // approximate
      excludedFromFortyPercentRelease = rng.next() < 0.3; // sexual, domestic-abuse-related, some violent (approximate)
    } else if (sentenceType === 'EXTENDED') {
      extensionMonths = 12 * rng.int(1, 5); // up to 5 years for violent offences; longer for sexual (approximate)
      qualifyingSeriousOffence = rng.next() < 0.4; // approximate
      excludedFromFortyPercentRelease = true;
    }
    const drawTerm = (): number =>
      sentenceType === 'DTO'
        ? dtoTerms.pick(rng.next())
        : sentenceType === 'S250'
          ? rng.int(12, 72) // approximate range
          : 48 + 6 * rng.int(0, 8); // extended: custodial term 4-8 years (approximate)
    let target = rng.int(today + 7, today + 365);
    termMonths = drawTerm();
    let offset = releaseOffsetDays(sentenceType, termMonths, false);
    if (offset < target - today) {
      termMonths = drawTerm();
      offset = releaseOffsetDays(sentenceType, termMonths, false);
    }
    const reach = (): number => rng.int(today + 7, today + Math.min(365, offset));
    if (offset < target - today) target = reach();
    if (sentenceType === 'DTO' && target - offset < creditFrom && !isStandardDtoTerm(termMonths)) {
      // Before 28 June 2022 only the standard terms existed: take the nearest standard term below.
      termMonths = [...DTO_STANDARD_TERMS].reverse().find((t) => t <= termMonths) ?? 4;
      offset = releaseOffsetDays(sentenceType, termMonths, false);
      if (offset < target - today) target = reach();
    }
    if (sentenceType === 'S250' && !excludedFromFortyPercentRelease && target - offset >= fortyPercentFrom) {
      // Sentenced from 22 October 2024 and not excluded: release at 40%, so the sentence date moves later (and
      // stays on or after 22 October 2024).
      offset = releaseOffsetDays(sentenceType, termMonths, true);
      if (offset < target - today) target = reach();
      // A nearer target can put the sentence date back before 22 October 2024: then one-half applies after all.
      if (target - offset < fortyPercentFrom) offset = releaseOffsetDays(sentenceType, termMonths, false);
    }
    sentenceDay = target - offset;
    const halfwayS250 = sentenceType === 'S250' && !excludedFromFortyPercentRelease && sentenceDay < fortyPercentFrom;

    // Credit moves the sentence date later for the same release; it must not pass today.
    if (sentenceDay >= creditFrom) {
      let slack = today - sentenceDay;
      // Credit must not carry a half-way S250 past 22 October 2024, which would bring its release forward to 40%.
      if (halfwayS250) slack = Math.min(slack, fortyPercentFrom - 1 - sentenceDay);
      if (slack > 0 && rng.next() < 0.45) remandDays = rng.int(1, Math.min(120, slack)); // approximate share
      const room = slack - remandDays;
      if (room > 0 && rng.next() < 0.1) taggedBailDays = rng.int(1, Math.min(60, room)); // approximate share
      sentenceDay += remandDays + taggedBailDays;
    }
  }

  // Custody on remand for this episode began `remandDays` before sentence.
  const remandDay = remandDays > 0 ? sentenceDay - remandDays : null;
  const custodyStart = remandDay ?? sentenceDay;
  const longCase = sentenceType === 'DHMP' || sentenceType === 'EXTENDED';
  // Qualifying tagged-bail credit is half the days on tagged bail, which came before custody.
  const offenceDay = custodyStart - 2 * taggedBailDays - (longCase ? rng.int(60, 400) : rng.int(3, 180));

  return {
    sentence: {
      sentenceType,
      sentenceDate: formatDay(sentenceDay),
      termMonths,
      extensionMonths,
      remandDays,
      taggedBailDays,
      offenceDate: formatDay(offenceDay),
      qualifyingSeriousOffence,
      excludedFromFortyPercentRelease,
    },
    remandDay,
  };
}

/** Approximate days from sentence to earliest release, before credit. */
function releaseOffsetDays(sentenceType: SyntheticSentenceType, termMonths: number, fortyPercent: boolean): number {
  let months: number;
  if (sentenceType === 'DTO') {
    // Mid-term, less early release: 1 month for terms of 8 to under 18 months, 2 for 18 or more (DOMAIN.md).
    const early = termMonths >= 18 ? 2 : termMonths >= 8 ? 1 : 0;
    months = termMonths / 2 - early;
  } else if (sentenceType === 'S250') {
    // Terms here stay under 7 years, so two-thirds never applies: 40% or one-half (DOMAIN.md).
    months = termMonths * (fortyPercent ? 0.4 : 0.5);
  } else {
    months = (termMonths * 2) / 3; // extended: Parole Board may release from two-thirds
  }
  return Math.round(months * DAYS_PER_MONTH);
}

function isStandardDtoTerm(term: number): boolean {
  return (DTO_STANDARD_TERMS as readonly number[]).includes(term);
}

// ---------------------------------------------------------------------------------------------------------------
// Needs and family

function drawDisabilities(rng: Random, table: WeightedTable<string>): string[] {
  if (rng.next() >= DISABILITY_SHARE) return [];
  const first = table.pick(rng.next());
  if (rng.next() >= 0.3) return [first];
  const second = table.pick(rng.next());
  return second === first ? [first] : [first, second];
}

function drawCommunicationNeeds(rng: Random, disabilities: string[]): string | null {
  for (const d of disabilities) {
    const need = COMMUNICATION_NEED_FOR_DISABILITY[d];
    if (need) return need;
  }
  if (rng.next() >= COMMUNICATION_NEED_SHARE_OTHERWISE) return null;
  return COMMUNICATION_NEEDS_OTHER[rng.int(0, COMMUNICATION_NEEDS_OTHER.length - 1)];
}

function preferredNameFor(givenName: string, sex: 'male' | 'female', names: Names): string {
  const short = SHORT_FORMS[givenName];
  if (short) return short;
  // Otherwise goes by another name (a middle name, say).
  for (let tries = 0; tries < 3; tries++) {
    const other = names.first(sex);
    if (other !== givenName) return other;
  }
  return givenName.slice(0, 3);
}

function drawParentsCarers(
  rng: Random,
  names: Names,
  childFamilyName: string,
  lookedAfter: boolean,
  mainCarers: WeightedTable<ParentCarerRelationship>,
  otherCarers: WeightedTable<ParentCarerRelationship>,
): SyntheticParentCarer[] {
  const r = rng.next();
  const count = r < 0.5 ? 1 : r < 0.92 ? 2 : 3; // approximate
  const used = new Set<ParentCarerRelationship>();
  const result: SyntheticParentCarer[] = [];
  for (let n = 0; n < count; n++) {
    let relationship: ParentCarerRelationship;
    if (n === 0) {
      // Many looked-after children live with foster carers, who are the day-to-day contact.
      relationship = lookedAfter && rng.next() < 0.4 ? 'Foster carer' : mainCarers.pick(rng.next());
    } else {
      relationship = otherCarers.pick(rng.next());
      for (let tries = 0; tries < 4 && SINGLE_RELATIONSHIPS.has(relationship) && used.has(relationship); tries++) {
        relationship = otherCarers.pick(rng.next());
      }
      if (SINGLE_RELATIONSHIPS.has(relationship) && used.has(relationship)) relationship = 'Aunt';
    }
    used.add(relationship);

    const sex = FEMALE_RELATIONSHIPS.has(relationship)
      ? 'female'
      : MALE_RELATIONSHIPS.has(relationship)
        ? 'male'
        : rng.next() < 0.6
          ? 'female'
          : 'male';
    const given = names.first(sex);
    const sharesFamilyName =
      relationship === 'Foster carer' ? false : rng.next() < (relationship === 'Father' ? 0.8 : 0.6);
    const family = sharesFamilyName ? childFamilyName : names.last();
    result.push({
      name: `${given} ${family}`,
      relationship,
      phone: `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`,
      email: `${emailPart(given)}.${emailPart(family)}${rng.int(1, 99)}@example.com`,
      hasParentalResponsibility: hasParentalResponsibility(relationship, rng),
    });
  }
  return result;
}

function hasParentalResponsibility(relationship: ParentCarerRelationship, rng: Random): boolean {
  switch (relationship) {
    case 'Mother':
    case 'Special guardian':
      return true;
    case 'Father':
      return rng.next() < 0.85; // unmarried fathers not on the birth certificate lack it (approximate)
    case 'Grandmother':
    case 'Aunt':
      return rng.next() < 0.12; // under a child arrangements order (approximate)
    default:
      return false; // foster carers, step-parents and others without an order
  }
}

function emailPart(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Placement

function homeWeight(la: LocalAuthorityRef): number {
  const population = POPULATION_THOUSANDS[la.code] ?? DEFAULT_POPULATION_THOUSANDS;
  const uplift = la.region === 'London' ? LONDON_UPLIFT : BIG_CITIES.has(la.code) ? BIG_CITY_UPLIFT : 1;
  return population * uplift;
}

type PlacementClass = 'BOY_15_PLUS' | 'UNDER_15' | 'GIRL';

/**
 * Establishment choice, weighted by typicalPopulation and by nearness to home. YOIs hold boys aged 15-17, so girls
 * go to secure children's homes or the secure school, and under-15s to those or the STC.
 */
class PlacementTables {
  private readonly cache = new Map<string, WeightedTable<string>>();

  constructor(
    private readonly establishments: SecureEstablishmentRef[],
    private readonly regionOf: Map<string, string>,
  ) {}

  pick(homeRegion: string | undefined, gender: SyntheticGender, age: number, r: number): string {
    const cls: PlacementClass = gender === 'FEMALE' ? 'GIRL' : age < 15 ? 'UNDER_15' : 'BOY_15_PLUS';
    const cacheKey = `${homeRegion ?? ''}|${cls}`;
    let table = this.cache.get(cacheKey);
    if (!table) {
      table = this.build(homeRegion, cls);
      this.cache.set(cacheKey, table);
    }
    return table.pick(r);
  }

  private build(homeRegion: string | undefined, cls: PlacementClass): WeightedTable<string> {
    const allowed = (e: SecureEstablishmentRef): boolean =>
      cls === 'BOY_15_PLUS' ||
      e.type === 'SCH' ||
      e.type === 'SECURE_SCHOOL' ||
      (cls === 'UNDER_15' && e.type === 'STC');
    // A custom estate without a suitable establishment still places everyone.
    const candidates = this.establishments.some(allowed) ? this.establishments.filter(allowed) : this.establishments;
    const neighbours = homeRegion ? (NEIGHBOUR_REGIONS[homeRegion] ?? []) : [];
    const weights = candidates.map((e) => {
      const region = this.regionOf.get(e.localAuthorityCode);
      const nearness =
        region !== undefined && region === homeRegion
          ? SAME_REGION_FACTOR
          : region !== undefined && neighbours.includes(region)
            ? NEIGHBOUR_REGION_FACTOR
            : 1;
      return Math.max(e.typicalPopulation, 0) * nearness;
    });
    return new WeightedTable(
      candidates.map((e) => e.code),
      weights,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness, names and dates

/** Thin wrapper over the seeded faker stream: one float per draw keeps generation fast and deterministic. */
class Random {
  constructor(private readonly faker: Faker) {}

  /** In [0, 1). */
  next(): number {
    return this.faker.number.float();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    if (max <= min) return min;
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

class WeightedTable<T> {
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(
    private readonly items: T[],
    weights: number[],
  ) {
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += Math.max(w, 0)));
    this.total = sum;
    if (items.length === 0) throw new Error('weighted table needs at least one item');
  }

  static of<T>(pairs: [T, number][]): WeightedTable<T> {
    return new WeightedTable(
      pairs.map(([item]) => item),
      pairs.map(([, w]) => w),
    );
  }

  /** r in [0, 1). With all weights zero, picks uniformly. */
  pick(r: number): T {
    if (this.total <= 0) return this.items[Math.floor(r * this.items.length)];
    const target = r * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

/** Names from the seeded faker's locale data, read directly because the pattern-based helpers are slow at 100k. */
class Names {
  private readonly male: readonly string[];
  private readonly female: readonly string[];
  private readonly surnames: readonly string[];

  constructor(faker: Faker, private readonly rng: Random) {
    const firstNames = faker.definitions.person.first_name;
    this.male = firstNames.male ?? firstNames.generic ?? [];
    this.female = firstNames.female ?? firstNames.generic ?? [];
    this.surnames = faker.definitions.person.last_name.generic ?? [];
    if (!this.male.length || !this.female.length || !this.surnames.length) throw new Error('faker locale lacks names');
  }

  first(sex: 'male' | 'female'): string {
    const list = sex === 'male' ? this.male : this.female;
    return list[this.rng.int(0, list.length - 1)];
  }

  last(): string {
    const a = this.surnames[this.rng.int(0, this.surnames.length - 1)];
    // About one in twenty double-barrelled (approximate).
    if (this.rng.next() >= 0.05) return a;
    return `${a}-${this.surnames[this.rng.int(0, this.surnames.length - 1)]}`;
  }
}

// Days are whole UTC days since 1970-01-01, so arithmetic is integer and free of time zones.
function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got '${iso}'`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(ms / DAY_MS) !== iso) throw new Error(`not a real date: '${iso}'`);
  return ms / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar months added, a day past a month's end cut back to its last day. */
function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)) / DAY_MS;
}

function wholeYearsBetween(from: number, to: number): number {
  const a = new Date(from * DAY_MS);
  const b = new Date(to * DAY_MS);
  let years = b.getUTCFullYear() - a.getUTCFullYear();
  if (b.getUTCMonth() < a.getUTCMonth() || (b.getUTCMonth() === a.getUTCMonth() && b.getUTCDate() < a.getUTCDate())) {
    years--;
  }
  return years;
}
