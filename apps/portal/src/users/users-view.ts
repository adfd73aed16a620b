/** How the Users page shows an account, as plain functions (table-tested). */

const ROLE_LABELS: Record<string, string> = {
  YJS_CASE_MANAGER: 'Case manager',
  YJS_MANAGER: 'Manager (youth justice)',
  ESTABLISHMENT_STAFF: 'Staff (secure establishment)',
  ESTABLISHMENT_MANAGER: 'Manager (secure establishment)',
  LA_ACCOMMODATION_OFFICER: 'Accommodation officer',
  LA_CHILDRENS_SERVICES: 'Children’s services',
  HEALTH_PRACTITIONER: 'Health practitioner',
  EDUCATION_PROVIDER: 'Education provider',
  NATIONAL_ADMIN: 'National admin',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

export interface AccountForStatus {
  disabled: boolean;
  hasPassword: boolean | null;
  invitation: { status: string; emailedAt: string | null } | null;
}

export interface AccountStatus {
  text: string;
  /** A GOV.UK tag colour class. */
  tagClass: string;
  /** Whether a (new) invitation may be sent: enabled, and no password chosen yet. */
  canInvite: boolean;
}

export function accountStatus(account: AccountForStatus): AccountStatus {
  const canInvite = !account.disabled && account.hasPassword === false;
  if (account.disabled) return { text: 'Disabled', tagClass: 'govuk-tag--grey', canInvite };
  if (account.hasPassword) return { text: 'Active', tagClass: 'govuk-tag--green', canInvite };
  switch (account.invitation?.status) {
    case 'PENDING':
      return account.invitation.emailedAt
        ? { text: 'Invited', tagClass: 'govuk-tag--blue', canInvite }
        : { text: 'Invitation being sent', tagClass: 'govuk-tag--light-blue', canInvite };
    case 'EXPIRED':
      return { text: 'Invitation expired', tagClass: 'govuk-tag--red', canInvite };
    case undefined:
      return { text: 'Signs in with their council’s account', tagClass: 'govuk-tag--purple', canInvite };
    default:
      return { text: 'Not signed in yet', tagClass: 'govuk-tag--yellow', canInvite };
  }
}

/** The textarea of email domains: one a line (commas and spaces work too). */
export function domainsFromText(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}
