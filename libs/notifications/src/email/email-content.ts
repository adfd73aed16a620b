/**
 * What an email says, as plain functions (no framework imports): one notification's email, and the daily digest
 * (digest/digest.ts). Both carry the notification's own title and body as the feature that raised it wrote them.
 */
export interface EmailContent {
  subject: string;
  body: string;
}

export interface NotificationForEmail {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
}

export const EMAIL_SUBJECT_PREFIX = 'Resettle: ';
export const PREFERENCES_FOOTER =
  'You can choose one email a day, or none, in Resettle (your notification preferences).';

/** A notification's link as a full address when the service's base URL is known, else as the path it is. */
export function linkText(link: string | null, linkBaseUrl?: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//i.test(link) || !linkBaseUrl) return link;
  return `${linkBaseUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

/** Header lines must not carry line breaks (an injected header); and keep subjects short. */
export function subjectLine(text: string): string {
  const flat = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 150 ? `${flat.slice(0, 149)}…` : flat;
}

export function notificationEmail(n: NotificationForEmail, linkBaseUrl?: string | null): EmailContent {
  const link = linkText(n.link, linkBaseUrl);
  const lines = [n.body.trim()];
  if (link) lines.push('', `Open it in Resettle: ${link}`);
  lines.push('', '—', PREFERENCES_FOOTER);
  return { subject: subjectLine(`${EMAIL_SUBJECT_PREFIX}${n.title}`), body: lines.join('\n') };
}
