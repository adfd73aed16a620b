import { accountStatus, domainsFromText, roleLabel } from './users-view';

describe('accountStatus', () => {
  it.each([
    ['disabled, whatever else', { disabled: true, hasPassword: true, invitation: null }, 'Disabled', false],
    [
      'disabled before choosing a password',
      { disabled: true, hasPassword: false, invitation: { status: 'PENDING', emailedAt: 'x' } },
      'Disabled',
      false,
    ],
    [
      'chose a password',
      { disabled: false, hasPassword: true, invitation: { status: 'ACCEPTED', emailedAt: 'x' } },
      'Active',
      false,
    ],
    [
      'invited, email sent',
      { disabled: false, hasPassword: false, invitation: { status: 'PENDING', emailedAt: '2026-11-23T10:00:00Z' } },
      'Invited',
      true,
    ],
    [
      'invited, email still to go',
      { disabled: false, hasPassword: false, invitation: { status: 'PENDING', emailedAt: null } },
      'Invitation being sent',
      true,
    ],
    [
      'invitation expired',
      { disabled: false, hasPassword: false, invitation: { status: 'EXPIRED', emailedAt: 'x' } },
      'Invitation expired',
      true,
    ],
    [
      'never invited (OpenID Connect)',
      { disabled: false, hasPassword: false, invitation: null },
      'Signs in with their council’s account',
      true,
    ],
    [
      'not theirs to see (null)',
      { disabled: false, hasPassword: null, invitation: null },
      'Signs in with their council’s account',
      false,
    ],
  ] as const)('%s: %s', (_label, account, text, canInvite) => {
    expect(accountStatus(account)).toMatchObject({ text, canInvite });
  });
});

describe('domainsFromText and roleLabel', () => {
  it.each([
    ['leeds.gov.uk\r\nyjs.leeds.gov.uk\n', ['leeds.gov.uk', 'yjs.leeds.gov.uk']],
    ['a.example, b.example;c.example', ['a.example', 'b.example', 'c.example']],
    ['   ', []],
    [undefined, []],
  ])('%j → %j', (text, domains) => {
    expect(domainsFromText(text)).toEqual(domains);
  });

  it('names roles in words, and passes an unknown one through', () => {
    expect(roleLabel('YJS_CASE_MANAGER')).toBe('Case manager');
    expect(roleLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});
