import { redactInvitationUrl } from './invitation.controller';

describe('redactInvitationUrl', () => {
  it.each([
    ['/invitation/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde', '/invitation/[secret]'],
    ['/invitation/AbCdEf?x=1', '/invitation/[secret]?x=1'],
    // The form posts the token in its body: the path alone is nothing secret.
    ['/invitation', '/invitation'],
    ['/users/invite', '/users/invite'],
    [undefined, undefined],
  ])('%s → %s', (url, logged) => {
    expect(redactInvitationUrl(url)).toBe(logged);
  });
});
