import type { ReferralType } from '@resettle/referrals';
import { PATHWAYS_FOR, REFERRAL_MOVES, ReferralMove } from '@resettle/referrals';
import { OfferForm, offerStartDate, ReasonForm, RequestInformationForm, VersionedForm } from '../forms/portal-forms';

/**
 * What a person can do to a referral in the portal: each action is one move of the referral state machine
 * (`libs/referrals/src/rules/referral-transitions.ts`, the api's own rule), so the portal never offers a move the
 * api would refuse, and never decides one the api has not.
 */
export type ActionKey =
  'acknowledge' | 'request-information' | 'offer' | 'confirm' | 'decline' | 'send' | 'withdraw' | 'fell-through';

export interface ReferralAction {
  move: ReferralMove;
  mutation: string;
  inputType: string;
  /** The form class of an action that asks for something; null for a button alone. */
  form: (new () => VersionedForm) | null;
  /** The api input from the validated form. */
  input: (referralId: string, form: any) => Record<string, unknown>;
  label: (type: string) => string;
  done: string;
  /** A warning-coloured button (decline, withdraw). */
  warning?: boolean;
  /** Checked on a page of its own before the move is made (an offer, a confirmation). */
  check?: boolean;
}

const moveInput = (referralId: string, form: VersionedForm) => ({ referralId, expectedVersion: form.expectedVersion });
const reasonInput = (referralId: string, form: ReasonForm) => ({
  referralId,
  expectedVersion: form.expectedVersion,
  reason: form.reason,
});

export const REFERRAL_ACTIONS: Record<ActionKey, ReferralAction> = {
  acknowledge: {
    move: ReferralMove.ACKNOWLEDGE,
    mutation: 'acknowledgeReferral',
    inputType: 'ReferralMoveInput',
    form: null,
    input: moveInput,
    label: () => 'Acknowledge referral',
    done: 'Referral acknowledged',
  },
  'request-information': {
    move: ReferralMove.REQUEST_INFORMATION,
    mutation: 'requestReferralInformation',
    inputType: 'RequestReferralInformationInput',
    form: RequestInformationForm,
    input: (referralId, form: RequestInformationForm) => ({
      referralId,
      expectedVersion: form.expectedVersion,
      note: form.note,
    }),
    label: () => 'Ask for more information',
    done: 'You asked the youth justice service for more information',
  },
  offer: {
    move: ReferralMove.OFFER,
    mutation: 'offerReferral',
    inputType: 'OfferReferralInput',
    form: OfferForm,
    input: (referralId, form: OfferForm) => ({
      referralId,
      expectedVersion: form.expectedVersion,
      offer: {
        addressOrPlace: form.addressOrPlace,
        placementType: form.placementType,
        provider: form.provider,
        startDate: offerStartDate(form),
      },
    }),
    label: (type) => (type === 'ACCOMMODATION' ? 'Offer a placement' : 'Offer a place'),
    done: 'Offer made',
    check: true,
  },
  confirm: {
    move: ReferralMove.CONFIRM,
    mutation: 'confirmReferral',
    inputType: 'ReferralMoveInput',
    form: null,
    input: moveInput,
    label: (type) => (type === 'ACCOMMODATION' ? 'Confirm the address' : 'Confirm the place'),
    done: 'Confirmed: the pathway is now arranged',
    check: true,
  },
  decline: {
    move: ReferralMove.DECLINE,
    mutation: 'declineReferral',
    inputType: 'ReferralReasonInput',
    form: ReasonForm,
    input: reasonInput,
    label: () => 'Decline referral',
    done: 'Referral declined',
    warning: true,
  },
  send: {
    move: ReferralMove.SEND,
    mutation: 'sendReferral',
    inputType: 'ReferralMoveInput',
    form: null,
    input: moveInput,
    label: () => 'Send referral',
    done: 'Referral sent',
  },
  withdraw: {
    move: ReferralMove.WITHDRAW,
    mutation: 'withdrawReferral',
    inputType: 'ReferralReasonInput',
    form: ReasonForm,
    input: reasonInput,
    label: () => 'Withdraw referral',
    done: 'Referral withdrawn',
    warning: true,
  },
  'fell-through': {
    move: ReferralMove.FELL_THROUGH,
    mutation: 'markReferralFellThrough',
    inputType: 'ReferralReasonInput',
    form: ReasonForm,
    input: reasonInput,
    label: (type) => (type === 'ACCOMMODATION' ? 'Report the placement fell through' : 'Report the place fell through'),
    done: 'Recorded as fallen through: the pathway is open again',
    warning: true,
  },
};

export const isActionKey = (value: string): value is ActionKey =>
  Object.prototype.hasOwnProperty.call(REFERRAL_ACTIONS, value);

/** The sides the person is on for this referral: the service that made it, the organisation it is addressed to. */
export function sidesOf(
  organisationId: string,
  referral: { fromServiceId: string; toOrganisationId: string },
): ('YJS' | 'PARTNER')[] {
  const sides: ('YJS' | 'PARTNER')[] = [];
  if (referral.fromServiceId === organisationId) sides.push('YJS');
  if (referral.toOrganisationId === organisationId) sides.push('PARTNER');
  return sides;
}

/** The actions open to this person now, in the order the page shows them. */
export function actionsFor(
  organisationId: string,
  referral: { status: string; fromServiceId: string; toOrganisationId: string },
): ActionKey[] {
  const sides = sidesOf(organisationId, referral);
  return (Object.keys(REFERRAL_ACTIONS) as ActionKey[]).filter((key) => {
    const rule = REFERRAL_MOVES[REFERRAL_ACTIONS[key].move];
    const sideOk = rule.side === 'EITHER' ? sides.length > 0 : sides.includes(rule.side);
    return sideOk && (rule.from as readonly string[]).includes(referral.status);
  });
}

/**
 * The referral a pathway can make: accommodation from ACCOMMODATION, education from ETE, health from the health ones.
 */
export function referralTypeFor(pathwayType: string): ReferralType | null {
  return (Object.keys(PATHWAYS_FOR) as ReferralType[]).find((type) => PATHWAYS_FOR[type].includes(pathwayType)) ?? null;
}

/** Why an action did nothing: the referral moved on (another tab, a colleague), said with its status now. */
export function noLongerOpenMessage(actionLabel: string, statusNow: string): string {
  return `You cannot ${actionLabel.charAt(0).toLowerCase()}${actionLabel.slice(1)} now: this referral has changed since you loaded the page and is now “${statusNow}”. The page shows it as it is now.`;
}

/** The warning for an offer starting far from the release (days: positive when after it). */
export function farFromReleaseWarning(days: number, releaseDate: string): string {
  const n = Math.abs(days);
  return `The start date is ${n} day${n === 1 ? '' : 's'} ${days > 0 ? 'after' : 'before'} the expected release on ${releaseDate}. Check it is right, then offer again.`;
}
