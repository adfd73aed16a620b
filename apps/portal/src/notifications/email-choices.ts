/**
 * The kinds of notice a person can stop the email of (as `Notification.kind`), in their words. Account changes are
 * not here: those emails are about the person's own security.
 */
export const EMAIL_KINDS = [
  { kind: 'REFERRAL_RECEIVED', text: 'referrals sent to your organisation, and changes to them' },
  { kind: 'REFERRAL_ANSWERED', text: 'answers to referrals you made or that are for your children' },
  { kind: 'REFERRAL_RESPONSE_REMINDER', text: 'a council’s response to a referral being due today' },
  { kind: 'REFERRAL_RESPONSE_ESCALATION', text: 'a council’s response to a referral being overdue' },
  { kind: 'MILESTONE_REMINDER', text: 'plan deadlines coming up' },
  { kind: 'MILESTONE_ESCALATION', text: 'plan deadlines missed' },
] as const;

/**
 * The kinds to switch off after the form: those ticked, plus any switched off before that the form does not show
 * (a kind added since), so saving the form never turns those back on. Unknown ticked values are dropped.
 */
export function emailOffKindsAfter(before: readonly string[], ticked: unknown): string[] {
  const shown = new Set<string>(EMAIL_KINDS.map((k) => k.kind));
  const chosen = ([] as unknown[]).concat(ticked ?? []).map(String);
  return [...new Set([...before.filter((k) => !shown.has(k)), ...chosen.filter((k) => shown.has(k))])];
}
