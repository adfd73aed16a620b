import {
  addCalendarMonths,
  addDays,
  bankHolidayName,
  compareIsoDates,
  dayName,
  daysBetween,
  daysInMonth,
  endOfMonth,
  isIsoDate,
  IsoDate,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  maxDate,
} from '@resettle/common';

/**
 * Release dates for a custodial episode, as DOMAIN.md "The custodial episode" sets them out (the Ministry of
 * Justice's own arithmetic). Pure: same input, same dates, no clock and no framework.
 */

type SentenceType = 'DTO' | 'S250' | 'EXTENDED' | 'DHMP' | 'REMAND';
const SENTENCE_TYPES: readonly SentenceType[] = ['DTO', 'S250', 'EXTENDED', 'DHMP', 'REMAND'];

export interface ReleaseDateInput {
  sentenceType: SentenceType;
  /** The day the court made the order (also the day counting starts). */
  sentenceDate?: IsoDate;
  /** DTO and s.250: the term; EXTENDED: the custodial term; DHMP: the minimum term. */
  termMonths?: number;
  /** EXTENDED only: the extended licence period. */
  extensionMonths?: number;
  remandDays?: number;
  taggedBailDays?: number;
  dateOfBirth?: IsoDate;
  offenceDate?: IsoDate;
  /** s.250: one of the most serious violent or sexual offences (two-thirds release for 7 years or more). */
  qualifyingSeriousOffence?: boolean;
  /** s.250: offence excluded from 40% release (sexual, domestic-abuse-related, some violent offences). */
  excludedFromFortyPercentRelease?: boolean;
}

export interface ReleaseDates {
  sentenceEndDate: IsoDate | null;
  midTermDate: IsoDate | null;
  earliestReleaseDate: IsoDate | null;
  latestReleaseDate: IsoDate | null;
  paroleEligibilityDate: IsoDate | null;
  /** The day the child actually leaves: the statutory release date moved back off weekends and bank holidays. */
  releaseDate: IsoDate | null;
  broughtForwardDate: IsoDate | null;
  furtherSupervisionEndDate: IsoDate | null;
  /** The day after releaseDate is not a working day: services are shut and risk peaks. */
  fridayOrPreHolidayRelease: boolean;
  immediateRelease: boolean;
  notes: string[];
}

export interface ReleaseDay {
  releaseDate: IsoDate;
  fridayOrPreHolidayRelease: boolean;
  broughtForwardDate: IsoDate | null;
}

export class ReleaseDateInputError extends Error {
  constructor(
    readonly field: keyof ReleaseDateInput,
    message: string,
  ) {
    super(message);
    this.name = 'ReleaseDateInputError';
  }
}

/** Police, Crime, Sentencing and Courts Act 2022: any DTO term 4-24 months, remand credit, s.250 two-thirds. */
const PCSC_ACT_2022_FROM = '2022-06-28';
const FORTY_PERCENT_FROM = '2024-10-22';
/** Offender Rehabilitation Act 2014: further supervision only for offences from this date. */
const FURTHER_SUPERVISION_OFFENCES_FROM = '2015-02-01';
/** Offenders (Day of Release from Detention) Act 2023 in force. */
const DAY_OF_RELEASE_ACT_FROM = '2023-12-12';

const DTO_TERMS_BEFORE_2022 = [4, 6, 8, 10, 12, 18, 24];
const MAX_DETERMINATE_MONTHS = 600;
/** s.256: the extension period is at most 8 years (sexual offences; 5 for violent). */
const MAX_EXTENSION_MONTHS = 96;

const NO_DATES: Omit<ReleaseDates, 'notes'> = {
  sentenceEndDate: null,
  midTermDate: null,
  earliestReleaseDate: null,
  latestReleaseDate: null,
  paroleEligibilityDate: null,
  releaseDate: null,
  broughtForwardDate: null,
  furtherSupervisionEndDate: null,
  fridayOrPreHolidayRelease: false,
  immediateRelease: false,
};

const before = (a: IsoDate, b: IsoDate) => compareIsoDates(a, b) < 0;
const onOrAfter = (a: IsoDate, b: IsoDate) => compareIsoDates(a, b) >= 0;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const months = (n: number) => plural(n, 'month');
const days = (n: number) => plural(n, 'day');

// ---------------------------------------------------------------------------------------------------------------
// Term arithmetic

/**
 * Last day of a term of `termMonths` starting on `sentenceDate`: (sentence date − 1 day) + term, a day past a month's
 * end cut back; from the 1st of a month, the term ends on the last day of a month.
 */
function termEndDate(sentenceDate: IsoDate, termMonths: number): IsoDate {
  if (sentenceDate.endsWith('-01')) return endOfMonth(addCalendarMonths(sentenceDate, termMonths - 1));
  return addCalendarMonths(addDays(sentenceDate, -1), termMonths);
}

interface Term {
  start: IsoDate;
  end: IsoDate;
  days: number;
}

function term(sentenceDate: IsoDate, termMonths: number): Term {
  const end = termEndDate(sentenceDate, termMonths);
  return { start: sentenceDate, end, days: daysBetween(sentenceDate, end) + 1 };
}

/** Day `dayNumber` of a term (day 1 is the sentence date). */
function dayOfTerm(t: Term, dayNumber: number): IsoDate {
  return addDays(t.start, dayNumber - 1);
}

/**
 * ceil(days × numerator / denominator), kept as a whole-number ratio so an exact fraction never rounds up by float
 * error.
 */
function fractionOfDays(totalDays: number, numerator: number, denominator: number): number {
  return Math.ceil((totalDays * numerator) / denominator);
}

/**
 * "N months or more", measured in days as the MoJ calculator does: the term's days against sentence date + N months.
 */
function termAtLeast(t: Term, n: number): boolean {
  return t.days >= daysBetween(t.start, addCalendarMonths(t.start, n));
}

/** Takes credit off a date, never going back past the sentence date. */
function lessCredit(date: IsoDate, credit: number, sentenceDate: IsoDate): IsoDate {
  return maxDate(addDays(date, -credit), sentenceDate);
}

/** The date someone born on `dateOfBirth` turns 18; a 29 February birthday falls on 1 March in other years. */
function eighteenthBirthday(dateOfBirth: IsoDate): IsoDate {
  const year = Number(dateOfBirth.slice(0, 4)) + 18;
  const monthDay = dateOfBirth.slice(5);
  if (monthDay === '02-29' && daysInMonth(year, 2) === 28) return `${year}-03-01`;
  return `${year}-${monthDay}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The day the child leaves

function describeNonWorkingDay(d: IsoDate): string {
  const holiday = bankHolidayName(d);
  return holiday ? `${holiday}, a bank holiday` : `a ${dayName(d)}`;
}

function releaseDayWithNotes(statutoryDate: IsoDate, notBefore?: IsoDate): ReleaseDay & { notes: string[] } {
  const notes: string[] = [];
  let releaseDate = lastWorkingDayOnOrBefore(statutoryDate);
  // A release cannot come before the order itself (only possible for a weekend sitting with heavy credit).
  if (notBefore && before(releaseDate, notBefore)) releaseDate = notBefore;
  if (releaseDate !== statutoryDate) {
    notes.push(
      `${statutoryDate} is ${describeNonWorkingDay(statutoryDate)}: the child leaves on ${dayName(releaseDate)} ${releaseDate}.`,
    );
  }

  const dayAfter = addDays(releaseDate, 1);
  const fridayOrPreHolidayRelease = !isWorkingDay(dayAfter);
  let broughtForwardDate: IsoDate | null = null;
  if (fridayOrPreHolidayRelease) {
    notes.push(
      `The day after release (${dayAfter}) is ${describeNonWorkingDay(dayAfter)}: services are closed and risk is highest, so plan the first days with care.`,
    );
    if (onOrAfter(statutoryDate, DAY_OF_RELEASE_ACT_FROM)) {
      // Step back while the day, or the day after it, is not a working day: Friday → Thursday.
      let d = releaseDate;
      while (!isWorkingDay(d) || !isWorkingDay(addDays(d, 1))) d = addDays(d, -1);
      if (d !== releaseDate && !(notBefore && before(d, notBefore))) {
        broughtForwardDate = d;
        notes.push(
          `Release may be brought forward to ${dayName(d)} ${d} (Offenders (Day of Release from Detention) Act 2023).`,
        );
      }
    } else {
      notes.push(
        `No bringing forward: the Offenders (Day of Release from Detention) Act 2023 applies to release dates from ${DAY_OF_RELEASE_ACT_FROM}.`,
      );
    }
  }
  return { releaseDate, fridayOrPreHolidayRelease, broughtForwardDate, notes };
}

/**
 * The day the child actually leaves for a statutory release date: moved back to the last working day when it falls
 * on a weekend or England and Wales bank holiday, flagged when the next day is not a working day, and (for dates
 * from 12 December 2023) the date it may be brought forward to. Also for an early release granted later.
 */
export function releaseDayFor(statutoryDate: IsoDate, notBefore?: IsoDate): ReleaseDay {
  if (!isIsoDate(statutoryDate)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${String(statutoryDate)}`);
  const { releaseDate, fridayOrPreHolidayRelease, broughtForwardDate } = releaseDayWithNotes(statutoryDate, notBefore);
  return { releaseDate, fridayOrPreHolidayRelease, broughtForwardDate };
}

/** The statutory date gives releaseDate and its flags; immediate release is the sentence date itself, unmoved. */
function withReleaseDay(
  dates: Omit<ReleaseDates, 'releaseDate' | 'fridayOrPreHolidayRelease' | 'broughtForwardDate' | 'notes'>,
  statutoryDate: IsoDate,
  sentenceDate: IsoDate,
  notes: string[],
): ReleaseDates {
  if (dates.immediateRelease) {
    const fridayOrPreHolidayRelease = !isWorkingDay(addDays(sentenceDate, 1));
    if (fridayOrPreHolidayRelease) {
      notes.push(
        `The day after release (${addDays(sentenceDate, 1)}) is ${describeNonWorkingDay(addDays(sentenceDate, 1))}: plan the first days with care.`,
      );
    }
    return { ...dates, releaseDate: sentenceDate, fridayOrPreHolidayRelease, broughtForwardDate: null, notes };
  }
  const day = releaseDayWithNotes(statutoryDate, sentenceDate);
  return {
    ...dates,
    releaseDate: day.releaseDate,
    fridayOrPreHolidayRelease: day.fridayOrPreHolidayRelease,
    broughtForwardDate: day.broughtForwardDate,
    notes: [...notes, ...day.notes],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

function fail(field: keyof ReleaseDateInput, message: string): never {
  throw new ReleaseDateInputError(field, message);
}

function requireDateField(input: ReleaseDateInput, field: 'sentenceDate'): IsoDate {
  const value = input[field];
  if (value === undefined || value === null) fail(field, `${field} is required for a ${input.sentenceType}`);
  return value;
}

function requireTermMonths(input: ReleaseDateInput, min: number, max: number, what: string): number {
  const value = input.termMonths;
  if (value === undefined || value === null)
    fail('termMonths', `termMonths (${what}) is required for a ${input.sentenceType}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    fail('termMonths', `${what} must be a whole number of months from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function validateCommon(input: ReleaseDateInput): void {
  if (!SENTENCE_TYPES.includes(input.sentenceType)) {
    fail('sentenceType', `sentenceType must be one of ${SENTENCE_TYPES.join(', ')}`);
  }
  for (const field of ['sentenceDate', 'dateOfBirth', 'offenceDate'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && !isIsoDate(value)) {
      fail(field, `${field} must be a real date written YYYY-MM-DD, got ${String(value)}`);
    }
  }
  for (const field of ['remandDays', 'taggedBailDays'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && (!Number.isInteger(value) || value < 0)) {
      fail(field, `${field} must be a whole number of days, 0 or more, got ${value}`);
    }
  }
  const { sentenceDate, dateOfBirth, offenceDate } = input;
  if (sentenceDate && dateOfBirth && before(sentenceDate, dateOfBirth)) {
    fail('dateOfBirth', `dateOfBirth ${dateOfBirth} is after the sentence date ${sentenceDate}`);
  }
  if (sentenceDate && offenceDate && before(sentenceDate, offenceDate)) {
    fail('offenceDate', `offenceDate ${offenceDate} is after the sentence date ${sentenceDate}`);
  }
  if (dateOfBirth && offenceDate && before(offenceDate, dateOfBirth)) {
    fail('offenceDate', `offenceDate ${offenceDate} is before the date of birth ${dateOfBirth}`);
  }
}

interface Credit {
  total: number;
  note: string;
}

function creditOf(input: ReleaseDateInput): Credit {
  const remand = input.remandDays ?? 0;
  const taggedBail = input.taggedBailDays ?? 0;
  return { total: remand + taggedBail, note: `remand ${remand}, tagged bail ${taggedBail}` };
}

function termNote(t: Term, termMonths: number, label = 'Term'): string {
  const firstOfMonth = t.start.endsWith('-01')
    ? ' (sentenced on the 1st, so the term ends on the last day of a month)'
    : '';
  return `${label} ${months(termMonths)} = ${days(t.days)} (${t.start} to ${t.end})${firstOfMonth}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// The sentences

function detentionAndTrainingOrder(input: ReleaseDateInput): ReleaseDates {
  const sentenceDate = requireDateField(input, 'sentenceDate');
  const termMonths = requireTermMonths(input, 4, 24, 'A DTO term (consecutive orders as their total, at most 24)');
  const flexibleTerms = onOrAfter(sentenceDate, PCSC_ACT_2022_FROM);
  if (!flexibleTerms && !DTO_TERMS_BEFORE_2022.includes(termMonths)) {
    fail(
      'termMonths',
      `A DTO made before ${PCSC_ACT_2022_FROM} is 4, 6, 8, 10, 12, 18 or 24 months, got ${termMonths}`,
    );
  }
  if (!flexibleTerms) {
    // Before the 2022 Act the court allowed for remand when choosing the term, so nothing is deducted.
    for (const field of ['remandDays', 'taggedBailDays'] as const) {
      if ((input[field] ?? 0) > 0) {
        fail(
          field,
          `A DTO made before ${PCSC_ACT_2022_FROM} takes no ${field === 'remandDays' ? 'remand' : 'tagged-bail'} credit: the court allowed for it in the term`,
        );
      }
    }
  }

  const notes: string[] = [];
  const t = term(sentenceDate, termMonths);
  const midTermDay = fractionOfDays(t.days, 1, 2);
  const fullMidTerm = dayOfTerm(t, midTermDay);
  notes.push(termNote(t, termMonths));
  notes.push(`Mid-term date: day ${midTermDay} of ${t.days}.`);

  const credit = creditOf(input);
  let midTermDate = fullMidTerm;
  let sentenceEndDate = t.end;
  let immediateRelease = false;
  if (credit.total > 0) {
    midTermDate = lessCredit(fullMidTerm, credit.total, sentenceDate);
    sentenceEndDate = lessCredit(t.end, credit.total, sentenceDate);
    immediateRelease = midTermDate === sentenceDate;
    notes.push(
      `Credit of ${days(credit.total)} (${credit.note}) taken off the mid-term date (${fullMidTerm} → ${midTermDate}) and sentence end date (${t.end} → ${sentenceEndDate}).`,
    );
    if (immediateRelease) {
      notes.push(
        'The credit reaches the sentence date: the child is released immediately, so early and late release do not apply.',
      );
    }
  }

  let earliestReleaseDate: IsoDate | null = null;
  let latestReleaseDate: IsoDate | null = null;
  if (!immediateRelease) {
    if (termAtLeast(t, 8)) {
      const eighteenOrMore = termAtLeast(t, 18);
      const shift = eighteenOrMore ? 2 : 1;
      const band = eighteenOrMore ? 'term 18 months or more' : 'term 8 months to under 18 months';
      const early = addCalendarMonths(midTermDate, -shift);
      earliestReleaseDate = maxDate(early, sentenceDate);
      latestReleaseDate = addCalendarMonths(midTermDate, shift);
      notes.push(`Early release: ${months(shift)} before the mid-term date (${band}).`);
      if (earliestReleaseDate !== early) {
        notes.push(`Early release would fall before the sentence date (${early}), so it is the sentence date.`);
      }
      notes.push(`Late release (only on a youth court order): ${months(shift)} after the mid-term date.`);
    } else {
      notes.push('No early or late release: the term is under 8 months.');
    }
  }
  notes.push('After release the child is supervised under a notice of supervision until the sentence end date.');

  let furtherSupervisionEndDate: IsoDate | null = null;
  if (!input.dateOfBirth) {
    notes.push('Further supervision not checked: no date of birth given.');
  } else {
    const eighteenth = eighteenthBirthday(input.dateOfBirth);
    const eighteenAtMidTerm = !before(midTermDate, eighteenth);
    const supervisionDays = daysBetween(midTermDate, sentenceEndDate);
    if (!eighteenAtMidTerm) {
      notes.push(`No further supervision: the child turns 18 on ${eighteenth}, after the mid-term date.`);
    } else if (supervisionDays >= 365) {
      notes.push(
        `No further supervision: ${days(supervisionDays)} from mid-term date to sentence end date (365 or more).`,
      );
    } else if (input.offenceDate && before(input.offenceDate, FURTHER_SUPERVISION_OFFENCES_FROM)) {
      notes.push(
        `No further supervision: the offence (${input.offenceDate}) was before ${FURTHER_SUPERVISION_OFFENCES_FROM}, when the Offender Rehabilitation Act 2014 brought it in.`,
      );
    } else {
      furtherSupervisionEndDate = addCalendarMonths(midTermDate, 12);
      const assumption = input.offenceDate
        ? ''
        : `; no offence date given, so it is taken to be from ${FURTHER_SUPERVISION_OFFENCES_FROM}`;
      notes.push(
        `Further supervision to ${furtherSupervisionEndDate} (mid-term date + 12 months): 18 or over at the mid-term ` +
          `date and only ${days(supervisionDays)} from mid-term date to sentence end date ` +
          `(Offender Rehabilitation Act 2014${assumption}).`,
      );
    }
  }

  return withReleaseDay(
    {
      ...NO_DATES,
      sentenceEndDate,
      midTermDate,
      earliestReleaseDate,
      latestReleaseDate,
      furtherSupervisionEndDate,
      immediateRelease,
    },
    midTermDate,
    sentenceDate,
    notes,
  );
}

function section250(input: ReleaseDateInput): ReleaseDates {
  const sentenceDate = requireDateField(input, 'sentenceDate');
  const termMonths = requireTermMonths(input, 1, MAX_DETERMINATE_MONTHS, 'A section 250 term');

  const notes: string[] = [];
  const t = term(sentenceDate, termMonths);
  notes.push(termNote(t, termMonths));

  let fraction: { numerator: number; denominator: number; label: string };
  if (input.qualifyingSeriousOffence && termMonths >= 84 && onOrAfter(sentenceDate, PCSC_ACT_2022_FROM)) {
    fraction = {
      numerator: 2,
      denominator: 3,
      label: 'two-thirds (7 years or more for a serious violent or sexual offence, sentenced from 28 June 2022)',
    };
  } else if (onOrAfter(sentenceDate, FORTY_PERCENT_FROM) && !input.excludedFromFortyPercentRelease) {
    fraction = { numerator: 2, denominator: 5, label: '40% (sentenced from 22 October 2024, offence not excluded)' };
  } else {
    fraction = { numerator: 1, denominator: 2, label: 'one-half' };
  }
  const releaseDay = fractionOfDays(t.days, fraction.numerator, fraction.denominator);
  const fullReleasePoint = dayOfTerm(t, releaseDay);
  notes.push(`Release at ${fraction.label}: day ${releaseDay} of ${t.days} (${fullReleasePoint}).`);
  notes.push(
    'Section 250 detention has no mid-term date: the release point is the earliest release date, then licence to the sentence end date.',
  );

  const credit = creditOf(input);
  const releasePoint = lessCredit(fullReleasePoint, credit.total, sentenceDate);
  const sentenceEndDate = lessCredit(t.end, credit.total, sentenceDate);
  const immediateRelease = credit.total > 0 && releasePoint === sentenceDate;
  if (credit.total > 0) {
    notes.push(
      `Credit of ${days(credit.total)} (${credit.note}) taken off the release point (${fullReleasePoint} → ${releasePoint}) and sentence end date (${t.end} → ${sentenceEndDate}).`,
    );
    if (immediateRelease) notes.push('The credit reaches the sentence date: the child is released immediately.');
  }

  return withReleaseDay(
    { ...NO_DATES, sentenceEndDate, earliestReleaseDate: releasePoint, immediateRelease },
    releasePoint,
    sentenceDate,
    notes,
  );
}

function extendedSentence(input: ReleaseDateInput): ReleaseDates {
  const sentenceDate = requireDateField(input, 'sentenceDate');
  const termMonths = requireTermMonths(input, 1, MAX_DETERMINATE_MONTHS, 'The custodial term');
  const extension = input.extensionMonths;
  if (
    extension === undefined ||
    extension === null ||
    !Number.isInteger(extension) ||
    extension < 12 ||
    extension > MAX_EXTENSION_MONTHS
  ) {
    fail(
      'extensionMonths',
      `An extended sentence needs an extension period of 12 to ${MAX_EXTENSION_MONTHS} whole months, got ${extension}`,
    );
  }

  const notes: string[] = [];
  const custodial = term(sentenceDate, termMonths);
  const whole = term(sentenceDate, termMonths + extension);
  notes.push(termNote(custodial, termMonths, 'Custodial term'));
  notes.push(`Extended licence ${months(extension)}: the sentence ends ${whole.end}.`);

  const paroleDay = fractionOfDays(custodial.days, 2, 3);
  const fullParole = dayOfTerm(custodial, paroleDay);
  notes.push(
    `Parole eligibility at two-thirds of the custodial term: day ${paroleDay} of ${custodial.days} (${fullParole}); the Parole Board decides.`,
  );
  notes.push(`Automatic release at the end of the custodial term (${custodial.end}), then the extended licence.`);

  const credit = creditOf(input);
  const paroleEligibilityDate = lessCredit(fullParole, credit.total, sentenceDate);
  const automaticRelease = lessCredit(custodial.end, credit.total, sentenceDate);
  const sentenceEndDate = lessCredit(whole.end, credit.total, sentenceDate);
  const immediateRelease = credit.total > 0 && automaticRelease === sentenceDate;
  if (credit.total > 0) {
    notes.push(
      `Credit of ${days(credit.total)} (${credit.note}) taken off parole eligibility (${paroleEligibilityDate}), automatic release (${automaticRelease}) and sentence end (${sentenceEndDate}).`,
    );
    if (immediateRelease) notes.push('The credit reaches the sentence date: the child is released immediately.');
  }

  return withReleaseDay(
    {
      ...NO_DATES,
      sentenceEndDate,
      paroleEligibilityDate,
      earliestReleaseDate: paroleEligibilityDate,
      latestReleaseDate: automaticRelease,
      immediateRelease,
    },
    automaticRelease,
    sentenceDate,
    notes,
  );
}

function detentionAtHisMajestysPleasure(input: ReleaseDateInput): ReleaseDates {
  const sentenceDate = requireDateField(input, 'sentenceDate');
  const notes = [
    "Detention at His Majesty's Pleasure is indeterminate: there is no sentence end date or automatic release; the Parole Board decides release.",
  ];
  if (input.termMonths === undefined || input.termMonths === null) {
    notes.push('No minimum term given, so no parole eligibility date yet.');
    return { ...NO_DATES, notes };
  }
  const minimumTerm = requireTermMonths(input, 1, MAX_DETERMINATE_MONTHS, 'The minimum term');
  const t = term(sentenceDate, minimumTerm);
  notes.push(`${termNote(t, minimumTerm, 'Minimum term')} The Parole Board can consider release from ${t.end}.`);
  if ((input.remandDays ?? 0) + (input.taggedBailDays ?? 0) > 0) {
    notes.push(
      'Remand and tagged-bail days are not deducted here: the court allows for them when it sets the minimum term.',
    );
  }
  return { ...NO_DATES, paroleEligibilityDate: t.end, notes };
}

function remand(): ReleaseDates {
  return {
    ...NO_DATES,
    notes: [
      'Remanded to youth detention accommodation: there is no release date and the child is looked after.',
      'Most remanded children do not go on to a custodial sentence, so plan for release after any court date.',
    ],
  };
}

/**
 * Statutory release dates for one custodial episode. Throws ReleaseDateInputError, naming the field, for impossible
 * input.
 */
export function calculateReleaseDates(input: ReleaseDateInput): ReleaseDates {
  validateCommon(input);
  switch (input.sentenceType) {
    case 'DTO':
      return detentionAndTrainingOrder(input);
    case 'S250':
      return section250(input);
    case 'EXTENDED':
      return extendedSentence(input);
    case 'DHMP':
      return detentionAtHisMajestysPleasure(input);
    case 'REMAND':
      return remand();
  }
}
