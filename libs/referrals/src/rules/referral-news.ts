import { ReferralStatus } from '../referral-enums';

/**
 * What is new on a referral for one person, from their unread notices about it: pure, no framework imports. The
 * notices themselves are the notifications feature's; the referrals feature reads back only its own keys
 * (`referral:<id>:v<version>:<user>` for a move, `referral-message:<id>:<user>` for a message) and says what they
 * mean: the other side's move by the status it led to, for the reader's side.
 */
export enum ReferralNews {
  /** Sent, and not yet opened. */
  NEW = 'NEW',
  /** Sent again with the information the partner asked for. */
  INFORMATION_GIVEN = 'INFORMATION_GIVEN',
  /** Withdrawn by the youth justice service. */
  WITHDRAWN = 'WITHDRAWN',
  /** A confirmed placement or place fell through. */
  FELL_THROUGH = 'FELL_THROUGH',
  /** The partner answered (acknowledged, asked for information, offered, confirmed or declined). */
  ANSWERED = 'ANSWERED',
  /** A message in the thread, and no move since it was last opened. */
  NEW_MESSAGE = 'NEW_MESSAGE',
}

export interface NewsFacts {
  /** The reader's side of the referral: the partner it is addressed to, or the service that made it. */
  side: 'PARTNER' | 'YJS';
  /** Dedupe keys of the person's unread notices about this referral. */
  unreadKeys: readonly string[];
  status: ReferralStatus;
  /** The status the referral was in before its last move (null for a draft never moved). */
  lastFromStatus: ReferralStatus | null;
}

export function referralNews(facts: NewsFacts): ReferralNews | null {
  const move = facts.unreadKeys.some((k) => k.startsWith('referral:'));
  const message = facts.unreadKeys.some((k) => k.startsWith('referral-message:'));
  const news = move ? (facts.side === 'PARTNER' ? partnerNews(facts) : serviceNews(facts.status)) : null;
  return news ?? (message ? ReferralNews.NEW_MESSAGE : null);
}

/**
 * The other side's move, told by the status it led to. Once the reader's own side has moved since (a colleague dealt
 * with it), the move is no longer news for the organisation.
 */
function partnerNews(facts: NewsFacts): ReferralNews | null {
  switch (facts.status) {
    case ReferralStatus.SENT:
      return facts.lastFromStatus === ReferralStatus.INFORMATION_REQUESTED
        ? ReferralNews.INFORMATION_GIVEN
        : ReferralNews.NEW;
    case ReferralStatus.WITHDRAWN:
      return ReferralNews.WITHDRAWN;
    case ReferralStatus.FELL_THROUGH:
      return ReferralNews.FELL_THROUGH;
    default:
      return null;
  }
}

function serviceNews(status: ReferralStatus): ReferralNews | null {
  switch (status) {
    case ReferralStatus.ACKNOWLEDGED:
    case ReferralStatus.INFORMATION_REQUESTED:
    case ReferralStatus.OFFERED:
    case ReferralStatus.CONFIRMED:
    case ReferralStatus.DECLINED:
      return ReferralNews.ANSWERED;
    case ReferralStatus.FELL_THROUGH:
      return ReferralNews.FELL_THROUGH;
    default:
      return null;
  }
}
