import { ReferralStatus as S, ReferralType } from '../referral-enums';
import {
  checkReferralMove,
  ORGANISATION_TYPE_FOR,
  PATHWAYS_FOR,
  REFERRAL_MOVES,
  ReferralMove as M,
} from './referral-transitions';

describe('referral transitions', () => {
  // Every (status, move) pair, written out: the status it leads to, or null when the move is illegal from there.
  const TABLE: Record<S, Partial<Record<M, S>>> = {
    [S.DRAFT]: { [M.SEND]: S.SENT, [M.WITHDRAW]: S.WITHDRAWN },
    [S.SENT]: {
      [M.ACKNOWLEDGE]: S.ACKNOWLEDGED,
      [M.REQUEST_INFORMATION]: S.INFORMATION_REQUESTED,
      [M.DECLINE]: S.DECLINED,
      [M.WITHDRAW]: S.WITHDRAWN,
    },
    [S.ACKNOWLEDGED]: {
      [M.REQUEST_INFORMATION]: S.INFORMATION_REQUESTED,
      [M.OFFER]: S.OFFERED,
      [M.DECLINE]: S.DECLINED,
      [M.WITHDRAW]: S.WITHDRAWN,
    },
    [S.INFORMATION_REQUESTED]: { [M.SEND]: S.SENT, [M.DECLINE]: S.DECLINED, [M.WITHDRAW]: S.WITHDRAWN },
    [S.OFFERED]: { [M.CONFIRM]: S.CONFIRMED, [M.DECLINE]: S.DECLINED, [M.WITHDRAW]: S.WITHDRAWN },
    [S.CONFIRMED]: { [M.FELL_THROUGH]: S.FELL_THROUGH },
    [S.DECLINED]: {},
    [S.WITHDRAWN]: {},
    [S.FELL_THROUGH]: {},
  };
  const SIDE: Record<M, 'YJS' | 'PARTNER' | 'EITHER'> = {
    [M.SEND]: 'YJS',
    [M.ACKNOWLEDGE]: 'PARTNER',
    [M.REQUEST_INFORMATION]: 'PARTNER',
    [M.OFFER]: 'PARTNER',
    [M.CONFIRM]: 'PARTNER',
    [M.DECLINE]: 'PARTNER',
    [M.WITHDRAW]: 'YJS',
    [M.FELL_THROUGH]: 'EITHER',
  };
  const cells = Object.values(S).flatMap((status) =>
    Object.values(M).map((move) => [status, move, TABLE[status][move] ?? null] as const),
  );

  it.each(cells)('%s + %s → %s', (status, move, expected) => {
    const both = checkReferralMove(status, move, ['YJS', 'PARTNER']);
    if (expected === null) {
      expect(both).toMatchObject({ ok: false, reason: 'ILLEGAL' });
      if (!both.ok) expect(both.message).toContain(`A ${status} referral cannot be`);
    } else {
      expect(both).toEqual({ ok: true, to: expected });
    }
  });

  it.each(Object.values(M))('%s belongs to the right side', (move) => {
    expect(REFERRAL_MOVES[move].side).toBe(SIDE[move]);
    const from = REFERRAL_MOVES[move].from[0];
    const yjs = checkReferralMove(from, move, ['YJS']);
    const partner = checkReferralMove(from, move, ['PARTNER']);
    expect(yjs.ok).toBe(SIDE[move] !== 'PARTNER');
    expect(partner.ok).toBe(SIDE[move] !== 'YJS');
    expect(checkReferralMove(from, move, [])).toMatchObject({ ok: false, reason: 'WRONG_SIDE' });
  });

  it('an illegal move is named clearly, before the side is considered', () => {
    expect(checkReferralMove(S.DRAFT, M.CONFIRM, ['YJS'])).toEqual({
      ok: false,
      reason: 'ILLEGAL',
      message: 'A DRAFT referral cannot be confirmed: only a referral that is OFFERED can be',
    });
  });

  it('each type goes to the right kind of organisation, from the right pathways', () => {
    expect(ORGANISATION_TYPE_FOR).toEqual({
      [ReferralType.ACCOMMODATION]: 'LOCAL_AUTHORITY',
      [ReferralType.EDUCATION]: 'EDUCATION_PROVIDER',
      [ReferralType.HEALTH]: 'HEALTH_PROVIDER',
    });
    expect(PATHWAYS_FOR[ReferralType.ACCOMMODATION]).toEqual(['ACCOMMODATION']);
    expect(PATHWAYS_FOR[ReferralType.HEALTH]).toContain('MENTAL_HEALTH');
  });
});
