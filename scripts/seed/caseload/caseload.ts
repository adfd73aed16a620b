// Synthetic caseload for demos, load tests and seeding. Every person here is invented: names come from faker, phone
// numbers from Ofcom's drama range (07700 900000-900999) and email addresses from example.com, so nothing can
// reach a real child or family. Never replace this with extracts of real case data.
//
// The mix follows the figures in DOMAIN.md where it gives them; figures marked "approximate" are our estimates, good
// enough to make a demo look like the field, not statistics. Release dates are aimed with the real release date
// calculator (sentences.ts), which the seed runs again for the exact dates; what matters is that release dates fall
// over the next 12 months so that every resettlement deadline shows up in some state.
//
// The parts: who the children are (people.ts), where they live and are held (placement.ts), their sentences
// (sentences.ts), over one seeded stream (random.ts) and whole-day dates (days.ts); the shapes in records.ts.
//
// Deterministic: the same options give the same records, and record i does not depend on `count` (records are
// drawn in order from one seeded stream), so re-seeding with a bigger count keeps existing children unchanged.
import { base, en, en_GB, Faker } from '@faker-js/faker';
import { addMonths, formatDay, parseDay, wholeYearsBetween } from './days';
import {
  AGE_WEIGHTS,
  AGE_WEIGHTS_LONG,
  CARE_LEAVER_SHARE_16_17,
  CARE_LEAVER_SHARE_REMANDED_16_17,
  DISABILITY_WEIGHTS,
  drawCommunicationNeeds,
  drawDisabilities,
  drawParentsCarers,
  EHCP_SHARE,
  ETHNICITY_WEIGHTS,
  FEMALE_SHARE,
  LOOKED_AFTER_SHARE_SENTENCED,
  MAIN_CARER_WEIGHTS,
  OTHER_CARER_WEIGHTS,
  OTHER_GENDER_SHARE,
  PREFERRED_NAME_SHARE,
  preferredNameFor,
} from './people';
import { homeWeight, PlacementTables } from './placement';
import { Names, Random, WeightedTable } from './random';
import {
  SyntheticCaseloadOptions,
  SyntheticChildRecord,
  SyntheticGender,
  SyntheticSentence,
  SyntheticSentenceType,
} from './records';
import {
  CREDIT_FROM,
  drawSentence,
  DTO_TERM_WEIGHTS,
  FORTY_PERCENT_FROM,
  REMAND_SHARE,
  SENTENCE_TYPE_WEIGHTS,
} from './sentences';

export type * from './records';
export { ETHNICITIES } from './records';
export { CREDIT_FROM, DTO_STANDARD_TERMS } from './sentences';

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
