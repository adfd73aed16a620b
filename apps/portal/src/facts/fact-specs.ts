import { Capability, mayPerform, Role } from '@resettle/access';
import { todayIso } from '@resettle/common';
import { healthPathwaysNeedingHandover } from '@resettle/milestones';
import { currentAddress } from '@resettle/planning';
import { dateFromParts } from '../forms/date-input';
import { govukDate } from '../http/view-filters';
import { PATHWAY_LABELS } from '../plans/plan-labels';
import { AccommodationArrangementForm, ChildToldForm, EtePlacementForm, HealthHandoverForm } from './fact-forms';

/** What a fact's pages need of the episode: the child, the release date, and the plan's facts so far. */
export const FACT_CONTEXT = `query($id: ID!) {
  me { roles organisationId }
  custodialEpisode(id: $id) { id expectedReleaseDate daysToRelease
    child { givenName familyName preferredName }
    supervisingService { id name }
    resettlementPlan { id
      pathways { type needLevel }
      accommodationArrangements { id address startDate createdAt }
      referrals { id type status offerAddressOrPlace offerStartDate confirmedAt }
      etePlacements { provider startDate hoursPerWeek }
      healthHandovers { pathwayType receivingProvider firstAppointmentOn } } } }`;

interface PlanFacts {
  id: string;
  pathways: { type: string; needLevel: string | null }[];
  accommodationArrangements: { id: string; address: string; startDate: string; createdAt: string }[] | null;
  referrals: {
    id: string;
    type: string;
    status: string;
    offerAddressOrPlace: string | null;
    offerStartDate: string | null;
    confirmedAt: string | null;
  }[];
  etePlacements: { provider: string; startDate: string; hoursPerWeek: number }[] | null;
  healthHandovers: { pathwayType: string; receivingProvider: string; firstAppointmentOn: string }[] | null;
}

export interface FactEpisode {
  id: string;
  expectedReleaseDate: string | null;
  daysToRelease: number | null;
  child: { givenName: string; familyName: string; preferredName: string | null };
  supervisingService: { id: string; name: string };
  resettlementPlan: PlanFacts | null;
}

export interface Me {
  roles: string[];
  organisationId: string;
}

/** An address confirmed for the child: an accommodation arrangement or a confirmed accommodation referral. */
interface ConfirmedAddressView {
  id: string;
  address: string;
  startDate: string;
  confirmedAt: Date;
}

/**
 * The address the child is to be told now: the api's own rule (planning's `currentAddress`) over the arrangements
 * and confirmed accommodation referrals the page read; null when none is confirmed.
 */
export function addressToTell(plan: Pick<PlanFacts, 'accommodationArrangements' | 'referrals'>) {
  const addresses: ConfirmedAddressView[] = [
    ...(plan.accommodationArrangements ?? []).map((a) => ({
      id: a.id,
      address: a.address,
      startDate: a.startDate,
      confirmedAt: new Date(a.createdAt),
    })),
    ...plan.referrals
      .filter((r) => r.type === 'ACCOMMODATION' && r.status === 'CONFIRMED')
      .filter((r) => r.offerAddressOrPlace && r.offerStartDate && r.confirmedAt)
      .map((r) => ({
        id: r.id,
        address: r.offerAddressOrPlace!,
        startDate: r.offerStartDate!,
        confirmedAt: new Date(r.confirmedAt!),
      })),
  ];
  return currentAddress(addresses, todayIso);
}

/** The health pathways a handover is needed for (the deadline's own rule), with whether one is recorded yet. */
export function healthChoices(plan: Pick<PlanFacts, 'pathways' | 'healthHandovers'>) {
  return healthPathwaysNeedingHandover(
    plan.pathways.map((p) => ({ type: p.type, needLevel: p.needLevel }) as never),
  ).map((type) => ({
    type,
    label: PATHWAY_LABELS[type],
    handedOver: (plan.healthHandovers ?? []).some((h) => h.pathwayType === type),
  }));
}

/**
 * Whether the "Record …" links are for this person: the mutations' `@Allow(CHANGE_PLAN)` on their roles (from `me`),
 * and the record rule that only the child's supervising youth justice service changes the plan. The api still
 * decides every record.
 */
export function mayRecordFacts(me: Me | undefined, episode: { supervisingService: { id: string } }): boolean {
  return (
    !!me &&
    mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_PLAN) &&
    me.organisationId === episode.supervisingService.id
  );
}

const FACT_KEYS = ['accommodation-arrangement', 'child-told', 'ete-placement', 'health-handover'] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export function isFactKey(value: string): value is FactKey {
  return (FACT_KEYS as readonly string[]).includes(value);
}

/** The plan page's links: one per fact, in the order the deadlines fall. */
export const FACT_LINKS: { key: FactKey; text: string }[] = [
  { key: 'accommodation-arrangement', text: 'Record where the child will live (no referral needed)' },
  { key: 'child-told', text: 'Record that the child was told where they will live' },
  { key: 'ete-placement', text: 'Record the education, training or work place' },
  { key: 'health-handover', text: 'Record a health handover' },
];

export const KIND_LABELS: Record<string, string> = {
  FAMILY_HOME: 'Family home (parent or carer)',
  RELATIVE_OR_FRIEND: 'A relative or family friend',
  FOSTER_CARE: 'Foster care',
  CHILDRENS_HOME: 'Children’s home',
  SUPPORTED_ACCOMMODATION: 'Supported accommodation',
  OTHER: 'Somewhere else',
};

export const TOLD_HOW_LABELS: Record<string, string> = {
  IN_PERSON: 'In person',
  VIDEO_CALL: 'Video call',
  PHONE: 'Phone',
  LETTER: 'Letter',
};

export const SEEN_LABELS: Record<string, string> = {
  yes: 'Yes, they have visited it or seen it',
  no: 'No, not yet',
  unknown: 'Not known',
};

type Values = Record<string, string>;
type Row = { key: string; value: string };

/** One fact's pages: its words, its form, its mutation and what the check step and the banner say. */
export interface FactSpec {
  title: string;
  /** The deadline it meets, as the plan page calls it. */
  meets: string;
  button: string;
  form: new () => object;
  mutation: string;
  /** The field the api's refusal goes against when it names none the form has. */
  firstField: string;
  /** The form's field for an input path the api names (`input.startDate` → `startDateDay`). */
  fieldOf: Record<string, string>;
  input(planId: string, v: Values): Record<string, unknown>;
  rows(v: Values, extra: { address?: string | null }): Row[];
  done(v: Values): string;
}

const date = (v: Values, prefix: string) => dateFromParts(v[`${prefix}Day`], v[`${prefix}Month`], v[`${prefix}Year`]);

export const FACTS: Record<FactKey, FactSpec> = {
  'accommodation-arrangement': {
    title: 'Record where the child will live',
    meets: 'Accommodation confirmed',
    button: 'Record where the child will live',
    form: AccommodationArrangementForm,
    mutation: `mutation($input: RecordAccommodationArrangementInput!) { recordAccommodationArrangement(input: $input) { id } }`,
    firstField: 'address',
    fieldOf: {
      address: 'address',
      startDate: 'startDateDay',
      kind: 'kind',
      livingWith: 'livingWith',
      confirmedBy: 'confirmedBy',
    },
    input: (planId, v) => ({
      planId,
      address: v.address,
      startDate: date(v, 'startDate'),
      kind: v.kind,
      livingWith: v.livingWith,
      confirmedBy: v.confirmedBy,
    }),
    rows: (v) => [
      { key: 'Address', value: v.address },
      { key: 'Lives there from', value: govukDate(date(v, 'startDate')) },
      { key: 'Kind of home', value: KIND_LABELS[v.kind] },
      { key: 'Lives with', value: v.livingWith },
      { key: 'Confirmed by', value: v.confirmedBy },
    ],
    done: (v) => `Where the child will live is recorded: ${v.address.replace(/\s*\n\s*/g, ', ')}`,
  },
  'child-told': {
    title: 'Record that the child was told where they will live',
    meets: 'Child told where they will live',
    button: 'Record that the child was told',
    form: ChildToldForm,
    mutation: `mutation($input: RecordChildToldWhereLivingInput!) { recordChildToldWhereLiving(input: $input) { id } }`,
    firstField: 'toldOnDay',
    fieldOf: { toldOn: 'toldOnDay', toldBy: 'toldBy', how: 'how', hasSeenIt: 'hasSeenIt' },
    input: (planId, v) => ({
      planId,
      toldOn: date(v, 'toldOn'),
      toldBy: v.toldBy,
      how: v.how,
      hasSeenIt: v.hasSeenIt === 'yes' ? true : v.hasSeenIt === 'no' ? false : null,
    }),
    rows: (v, { address }) => [
      { key: 'The address they were told', value: address ?? '' },
      { key: 'Told on', value: govukDate(date(v, 'toldOn')) },
      { key: 'Told by', value: v.toldBy },
      { key: 'How', value: TOLD_HOW_LABELS[v.how] },
      { key: 'Has seen the place', value: SEEN_LABELS[v.hasSeenIt || 'unknown'] },
    ],
    done: (v) => `The child being told where they will live is recorded (told on ${govukDate(date(v, 'toldOn'))})`,
  },
  'ete-placement': {
    title: 'Record the education, training or work place',
    meets: 'Education, training or work place confirmed',
    button: 'Record the place',
    form: EtePlacementForm,
    mutation: `mutation($input: RecordEtePlacementInput!) { recordEtePlacement(input: $input) { id } }`,
    firstField: 'provider',
    fieldOf: {
      provider: 'provider',
      startDate: 'startDateDay',
      hoursPerWeek: 'hoursPerWeek',
      confirmedBy: 'confirmedBy',
    },
    input: (planId, v) => ({
      planId,
      provider: v.provider,
      startDate: date(v, 'startDate'),
      hoursPerWeek: Number(v.hoursPerWeek),
      confirmedBy: v.confirmedBy,
    }),
    rows: (v) => [
      { key: 'School, college, training provider or employer', value: v.provider },
      { key: 'First day', value: govukDate(date(v, 'startDate')) },
      { key: 'Hours a week', value: String(v.hoursPerWeek) },
      { key: 'Confirmed by', value: v.confirmedBy },
    ],
    done: (v) => `The education, training or work place is recorded: ${v.provider}`,
  },
  'health-handover': {
    title: 'Record a health handover',
    meets: 'Health handover arranged',
    button: 'Record the handover',
    form: HealthHandoverForm,
    mutation: `mutation($input: RecordHealthHandoverInput!) { recordHealthHandover(input: $input) { id } }`,
    firstField: 'receivingProvider',
    fieldOf: {
      pathwayType: 'pathwayType',
      receivingProvider: 'receivingProvider',
      firstAppointmentOn: 'firstAppointmentOnDay',
    },
    input: (planId, v) => ({
      planId,
      pathwayType: v.pathwayType,
      receivingProvider: v.receivingProvider,
      firstAppointmentOn: date(v, 'firstAppointmentOn'),
    }),
    rows: (v) => [
      { key: 'Health need', value: PATHWAY_LABELS[v.pathwayType] },
      { key: 'Taken on by', value: v.receivingProvider },
      { key: 'First appointment', value: govukDate(date(v, 'firstAppointmentOn')) },
    ],
    done: (v) =>
      `The ${PATHWAY_LABELS[v.pathwayType].toLowerCase()} handover is recorded: ${v.receivingProvider}, first appointment ${govukDate(date(v, 'firstAppointmentOn'))}`,
  },
};
