import {
  EMAIL_SUBJECT_PREFIX,
  EmailContent,
  linkText,
  NotificationForEmail,
  PREFERENCES_FOOTER,
} from '../email/email-content';

/** At most this many notifications are written out in one digest; the rest are counted. */
const DIGEST_MAX_LISTED = 50;

export interface DigestOptions {
  linkBaseUrl?: string | null;
  /** Times are shown in this zone (default Europe/London). */
  timeZone?: string;
  maxListed?: number;
}

export interface DigestEmail extends EmailContent {
  /** How many notifications it covers (all of them, listed or not): every one is then marked emailed. */
  count: number;
}

/**
 * One digest email from a person's notifications not yet emailed or read: grouped by kind (in the order each kind
 * first appears), oldest first within a kind, each with its time, body and link. Null when there is nothing to
 * send. A pure function: no framework, no clock.
 */
export function buildDigest(
  notifications: readonly NotificationForEmail[],
  options: DigestOptions = {},
): DigestEmail | null {
  if (notifications.length === 0) return null;
  const maxListed = options.maxListed ?? DIGEST_MAX_LISTED;
  const timeZone = options.timeZone ?? 'Europe/London';
  const count = notifications.length;
  const sorted = [...notifications].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const listed = sorted.slice(0, maxListed);

  const groups = new Map<string, NotificationForEmail[]>();
  for (const n of listed) {
    const group = groups.get(n.kind) ?? [];
    group.push(n);
    groups.set(n.kind, group);
  }

  const noun = count === 1 ? 'notification' : 'notifications';
  const lines: string[] = [`You have ${count} ${noun} in Resettle that you have not read yet.`];
  for (const [kind, items] of groups) {
    lines.push('', `${kindHeading(kind)} (${items.length})`);
    for (const n of items) {
      lines.push('', `- ${n.title.trim()} (${shortTime(n.createdAt, timeZone)})`);
      for (const bodyLine of n.body.trim().split(/\r?\n/)) lines.push(`  ${bodyLine}`);
      const link = linkText(n.link, options.linkBaseUrl);
      if (link) lines.push(`  ${link}`);
    }
  }
  if (count > listed.length) lines.push('', `…and ${count - listed.length} more: open Resettle to see them all.`);
  lines.push('', '—', PREFERENCES_FOOTER);

  return { subject: `${EMAIL_SUBJECT_PREFIX}${count} ${noun} today`, body: lines.join('\n'), count };
}

/** `MILESTONE_REMINDER` → `Milestone reminder`. */
export function kindHeading(kind: string): string {
  const words = kind
    .trim()
    .replace(/[_\s]+/g, ' ')
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : 'Other';
}

function shortTime(at: Date, timeZone: string): string {
  return at.toLocaleString('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
