import { invitationEmail } from './invitation-email';

describe('invitationEmail', () => {
  const invitation = {
    givenName: ' Jo ',
    organisationName: 'Birmingham Youth Justice Service',
    path: '/invitation/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
    expiresAt: new Date('2026-11-30T10:00:00Z'),
  };

  it('carries the link as a full address, when it expires (London time), and no more', () => {
    const email = invitationEmail(invitation, 'https://resettle.example.gov.uk/');
    expect(email.subject).toBe('Resettle: choose your password');
    expect(email.body).toBe(
      [
        'Hello Jo,',
        '',
        'Birmingham Youth Justice Service has given you an account on Resettle, the service for planning children’s release from custody.',
        '',
        'To start, choose your password here:',
        'https://resettle.example.gov.uk/invitation/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
        '',
        'The link works once, until 10am on Monday 30 November 2026. If it has expired, ask your manager to send you a new one.',
        '',
        'Nobody from Resettle will ever ask you for your password. If you did not expect this email, do not use the link: tell your manager.',
      ].join('\n'),
    );
  });

  it('in summer time, shows the London hour', () => {
    const email = invitationEmail({ ...invitation, expiresAt: new Date('2026-07-01T16:30:00Z') }, 'https://x.example');
    expect(email.body).toContain('until 5:30pm on Wednesday 1 July 2026');
  });

  it('without a base address, the path as it is', () => {
    expect(invitationEmail(invitation).body).toContain('\n/invitation/AbCdEf');
  });
});
