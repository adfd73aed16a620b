/**
 * What a person typed into a form posted after their session had ended, so it is not lost: kept on the server for a
 * short while, keyed first to the person (the session that posted it is gone) and, once they sign in again, to their
 * new session. Pure helpers here; the store is `DraftStore`.
 */
export interface FormDraft {
  /** The page to go back to, where the form is shown again with these answers. */
  page: string;
  /** The form's fields as posted, without its CSRF token. */
  fields: Record<string, string>;
}

/** How long the answers are kept: long enough to sign in again, short enough not to linger on a shared computer. */
export const DRAFT_SECONDS = 30 * 60;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** Forms whose answers are worth keeping, and the page that shows each again. Buttons alone carry nothing typed. */
const KEPT: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    new RegExp(`^/referrals/(${UUID})/(offer|decline|withdraw|fell-through|request-information)$`),
    (m) => `/referrals/${m[1]}/${m[2]}`,
  ],
  [new RegExp(`^/referrals/(${UUID})(?:/messages)?$`), (m) => `/referrals/${m[1]}`],
];

/** The page whose form this POST came from, if its answers are kept when the session has ended; else null. */
export function draftPageOf(postPath: string): string | null {
  const path = postPath.split('?')[0];
  for (const [pattern, page] of KEPT) {
    const match = pattern.exec(path);
    if (match) return page(match);
  }
  return null;
}

/** The posted fields worth keeping: text only, never the CSRF token, nothing oversized. */
export function draftFields(body: unknown): Record<string, string> | null {
  if (!body || typeof body !== 'object') return null;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf' || typeof value !== 'string' || name.length > 100 || value.length > 10_000) continue;
    fields[name] = value;
  }
  return Object.keys(fields).length ? fields : null;
}
