import { bankHolidayName, dayOfWeek, lastWorkingDayOnOrBefore } from '@resettle/common';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The words a history line adds when a statutory day (early or late release) is not a working day: the child does
 * not leave on the day granted but on the last working day before it (DOMAIN.md, "Weekends and holidays"), and the
 * people reading the history must see which day that is and why. Null when the child leaves on the day itself.
 * Pure: no framework, no clock.
 */
export function leavingDayNote(statutoryDay: string): { leavesOn: string; note: string } | null {
  const leavesOn = lastWorkingDayOnOrBefore(statutoryDay);
  if (leavesOn === statutoryDay) return null;
  const holiday = bankHolidayName(statutoryDay);
  const why = holiday ? `${holiday}, a bank holiday` : `a ${DAY_NAMES[dayOfWeek(statutoryDay)]}`;
  return {
    leavesOn,
    note: `${statutoryDay} is ${why}, so the child leaves on ${leavesOn}, the last working day before it`,
  };
}
