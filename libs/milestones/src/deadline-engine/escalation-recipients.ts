import { EscalationRecipient } from '../rules/milestone-policy';

/** What the engine knows of a milestone's people when it reminds or escalates (read in batches, see MilestoneJobs). */
export interface RecipientFacts {
  /** The child's allocated case manager, if any. */
  caseManagerId: string | null;
  /** The supervising service's active managers. */
  managerIds: readonly string[];
  /** The supervising service's named lead (`organisation.lead_user_id`), when that account is active. */
  headOfServiceId: string | null;
  /** The active named leads of the partner organisations responsible for the milestone's partner pathways. */
  partnerLeadIds: readonly string[];
}

/**
 * The people a level of the ladder reaches, each once, in the order the ladder names them. Pure.
 * - OWNER: the child's case manager, or the service's managers while none is allocated.
 * - OWNER_MANAGER: the service's managers.
 * - HEAD_OF_SERVICE: the service's named lead, else its managers (so the top of the ladder always reaches someone).
 * - PARTNER_LEAD: the partners' named leads (none named: nobody extra).
 */
export function recipientsOf(notify: readonly EscalationRecipient[], facts: RecipientFacts): string[] {
  const ids = new Set<string>();
  const add = (list: readonly string[]) => list.forEach((id) => ids.add(id));
  for (const who of notify) {
    if (who === 'OWNER') add(facts.caseManagerId ? [facts.caseManagerId] : facts.managerIds);
    if (who === 'OWNER_MANAGER') add(facts.managerIds);
    if (who === 'HEAD_OF_SERVICE') add(facts.headOfServiceId ? [facts.headOfServiceId] : facts.managerIds);
    if (who === 'PARTNER_LEAD') add(facts.partnerLeadIds);
  }
  return [...ids];
}
