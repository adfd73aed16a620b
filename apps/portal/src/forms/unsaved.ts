type Values = Record<string, string>;

/** One answer that was not saved: what the record says now, and what the person typed. */
export interface UnsavedAnswer {
  label: string;
  now: string;
  typed: string;
}

/**
 * The answers someone typed that differ from what the record says now, after someone else changed it meanwhile (a
 * stale version): shown beside the fresh form, so nothing typed is lost and nothing is silently overwritten. A GOV.UK
 * date's three boxes (`<field>Day/Month/Year`) are one answer, written D/M/YYYY.
 */
export function unsavedAnswers(typed: Values, now: Values, labels: Record<string, string>): UnsavedAnswer[] {
  const read = (values: Values, field: string): string => {
    const parts = ['Day', 'Month', 'Year'].map((p) => values[`${field}${p}`]?.trim() ?? '');
    if (parts.some(Boolean)) return parts.join('/');
    return values[field]?.trim() ?? '';
  };
  return Object.entries(labels)
    .map(([field, label]) => ({ label, now: read(now, field), typed: read(typed, field) }))
    .filter((answer) => answer.now !== answer.typed);
}
