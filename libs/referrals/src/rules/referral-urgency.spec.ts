import { ReferralStatus as S } from '../referral-enums';
import { ReferralUrgency as U, referralUrgency } from './referral-urgency';

const today = '2026-12-01';

describe('referralUrgency', () => {
  it.each<[S, string | null, string | null, U, string]>([
    // status, deadline due, milestone status, expected, why
    [S.CONFIRMED, '2026-11-01', 'MISSED', U.DONE, 'confirmed is done, even after a missed deadline'],
    [S.DECLINED, '2026-12-30', 'PENDING', U.CLOSED, 'declined'],
    [S.WITHDRAWN, null, null, U.CLOSED, 'withdrawn'],
    [S.FELL_THROUGH, '2026-12-05', 'PENDING', U.CLOSED, 'fell through: a new referral is needed'],
    [S.SENT, '2026-12-31', 'PENDING', U.ON_TRACK, '30 days left'],
    [S.SENT, '2026-12-16', 'PENDING', U.ON_TRACK, '15 days left'],
    [S.ACKNOWLEDGED, '2026-12-15', 'PENDING', U.DUE_SOON, 'exactly 14 days left'],
    [S.INFORMATION_REQUESTED, '2026-12-01', 'PENDING', U.DUE_SOON, 'due today'],
    [S.OFFERED, '2026-11-30', 'PENDING', U.OVERDUE, 'due yesterday, engine not yet run'],
    [S.SENT, '2027-03-01', 'MISSED', U.OVERDUE, 'the engine says missed (date moved later since)'],
    [S.SENT, '2026-11-01', 'MET', U.ON_TRACK, 'met by other means'],
    [S.SENT, '2026-11-01', 'WAIVED', U.ON_TRACK, 'waived by a manager'],
    [S.SENT, null, null, U.ON_TRACK, 'remand: no release date, no deadline yet'],
    [S.DRAFT, '2026-12-10', 'PENDING', U.DUE_SOON, 'a draft the case manager has not sent'],
  ])('%s, due %s (%s) → %s: %s', (status, deadlineDueDate, deadlineStatus, expected, _why) => {
    expect(referralUrgency({ status, deadlineDueDate, deadlineStatus, today })).toBe(expected);
  });
});
