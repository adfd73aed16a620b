import { ReferralStatus, ReferralType } from '../referral-enums';

/**
 * The referral state machine, pure (no framework imports). Each move names the statuses it may be made from, the
 * status it leads to, and the side it belongs to: the youth justice service that made the referral (YJS), the
 * partner it is addressed to (PARTNER), or EITHER.
 *
 *   DRAFT → SENT → ACKNOWLEDGED → (INFORMATION_REQUESTED ↔ SENT) → OFFERED → CONFIRMED | DECLINED | WITHDRAWN
 *   CONFIRMED → FELL_THROUGH
 */
export enum ReferralMove {
  SEND = 'SEND',
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  REQUEST_INFORMATION = 'REQUEST_INFORMATION',
  OFFER = 'OFFER',
  CONFIRM = 'CONFIRM',
  DECLINE = 'DECLINE',
  WITHDRAW = 'WITHDRAW',
  FELL_THROUGH = 'FELL_THROUGH',
}

type MoveSide = 'YJS' | 'PARTNER' | 'EITHER';

export interface MoveRule {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  side: MoveSide;
  /** Words for error messages: "cannot be <verb>". */
  verb: string;
}

const S = ReferralStatus;
const OPEN_AFTER_SENT = [S.SENT, S.ACKNOWLEDGED, S.INFORMATION_REQUESTED, S.OFFERED] as const;

export const REFERRAL_MOVES: Readonly<Record<ReferralMove, MoveRule>> = {
  [ReferralMove.SEND]: { from: [S.DRAFT, S.INFORMATION_REQUESTED], to: S.SENT, side: 'YJS', verb: 'sent' },
  [ReferralMove.ACKNOWLEDGE]: { from: [S.SENT], to: S.ACKNOWLEDGED, side: 'PARTNER', verb: 'acknowledged' },
  [ReferralMove.REQUEST_INFORMATION]: {
    from: [S.SENT, S.ACKNOWLEDGED],
    to: S.INFORMATION_REQUESTED,
    side: 'PARTNER',
    verb: 'asked for more information',
  },
  [ReferralMove.OFFER]: { from: [S.ACKNOWLEDGED], to: S.OFFERED, side: 'PARTNER', verb: 'offered' },
  // The partner confirms its own offer once the placement or place is secured.
  [ReferralMove.CONFIRM]: { from: [S.OFFERED], to: S.CONFIRMED, side: 'PARTNER', verb: 'confirmed' },
  [ReferralMove.DECLINE]: { from: OPEN_AFTER_SENT, to: S.DECLINED, side: 'PARTNER', verb: 'declined' },
  [ReferralMove.WITHDRAW]: { from: [S.DRAFT, ...OPEN_AFTER_SENT], to: S.WITHDRAWN, side: 'YJS', verb: 'withdrawn' },
  // Either side may learn that a confirmed placement fell through.
  [ReferralMove.FELL_THROUGH]: {
    from: [S.CONFIRMED],
    to: S.FELL_THROUGH,
    side: 'EITHER',
    verb: 'marked as fallen through',
  },
};

export type MoveCheck =
  { ok: true; to: ReferralStatus } | { ok: false; reason: 'ILLEGAL' | 'WRONG_SIDE'; message: string };

/**
 * Whether `move` may be made now, by someone acting for `sides` (an illegal move is refused before the side is
 * considered).
 */
export function checkReferralMove(
  status: ReferralStatus,
  move: ReferralMove,
  sides: readonly ('YJS' | 'PARTNER')[],
): MoveCheck {
  const rule = REFERRAL_MOVES[move];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      reason: 'ILLEGAL',
      message: `A ${status} referral cannot be ${rule.verb}: only a referral that is ${rule.from.join(' or ')} can be`,
    };
  }
  const sideOk = rule.side === 'EITHER' ? sides.length > 0 : sides.includes(rule.side);
  if (!sideOk) {
    const whose =
      rule.side === 'YJS' ? 'the youth justice service that made it' : 'the organisation it is addressed to';
    return { ok: false, reason: 'WRONG_SIDE', message: `Only ${whose} may do this` };
  }
  return { ok: true, to: rule.to };
}

/**
 * The youth justice service may still change what a referral says: before it is sent, and while information is asked
 * for.
 */
export const EDITABLE_STATUSES = [ReferralStatus.DRAFT, ReferralStatus.INFORMATION_REQUESTED] as const;

/** Which organisation types a referral of each type may be addressed to. */
export const ORGANISATION_TYPE_FOR: Readonly<Record<ReferralType, string>> = {
  [ReferralType.ACCOMMODATION]: 'LOCAL_AUTHORITY',
  [ReferralType.EDUCATION]: 'EDUCATION_PROVIDER',
  [ReferralType.HEALTH]: 'HEALTH_PROVIDER',
};

/** Which pathways of the plan a referral of each type may be made from. */
export const PATHWAYS_FOR: Readonly<Record<ReferralType, readonly string[]>> = {
  [ReferralType.ACCOMMODATION]: ['ACCOMMODATION'],
  [ReferralType.EDUCATION]: ['EDUCATION_TRAINING_EMPLOYMENT'],
  [ReferralType.HEALTH]: ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'SPEECH_LANGUAGE_COMMUNICATION'],
};
