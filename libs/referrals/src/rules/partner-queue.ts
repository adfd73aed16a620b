import { ReferralStatus } from '../referral-enums';

/**
 * Which tab of the partner's inbox a referral belongs in, pure (no framework imports). It follows whose move it is
 * in the state machine (`referral-transitions.ts`):
 * - NEEDS_ACTION: the move is the partner's and nothing has been said yet: SENT (new and not acknowledged, or sent
 *   again with the information the partner asked for: INFORMATION_REQUESTED → SENT), and OFFERED (the partner
 *   confirms its own offer once the placement or place is secured), and FELL_THROUGH (the placement it confirmed
 *   has gone and the child still needs one: the portal tags it Urgent, never closed, until the service refers again).
 * - IN_PROGRESS: acknowledged and being worked on (ACKNOWLEDGED), or waiting on the youth justice service
 *   (INFORMATION_REQUESTED).
 * - CONFIRMED: arranged.
 * - CLOSED: nothing more will happen (DECLINED, WITHDRAWN).
 * A DRAFT is never a partner's (it has not been sent).
 */
export enum ReferralQueue {
  NEEDS_ACTION = 'NEEDS_ACTION',
  IN_PROGRESS = 'IN_PROGRESS',
  CONFIRMED = 'CONFIRMED',
  CLOSED = 'CLOSED',
}

const S = ReferralStatus;

export const QUEUE_STATUSES: Readonly<Record<ReferralQueue, readonly ReferralStatus[]>> = {
  [ReferralQueue.NEEDS_ACTION]: [S.SENT, S.OFFERED, S.FELL_THROUGH],
  [ReferralQueue.IN_PROGRESS]: [S.ACKNOWLEDGED, S.INFORMATION_REQUESTED],
  [ReferralQueue.CONFIRMED]: [S.CONFIRMED],
  [ReferralQueue.CLOSED]: [S.DECLINED, S.WITHDRAWN],
};

export function referralQueue(status: ReferralStatus): ReferralQueue | null {
  const found = (Object.keys(QUEUE_STATUSES) as ReferralQueue[]).find((q) => QUEUE_STATUSES[q].includes(status));
  return found ?? null;
}

/**
 * A name as the inbox search compares it: lower case, without accents (é → e), spaces squeezed. The SQL side
 * does the same to the child's names (`normalize(…, NFD)` and the combining marks removed).
 */
export function searchableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
