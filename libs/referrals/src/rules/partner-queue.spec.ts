import { ReferralStatus as S } from '../referral-enums';
import { ReferralQueue as Q, referralQueue, searchableName } from './partner-queue';

describe('referralQueue', () => {
  it.each<[S, Q | null, string]>([
    [S.DRAFT, null, 'never sent: not the partner’s'],
    [S.SENT, Q.NEEDS_ACTION, 'new, or sent again with the information asked for: the partner acknowledges'],
    [S.ACKNOWLEDGED, Q.IN_PROGRESS, 'acknowledged: being worked on'],
    [S.INFORMATION_REQUESTED, Q.IN_PROGRESS, 'waiting on the youth justice service'],
    [S.OFFERED, Q.NEEDS_ACTION, 'the partner confirms its own offer'],
    [S.CONFIRMED, Q.CONFIRMED, 'arranged'],
    [S.DECLINED, Q.CLOSED, 'declined'],
    [S.WITHDRAWN, Q.CLOSED, 'withdrawn'],
    [S.FELL_THROUGH, Q.NEEDS_ACTION, 'fell through: urgent, the child still needs a placement'],
  ])('%s → %s: %s', (status, expected) => {
    expect(referralQueue(status)).toBe(expected);
  });
});

describe('searchableName', () => {
  it.each([
    ['Zoë', 'zoe'],
    ['  SÉAN   O’Brien ', 'sean o’brien'],
    ['Łukasz', 'łukasz'],
    ['chloé', 'chloe'],
  ])('%s → %s', (name, expected) => {
    expect(searchableName(name)).toBe(expected);
  });
});
