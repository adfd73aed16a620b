import { EMAIL_SUBJECT_PREFIX, EmailContent, linkText } from './email-content';

export interface InvitationForEmail {
  givenName: string;
  organisationName: string;
  /** The portal path with the token, e.g. `/invitation/<token>`. */
  path: string;
  expiresAt: Date;
}

/**
 * The invitation email: who it is for, where to choose a password, when the link stops working, and what to do if
 * it was not expected. Nothing about any child. A pure function (no framework, no clock).
 */
export function invitationEmail(
  i: InvitationForEmail,
  linkBaseUrl?: string | null,
  timeZone = 'Europe/London',
): EmailContent {
  const link = linkText(i.path, linkBaseUrl)!;
  const expires = govukTime(i.expiresAt, timeZone);
  const body = [
    `Hello ${i.givenName.trim()},`,
    '',
    `${i.organisationName} has given you an account on Resettle, the service for planning children’s release from custody.`,
    '',
    'To start, choose your password here:',
    link,
    '',
    `The link works once, until ${expires}. If it has expired, ask your manager to send you a new one.`,
    '',
    'Nobody from Resettle will ever ask you for your password. If you did not expect this email, do not use the link: tell your manager.',
  ].join('\n');
  return { subject: `${EMAIL_SUBJECT_PREFIX}choose your password`, body };
}

/** GOV.UK style, `10am on Monday 30 November 2026`, `5:30pm on …`, built from parts so no ICU version changes it. */
function govukTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}${parts.minute === '00' ? '' : `:${parts.minute}`}${String(parts.dayPeriod).toLowerCase().replace(/\s|\./g, '')}`;
  return `${time} on ${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}
