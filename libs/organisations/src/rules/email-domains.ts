/**
 * The email domains an organisation's staff use (`leeds.gov.uk`), as plain functions: every account's email must
 * be in one of its organisation's domains, so nobody can make an account in an organisation for an address they
 * control elsewhere. A domain matches exactly: a subdomain is a domain of its own, to be listed if it is used.
 */

/** At most this many domains per organisation (a council with a few legacy domains; never a catch-all list). */
const MAX_EMAIL_DOMAINS = 20;

/** Lower-case, trimmed, without a leading `@` (people paste `@leeds.gov.uk`). */
export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@/, '');
}

/** The part after the last `@`, lower-case; empty when there is none. */
export function emailDomainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** Whether the email's domain is one of `domains` (compared normalised). */
export function emailInDomains(email: string, domains: readonly string[]): boolean {
  const domain = emailDomainOf(email);
  return domain !== '' && domains.some((d) => normaliseDomain(d) === domain);
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** What is wrong with one domain as typed (after normalising), in words for the person; empty when it is fine. */
export function domainProblems(domain: string): string[] {
  const d = normaliseDomain(domain);
  if (!d) return ['Enter a domain, like leeds.gov.uk'];
  if (d.length > 253) return [`${d} is too long for a domain`];
  if (d.includes('@')) return [`${d} is an email address: enter only the part after @`];
  const labels = d.split('.');
  if (labels.length < 2) return [`${d} is not a domain: it needs a dot, like leeds.gov.uk`];
  // A shared suffix alone (gov.uk, nhs.net) would let in anyone with an address at any council or trust.
  if (PUBLIC_SUFFIXES.has(d)) return [`${d} is shared by many organisations: enter your organisation’s own domain`];
  if (!labels.every((label) => LABEL.test(label)))
    return [`${d} is not a domain: use letters, digits, hyphens and dots`];
  if (/^\d+$/.test(labels[labels.length - 1])) return [`${d} is not a domain`];
  return [];
}

/** Suffixes many organisations share: never an organisation's own domain. */
const PUBLIC_SUFFIXES = new Set([
  'gov.uk',
  'gov.wales',
  'llyw.cymru',
  'nhs.uk',
  'nhs.net',
  'sch.uk',
  'police.uk',
  'ac.uk',
  'org.uk',
  'co.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'net.uk',
  'cjsm.net',
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'yahoo.com',
  'icloud.com',
]);

/**
 * A list of domains as given: normalised, duplicates dropped (first kept), and each one's problems, keyed by its
 * position, for a BAD_USER_INPUT naming the field.
 */
export function checkEmailDomains(domains: readonly string[]): { domains: string[]; problems: string[] } {
  const normalised = [...new Set(domains.map(normaliseDomain).filter((d) => d !== ''))];
  const problems = normalised.flatMap(domainProblems);
  if (normalised.length > MAX_EMAIL_DOMAINS) problems.push(`List at most ${MAX_EMAIL_DOMAINS} domains`);
  return { domains: normalised, problems };
}
