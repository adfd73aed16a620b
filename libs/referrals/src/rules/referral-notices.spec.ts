import { ReferralStatus as S, ReferralType as T } from '../referral-enums';
import { fellThroughNotice, initialsOf, messageNotice, moveNotice } from './referral-notices';
import { ReferralMove as M } from './referral-transitions';

describe('moveNotice', () => {
  it.each<[M, S, boolean, 'PARTNER' | 'YJS' | null, string | null]>([
    // move, status before, partner had it, told, title
    [M.SEND, S.DRAFT, false, 'PARTNER', 'New accommodation referral for J.E.'],
    [
      M.SEND,
      S.INFORMATION_REQUESTED,
      true,
      'PARTNER',
      'Accommodation referral for J.E.: information given, sent again',
    ],
    [M.ACKNOWLEDGE, S.SENT, true, 'YJS', 'Accommodation referral for J.E.: acknowledged'],
    [M.REQUEST_INFORMATION, S.ACKNOWLEDGED, true, 'YJS', 'Accommodation referral for J.E.: more information asked for'],
    [M.OFFER, S.ACKNOWLEDGED, true, 'YJS', 'Accommodation referral for J.E.: offer made'],
    [M.CONFIRM, S.OFFERED, true, 'YJS', 'Accommodation referral for J.E.: confirmed'],
    [M.DECLINE, S.SENT, true, 'YJS', 'Accommodation referral for J.E.: declined'],
    [M.WITHDRAW, S.ACKNOWLEDGED, true, 'PARTNER', 'Accommodation referral for J.E.: withdrawn'],
    [M.WITHDRAW, S.DRAFT, false, null, null],
    [M.FELL_THROUGH, S.CONFIRMED, true, null, null],
  ])('%s from %s (sent before: %s) tells %s', (move, fromStatus, wasSent, to, title) => {
    const notice = moveNotice(move, { type: T.ACCOMMODATION, fromStatus }, 'J.E.', wasSent);
    expect(notice?.to ?? null).toBe(to);
    expect(notice?.title ?? null).toBe(title);
  });

  it('names the type of referral', () => {
    expect(moveNotice(M.SEND, { type: T.HEALTH, fromStatus: S.DRAFT }, 'A.B.', false)?.title).toBe(
      'New health referral for A.B.',
    );
    expect(moveNotice(M.OFFER, { type: T.EDUCATION, fromStatus: S.ACKNOWLEDGED }, 'A.B.', true)?.title).toBe(
      'Education referral for A.B.: offer made',
    );
  });
});

describe('the other notices', () => {
  it.each<['PARTNER' | 'YJS', 'PARTNER' | 'YJS']>([
    ['YJS', 'PARTNER'],
    ['PARTNER', 'YJS'],
  ])('recorded or written by %s, told to %s', (by, to) => {
    expect(fellThroughNotice(T.ACCOMMODATION, 'J.E.', by).to).toBe(to);
    expect(messageNotice(T.ACCOMMODATION, 'J.E.', by)).toMatchObject({
      to,
      title: 'Accommodation referral for J.E.: new message',
    });
  });

  it.each([
    ['Jayden', 'Example', 'J.E.'],
    [' kofi ', 'mensah', 'K.M.'],
    ['Ana', null, 'A.'],
    [null, null, 'a child'],
  ])('initials of %s %s are %s', (given, family, expected) => {
    expect(initialsOf(given, family)).toBe(expected);
  });
});
