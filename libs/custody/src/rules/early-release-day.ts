import {
  bankHolidayName,
  dayName,
  IsoDate,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  longDate,
  previousWorkingDay,
} from '@resettle/common';

/** The day early release is granted for, or why the day asked for cannot be. */
export type EarlyReleaseDayDecision =
  { day: IsoDate; note: string | null; problem?: undefined } | { problem: string; day?: undefined };

/**
 * The day a DTO's early release is granted for (DOMAIN.md, "Early and late release"), a working day in England and
 * Wales, since that is the day the child leaves and the history says "granted for" it:
 * - none asked for: the earliest release date, or the last working day before it when it is a weekend or bank
 *   holiday (the day the child would leave anyway), with a note saying so;
 * - a day asked for must lie from that first day and before the mid-term date, and be a working day: a weekend or a
 *   bank holiday is refused, naming the nearest earlier working day (which is never before the first day).
 * Pure: no framework, no clock.
 */
export function earlyReleaseDay(
  requested: IsoDate | undefined,
  sentence: { earliestReleaseDate: IsoDate; midTermDate: IsoDate },
): EarlyReleaseDayDecision {
  const { earliestReleaseDate, midTermDate } = sentence;
  const first = lastWorkingDayOnOrBefore(earliestReleaseDate);
  if (requested === undefined) {
    return {
      day: first,
      note:
        first === earliestReleaseDate
          ? null
          : `the earliest release date ${earliestReleaseDate} is ${notWorkingBecause(earliestReleaseDate)}, so early release is granted for ${first}, the last working day before it`,
    };
  }
  if (requested < first || requested >= midTermDate) {
    return { problem: `Early release must be from ${first} and before the mid-term date ${midTermDate}` };
  }
  if (!isWorkingDay(requested)) {
    const holiday = bankHolidayName(requested);
    return {
      problem:
        `${longDate(requested)} is not a working day${holiday ? ` (${holiday}, a bank holiday)` : ''}: ` +
        `the nearest earlier working day is ${longDate(previousWorkingDay(requested))}`,
    };
  }
  return { day: requested, note: null };
}

function notWorkingBecause(d: IsoDate): string {
  const holiday = bankHolidayName(d);
  return holiday ? `${holiday}, a bank holiday` : `a ${dayName(d)}`;
}
