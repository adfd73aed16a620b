/**
 * What a password must be, checked when one is set (never at sign-in, so an old password that predates a rule
 * still works until it is changed). Length matters more than composition rules (NCSC and NIST guidance), so there
 * is a minimum length and no "one digit, one symbol" rules.
 */
const PASSWORD_MIN_LENGTH = 12;
/** argon2 copes with long input, but a megabyte "password" would only be a way to burn CPU. */
const PASSWORD_MAX_LENGTH = 256;

/** The problems with a proposed password, as messages for the person choosing it; empty when it is fine. */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  // Characters, not UTF-16 code units, so an emoji counts once.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (password.trim().length === 0 && length > 0) problems.push('A password cannot be only spaces');
  const normalisedEmail = email.trim().toLowerCase();
  if (normalisedEmail && password.trim().toLowerCase() === normalisedEmail)
    problems.push('Do not use your email address as your password');
  return problems;
}
