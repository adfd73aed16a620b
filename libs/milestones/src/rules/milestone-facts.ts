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
    responsibleOrganisationId: string | null;
    childView: string | null;
    updatedAt: Date;
  }[];
}

/** The recorded fact that met a milestone: stored as the milestone's `evidence`. */
export interface MilestoneEvidence {
  type: string;
  id: string;
  /** ISO timestamp of the fact (also the milestone's metAt). */
  at: string;
  [extra: string]: unknown;
}

const HEALTH = ['PHYSICAL_HEALTH', 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE'];
const HEALTH_DONE = ['ARRANGED', 'SUPPORT_NOT_REQUIRED'];

/**
 * The fact that meets a milestone, or null while nothing does. Never a tick box: each is a record another part of
 * the service keeps for its own sake.
 * - DETENTION_PLACEMENT_PLAN ← the INITIAL planning meeting HELD (on remand that meeting draws up the detention
 *   placement plan with the child, their family and the local authority).
 * - INITIAL_PLANNING_MEETING ← an INITIAL meeting HELD.
 * - PRE_RELEASE_MEETING_HELD ← a PRE_RELEASE meeting HELD (the first one).
 * - DAY_OF_RELEASE_PLAN_CONFIRMED ← the release-day plan's confirmedAt (a later change withdraws the confirmation,
 *   but a met milestone stays met).
 * - ETE_PLACE_CONFIRMED ← the EDUCATION_TRAINING_EMPLOYMENT pathway ARRANGED.
 * - HEALTH_HANDOVER_ARRANGED ← every health pathway (physical, mental, substance misuse) ARRANGED or
 *   SUPPORT_NOT_REQUIRED; the evidence is the last of them to get there.
 * - ACCOMMODATION_CONFIRMED ← the ACCOMMODATION pathway ARRANGED: confirming the accommodation referral arranges it
 *   (referrals, through the plan's history).
 * - ACCOMMODATION_REFERRAL_SENT ← the ACCOMMODATION pathway has a responsible organisation and a status beyond
 *   NOT_STARTED: sending the accommodation referral puts it IN_PROGRESS with the local authority.
 * - CHILD_TOLD_WHERE_LIVING ← interim: the ACCOMMODATION pathway ARRANGED with the child's view recorded on it.
 * Pathways carry no "arranged at", so their evidence `at` is the pathway's last change (the change that arranged it
 * or a later one).
 */
export function factMeeting(key: MilestoneKey, facts: PlanFacts): MilestoneEvidence | null {
  const meeting = (type: string) => {
    const held = facts.meetingsHeld.filter((m) => m.type === type).sort((a, b) => a.heldAt.getTime() - b.heldAt.getTime())[0];
    return held ? { type: 'PlanningMeeting', id: held.id, at: held.heldAt.toISOString(), meetingType: type } : null;
  };
  const pathway = (type: string) => facts.pathways.find((p) => p.type === type) ?? null;
  const pathwayEvidence = (p: PlanFacts['pathways'][number]) => ({ type: 'Pathway', id: p.id, at: p.updatedAt.toISOString(), pathwayType: p.type, status: p.status });
  switch (key) {
    case MilestoneKey.DETENTION_PLACEMENT_PLAN:
    case MilestoneKey.INITIAL_PLANNING_MEETING:
      return meeting('INITIAL');
    case MilestoneKey.PRE_RELEASE_MEETING_HELD:
      return meeting('PRE_RELEASE');
    case MilestoneKey.DAY_OF_RELEASE_PLAN_CONFIRMED: {
      const plan = facts.releaseDayPlan;
      return plan?.confirmedAt ? { type: 'ReleaseDayPlan', id: plan.id, at: plan.confirmedAt.toISOString() } : null;
    }
    case MilestoneKey.ETE_PLACE_CONFIRMED: {
      const p = pathway('EDUCATION_TRAINING_EMPLOYMENT');
      return p && p.status === 'ARRANGED' ? pathwayEvidence(p) : null;
    }
    case MilestoneKey.HEALTH_HANDOVER_ARRANGED: {
      const health = facts.pathways.filter((p) => HEALTH.includes(p.type));
      if (health.length === 0 || !health.every((p) => HEALTH_DONE.includes(p.status))) return null;
      const last = [...health].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
      return pathwayEvidence(last);
    }
    case MilestoneKey.ACCOMMODATION_CONFIRMED: {
      const p = pathway('ACCOMMODATION');
      return p && p.status === 'ARRANGED' ? pathwayEvidence(p) : null;
    }
    case MilestoneKey.ACCOMMODATION_REFERRAL_SENT: {
      const p = pathway('ACCOMMODATION');
      return p && p.responsibleOrganisationId && p.status !== 'NOT_STARTED' ? pathwayEvidence(p) : null;
    }
    case MilestoneKey.CHILD_TOLD_WHERE_LIVING: {
      const p = pathway('ACCOMMODATION');
      return p && p.status === 'ARRANGED' && !!p.childView?.trim() ? pathwayEvidence(p) : null;
    }
    default:
      return null;
  }
}
