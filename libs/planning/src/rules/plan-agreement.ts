import { AgreementResponse, INACTIVE_PATHWAY_STATUSES, PathwayStatus, PathwayType } from '../planning-enums';

export interface AgreementFacts {
  explainedOn: string | null;
  childAgreement: AgreementResponse | null;
  pathways: readonly {
    /** Absent in tests of the words alone. */
    id?: string;
    type: PathwayType;
    status: PathwayStatus;
    childView: string | null;
    childViewUnavailableReason: string | null;
  }[];
}

/** One thing stopping a plan being marked agreed: what to do, and the pathway where it is done (if it is one's). */
export interface AgreementBlocker {
  text: string;
  pathwayId: string | null;
}

/**
 * Why a plan cannot be marked agreed yet, in words a case manager can act on, each with the pathway it is fixed on
 * when it is a pathway's; empty when it can. The inspections found children's views in under one plan in four: an
 * active pathway needs the child's view, or the reason it could not be had, before the plan counts as agreed.
 */
export function agreementBlockerDetails(plan: AgreementFacts): AgreementBlocker[] {
  const blockers: AgreementBlocker[] = [];
  const planWide = (text: string) => blockers.push({ text, pathwayId: null });
  if (!plan.explainedOn) planWide('Record when and how the plan was explained to the child');
  if (plan.childAgreement !== AgreementResponse.AGREES && plan.childAgreement !== AgreementResponse.PARTLY_AGREES) {
    planWide(
      plan.childAgreement === AgreementResponse.DISAGREES
        ? 'The child disagrees with the plan: revisit it with them'
        : 'Record whether the child agrees with the plan, in their own words',
    );
  }
  for (const pathway of plan.pathways) {
    if (INACTIVE_PATHWAY_STATUSES.includes(pathway.status)) continue;
    if (!pathway.childView?.trim() && !pathway.childViewUnavailableReason?.trim()) {
      blockers.push({
        text: `Record the child’s view on the ${pathwayLabel(pathway.type)} pathway, or why it could not be had`,
        pathwayId: pathway.id ?? null,
      });
    }
  }
  return blockers;
}

/** The blockers' words alone. */
export function agreementBlockers(plan: AgreementFacts): string[] {
  return agreementBlockerDetails(plan).map((b) => b.text);
}

export function pathwayLabel(type: PathwayType): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
