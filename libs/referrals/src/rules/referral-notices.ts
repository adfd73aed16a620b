import { ReferralStatus, ReferralType } from '../referral-enums';
import { ReferralMove } from './referral-transitions';

/**
 * Who is told about a referral, and in what words: pure, no framework imports. A move is news for the other side:
 * a referral sent (or sent again, or withdrawn) for the partner; the partner's answers for the youth justice
 * service. Notices are emailed, and email leaves the service, so they name the child by initials only.
 */
export type NoticeAudience = 'PARTNER' | 'YJS';

export interface ReferralNotice {
  to: NoticeAudience;
  title: string;
  body: string;
}

const NOUN: Record<ReferralType, string> = {
  [ReferralType.ACCOMMODATION]: 'Accommodation referral',
  [ReferralType.EDUCATION]: 'Education referral',
  [ReferralType.HEALTH]: 'Health referral',
};

/** The notice of a move, or null when it is nobody else's news. `wasSent`: the partner had it before this move. */
export function moveNotice(
  move: ReferralMove,
  referral: { type: ReferralType; fromStatus: ReferralStatus },
  initials: string,
  wasSent: boolean,
): ReferralNotice | null {
  const noun = `${NOUN[referral.type]} for ${initials}`;
  switch (move) {
    case ReferralMove.SEND:
      return referral.fromStatus === ReferralStatus.INFORMATION_REQUESTED
        ? {
            to: 'PARTNER',
            title: `${noun}: information given, sent again`,
            body: 'The youth justice service has answered and sent the referral back to you.',
          }
        : {
            to: 'PARTNER',
            title: `New ${noun.charAt(0).toLowerCase()}${noun.slice(1)}`,
            body: 'A youth justice service has sent your organisation a referral.',
          };
    case ReferralMove.ACKNOWLEDGE:
      return { to: 'YJS', title: `${noun}: acknowledged`, body: 'The partner has acknowledged the referral.' };
    case ReferralMove.REQUEST_INFORMATION:
      return {
        to: 'YJS',
        title: `${noun}: more information asked for`,
        body: 'The partner needs more information before it can go on. Answer in the thread, then send the referral again.',
      };
    case ReferralMove.OFFER:
      return { to: 'YJS', title: `${noun}: offer made`, body: 'The partner has made an offer.' };
    case ReferralMove.CONFIRM:
      return { to: 'YJS', title: `${noun}: confirmed`, body: 'The partner has confirmed. The pathway is arranged.' };
    case ReferralMove.DECLINE:
      return {
        to: 'YJS',
        title: `${noun}: declined`,
        body: 'The partner has declined the referral. Read their reason and look elsewhere in time.',
      };
    case ReferralMove.WITHDRAW:
      // A draft never reached the partner: withdrawing it is nobody else's news.
      return wasSent
        ? { to: 'PARTNER', title: `${noun}: withdrawn`, body: 'The youth justice service has withdrawn the referral.' }
        : null;
    case ReferralMove.FELL_THROUGH:
      return null; // Either side may record it: see fellThroughNotice.
  }
}

/** A confirmed placement fell through: the side that did not record it must know at once. */
export function fellThroughNotice(type: ReferralType, initials: string, recordedBy: NoticeAudience): ReferralNotice {
  return {
    to: recordedBy === 'YJS' ? 'PARTNER' : 'YJS',
    title: `${NOUN[type]} for ${initials}: fell through`,
    body: 'The confirmed placement or place has fallen through. The pathway is open again.',
  };
}

/** A message in the thread is news for the other side. */
export function messageNotice(type: ReferralType, initials: string, author: NoticeAudience): ReferralNotice {
  return {
    to: author === 'YJS' ? 'PARTNER' : 'YJS',
    title: `${NOUN[type]} for ${initials}: new message`,
    body: 'There is a new message in the referral’s thread.',
  };
}

/** "J.E." from the name the summary carries. */
export function initialsOf(givenName: string | null | undefined, familyName: string | null | undefined): string {
  const letters = [givenName, familyName].map((n) => n?.trim().charAt(0).toUpperCase()).filter(Boolean);
  return letters.length ? `${letters.join('.')}.` : 'a child';
}
