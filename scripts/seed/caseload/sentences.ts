// Sentences for the synthetic caseload: the mix of sentence types and terms, and a sentence drawn so its release falls
// in the next 12 months, worked back from the real release date calculator's answer.
import { daysBetween } from '@resettle/common';
import { calculateReleaseDates } from '@resettle/custody';
import { addMonths, formatDay } from './days';
import { Random, WeightedTable } from './random';
import { SyntheticSentence, SyntheticSentenceType } from './records';

/** Orders made from this date take remand and tagged-bail credit (DOMAIN.md). */
export const CREDIT_FROM = '2022-06-28';
/** Section 250 sentences from this date, for offences not excluded, release at 40% (DOMAIN.md). */
export const FORTY_PERCENT_FROM = '2024-10-22';
/** Before CREDIT_FROM a DTO could only be one of these terms (DOMAIN.md). */
export const DTO_STANDARD_TERMS = [4, 6, 8, 10, 12, 18, 24] as const;

// 44% of children in custody were on remand in March 2025 (DOMAIN.md, Scale).
export const REMAND_SHARE = 0.44;

// Of sentenced children (approximate): mostly DTOs, a fifth section 250, a few extended sentences and DHMP.
export const SENTENCE_TYPE_WEIGHTS: [SyntheticSentenceType, number][] = [
  ['DTO', 75],
  ['S250', 21],
  ['EXTENDED', 3],
  ['DHMP', 1],
];

// DTO terms (approximate): the standard terms (mean about 10.4 months) plus a few of the in-between terms allowed
// since 28 June 2022.
export const DTO_TERM_WEIGHTS: [number, number][] = [
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

/**
 * Draws a sentence whose release falls in the next 12 months, working the sentence date back from a target release
 * day. The target is drawn uniformly over today + 7 days .. today + 365 days, but a short term cannot reach far: a
 * 4-month DTO releases within about 2 months of sentence, and the sentence date may not pass today. So a term that
 * cannot reach the target is redrawn once, and if the second cannot either, the target is redrawn within its reach.
 * One redraw keeps the DTO average near 11-12 months (conditioning fully would push it to about 16); releases are
 * therefore denser in the first months, as in any real snapshot of children in custody. The seed then works out
 * the exact dates with the same calculator.
 */
export function drawSentence(
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

const offsets = new Map<string, number>();

/**
 * Days from sentence to earliest release, before credit, as the real release date calculator works them out for a
 * sentence passed on 22 October 2024 (late enough for any DTO term, and for 40% release when `fortyPercent`). The day
 * of passing moves the answer by a day or two at most (months differ in length): near enough to aim a release at a
 * month. A DTO under 8 months has no early release: its mid-term date. An extended sentence: two-thirds of the
 * custodial term, when the Parole Board may release.
 */
function releaseOffsetDays(sentenceType: SyntheticSentenceType, termMonths: number, fortyPercent: boolean): number {
  const key = `${sentenceType}|${termMonths}|${fortyPercent}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const dates = calculateReleaseDates({
      sentenceType,
      sentenceDate: FORTY_PERCENT_FROM,
      termMonths,
      extensionMonths: sentenceType === 'EXTENDED' ? 12 : undefined,
      excludedFromFortyPercentRelease: !fortyPercent,
    });
    const release = dates.earliestReleaseDate ?? dates.midTermDate;
    if (!release)
      throw new Error(`The release date calculator gave no release for a ${sentenceType} of ${termMonths} months`);
    offset = daysBetween(FORTY_PERCENT_FROM, release);
    offsets.set(key, offset);
  }
  return offset;
}

function isStandardDtoTerm(term: number): boolean {
  return (DTO_STANDARD_TERMS as readonly number[]).includes(term);
}
