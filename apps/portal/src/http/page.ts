import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
// The policy's pure capability table (no framework imports): the portal shows the pages a role may use, and the
// api still decides every record.
import { Capability, mayPerform } from '@resettle/access';
import { SignedInUser, signedInUser, takeFlash } from '../session/portal-session';

export interface NavItem {
  text: string;
  href: string;
  active: boolean;
}

/**
 * The service navigation for a person: caseload and deadlines at risk for those who hold children's cases, referrals
 * for either side, arrivals for the staff of a secure establishment, users for those who manage them.
 */
function navigationFor(user: SignedInUser | undefined, path: string): NavItem[] {
  if (!user) return [];
  const actor = { roles: user.roles as Role[] };
  const items: Omit<NavItem, 'active'>[] = [];
  if (mayPerform(actor, Capability.READ_CASELOAD)) items.push({ text: 'Caseload', href: '/caseload' });
  // The api's milestonesAtRisk is a caseload read (READ_CASELOAD): the same people.
  if (mayPerform(actor, Capability.READ_CASELOAD)) items.push({ text: 'Deadlines at risk', href: '/deadlines' });
  // Finding a child is for those who hold children's cases (a partner meets a child through a referral).
  if (mayPerform(actor, Capability.READ_CASELOAD)) items.push({ text: 'Find a child', href: '/children' });
  if (mayPerform(actor, Capability.READ_REFERRALS))
    items.push({
      text: mayPerform(actor, Capability.RESPOND_TO_REFERRAL) ? 'Referrals inbox' : 'Referrals',
      href: '/referrals',
    });
  if (mayViewArrivals(user)) items.push({ text: 'Arrivals', href: '/arrivals' });
  if (mayPerform(actor, Capability.MANAGE_USERS)) items.push({ text: 'Users', href: '/users' });
  if (mayPerform(actor, Capability.READ_MEASURES)) items.push({ text: 'Measures', href: '/measures' });
  if (mayPerform(actor, Capability.VIEW_ENGINE_STATUS))
    items.push({ text: 'Deadline engine', href: '/admin/deadline-engine' });
  if (mayPerform(actor, Capability.READ_OWN_NOTIFICATIONS))
    items.push({ text: 'Notifications', href: '/notifications' });
  return items.map((item) => ({ ...item, active: path === item.href || path.startsWith(`${item.href}/`) }));
}

/** Arrivals are for the staff of a secure establishment (the page reads the caseload of their establishment). */
export function mayViewArrivals(user: SignedInUser): boolean {
  return user.roles.some((r) => r.startsWith('ESTABLISHMENT_'));
}

/** Where a person lands after signing in. */
export function homeFor(user: SignedInUser): string {
  const actor = { roles: user.roles as Role[] };
  if (mayPerform(actor, Capability.READ_CASELOAD)) return '/caseload';
  if (mayPerform(actor, Capability.READ_REFERRALS)) return '/referrals';
  if (mayPerform(actor, Capability.MANAGE_USERS)) return '/users';
  return '/account';
}

/**
 * Renders a page with what every page needs: the person, the navigation, this form's CSRF token, a one-off
 * message, and the CSP nonce for GOV.UK's inline `js-enabled` script.
 */
export async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown> = {},
  status = 200,
) {
  const user = signedInUser(request);
  const path = request.url.split('?')[0];
  const csrfToken = request.session ? await reply.generateCsrf() : undefined;
  return reply.code(status).view(template, {
    user,
    navigation: navigationFor(user, path),
    csrfToken,
    flash: request.session ? takeFlash(request) : undefined,
    cspNonce: (reply as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
    currentPath: path,
    ...data,
  });
}

/** Only a path of this site: never an absolute or protocol-relative URL (no open redirect after sign-in). */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
}
