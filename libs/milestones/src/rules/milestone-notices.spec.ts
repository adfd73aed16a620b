import { milestoneNoticeKey, milestoneNoticePrefix, parseMilestoneNoticeKey } from './milestone-notices';

const M = '11111111-2222-4333-8444-555555555555';
const U = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('milestone notice keys', () => {
  it.each([
    [`milestone:${M}:2026-12-04:reminder:1:${U}`, { kind: 'REMINDER', step: 1, dueDate: '2026-12-04' }],
    [`milestone:${M}:2026-12-04:reminder:2:${U}`, { kind: 'REMINDER', step: 2, dueDate: '2026-12-04' }],
    [`milestone:${M}:2027-01-06:escalation:3:${U}`, { kind: 'ESCALATION', step: 3, dueDate: '2027-01-06' }],
  ])('reads %s', (key, expected) => {
    expect(parseMilestoneNoticeKey(key)).toEqual({ milestoneId: M, recipientUserId: U, ...expected });
  });

  it.each([
    ['another feature’s key', `referral:${M}:sent:${U}`],
    ['an unknown step', `milestone:${M}:2026-12-04:digest:1:${U}`],
    ['no recipient', `milestone:${M}:2026-12-04:reminder:1:`],
    ['a date that is not one', `milestone:${M}:soon:reminder:1:${U}`],
    ['something after the recipient', `milestone:${M}:2026-12-04:reminder:1:${U}:x`],
  ])('refuses %s', (_what, key) => {
    expect(parseMilestoneNoticeKey(key)).toBeNull();
  });

  it('makes the keys it reads, under the milestone’s prefix', () => {
    for (const kind of ['REMINDER', 'ESCALATION'] as const) {
      const notice = { milestoneId: M, dueDate: '2026-12-04', kind, step: 2, recipientUserId: U };
      const key = milestoneNoticeKey(notice);
      expect(key.startsWith(milestoneNoticePrefix(M))).toBe(true);
      expect(parseMilestoneNoticeKey(key)).toEqual(notice);
    }
  });
});
