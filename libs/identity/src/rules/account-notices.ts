/**
 * Who in an organisation hears that someone outside it created one of its accounts, enabled one, or gave one
 * roles, and what they are told. An organisation's accounts are its own business: a change made from outside
 * (a national admin, say) must never go unseen by the people who run it. Plain functions, table-tested.
 */

export type AccountChange = 'CREATED' | 'ENABLED' | 'ROLES_CHANGED';

/**
 * Its managers (those who manage its users), and its named lead; where it has neither (a council or a health
 * provider, whose users only national admins manage), everyone enabled there, so somebody inside always hears.
 * Never the person who made the change, nor the account itself (a new account cannot read it yet, and a person
 * whose own roles were changed is not the one who should be checking).
 */
export function accountNoticeRecipients(facts: {
  managerIds: readonly string[];
  leadUserId: string | null;
  memberIds: readonly string[];
  actorUserId: string;
  subjectUserId: string;
}): string[] {
  const excluded = new Set([facts.actorUserId, facts.subjectUserId]);
  const insiders = [...facts.managerIds, ...(facts.leadUserId ? [facts.leadUserId] : [])].filter(
    (id) => !excluded.has(id),
  );
  const chosen = insiders.length ? insiders : facts.memberIds.filter((id) => !excluded.has(id));
  return [...new Set(chosen)];
}

export interface AccountNoticeFacts {
  change: AccountChange;
  /** The account's email (staff addresses, never a child's details: the notice may be emailed). */
  subjectEmail: string;
  roles: readonly string[];
  /** Roles before a change of roles. */
  rolesBefore?: readonly string[];
  actorEmail: string;
  actorOrganisationName: string;
  organisationName: string;
}

export function accountNotice(f: AccountNoticeFacts): { title: string; body: string } {
  const who = `${f.actorEmail} (${f.actorOrganisationName})`;
  const roles = f.roles.join(', ');
  const check = `If you did not expect this, disable the account and tell your information security team.`;
  switch (f.change) {
    case 'CREATED':
      return {
        title: `New account at ${f.organisationName}: ${f.subjectEmail}`,
        body: `${who} created an account for ${f.subjectEmail} at ${f.organisationName}, with the roles ${roles}. ${check}`,
      };
    case 'ENABLED':
      return {
        title: `Account enabled at ${f.organisationName}: ${f.subjectEmail}`,
        body: `${who} enabled the account of ${f.subjectEmail} at ${f.organisationName} (roles ${roles}). ${check}`,
      };
    case 'ROLES_CHANGED':
      return {
        title: `Roles changed at ${f.organisationName}: ${f.subjectEmail}`,
        body: `${who} changed the roles of ${f.subjectEmail} at ${f.organisationName} from ${(f.rolesBefore ?? []).join(', ') || 'none'} to ${roles}. ${check}`,
      };
  }
}
