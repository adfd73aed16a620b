import {
  calculateReleaseDates,
  ReleaseDateInput,
  ReleaseDateInputError,
  ReleaseDates,
  releaseDayFor,
} from './release-dates';

// Every date field, so a row that leaves one out asserts it is null/false: a stray date fails the test.
const NONE: Omit<ReleaseDates, 'notes'> = {
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

type Row = [name: string, input: ReleaseDateInput, expected: Partial<Omit<ReleaseDates, 'notes'>>];

// Notation: SED = sentence end date, MTD = mid-term date, ETD/LTD = early/late release, "day k" counts the sentence
// date as day 1, so day k = sentence date + (k − 1). Bands: under 8 months none; 8 to under 18 → ±1 month; 18+ → ±2.
describe('calculateReleaseDates', () => {
  it.each<Row>([
    // ---- Detention and training orders: the two public worked examples ----
    [
      'DTO worked example: 18 months from 2021-05-23',
      // SED = 2021-05-22 + 18m = 2022-11-22; days = 549; MTD day ceil(549/2) = 275 = 05-23 + 274 = 2022-02-21 (Mon).
      // 18m band: ETD = MTD − 2m = 2021-12-21; LTD = MTD + 2m = 2022-04-21.
      { sentenceType: 'DTO', sentenceDate: '2021-05-23', termMonths: 18 },
      {
        sentenceEndDate: '2022-11-22',
        midTermDate: '2022-02-21',
        earliestReleaseDate: '2021-12-21',
        latestReleaseDate: '2022-04-21',
        releaseDate: '2022-02-21',
      },
    ],
    [
      'DTO worked example: 8 months from 2022-07-04 with 121 days remand (immediate release)',
      // SED = 2022-07-03 + 8m = 2023-03-03; days 243; MTD day 122 = 07-04 + 121 = 2022-11-02.
      // Credit 121: MTD 2022-11-02 − 121 = 2022-07-04 = sentence date → immediate; SED 2023-03-03 − 121 = 2022-11-02.
      { sentenceType: 'DTO', sentenceDate: '2022-07-04', termMonths: 8, remandDays: 121 },
      { sentenceEndDate: '2022-11-02', midTermDate: '2022-07-04', releaseDate: '2022-07-04', immediateRelease: true },
    ],

    // ---- Band edges: 4, 7, 8, 17, 18, 24 months ----
    [
      'DTO 4 months (shortest): no early or late release; Saturday MTD moves to Friday (before the 2023 Act)',
      // SED = 2022-10-02 + 4m = 2023-02-02; days 123; MTD day 62 = 10-03 + 61 = 2022-12-03 (Sat) → Fri 2022-12-02.
      // Statutory date before 2023-12-12, so no brought-forward date; the Friday is still flagged.
      { sentenceType: 'DTO', sentenceDate: '2022-10-03', termMonths: 4 },
      {
        sentenceEndDate: '2023-02-02',
        midTermDate: '2022-12-03',
        releaseDate: '2022-12-02',
        fridayOrPreHolidayRelease: true,
      },
    ],
    [
      'DTO 7 months: under 8, no early or late release',
      // SED = 2023-03-14 + 7m = 2023-10-14; days 17+30+31+30+31+31+30+14 = 214; MTD day 107 = 2023-06-29 (Thu).
      { sentenceType: 'DTO', sentenceDate: '2023-03-15', termMonths: 7 },
      { sentenceEndDate: '2023-10-14', midTermDate: '2023-06-29', releaseDate: '2023-06-29' },
    ],
    [
      'DTO 8 months: ±1 month; Saturday MTD',
      // SED = 2023-03-14 + 8m = 2023-11-14; days 214 + 17 + 14 = 245 (≥ 245 days to 2023-11-15, so 8m band);
      // MTD day 123 = 2023-07-15 (Sat) → Fri 2023-07-14 (pre-Act: flagged, not brought forward). ETD 06-15, LTD 08-15.
      { sentenceType: 'DTO', sentenceDate: '2023-03-15', termMonths: 8 },
      {
        sentenceEndDate: '2023-11-14',
        midTermDate: '2023-07-15',
        earliestReleaseDate: '2023-06-15',
        latestReleaseDate: '2023-08-15',
        releaseDate: '2023-07-14',
        fridayOrPreHolidayRelease: true,
      },
    ],
    [
      'DTO 17 months: still ±1 month',
      // SED = 2023-01-09 + 17m = 2024-06-09; days 517 < 547 (2023-01-10 to 2024-07-10), so under 18m.
      // MTD day 259 = 01-10 + 258 = 2023-09-25 (Mon). ETD 2023-08-25, LTD 2023-10-25.
      { sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 17 },
      {
        sentenceEndDate: '2024-06-09',
        midTermDate: '2023-09-25',
        earliestReleaseDate: '2023-08-25',
        latestReleaseDate: '2023-10-25',
        releaseDate: '2023-09-25',
      },
    ],
    [
      'DTO 18 months: ±2 months',
      // SED = 2023-01-09 + 18m = 2024-07-09; days 547 = 547 → 18m band. MTD day 274 = 01-10 + 273 = 2023-10-10 (Tue).
      // ETD = 2023-08-10, LTD = 2023-12-10.
      { sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 18 },
      {
        sentenceEndDate: '2024-07-09',
        midTermDate: '2023-10-10',
        earliestReleaseDate: '2023-08-10',
        latestReleaseDate: '2023-12-10',
        releaseDate: '2023-10-10',
      },
    ],
    [
      'DTO 24 months (across 29 Feb 2024), 18 at MTD but SED − MTD = 365: no further supervision',
      // SED = 2023-01-09 + 24m = 2025-01-09; days 731; MTD day 366 = 01-10 + 365 = 2024-01-10 (Wed).
      // ETD 2023-11-10, LTD 2024-03-10. Turns 18 on 2023-06-01 (before MTD), but 2025-01-09 − 2024-01-10 = 365 days.
      { sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 24, dateOfBirth: '2005-06-01' },
      {
        sentenceEndDate: '2025-01-09',
        midTermDate: '2024-01-10',
        earliestReleaseDate: '2023-11-10',
        latestReleaseDate: '2024-03-10',
        releaseDate: '2024-01-10',
      },
    ],
    [
      'DTO 5 months on 2022-06-28, the first day any term 4-24 is allowed',
      // SED = 2022-06-27 + 5m = 2022-11-27; days 3 + 31+31+30+31 + 27 = 153; MTD day 77 = 06-28 + 76 = 2022-09-12
      // (Mon).
      { sentenceType: 'DTO', sentenceDate: '2022-06-28', termMonths: 5 },
      { sentenceEndDate: '2022-11-27', midTermDate: '2022-09-12', releaseDate: '2022-09-12' },
    ],

    // ---- Month ends, leap days and the 1st-of-month rule ----
    [
      'DTO from the 31st into a leap February',
      // SED = 2023-08-30 + 6m = 2024-02-30 → cut back to 2024-02-29; days 183; MTD day 92 = 08-31 + 91 = 2023-11-30
      // (Thu).
      { sentenceType: 'DTO', sentenceDate: '2023-08-31', termMonths: 6 },
      { sentenceEndDate: '2024-02-29', midTermDate: '2023-11-30', releaseDate: '2023-11-30' },
    ],
    [
      'DTO from the 31st into a common-year February',
      // SED = 2024-10-30 + 4m = 2025-02-30 → 2025-02-28; days 1+30+31+31+28 = 121; MTD day 61 = 10-31 + 60 = 2024-12-30
      // (Mon).
      { sentenceType: 'DTO', sentenceDate: '2024-10-31', termMonths: 4 },
      { sentenceEndDate: '2025-02-28', midTermDate: '2024-12-30', releaseDate: '2024-12-30' },
    ],
    [
      'DTO sentenced on the leap day 2024-02-29',
      // SED = 2024-02-28 + 12m = 2025-02-28; days 366; MTD day 183 = 02-29 + 182 = 2024-08-29 (Thu).
      // ETD = 2024-07-29, LTD = 2024-09-29.
      { sentenceType: 'DTO', sentenceDate: '2024-02-29', termMonths: 12 },
      {
        sentenceEndDate: '2025-02-28',
        midTermDate: '2024-08-29',
        earliestReleaseDate: '2024-07-29',
        latestReleaseDate: '2024-09-29',
        releaseDate: '2024-08-29',
      },
    ],
    [
      'DTO sentenced on the 1st: SED is the last day of a month',
      // 1st rule: 2023-02-01 + 5m = July → SED 2023-07-31; days 28+31+30+31+30+31 = 181; MTD day 91 = 02-01 + 90 =
      // 2023-05-02 (Tue).
      { sentenceType: 'DTO', sentenceDate: '2023-02-01', termMonths: 6 },
      { sentenceEndDate: '2023-07-31', midTermDate: '2023-05-02', releaseDate: '2023-05-02' },
    ],
    [
      'DTO sentenced on the 1st, ending in a leap February',
      // 1st rule: 2023-09-01 + 5m = Feb 2024 → SED 2024-02-29; days 30+31+30+31+31+29 = 182; MTD day 91 = 09-01 + 90 =
      // 2023-11-30.
      { sentenceType: 'DTO', sentenceDate: '2023-09-01', termMonths: 6 },
      { sentenceEndDate: '2024-02-29', midTermDate: '2023-11-30', releaseDate: '2023-11-30' },
    ],

    [
      'DTO sentenced 1 March: the 1st rule gives 31 August, not 28 August (28 Feb + 6 months)',
      // 1st rule: 2023-03-01 + 5m = Aug → SED 2023-08-31; days 31+30+31+30+31+31 = 184; MTD day 92 = 03-01 + 91 =
      // 2023-05-31.
      { sentenceType: 'DTO', sentenceDate: '2023-03-01', termMonths: 6 },
      { sentenceEndDate: '2023-08-31', midTermDate: '2023-05-31', releaseDate: '2023-05-31' },
    ],
    [
      'DTO sentenced 1 May: SED 31 August, not 30 August (30 April + 4 months)',
      // 1st rule: 2024-05-01 + 3m = Aug → SED 2024-08-31; days 31+30+31+31 = 123; MTD day 62 = 05-01 + 61 = 2024-07-01
      // (Mon).
      { sentenceType: 'DTO', sentenceDate: '2024-05-01', termMonths: 4 },
      { sentenceEndDate: '2024-08-31', midTermDate: '2024-07-01', releaseDate: '2024-07-01' },
    ],

    // ---- Weekends and bank holidays ----
    [
      'DTO mid-term on Christmas Day 2026 (Friday): leaves Thursday 24th, may be brought forward to Wednesday 23rd',
      // SED = 2026-06-25 + 12m = 2027-06-25; days 365; MTD day 183 = 06-26 + 182 = 2026-12-25 (Fri, bank holiday).
      // Release Thu 12-24 (next day Christmas: flagged); step back: Wed 12-23 is working and so is the 24th.
      { sentenceType: 'DTO', sentenceDate: '2026-06-26', termMonths: 12 },
      {
        sentenceEndDate: '2027-06-25',
        midTermDate: '2026-12-25',
        earliestReleaseDate: '2026-11-25',
        latestReleaseDate: '2027-01-25',
        releaseDate: '2026-12-24',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2026-12-23',
      },
    ],
    [
      'DTO mid-term on Good Friday 2025: leaves Maundy Thursday, may be brought forward to Wednesday',
      // SED = 2024-10-17 + 12m = 2025-10-17; days 365; MTD day 183 = 10-18 + 182 = 2025-04-18 (Good Friday).
      { sentenceType: 'DTO', sentenceDate: '2024-10-18', termMonths: 12 },
      {
        sentenceEndDate: '2025-10-17',
        midTermDate: '2025-04-18',
        earliestReleaseDate: '2025-03-18',
        latestReleaseDate: '2025-05-18',
        releaseDate: '2025-04-17',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2025-04-16',
      },
    ],
    [
      'DTO mid-term on Easter Monday 2025: back over Mon, Sun, Sat and Good Friday to Thursday',
      // SED = 2024-10-20 + 12m = 2025-10-20; days 365; MTD day 183 = 10-21 + 182 = 2025-04-21 (Easter Monday).
      { sentenceType: 'DTO', sentenceDate: '2024-10-21', termMonths: 12 },
      {
        sentenceEndDate: '2025-10-20',
        midTermDate: '2025-04-21',
        earliestReleaseDate: '2025-03-21',
        latestReleaseDate: '2025-05-21',
        releaseDate: '2025-04-17',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2025-04-16',
      },
    ],
    [
      'DTO mid-term on the early May bank holiday 2025',
      // SED = 2024-11-03 + 12m = 2025-11-03; days 365; MTD day 183 = 11-04 + 182 = 2025-05-05 (Mon, bank holiday).
      // Release Fri 05-02, brought forward to Thu 05-01. ETD 2025-04-05, LTD 2025-06-05.
      { sentenceType: 'DTO', sentenceDate: '2024-11-04', termMonths: 12 },
      {
        sentenceEndDate: '2025-11-03',
        midTermDate: '2025-05-05',
        earliestReleaseDate: '2025-04-05',
        latestReleaseDate: '2025-06-05',
        releaseDate: '2025-05-02',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2025-05-01',
      },
    ],
    [
      'DTO mid-term on a Friday after the 2023 Act: Friday → Thursday',
      // SED = 2023-09-07 + 12m = 2024-09-07; days 366 (29 Feb 2024 inside); MTD day 183 = 09-08 + 182 = 2024-03-08
      // (Fri).
      { sentenceType: 'DTO', sentenceDate: '2023-09-08', termMonths: 12 },
      {
        sentenceEndDate: '2024-09-07',
        midTermDate: '2024-03-08',
        earliestReleaseDate: '2024-02-08',
        latestReleaseDate: '2024-04-08',
        releaseDate: '2024-03-08',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2024-03-07',
      },
    ],
    [
      'DTO mid-term on a Sunday: leaves Friday, may be brought forward to Thursday',
      // SED = 2023-10-09 + 10m = 2024-08-09; days 305; MTD day 153 = 10-10 + 152 = 2024-03-10 (Sun) → Fri 03-08 → Thu
      // 03-07. ETD = 2024-02-10, LTD = 2024-04-10.
      { sentenceType: 'DTO', sentenceDate: '2023-10-10', termMonths: 10 },
      {
        sentenceEndDate: '2024-08-09',
        midTermDate: '2024-03-10',
        earliestReleaseDate: '2024-02-10',
        latestReleaseDate: '2024-04-10',
        releaseDate: '2024-03-08',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2024-03-07',
      },
    ],
    [
      'DTO mid-term on Friday 2023-12-08, four days before the 2023 Act: flagged, not brought forward',
      // SED = 2023-06-08 + 12m = 2024-06-08; days 366; MTD day 183 = 06-09 + 182 = 2023-12-08 (Fri).
      { sentenceType: 'DTO', sentenceDate: '2023-06-09', termMonths: 12 },
      {
        sentenceEndDate: '2024-06-08',
        midTermDate: '2023-12-08',
        earliestReleaseDate: '2023-11-08',
        latestReleaseDate: '2024-01-08',
        releaseDate: '2023-12-08',
        fridayOrPreHolidayRelease: true,
      },
    ],
    [
      'DTO mid-term on the 2023 coronation bank holiday (Monday 8 May)',
      // SED = 2022-11-06 + 12m = 2023-11-06; days 365; MTD day 183 = 11-07 + 182 = 2023-05-08 → Fri 2023-05-05
      // (pre-Act).
      { sentenceType: 'DTO', sentenceDate: '2022-11-07', termMonths: 12 },
      {
        sentenceEndDate: '2023-11-06',
        midTermDate: '2023-05-08',
        earliestReleaseDate: '2023-04-08',
        latestReleaseDate: '2023-06-08',
        releaseDate: '2023-05-05',
        fridayOrPreHolidayRelease: true,
      },
    ],
    [
      'DTO mid-term on the 2022 Platinum Jubilee (Friday 3 June): back over the spring bank holiday to Wednesday',
      // Pre-2022 12m term: SED = 2021-12-02 + 12m = 2022-12-02; days 365; MTD day 183 = 12-03 + 182 = 2022-06-03.
      // 06-03 jubilee, 06-02 spring bank holiday → Wed 2022-06-01; next day not working → flagged.
      { sentenceType: 'DTO', sentenceDate: '2021-12-03', termMonths: 12 },
      {
        sentenceEndDate: '2022-12-02',
        midTermDate: '2022-06-03',
        earliestReleaseDate: '2022-05-03',
        latestReleaseDate: '2022-07-03',
        releaseDate: '2022-06-01',
        fridayOrPreHolidayRelease: true,
      },
    ],

    // ---- Credit either side of 28 June 2022 ----
    [
      'DTO made 2022-06-27 (the day before): 0 remand days is fine; mid-term on Boxing Day 2022',
      // SED = 2022-06-26 + 12m = 2023-06-26; days 365; MTD day 183 = 06-27 + 182 = 2022-12-26 (Boxing Day, Mon)
      // → back over Sun 25 and Sat 24 to Fri 2022-12-23 (pre-Act). ETD 2022-11-26, LTD 2023-01-26.
      { sentenceType: 'DTO', sentenceDate: '2022-06-27', termMonths: 12, remandDays: 0 },
      {
        sentenceEndDate: '2023-06-26',
        midTermDate: '2022-12-26',
        earliestReleaseDate: '2022-11-26',
        latestReleaseDate: '2023-01-26',
        releaseDate: '2022-12-23',
        fridayOrPreHolidayRelease: true,
      },
    ],
    [
      'DTO made 2022-06-28 with 30 remand + 10 tagged-bail days: 40 days off MTD and SED',
      // SED = 2022-06-27 + 12m = 2023-06-27 − 40 = 2023-05-18; days 365; MTD day 183 = 2022-12-27 − 40 = 2022-11-17
      // (Thu). ETD = 2022-10-17, LTD = 2022-12-17 (from the credited MTD).
      { sentenceType: 'DTO', sentenceDate: '2022-06-28', termMonths: 12, remandDays: 30, taggedBailDays: 10 },
      {
        sentenceEndDate: '2023-05-18',
        midTermDate: '2022-11-17',
        earliestReleaseDate: '2022-10-17',
        latestReleaseDate: '2022-12-17',
        releaseDate: '2022-11-17',
      },
    ],
    [
      'DTO with credit pushing the early release date before the sentence date: held at the sentence date',
      // SED = 2023-01-09 + 8m = 2023-09-09 − 100 = 2023-06-01; days 243; MTD day 122 = 2023-05-11 − 100 = 2023-01-31
      // (Tue). ETD = 2023-01-31 − 1m = 2022-12-31 < 2023-01-10 → 2023-01-10; LTD = 2023-02-31 → 2023-02-28.
      { sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 8, remandDays: 100 },
      {
        sentenceEndDate: '2023-06-01',
        midTermDate: '2023-01-31',
        earliestReleaseDate: '2023-01-10',
        latestReleaseDate: '2023-02-28',
        releaseDate: '2023-01-31',
      },
    ],
    [
      'DTO immediate release on a Friday: leaves the sentence date, flagged, never brought forward before it',
      // SED = 2023-06-08 + 4m = 2023-10-08 − 100 = 2023-06-30; days 122; MTD day 61 = 2023-08-08 − 100 → 2023-06-09
      // (clamped).
      { sentenceType: 'DTO', sentenceDate: '2023-06-09', termMonths: 4, remandDays: 100 },
      {
        sentenceEndDate: '2023-06-30',
        midTermDate: '2023-06-09',
        releaseDate: '2023-06-09',
        fridayOrPreHolidayRelease: true,
        immediateRelease: true,
      },
    ],

    // ---- Further supervision ----
    [
      'DTO: child turns 18 on the mid-term date itself → further supervision to MTD + 12 months',
      // SED = 2023-01-09 + 12m = 2024-01-09; days 365; MTD day 183 = 2023-07-11; 18 on 2023-07-11 (≤ MTD);
      // SED − MTD = 182 < 365 → further supervision ends 2024-07-11.
      { sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 12, dateOfBirth: '2005-07-11' },
      {
        sentenceEndDate: '2024-01-09',
        midTermDate: '2023-07-11',
        earliestReleaseDate: '2023-06-11',
        latestReleaseDate: '2023-08-11',
        releaseDate: '2023-07-11',
        furtherSupervisionEndDate: '2024-07-11',
      },
    ],
    [
      'DTO: child turns 18 the day after the mid-term date → no further supervision',
      // As above, but 18 on 2023-07-12 > MTD 2023-07-11.
      { sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 12, dateOfBirth: '2005-07-12' },
      {
        sentenceEndDate: '2024-01-09',
        midTermDate: '2023-07-11',
        earliestReleaseDate: '2023-06-11',
        latestReleaseDate: '2023-08-11',
        releaseDate: '2023-07-11',
      },
    ],
    [
      'DTO: offence on 2015-01-31, before the Offender Rehabilitation Act 2014 → no further supervision',
      // SED = 2016-03-09 + 12m = 2017-03-09; days 365; MTD day 183 = 03-10 + 182 = 2016-09-08 (Thu).
      // 18 on 2016-06-01 ≤ MTD; SED − MTD = 182 < 365, but the offence predates 2015-02-01.
      {
        sentenceType: 'DTO',
        sentenceDate: '2016-03-10',
        termMonths: 12,
        dateOfBirth: '1998-06-01',
        offenceDate: '2015-01-31',
      },
      {
        sentenceEndDate: '2017-03-09',
        midTermDate: '2016-09-08',
        earliestReleaseDate: '2016-08-08',
        latestReleaseDate: '2016-10-08',
        releaseDate: '2016-09-08',
      },
    ],
    [
      'DTO: offence on 2015-02-01 → further supervision to 2017-09-08',
      // As above with the offence on the commencement day: MTD 2016-09-08 + 12m = 2017-09-08.
      {
        sentenceType: 'DTO',
        sentenceDate: '2016-03-10',
        termMonths: 12,
        dateOfBirth: '1998-06-01',
        offenceDate: '2015-02-01',
      },
      {
        sentenceEndDate: '2017-03-09',
        midTermDate: '2016-09-08',
        earliestReleaseDate: '2016-08-08',
        latestReleaseDate: '2016-10-08',
        releaseDate: '2016-09-08',
        furtherSupervisionEndDate: '2017-09-08',
      },
    ],
    [
      'DTO: born 29 Feb 2004, so 18 on 1 March 2022; MTD 2022-02-28 → not yet 18',
      // SED = 2021-08-29 + 12m = 2022-08-29; days 365; MTD day 183 = 08-30 + 182 = 2022-02-28 (Mon).
      { sentenceType: 'DTO', sentenceDate: '2021-08-30', termMonths: 12, dateOfBirth: '2004-02-29' },
      {
        sentenceEndDate: '2022-08-29',
        midTermDate: '2022-02-28',
        earliestReleaseDate: '2022-01-28',
        latestReleaseDate: '2022-03-28',
        releaseDate: '2022-02-28',
      },
    ],
    [
      'DTO: born 29 Feb 2004; MTD 2022-03-01 → 18, further supervision to 2023-03-01',
      // SED = 2021-08-30 + 12m = 2022-08-30; days 365; MTD day 183 = 08-31 + 182 = 2022-03-01 (Tue); ETD 2022-02-01.
      { sentenceType: 'DTO', sentenceDate: '2021-08-31', termMonths: 12, dateOfBirth: '2004-02-29' },
      {
        sentenceEndDate: '2022-08-30',
        midTermDate: '2022-03-01',
        earliestReleaseDate: '2022-02-01',
        latestReleaseDate: '2022-04-01',
        releaseDate: '2022-03-01',
        furtherSupervisionEndDate: '2023-03-01',
      },
    ],

    // ---- Section 250 detention ----
    [
      'S250 public case: 10 months from 2026-08-14, 40% → 2026-12-13 (Sunday)',
      // SED = 2026-08-13 + 10m = 2027-06-13; days 304; 40% = ceil(121.6) = 122 → 08-14 + 121 = 2026-12-13 (Sun)
      // → leaves Fri 2026-12-11, may be brought forward to Thu 2026-12-10.
      { sentenceType: 'S250', sentenceDate: '2026-08-14', termMonths: 10 },
      {
        sentenceEndDate: '2027-06-13',
        earliestReleaseDate: '2026-12-13',
        releaseDate: '2026-12-11',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2026-12-10',
      },
    ],
    [
      'S250 same case but excluded from 40% → one-half',
      // days 304; half = 152 → 08-14 + 151 = 2027-01-12 (Tue).
      { sentenceType: 'S250', sentenceDate: '2026-08-14', termMonths: 10, excludedFromFortyPercentRelease: true },
      { sentenceEndDate: '2027-06-13', earliestReleaseDate: '2027-01-12', releaseDate: '2027-01-12' },
    ],
    [
      'S250 sentenced 2024-10-21, the day before 40% → one-half',
      // SED = 2024-10-20 + 24m = 2026-10-20; days 730; half = 365 → 10-21 + 364 = 2025-10-20 (Mon).
      { sentenceType: 'S250', sentenceDate: '2024-10-21', termMonths: 24 },
      { sentenceEndDate: '2026-10-20', earliestReleaseDate: '2025-10-20', releaseDate: '2025-10-20' },
    ],
    [
      'S250 sentenced 2024-10-22 → 40%',
      // SED = 2024-10-21 + 24m = 2026-10-21; days 730; 40% = 292 → 10-22 + 291 = 2025-08-09 (Sat) → Fri 08-08 → Thu
      // 08-07.
      { sentenceType: 'S250', sentenceDate: '2024-10-22', termMonths: 24 },
      {
        sentenceEndDate: '2026-10-21',
        earliestReleaseDate: '2025-08-09',
        releaseDate: '2025-08-08',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2025-08-07',
      },
    ],
    [
      'S250 7 years for a qualifying serious offence from 2022-06-28 → two-thirds',
      // SED = 2022-06-27 + 84m = 2029-06-27; days 7×365 + 2 = 2557; 2/3 = ceil(1704.67) = 1705 → 06-28 + 1704 =
      // 2027-02-26 (Fri).
      { sentenceType: 'S250', sentenceDate: '2022-06-28', termMonths: 84, qualifyingSeriousOffence: true },
      {
        sentenceEndDate: '2029-06-27',
        earliestReleaseDate: '2027-02-26',
        releaseDate: '2027-02-26',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2027-02-25',
      },
    ],
    [
      'S250 7 years, qualifying, but sentenced 2022-06-27 → one-half (Boxing Day 2025)',
      // SED = 2022-06-26 + 84m = 2029-06-26; days 2557; half = 1279 → 06-27 + 1278 = 2025-12-26 (Boxing Day, Fri)
      // → back over Christmas to Wed 12-24 → brought forward to Tue 12-23.
      { sentenceType: 'S250', sentenceDate: '2022-06-27', termMonths: 84, qualifyingSeriousOffence: true },
      {
        sentenceEndDate: '2029-06-26',
        earliestReleaseDate: '2025-12-26',
        releaseDate: '2025-12-24',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2025-12-23',
      },
    ],
    [
      'S250 83 months, qualifying offence → under 7 years, one-half',
      // SED = 2023-05-09 + 83m = 2030-04-09; days 2527; half = 1264 → 05-10 + 1263 = 2026-10-24 (Sat) → Fri 23 → Thu
      // 22.
      { sentenceType: 'S250', sentenceDate: '2023-05-10', termMonths: 83, qualifyingSeriousOffence: true },
      {
        sentenceEndDate: '2030-04-09',
        earliestReleaseDate: '2026-10-24',
        releaseDate: '2026-10-23',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2026-10-22',
      },
    ],
    [
      'S250 7 years, qualifying, sentenced after 22 October 2024 → two-thirds wins over 40%',
      // SED = 2025-01-14 + 84m = 2032-01-14; days 7×365 + 1 = 2556; 2/3 = 1704 → 01-15 + 1703 = 2029-09-14 (Fri).
      { sentenceType: 'S250', sentenceDate: '2025-01-15', termMonths: 84, qualifyingSeriousOffence: true },
      {
        sentenceEndDate: '2032-01-14',
        earliestReleaseDate: '2029-09-14',
        releaseDate: '2029-09-14',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2029-09-13',
      },
    ],
    [
      'S250 40% with 60 remand + 20 tagged-bail days',
      // SED = 2025-01-14 + 24m = 2027-01-14; days 730; 40% = 292 → 2025-11-02, − 80 = 2025-08-14 (Thu); SED − 80 =
      // 2026-10-26.
      { sentenceType: 'S250', sentenceDate: '2025-01-15', termMonths: 24, remandDays: 60, taggedBailDays: 20 },
      { sentenceEndDate: '2026-10-26', earliestReleaseDate: '2025-08-14', releaseDate: '2025-08-14' },
    ],
    [
      'S250 40% rounds up: 366 days × 40% = 146.4 → day 147',
      // SED = 2027-06-14 + 12m = 2028-06-14; days 366 (29 Feb 2028 inside); 40% = ceil(146.4) = 147 → 06-15 + 146 =
      // 2027-11-08 (Mon).
      { sentenceType: 'S250', sentenceDate: '2027-06-15', termMonths: 12 },
      { sentenceEndDate: '2028-06-14', earliestReleaseDate: '2027-11-08', releaseDate: '2027-11-08' },
    ],
    [
      'S250 credit past the release point → immediate release',
      // SED = 2025-03-02 + 6m = 2025-09-02; days 184; 40% = ceil(73.6) = 74 → 2025-05-15; − 200 → clamped to
      // 2025-03-03; SED − 200 = 2025-02-14 → clamped to 2025-03-03.
      { sentenceType: 'S250', sentenceDate: '2025-03-03', termMonths: 6, remandDays: 200 },
      {
        sentenceEndDate: '2025-03-03',
        earliestReleaseDate: '2025-03-03',
        releaseDate: '2025-03-03',
        immediateRelease: true,
      },
    ],

    // ---- Extended sentence, DHMP, remand ----
    [
      'EXTENDED 4 years custodial + 3 years licence',
      // Custodial end = 2023-03-14 + 48m = 2027-03-14 (Sun); days 1461; PED day ceil(974) = 974 → 03-15 + 973 =
      // 2025-11-12. SED = 2023-03-14 + 84m = 2030-03-14. Automatic release Sun 2027-03-14 → Fri 03-12 → Thu 03-11.
      { sentenceType: 'EXTENDED', sentenceDate: '2023-03-15', termMonths: 48, extensionMonths: 36 },
      {
        sentenceEndDate: '2030-03-14',
        paroleEligibilityDate: '2025-11-12',
        earliestReleaseDate: '2025-11-12',
        latestReleaseDate: '2027-03-14',
        releaseDate: '2027-03-12',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2027-03-11',
      },
    ],
    [
      'EXTENDED 3 years + 2 years with 90 days remand',
      // Custodial end = 2025-06-01 + 36m = 2028-06-01; days 1096; PED day ceil(730.67) = 731 → 2027-06-02 − 90 =
      // 2027-03-04. Automatic = 2028-06-01 − 90 = 2028-03-03 (Fri) → Thu 03-02. SED = 2030-06-01 − 90 = 2030-03-03.
      { sentenceType: 'EXTENDED', sentenceDate: '2025-06-02', termMonths: 36, extensionMonths: 24, remandDays: 90 },
      {
        sentenceEndDate: '2030-03-03',
        paroleEligibilityDate: '2027-03-04',
        earliestReleaseDate: '2027-03-04',
        latestReleaseDate: '2028-03-03',
        releaseDate: '2028-03-03',
        fridayOrPreHolidayRelease: true,
        broughtForwardDate: '2028-03-02',
      },
    ],
    [
      'EXTENDED two-thirds rounds up: 731 × 2/3 = 487.33 → day 488',
      // Custodial end = 2027-06-14 + 24m = 2029-06-14 (Thu); days 731; PED day 488 → 06-15 + 487 = 2028-10-14.
      // SED = 2027-06-14 + 36m = 2030-06-14. Automatic release on a Thursday: nothing moves.
      { sentenceType: 'EXTENDED', sentenceDate: '2027-06-15', termMonths: 24, extensionMonths: 12 },
      {
        sentenceEndDate: '2030-06-14',
        paroleEligibilityDate: '2028-10-14',
        earliestReleaseDate: '2028-10-14',
        latestReleaseDate: '2029-06-14',
        releaseDate: '2029-06-14',
      },
    ],
    [
      'DHMP with a 10-year minimum term: parole eligibility only',
      // Minimum term ends 2023-03-14 + 120m = 2033-03-14.
      { sentenceType: 'DHMP', sentenceDate: '2023-03-15', termMonths: 120 },
      { paroleEligibilityDate: '2033-03-14' },
    ],
    ['DHMP without a minimum term: nothing yet', { sentenceType: 'DHMP', sentenceDate: '2023-03-15' }, {}],
    ['REMAND: no dates at all', { sentenceType: 'REMAND' }, {}],
  ])('%s', (_name, input, expected) => {
    const { notes, ...dates } = calculateReleaseDates(input);
    expect(dates).toEqual({ ...NONE, ...expected });
    expect(notes.length).toBeGreaterThan(0);
  });
});

describe('calculateReleaseDates refuses impossible input, naming the field', () => {
  const dto = (extra: Partial<ReleaseDateInput>): ReleaseDateInput => ({
    sentenceType: 'DTO',
    sentenceDate: '2023-03-15',
    termMonths: 12,
    ...extra,
  });

  it.each<[string, ReleaseDateInput, keyof ReleaseDateInput]>([
    ['sentence type not known', { sentenceType: 'LIFE' as never, sentenceDate: '2023-03-15' }, 'sentenceType'],
    ['sentence date 29 Feb in a common year', dto({ sentenceDate: '2023-02-29' }), 'sentenceDate'],
    ['date of birth not a date', dto({ dateOfBirth: '2005-13-01' }), 'dateOfBirth'],
    ['offence date not a date', dto({ offenceDate: 'yesterday' }), 'offenceDate'],
    ['date of birth after the sentence date', dto({ dateOfBirth: '2023-03-16' }), 'dateOfBirth'],
    ['offence after the sentence date', dto({ offenceDate: '2023-03-16' }), 'offenceDate'],
    ['DTO without a sentence date', { sentenceType: 'DTO', termMonths: 12 }, 'sentenceDate'],
    ['DTO without a term', { sentenceType: 'DTO', sentenceDate: '2023-03-15' }, 'termMonths'],
    ['DTO of 3 months', dto({ termMonths: 3 }), 'termMonths'],
    ['DTO of 25 months (consecutive orders cap at 24)', dto({ termMonths: 25 }), 'termMonths'],
    ['DTO of 6.5 months', dto({ termMonths: 6.5 }), 'termMonths'],
    [
      'DTO of 5 months made 2022-06-27 (only 4, 6, 8, 10, 12, 18, 24 then)',
      dto({ sentenceDate: '2022-06-27', termMonths: 5 }),
      'termMonths',
    ],
    ['DTO of 7 months made 2021-05-23', dto({ sentenceDate: '2021-05-23', termMonths: 7 }), 'termMonths'],
    ['remand credit on a DTO made 2022-06-27', dto({ sentenceDate: '2022-06-27', remandDays: 1 }), 'remandDays'],
    [
      'tagged-bail credit on a DTO made 2022-06-27',
      dto({ sentenceDate: '2022-06-27', taggedBailDays: 3 }),
      'taggedBailDays',
    ],
    ['negative remand days', dto({ remandDays: -1 }), 'remandDays'],
    ['fractional tagged-bail days', dto({ taggedBailDays: 2.5 }), 'taggedBailDays'],
    ['S250 without a term', { sentenceType: 'S250', sentenceDate: '2025-01-15' }, 'termMonths'],
    ['S250 of 0 months', { sentenceType: 'S250', sentenceDate: '2025-01-15', termMonths: 0 }, 'termMonths'],
    ['S250 of 601 months', { sentenceType: 'S250', sentenceDate: '2025-01-15', termMonths: 601 }, 'termMonths'],
    ['S250 without a sentence date', { sentenceType: 'S250', termMonths: 24 }, 'sentenceDate'],
    [
      'EXTENDED without an extension',
      { sentenceType: 'EXTENDED', sentenceDate: '2025-01-15', termMonths: 48 },
      'extensionMonths',
    ],
    [
      'EXTENDED with an 11-month extension',
      { sentenceType: 'EXTENDED', sentenceDate: '2025-01-15', termMonths: 48, extensionMonths: 11 },
      'extensionMonths',
    ],
    [
      'EXTENDED without a custodial term',
      { sentenceType: 'EXTENDED', sentenceDate: '2025-01-15', extensionMonths: 24 },
      'termMonths',
    ],
    ['DHMP without a sentence date', { sentenceType: 'DHMP', termMonths: 120 }, 'sentenceDate'],
  ])('%s → %s', (_name, input, field) => {
    let error: unknown;
    try {
      calculateReleaseDates(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReleaseDateInputError);
    expect((error as ReleaseDateInputError).field).toBe(field);
  });
});

describe('releaseDayFor', () => {
  it.each([
    // statutory date, day the child leaves, flagged, brought forward
    ['2024-03-12', '2024-03-12', false, null], // Tuesday: nothing moves
    ['2026-12-13', '2026-12-11', true, '2026-12-10'], // Sunday → Friday → Thursday
    ['2026-12-25', '2026-12-24', true, '2026-12-23'], // Christmas Day (Fri) → Thu 24 → Wed 23
    ['2023-12-24', '2023-12-22', true, '2023-12-21'], // Christmas Eve 2023 was a Sunday → Fri 22 → Thu 21
    ['2025-04-21', '2025-04-17', true, '2025-04-16'], // Easter Monday → Maundy Thursday → Wednesday
    ['2027-03-26', '2027-03-25', true, '2027-03-24'], // Good Friday 2027
    ['2024-05-06', '2024-05-03', true, '2024-05-02'], // early May Monday → Fri → Thu
    ['2023-12-08', '2023-12-08', true, null], // Friday before the 2023 Act (12 December 2023): flagged only
    ['2023-12-09', '2023-12-08', true, null], // Saturday before the Act: the statutory date decides
    ['2023-12-15', '2023-12-15', true, '2023-12-14'], // first Friday under the Act
    ['2024-12-24', '2024-12-24', true, '2024-12-23'], // Christmas Eve (Tue), pre-holiday → Monday
  ])('statutory %s → leaves %s, flagged %p, brought forward %p', (statutory, releaseDate, flagged, broughtForward) => {
    expect(releaseDayFor(statutory)).toEqual({
      releaseDate,
      fridayOrPreHolidayRelease: flagged,
      broughtForwardDate: broughtForward,
    });
  });

  it('never brings a release forward before the given earliest day (the sentence date)', () => {
    expect(releaseDayFor('2024-03-08', '2024-03-08')).toEqual({
      releaseDate: '2024-03-08',
      fridayOrPreHolidayRelease: true,
      broughtForwardDate: null,
    });
  });

  it('refuses a non-date', () => {
    expect(() => releaseDayFor('2023-02-29')).toThrow(RangeError);
  });
});

describe('notes explain the arithmetic in plain English', () => {
  it('worked example: term, mid-term day and early release band', () => {
    const { notes } = calculateReleaseDates({ sentenceType: 'DTO', sentenceDate: '2021-05-23', termMonths: 18 });
    expect(notes).toEqual(
      expect.arrayContaining([
        'Term 18 months = 549 days (2021-05-23 to 2022-11-22).',
        'Mid-term date: day 275 of 549.',
        'Early release: 2 months before the mid-term date (term 18 months or more).',
      ]),
    );
  });

  it('names the bank holiday and the day the child leaves', () => {
    const { notes } = calculateReleaseDates({ sentenceType: 'DTO', sentenceDate: '2026-06-26', termMonths: 12 });
    expect(notes).toContain('2026-12-25 is Christmas Day, a bank holiday: the child leaves on Thursday 2026-12-24.');
    expect(notes.some((n) => n.includes('brought forward to Wednesday 2026-12-23'))).toBe(true);
  });

  it('says when further supervision was not checked and why the ORA 2014 matters', () => {
    expect(calculateReleaseDates({ sentenceType: 'DTO', sentenceDate: '2023-01-10', termMonths: 12 }).notes).toContain(
      'Further supervision not checked: no date of birth given.',
    );
    const early = calculateReleaseDates({
      sentenceType: 'DTO',
      sentenceDate: '2016-03-10',
      termMonths: 12,
      dateOfBirth: '1998-06-01',
      offenceDate: '2015-01-31',
    });
    expect(early.notes.some((n) => n.includes('Offender Rehabilitation Act 2014'))).toBe(true);
  });

  it('S250 explains why there is no mid-term date', () => {
    const { notes } = calculateReleaseDates({ sentenceType: 'S250', sentenceDate: '2026-08-14', termMonths: 10 });
    expect(notes.some((n) => n.startsWith('Release at 40%') && n.includes('day 122 of 304'))).toBe(true);
    expect(notes.some((n) => n.includes('no mid-term date'))).toBe(true);
  });

  it('DHMP and remand say who decides and that there is no date', () => {
    expect(
      calculateReleaseDates({ sentenceType: 'DHMP', sentenceDate: '2023-03-15', termMonths: 120 }).notes.join(' '),
    ).toMatch(/Parole Board/);
    expect(calculateReleaseDates({ sentenceType: 'REMAND' }).notes.join(' ')).toMatch(
      /no release date.*any court date/s,
    );
  });

  it('never calls the child an offender', () => {
    const { notes } = calculateReleaseDates({
      sentenceType: 'DTO',
      sentenceDate: '2016-03-10',
      termMonths: 12,
      dateOfBirth: '1998-06-01',
      offenceDate: '2015-02-01',
    });
    // The Act's title is quoted verbatim; no note describes the child with the word.
    expect(notes.join(' ').replace(/Offender Rehabilitation Act 2014/g, '')).not.toMatch(/offender/i);
  });
});
