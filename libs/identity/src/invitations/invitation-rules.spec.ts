import {
  hashInvitationToken,
  invitationRefusal,
  invitationStatus,
  looksLikeInvitationToken,
  newInvitationToken,
} from './invitation-rules';

const NOW = new Date('2026-11-23T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('invitationStatus', () => {
  it.each<[string, { acceptedAt: Date | null; supersededAt: Date | null; expiresAt: Date }, string]>([
    ['fresh', { acceptedAt: null, supersededAt: null, expiresAt: at('2026-11-30T10:00:00Z') }, 'PENDING'],
    [
      'a millisecond before expiry',
      { acceptedAt: null, supersededAt: null, expiresAt: at('2026-11-23T10:00:00.001Z') },
      'PENDING',
    ],
    ['at its expiry', { acceptedAt: null, supersededAt: null, expiresAt: NOW }, 'EXPIRED'],
    ['expired', { acceptedAt: null, supersededAt: null, expiresAt: at('2026-11-20T10:00:00Z') }, 'EXPIRED'],
    [
      'replaced by a newer one',
      { acceptedAt: null, supersededAt: at('2026-11-22T10:00:00Z'), expiresAt: at('2026-11-30T10:00:00Z') },
      'SUPERSEDED',
    ],
    [
      'replaced, and since expired',
      { acceptedAt: null, supersededAt: at('2026-11-22T10:00:00Z'), expiresAt: at('2026-11-20T10:00:00Z') },
      'SUPERSEDED',
    ],
    [
      'used',
      { acceptedAt: at('2026-11-22T10:00:00Z'), supersededAt: null, expiresAt: at('2026-11-30T10:00:00Z') },
      'ACCEPTED',
    ],
    [
      'used, and since expired',
      { acceptedAt: at('2026-11-10T10:00:00Z'), supersededAt: null, expiresAt: at('2026-11-15T10:00:00Z') },
      'ACCEPTED',
    ],
  ])('%s: %s', (_label, invitation, expected) => {
    expect(invitationStatus(invitation, NOW)).toBe(expected);
  });
});

describe('invitationRefusal', () => {
  it.each([
    ['PENDING', null],
    ['ACCEPTED', 'This invitation link has already been used. Sign in with the password you chose.'],
    ['SUPERSEDED', 'A newer invitation has been sent to you. Use the link in the latest email.'],
    ['EXPIRED', 'This invitation link has expired. Ask your manager to send you a new one.'],
    ['ACCOUNT_DISABLED', 'This account has been disabled. Ask your manager about it.'],
    ['UNKNOWN', 'This invitation link is not right. Check you used the whole link from the email.'],
  ] as const)('%s: %s', (status, message) => {
    expect(invitationRefusal(status)).toBe(message);
  });
});

describe('tokens', () => {
  it('are 32 random bytes in base64url, different every time, stored as their SHA-256', () => {
    const a = newInvitationToken();
    const b = newInvitationToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(hashInvitationToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationToken(a)).not.toContain(a);
    expect(hashInvitationToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['a real one', newInvitationToken(), true],
    ['too short', 'abc', false],
    ['44 characters', `${'a'.repeat(44)}`, false],
    ['not base64url', `${'a'.repeat(42)}+`, false],
    ['with a path', `${'a'.repeat(40)}/..`, false],
  ])('%s: %s', (_label, value, expected) => {
    expect(looksLikeInvitationToken(value)).toBe(expected);
  });
});
