import { notificationPageOf } from './read-on-open';

describe('notificationPageOf: the page a signed-in GET opens, whose notifications are then read', () => {
  it.each([
    ['GET', '/referrals/5a1c0e4e-1d2b-4c3a-9f00-000000000001', true, '/referrals/5a1c0e4e-1d2b-4c3a-9f00-000000000001'],
    ['GET', '/episodes/abc/milestones?tab=missed', true, '/episodes/abc/milestones'],
    ['GET', '/episodes/abc/milestones/', true, '/episodes/abc/milestones'],
    ['GET', '/users', true, '/users'],
    ['POST', '/referrals/abc', true, null],
    ['GET', '/referrals/abc', false, null],
    ['GET', '/notifications', true, null],
    ['GET', '/notifications?after=x', true, null],
    ['GET', '/sign-in', true, null],
    ['GET', '/invitation/secret', true, null],
    ['GET', '/health/ready', true, null],
    ['GET', '/session', true, null],
    ['GET', '//evil.example.com/x', true, null],
  ])('%s %s (signed in: %s) → %s', (method, url, signedIn, expected) => {
    expect(notificationPageOf(method, url, signedIn)).toBe(expected);
  });
});
