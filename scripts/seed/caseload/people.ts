// Who the synthetic children are: gender, age, ethnicity, needs, names and family (approximate shares, DOMAIN.md).
import { Names, Random, WeightedTable } from './random';
import { Ethnicity, ParentCarerRelationship, SyntheticParentCarer } from './records';

// Girls are a small share of children in custody (approximate); a handful record another gender.
export const FEMALE_SHARE = 0.04;
export const OTHER_GENDER_SHARE = 0.003;

// Age at `today` (approximate): mostly 15-17, since custody for the youngest is rare.
export const AGE_WEIGHTS: [number, number][] = [
  [12, 1],
  [13, 3],
  [14, 9],
  [15, 20],
  [16, 30],
  [17, 37],
];
// Long sentences (section 250, extended, DHMP) are for the gravest offences and skew older (approximate).
export const AGE_WEIGHTS_LONG: [number, number][] = [
  [14, 4],
  [15, 16],
  [16, 32],
  [17, 48],
];

// Youth custody population by ethnicity (approximate): ~47% White, ~28% Black, ~13% Mixed, ~7% Asian, ~3% other.
export const ETHNICITY_WEIGHTS: [Ethnicity, number][] = [
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
export const LOOKED_AFTER_SHARE_SENTENCED = 0.35; // every remanded child is looked after anyway
export const CARE_LEAVER_SHARE_16_17 = 0.2; // of 16-17s not looked after before custody
export const CARE_LEAVER_SHARE_REMANDED_16_17 = 0.12; // remand makes a care leaver looked after again
export const EHCP_SHARE = 0.17; // plus more among children with a learning disability or autism: ~20% overall

// Disabilities (approximate): about a third of children have at least one recorded.
const DISABILITY_SHARE = 0.35;
export const DISABILITY_WEIGHTS: [string, number][] = [
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

// Parents and carers (approximate). The first entry is the main contact.
export const MAIN_CARER_WEIGHTS: [ParentCarerRelationship, number][] = [
  ['Mother', 65],
  ['Father', 10],
  ['Grandmother', 10],
  ['Aunt', 5],
  ['Special guardian', 4],
  ['Grandfather', 2],
  ['Uncle', 2],
  ['Older sibling', 2],
];
export const OTHER_CARER_WEIGHTS: [ParentCarerRelationship, number][] = [
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
  'Mother',
  'Father',
  'Stepmother',
  'Stepfather',
  'Special guardian',
  'Foster carer',
]);
const FEMALE_RELATIONSHIPS = new Set<ParentCarerRelationship>(['Mother', 'Stepmother', 'Grandmother', 'Aunt']);
const MALE_RELATIONSHIPS = new Set<ParentCarerRelationship>(['Father', 'Stepfather', 'Grandfather', 'Uncle']);

// Everyday short forms, so some children have a preferred name that differs from their given name.
const SHORT_FORMS: Record<string, string> = {
  Alexander: 'Alex',
  Anthony: 'Tony',
  Benjamin: 'Ben',
  Charles: 'Charlie',
  Christopher: 'Chris',
  Daniel: 'Dan',
  Edward: 'Ed',
  Frederick: 'Freddie',
  James: 'Jim',
  Jonathan: 'Jon',
  Joseph: 'Joe',
  Joshua: 'Josh',
  Matthew: 'Matt',
  Michael: 'Mike',
  Nathaniel: 'Nate',
  Nicholas: 'Nick',
  Oliver: 'Ollie',
  Robert: 'Rob',
  Samuel: 'Sam',
  Thomas: 'Tom',
  Timothy: 'Tim',
  William: 'Will',
  Zachary: 'Zac',
  Abigail: 'Abbie',
  Alexandra: 'Lexi',
  Charlotte: 'Lottie',
  Elizabeth: 'Lizzie',
  Isabella: 'Bella',
  Jessica: 'Jess',
  Katherine: 'Kate',
  Rebecca: 'Becca',
  Samantha: 'Sam',
  Victoria: 'Tori',
};
export const PREFERRED_NAME_SHARE = 0.15;

export function drawDisabilities(rng: Random, table: WeightedTable<string>): string[] {
  if (rng.next() >= DISABILITY_SHARE) return [];
  const first = table.pick(rng.next());
  if (rng.next() >= 0.3) return [first];
  const second = table.pick(rng.next());
  return second === first ? [first] : [first, second];
}

export function drawCommunicationNeeds(rng: Random, disabilities: string[]): string | null {
  for (const d of disabilities) {
    const need = COMMUNICATION_NEED_FOR_DISABILITY[d];
    if (need) return need;
  }
  if (rng.next() >= COMMUNICATION_NEED_SHARE_OTHERWISE) return null;
  return COMMUNICATION_NEEDS_OTHER[rng.int(0, COMMUNICATION_NEEDS_OTHER.length - 1)];
}

export function preferredNameFor(givenName: string, sex: 'male' | 'female', names: Names): string {
  const short = SHORT_FORMS[givenName];
  if (short) return short;
  // Otherwise goes by another name (a middle name, say).
  for (let tries = 0; tries < 3; tries++) {
    const other = names.first(sex);
    if (other !== givenName) return other;
  }
  return givenName.slice(0, 3);
}

export function drawParentsCarers(
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
