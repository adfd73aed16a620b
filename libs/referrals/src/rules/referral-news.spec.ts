import { ReferralStatus as S } from '../referral-enums';
import { ReferralNews as N, referralNews } from './referral-news';

const MOVE = 'referral:r1:v3:u1';
const MESSAGE = 'referral-message:m1:u1';

describe('referralNews', () => {
  it.each([
    ['nothing unread', [], S.SENT, S.DRAFT, null],
    ['a new referral', [MOVE], S.SENT, S.DRAFT, N.NEW],
    ['sent again with the information asked for', [MOVE], S.SENT, S.INFORMATION_REQUESTED, N.INFORMATION_GIVEN],
    ['withdrawn', [MOVE], S.WITHDRAWN, S.ACKNOWLEDGED, N.WITHDRAWN],
    ['fell through', [MOVE], S.FELL_THROUGH, S.CONFIRMED, N.FELL_THROUGH],
    ['new, then acknowledged by a colleague: dealt with', [MOVE], S.ACKNOWLEDGED, S.SENT, null],
    ['new, then confirmed by a colleague, and a message', [MOVE, MESSAGE], S.CONFIRMED, S.OFFERED, N.NEW_MESSAGE],
    ['a message only', [MESSAGE], S.ACKNOWLEDGED, S.SENT, N.NEW_MESSAGE],
    ['a move and a message: the move', [MESSAGE, MOVE], S.SENT, S.DRAFT, N.NEW],
    ['a key of another feature', ['milestone:x:u1'], S.SENT, S.DRAFT, null],
  ])('for the partner: %s', (_, unreadKeys, status, lastFromStatus, expected) => {
    expect(referralNews({ side: 'PARTNER', unreadKeys, status, lastFromStatus })).toBe(expected);
  });

  it.each([
    ['acknowledged', [MOVE], S.ACKNOWLEDGED, N.ANSWERED],
    ['more information asked for', [MOVE], S.INFORMATION_REQUESTED, N.ANSWERED],
    ['an offer', [MOVE], S.OFFERED, N.ANSWERED],
    ['confirmed', [MOVE], S.CONFIRMED, N.ANSWERED],
    ['declined', [MOVE], S.DECLINED, N.ANSWERED],
    ['fell through', [MOVE], S.FELL_THROUGH, N.FELL_THROUGH],
    ['answered, then sent again by a colleague', [MOVE], S.SENT, null],
    ['a message on a draft', [MESSAGE], S.DRAFT, N.NEW_MESSAGE],
  ])('for the service: %s', (_, unreadKeys, status, expected) => {
    expect(referralNews({ side: 'YJS', unreadKeys, status, lastFromStatus: S.SENT })).toBe(expected);
  });
});
