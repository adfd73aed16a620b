/** A name as compared for duplicates: accents dropped, lower case, letters and digits only, single spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Close enough for a typing slip: equal, or one edit apart (two for names of 8 letters or more). Names whose digits
 * differ (numbered test and demo children, "Child1", "Child2") are never similar.
 */
function similar(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false;
  const allowed = Math.min(a.length, b.length) >= 8 ? 2 : 1;
  return Math.abs(a.length - b.length) <= allowed && distance(a, b) <= allowed;
}

export interface NamedChild {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

/**
 * Whether `existing` may be the same child as `candidate`: the same date of birth and the same or a similar name,
 * ignoring accents and case, also with the given and family names swapped.
 */
export function isPossibleDuplicate(candidate: NamedChild, existing: NamedChild): boolean {
  if (candidate.dateOfBirth !== existing.dateOfBirth) return false;
  const given = normaliseName(candidate.givenName);
  const family = normaliseName(candidate.familyName);
  const otherGiven = normaliseName(existing.givenName);
  const otherFamily = normaliseName(existing.familyName);
  return (
    (similar(given, otherGiven) && similar(family, otherFamily)) ||
    (similar(given, otherFamily) && similar(family, otherGiven))
  );
}
