import { draftFields, draftPageOf } from './form-drafts';

const ID = '3f0e7c2a-1b2c-4d5e-8f90-123456789abc';

describe('answers kept from a form posted after the session ended', () => {
  it.each([
    [`/referrals/${ID}/offer`, `/referrals/${ID}/offer`],
    [`/referrals/${ID}/fell-through`, `/referrals/${ID}/fell-through`],
    [`/referrals/${ID}/request-information`, `/referrals/${ID}/request-information`],
    [`/referrals/${ID}`, `/referrals/${ID}`],
    [`/referrals/${ID}/messages`, `/referrals/${ID}`],
    [`/referrals/${ID}/offer?x=1`, `/referrals/${ID}/offer`],
    // Buttons alone carry nothing typed; sign-in and sign-out are not forms to come back to.
    [`/referrals/${ID}/acknowledge`, null],
    [`/referrals/${ID}/confirm`, null],
    ['/sign-in', null],
    ['/sign-out', null],
    ['/referrals/not-an-id/offer', null],
    ['//evil.example.com/referrals', null],
  ])('a form posted to %s comes back at %s', (path, page) => {
    expect(draftPageOf(path)).toBe(page);
  });

  it.each([
    [
      { _csrf: 'secret', provider: 'Easttown Homes', expectedVersion: '3' },
      { provider: 'Easttown Homes', expectedVersion: '3' },
    ],
    [{ _csrf: 'secret' }, null],
    [{ body: 'x'.repeat(10_001) }, null],
    [{ roles: ['a', 'b'], note: 'Hello' }, { note: 'Hello' }],
    [undefined, null],
    ['text', null],
  ])('keeps %j as %j', (body, fields) => {
    expect(draftFields(body)).toEqual(fields);
  });
});
