/**
 * A UK phone number as people write it: 0 or +44, then 9 or 10 digits, with single spaces or hyphens between them
 * ("0113 496 0000", "07700 900 000", "+44 113 496 0000"). A pattern, not a numbering plan: the Ofcom drama ranges the
 * demo uses are real UK numbers for this purpose, though no line answers them.
 */
export const UK_PHONE_PATTERN = /^(?:\+44 ?|0)(?:[ -]?\d){9,10}$/;

export const UK_PHONE_MESSAGE = 'Enter a UK phone number, like 0113 496 0000 or 07700 900 000';

/** What is kept: trimmed, runs of spaces made one; empty means none (null). */
export function normaliseWorkPhone(value: string | null | undefined): string | null {
  const kept = (value ?? '').trim().replace(/\s+/g, ' ');
  return kept === '' ? null : kept;
}

/** Why a work phone is not accepted, or null when it is (none at all is accepted). */
export function workPhoneProblem(value: string | null | undefined): string | null {
  const kept = normaliseWorkPhone(value);
  return kept === null || UK_PHONE_PATTERN.test(kept) ? null : UK_PHONE_MESSAGE;
}
