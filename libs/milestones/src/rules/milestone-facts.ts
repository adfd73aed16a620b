import { MilestoneKey } from '../milestone-enums';

/** The planning facts milestones are met by (planning's `milestoneFacts`). */
export interface PlanFacts {
  planId: string;
  episodeId: string;
  /** HELD meetings only. */
  meetingsHeld: readonly { id: string; type: string; heldAt: Date }[];
  releaseDayPlan: { id: string; confirmedAt: Date | null } | null;
  pathways: readonly {
    id: string;
    type: string;
    status: string;
    needLevel?: string | null;
    responsibleOrganisationId: string | null;
    childView: string | null;
    updatedAt: Date;
  }[];
  /**
   * Confirmed accommodation referrals and accommodation arrangements; `confirmedOn` is the London day of `confirmedAt`.
   */
  confirmedAddresses: readonly {
    type: string;
    id: string;
    address: string;
    startDate: string;
    confirmedAt: Date;
    confirmedOn: string;
    confirmedBy: string;
    kind: string | null;
    livingWith: string | null;
  }[];
  childTold: readonly {
    id: string;
    addressRecordType: string;
    addressRecordId: string;
    address: string;
    toldOn: string;
    toldBy: string;
    how: string;
    recordedAt: Date;
  }[];
  etePlacements: readonly {
    id: string;
    provider: string;
    startDate: string;
    hoursPerWeek: number;
    confirmedBy: string;
    recordedAt: Date;
  }[];
  healthHandovers: readonly {
    id: string;
    pathwayType: string;
    receivingProvider: string;
    firstAppointmentOn: string;
    recordedAt: Date;
  }[];
  /** Each time children's services were told of a court hearing (planning's `ChildrensServicesInformed`). */
  childrensServicesInformed?: readonly {
    id: string;
    hearingId: string;
    hearingDate: string;
    localAuthorityId: string;
    informedOn: string;
    informedBy: string;
    informedWhom: string | null;
    recordedAt: Date;
  }[];
  /** The court hearing the child waits for now (the hearing deadlines count back from it), or null. */
  nextHearing?: { id: string; hearingDate: string } | null;
}

/** The recorded fact that met a milestone: stored as the milestone's `evidence`. */
export interface MilestoneEvidence {
  type: string;
  id: string;
  /** ISO timestamp of the fact (also the milestone's metAt). */
  at: string;
  [extra: string]: unknown;
}

/** The health pathways handed over at release (DOMAIN: CAMHS, substance misuse, GP). */
const HEALTH = ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'];

/**
 * The health pathways that need a handover: physical health always (every child leaving custody needs a GP to take
 * them on); mental health and substance misuse unless their need is assessed as NONE (an unassessed need still
 * needs a handover or an assessment: a status alone never answers it).
 */
export function healthPathwaysNeedingHandover(
  pathways: readonly Pick<PlanFacts['pathways'][number], 'type' | 'needLevel'>[],
): string[] {
  return HEALTH.filter((type) => {
    if (type === 'PHYSICAL_HEALTH') return true;
    const p = pathways.find((w) => w.type === type);
    return !p || p.needLevel !== 'NONE';
  });
}

/**
 * The address the child must be told: the latest confirmed whose start date was not already past when it was
 * confirmed (planning's `currentAddress`, the same rule).
 */
export function currentAddressOf(
  facts: Pick<PlanFacts, 'confirmedAddresses'>,
): PlanFacts['confirmedAddresses'][number] | null {
  const valid = facts.confirmedAddresses.filter((a) => a.startDate >= a.confirmedOn);
  return [...valid].sort((a, b) => b.confirmedAt.getTime() - a.confirmedAt.getTime())[0] ?? null;
}

/**
 * Whether a met "children's services informed" deadline must be met again: the hearing they were told of is no
 * longer the one the child waits for (remanded again to another hearing). A record about this hearing meets it anew.
 */
export function reopensForAnotherHearing(
  milestone: { key: string; evidence: { type?: unknown; hearingId?: unknown } | null },
  facts: Pick<PlanFacts, 'nextHearing'>,
): boolean {
  return (
    milestone.key === MilestoneKey.HEARING_CHILDRENS_SERVICES_INFORMED &&
    milestone.evidence?.type === 'ChildrensServicesInformed' &&
    !!facts.nextHearing &&
    milestone.evidence.hearingId !== facts.nextHearing.id
  );
}

/**
 * The fact that meets a milestone, or null while nothing does. Never a tick box: a pathway's status meets nothing.
 * - DETENTION_PLACEMENT_PLAN ← the INITIAL planning meeting HELD (on remand that meeting draws up the detention
 *   placement plan with the child, their family and the local authority).
 * - INITIAL_PLANNING_MEETING ← an INITIAL meeting HELD.
 * - PRE_RELEASE_MEETING_HELD ← a PRE_RELEASE meeting HELD (the first one).
 * - DAY_OF_RELEASE_PLAN_CONFIRMED ← the release-day plan's confirmedAt (a later change withdraws the confirmation,
 *   but a met milestone stays met).
 * - ACCOMMODATION_CONFIRMED ← the current address: a CONFIRMED accommodation referral or an accommodation
 *   arrangement, whose start date was not past when confirmed. Evidence: address, start date, who confirmed.
 * - CHILD_TOLD_WHERE_LIVING ← the child told the current address, on or after the day it was confirmed and recorded
 *   after it. A later address makes it unmet again (the milestones service re-opens it).
 * - ETE_PLACE_CONFIRMED ← an ETE place recorded (provider, start date, hours, who confirmed); the latest.
 * - HEALTH_HANDOVER_ARRANGED ← a handover for each health pathway that needs one (`healthPathwaysNeedingHandover`);
 *   the evidence is the last of them, with every provider.
 * - ACCOMMODATION_REFERRAL_SENT ← the ACCOMMODATION pathway has a responsible organisation and a status beyond
 *   NOT_STARTED: only sending the accommodation referral puts it IN_PROGRESS with the local authority (interim,
 *   until referrals give the sending as a fact of its own).
 * - Before a hearing (on remand), the facts that would let the child leave from court, the same facts as for
 *   release: HEARING_ACCOMMODATION_OPTION_IDENTIFIED ← the current address (as ACCOMMODATION_CONFIRMED);
 *   HEARING_ETE_ARRANGEMENTS ← an ETE place (as ETE_PLACE_CONFIRMED); HEARING_HEALTH_ARRANGEMENTS ← the health
 *   handovers (as HEALTH_HANDOVER_ARRANGED); HEARING_CHILDRENS_SERVICES_INFORMED ← children's services told of
 *   the hearing the child waits for, on a day before it (the latest such record; a pathway's status never meets it).
 */
export function factMeeting(key: MilestoneKey, facts: PlanFacts): MilestoneEvidence | null {
  const meeting = (type: string) => {
    const held = facts.meetingsHeld
      .filter((m) => m.type === type)
      .sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime())[0];
    return held ? { type: 'PlanningMeeting', id: held.id, at: held.heldAt.toISOString(), meetingType: type } : null;
  };
  const latest = <T extends { recordedAt: Date }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0] ?? null;
  const startedPathway = (type: string) => {
    const p = facts.pathways.find((w) => w.type === type);
    return p && p.responsibleOrganisationId && p.status !== 'NOT_STARTED'
      ? { type: 'Pathway', id: p.id, at: p.updatedAt.toISOString(), pathwayType: p.type, status: p.status }
      : null;
  };
  switch (key) {
    case MilestoneKey.HEARING_ACCOMMODATION_OPTION_IDENTIFIED:
      return factMeeting(MilestoneKey.ACCOMMODATION_CONFIRMED, facts);
    case MilestoneKey.HEARING_ETE_ARRANGEMENTS:
      return factMeeting(MilestoneKey.ETE_PLACE_CONFIRMED, facts);
    case MilestoneKey.HEARING_HEALTH_ARRANGEMENTS:
      return factMeeting(MilestoneKey.HEALTH_HANDOVER_ARRANGED, facts);
    case MilestoneKey.HEARING_CHILDRENS_SERVICES_INFORMED: {
      const next = facts.nextHearing;
      if (!next) return null;
      const told = latest(
        (facts.childrensServicesInformed ?? []).filter(
          (t) => t.hearingId === next.id && t.informedOn < next.hearingDate,
        ),
      );
      return told
        ? {
            type: 'ChildrensServicesInformed',
            id: told.id,
            at: told.recordedAt.toISOString(),
            hearingId: told.hearingId,
            hearingDate: next.hearingDate,
            localAuthorityId: told.localAuthorityId,
            informedOn: told.informedOn,
            informedBy: told.informedBy,
            informedWhom: told.informedWhom,
          }
        : null;
    }
    case MilestoneKey.DETENTION_PLACEMENT_PLAN:
    case MilestoneKey.INITIAL_PLANNING_MEETING:
      return meeting('INITIAL');
    case MilestoneKey.PRE_RELEASE_MEETING_HELD:
      return meeting('PRE_RELEASE');
    case MilestoneKey.DAY_OF_RELEASE_PLAN_CONFIRMED: {
      const plan = facts.releaseDayPlan;
      return plan?.confirmedAt ? { type: 'ReleaseDayPlan', id: plan.id, at: plan.confirmedAt.toISOString() } : null;
    }
    case MilestoneKey.ACCOMMODATION_CONFIRMED: {
      const a = currentAddressOf(facts);
      return a
        ? {
            type: a.type,
            id: a.id,
            at: a.confirmedAt.toISOString(),
            address: a.address,
            startDate: a.startDate,
            confirmedBy: a.confirmedBy,
            kind: a.kind,
            livingWith: a.livingWith,
          }
        : null;
    }
    case MilestoneKey.CHILD_TOLD_WHERE_LIVING: {
      const a = currentAddressOf(facts);
      if (!a) return null;
      const told = latest(
        facts.childTold.filter(
          (t) =>
            t.addressRecordType === a.type &&
            t.addressRecordId === a.id &&
            t.toldOn >= a.confirmedOn &&
            t.recordedAt.getTime() >= a.confirmedAt.getTime(),
        ),
      );
      return told
        ? {
            type: 'ChildToldWhereLiving',
            id: told.id,
            at: told.recordedAt.toISOString(),
            toldOn: told.toldOn,
            toldBy: told.toldBy,
            how: told.how,
            address: told.address,
            addressRecordId: a.id,
          }
        : null;
    }
    case MilestoneKey.ETE_PLACE_CONFIRMED: {
      const e = latest(facts.etePlacements);
      return e
        ? {
            type: 'EtePlacement',
            id: e.id,
            at: e.recordedAt.toISOString(),
            provider: e.provider,
            startDate: e.startDate,
            hoursPerWeek: e.hoursPerWeek,
            confirmedBy: e.confirmedBy,
          }
        : null;
    }
    case MilestoneKey.HEALTH_HANDOVER_ARRANGED: {
      const needed = healthPathwaysNeedingHandover(facts.pathways);
      const each = needed.map((type) => latest(facts.healthHandovers.filter((h) => h.pathwayType === type)));
      if (each.some((h) => !h)) return null;
      const handovers = each as NonNullable<(typeof each)[number]>[];
      const last = latest(handovers)!;
      return {
        type: 'HealthHandover',
        id: last.id,
        at: last.recordedAt.toISOString(),
        handovers: handovers.map((h) => ({
          id: h.id,
          pathwayType: h.pathwayType,
          receivingProvider: h.receivingProvider,
          firstAppointmentOn: h.firstAppointmentOn,
        })),
      };
    }
    case MilestoneKey.ACCOMMODATION_REFERRAL_SENT:
      return startedPathway('ACCOMMODATION');
    default:
      return null;
  }
}
