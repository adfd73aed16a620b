import { createHash, randomBytes } from 'node:crypto';

/**
 * Invitations as plain functions: the token, what is stored of it, and what state a link is in. No framework
 * imports, so the table tests need nothing else.
 */

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'EXPIRED' | 'SUPERSEDED';

/** 32 random bytes, base64url (43 characters): unguessable, so no salt and no throttle are needed. */
export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its SHA-256, hex. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be a token at all (43 base64url characters), before anything is looked up. */
export function looksLikeInvitationToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Used beats replaced beats expired: a used link says so even after it would have expired. */
export function invitationStatus(
  invitation: { acceptedAt: Date | null; supersededAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return 'ACCEPTED';
  if (invitation.supersededAt) return 'SUPERSEDED';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'PENDING';
}

/** What to tell the person holding a link that no longer works (or never did), and what to do about it. */
export function invitationRefusal(status: InvitationStatus | 'UNKNOWN' | 'ACCOUNT_DISABLED'): string | null {
  switch (status) {
    case 'PENDING':
      return null;
    case 'ACCEPTED':
      return 'This invitation link has already been used. Sign in with the password you chose.';
    case 'SUPERSEDED':
      return 'A newer invitation has been sent to you. Use the link in the latest email.';
    case 'EXPIRED':
      return 'This invitation link has expired. Ask your manager to send you a new one.';
    case 'ACCOUNT_DISABLED':
      return 'This account has been disabled. Ask your manager about it.';
    case 'UNKNOWN':
      return 'This invitation link is not right. Check you used the whole link from the email.';
  }
}
