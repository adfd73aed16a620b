import { AgreementResponse, INACTIVE_PATHWAY_STATUSES, PathwayStatus, PathwayType } from '../planning-enums';

export interface AgreementFacts {
  explainedOn: string | null;
  childAgreement: AgreementResponse | null;
  pathways: readonly {
    type: PathwayType;
    status: PathwayStatus;
    childView: string | null;
    childViewUnavailableReason: string | null;
  }[];
}

/**
 * Why a plan cannot be marked agreed yet, in words a case manager can act on; empty when it can. The inspections
 * found children's views in under one plan in four: an active pathway needs the child's view, or the reason it
 * could not be had, before the plan counts as agreed.
 */
export function agreementBlockers(plan: AgreementFacts): string[] {
  const blockers: string[] = [];
  if (!plan.explainedOn) blockers.push('Record when and how the plan was explained to the child');
  if (plan.childAgreement !== AgreementResponse.AGREES && plan.childAgreement !== AgreementResponse.PARTLY_AGREES) {
    blockers.push(
      plan.childAgreement === AgreementResponse.DISAGREES
        ? 'The child disagrees with the plan: revisit it with them'
        : 'Record whether the child agrees with the plan, in their own words',
    );
  }
  for (const pathway of plan.pathways) {
    if (INACTIVE_PATHWAY_STATUSES.includes(pathway.status)) continue;
    if (!pathway.childView?.trim() && !pathway.childViewUnavailableReason?.trim()) {
      blockers.push(`Record the child’s view on the ${pathwayLabel(pathway.type)} pathway, or why it could not be had`);
    }
  }
  return blockers;
}

export function pathwayLabel(type: PathwayType): string {
  return type.toLowerCase().replace(/_/g, ' ');
}
