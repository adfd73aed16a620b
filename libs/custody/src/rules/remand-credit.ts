import { daysBetween, IsoDate } from '@resettle/common';

/**
 * The days a child has spent on remand in this episode before being sentenced: from the day of remand up to, not
 * including, the day of the sentence (the sentence runs from that day). 0 when the episode did not begin on remand.
 * Pure: no framework, no clock.
 */
export function remandDaysKnown(remandDate: IsoDate | null, sentenceDate: IsoDate): number {
  if (!remandDate) return 0;
  return Math.max(0, daysBetween(remandDate, sentenceDate));
}

/**
 * How a remand credit differs from the days known on remand in this episode, in words; null when it does not.
 * More than known is remand elsewhere (another episode, police detention); fewer is time already counted against
 * another sentence.
 */
export function remandCreditDifference(known: number, credited: number): string | null {
  if (credited === known) return null;
  const n = Math.abs(credited - known);
  return `${n} ${n === 1 ? 'day' : 'days'} ${credited > known ? 'more' : 'fewer'} than the ${known} ${known === 1 ? 'day' : 'days'} on remand known in this episode`;
}

/**
 * Why a remand credit cannot be accepted as given: a credit that differs from the days known on remand in this
 * episode needs a reason on record (remand elsewhere, time counted on another sentence), since it moves every release
 * date. Null when the credit is the known days, or differs with a reason.
 */
export function reasonForDifferentRemandDays(
  known: number,
  credited: number,
  reason: string | undefined,
): string | null {
  const difference = remandCreditDifference(known, credited);
  if (!difference || (reason ?? '').trim().length > 0) return null;
  return `A credit of ${credited} ${credited === 1 ? 'day' : 'days'} is ${difference}: say why (for example, remand elsewhere)`;
}
