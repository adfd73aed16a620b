import type { Actor } from '../actor';
import { Role } from '../role';

/**
 * What a role may attempt at all, before any particular record is considered. Each GraphQL operation names the one
 * capability it needs (`@Allow(Capability.X)`); whether the record in hand is the caller's to see or change is then
 * decided by the record rules in `child-access.ts`.
 */
export enum Capability {
  /** The directory of agencies: not personal data. */
  READ_DIRECTORY = 'READ_DIRECTORY',
  /** Your own account. */
  READ_SELF = 'READ_SELF',
  CHANGE_OWN_PASSWORD = 'CHANGE_OWN_PASSWORD',
  /** Your own contact details (a work phone). */
  CHANGE_OWN_DETAILS = 'CHANGE_OWN_DETAILS',
  /** Open a child's record (which children is then the record rules' question). */
  READ_CHILD = 'READ_CHILD',
  /** The list of children in custody, filtered in SQL to the caller's slice. */
  READ_CASELOAD = 'READ_CASELOAD',
  REGISTER_CHILD = 'REGISTER_CHILD',
  /** Remand, sentence, release dates, transfer, release, recall. */
  CHANGE_CUSTODY = 'CHANGE_CUSTODY',
  ASSIGN_CASE_MANAGER = 'ASSIGN_CASE_MANAGER',
  /** The resettlement plan: the plan itself for its youth justice service, a pathway also for those who own it. */
  CHANGE_PLAN = 'CHANGE_PLAN',
  /** Change a youth justice service's deadline policy (its own service only). */
  CONFIGURE_MILESTONE_POLICY = 'CONFIGURE_MILESTONE_POLICY',
  /** Waive a deadline, with a reason: a manager's decision. */
  WAIVE_MILESTONE = 'WAIVE_MILESTONE',
  /** Hand a child's supervision to another youth justice service. */
  TRANSFER_SUPERVISION = 'TRANSFER_SUPERVISION',
  /** In-app notifications and email preferences: your own. */
  READ_OWN_NOTIFICATIONS = 'READ_OWN_NOTIFICATIONS',
  /** The deadline engine's status: its workers, queues, late actions and rebuilds (support, national admins). */
  VIEW_ENGINE_STATUS = 'VIEW_ENGINE_STATUS',
  /** A child's audit trail and access report (subject access requests). */
  READ_AUDIT = 'READ_AUDIT',
  /** Create users, give roles, disable: any organisation for national admins, their own for managers. */
  MANAGE_USERS = 'MANAGE_USERS',
  /** Which email domains an organisation's staff use (and so who can be given an account there): national admins. */
  MANAGE_ORGANISATION_DOMAINS = 'MANAGE_ORGANISATION_DOMAINS',
  /** Referrals to partners (accommodation, education, health): create, send, withdraw. The supervising service. */
  SEND_REFERRAL = 'SEND_REFERRAL',
  /**
   * A partner's side of a referral addressed to their organisation: acknowledge, ask for information, offer, confirm,
   * decline.
   */
  RESPOND_TO_REFERRAL = 'RESPOND_TO_REFERRAL',
  /** Read referrals and their thread, post messages, report a placement fell through: both sides of a referral. */
  READ_REFERRALS = 'READ_REFERRALS',
  /**
   * The resettlement measures: counts only, never a child. A youth justice service's managers for their service, an
   * establishment's managers for it, a council's lead for their local authority, national admins for any scope or all
   * of England and Wales (`measuresScope`).
   */
  READ_MEASURES = 'READ_MEASURES',
  /**
   * The children behind a measure's figure (a list of children, so read-audited): a youth justice service's managers
   * for their own service. Never national admins: they see aggregates only.
   */
  READ_MEASURE_CHILDREN = 'READ_MEASURE_CHILDREN',
  /**
   * A council's targets for answering accommodation referrals: its lead for their own council, national admins for any
   * and the national defaults (`mayConfigureResponseTargets`).
   */
  CONFIGURE_RESPONSE_TARGETS = 'CONFIGURE_RESPONSE_TARGETS',
}

const EVERYONE = Object.values(Role);
const YOUTH_JUSTICE = [Role.YJS_CASE_MANAGER, Role.YJS_MANAGER];
const ESTABLISHMENT = [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER];

/** Capability → the roles that hold it. Where unsure, a role is left out. */
const CAPABILITY_ROLES: Readonly<Record<Capability, readonly Role[]>> = {
  [Capability.READ_DIRECTORY]: EVERYONE,
  [Capability.READ_SELF]: EVERYONE,
  [Capability.CHANGE_OWN_PASSWORD]: EVERYONE,
  [Capability.CHANGE_OWN_DETAILS]: EVERYONE,
  // National admins run the directory and users; children's records are not theirs by default.
  [Capability.READ_CHILD]: EVERYONE.filter((role) => role !== Role.NATIONAL_ADMIN),
  [Capability.READ_CASELOAD]: [...YOUTH_JUSTICE, ...ESTABLISHMENT, Role.LA_CHILDRENS_SERVICES],
  [Capability.REGISTER_CHILD]: YOUTH_JUSTICE,
  [Capability.CHANGE_CUSTODY]: [...YOUTH_JUSTICE, ...ESTABLISHMENT],
  [Capability.ASSIGN_CASE_MANAGER]: [Role.YJS_MANAGER],
  [Capability.CHANGE_PLAN]: [
    ...YOUTH_JUSTICE,
    ...ESTABLISHMENT,
    Role.LA_CHILDRENS_SERVICES,
    Role.LA_ACCOMMODATION_OFFICER,
    Role.HEALTH_PRACTITIONER,
    Role.EDUCATION_PROVIDER,
  ],
  [Capability.WAIVE_MILESTONE]: [Role.YJS_MANAGER],
  [Capability.TRANSFER_SUPERVISION]: [Role.YJS_MANAGER],
  [Capability.CONFIGURE_MILESTONE_POLICY]: [Role.YJS_MANAGER],
  [Capability.READ_OWN_NOTIFICATIONS]: EVERYONE,
  [Capability.VIEW_ENGINE_STATUS]: [Role.NATIONAL_ADMIN],
  [Capability.READ_AUDIT]: [Role.YJS_MANAGER],
  [Capability.MANAGE_USERS]: [Role.NATIONAL_ADMIN, Role.YJS_MANAGER, Role.ESTABLISHMENT_MANAGER],
  [Capability.MANAGE_ORGANISATION_DOMAINS]: [Role.NATIONAL_ADMIN],
  [Capability.SEND_REFERRAL]: YOUTH_JUSTICE,
  [Capability.RESPOND_TO_REFERRAL]: [Role.LA_ACCOMMODATION_OFFICER, Role.HEALTH_PRACTITIONER, Role.EDUCATION_PROVIDER],
  [Capability.READ_REFERRALS]: [
    ...YOUTH_JUSTICE,
    Role.LA_ACCOMMODATION_OFFICER,
    Role.HEALTH_PRACTITIONER,
    Role.EDUCATION_PROVIDER,
  ],
  // Counts only: each for their own scope (`measuresScope`; a council's for its lead), national admins any.
  [Capability.READ_MEASURES]: [
    Role.YJS_MANAGER,
    Role.ESTABLISHMENT_MANAGER,
    Role.LA_CHILDRENS_SERVICES,
    Role.LA_ACCOMMODATION_OFFICER,
    Role.NATIONAL_ADMIN,
  ],
  [Capability.READ_MEASURE_CHILDREN]: [Role.YJS_MANAGER],
  [Capability.CONFIGURE_RESPONSE_TARGETS]: [Role.LA_ACCOMMODATION_OFFICER, Role.NATIONAL_ADMIN],
};

export function hasRole(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

export function mayPerform(actor: Pick<Actor, 'roles'>, capability: Capability): boolean {
  return hasRole(actor, CAPABILITY_ROLES[capability]);
}

/**
 * Whether the actor may create, change or disable users of an organisation: national admins anywhere, an
 * organisation's managers in their own organisation only.
 */
export function mayManageUsersOf(actor: Actor, organisationId: string): boolean {
  if (actor.roles.includes(Role.NATIONAL_ADMIN)) return true;
  return actor.organisationId === organisationId && hasRole(actor, [Role.YJS_MANAGER, Role.ESTABLISHMENT_MANAGER]);
}

/**
 * Whose case managers (their names and ids only, never the rest of their accounts) the actor may list: a youth
 * justice manager, for any youth justice service, so that a child's supervision can be handed to a named case manager
 * of the receiving service (`caseManagersOf`). Another organisation's staff stay theirs to manage (`users`); any
 * organisation that is not a youth justice service has no case managers to offer, and is answered as not found.
 */
export function mayListCaseManagersOf(actor: Pick<Actor, 'roles'>, organisationType: string | null): boolean {
  return mayPerform(actor, Capability.TRANSFER_SUPERVISION) && organisationType === 'YOUTH_JUSTICE_SERVICE';
}

/** What the measures are counted for (the children released by it, from it or belonging to it). */
export const MEASURES_SCOPE_KINDS = [
  'YOUTH_JUSTICE_SERVICE',
  'ESTABLISHMENT',
  'LOCAL_AUTHORITY',
  'REGION',
  'ENGLAND_AND_WALES',
] as const;
export type MeasuresScopeKind = (typeof MEASURES_SCOPE_KINDS)[number];

/** A scope of the measures: the organisation's id, the region's name, or null for all of England and Wales. */
export interface MeasuresScope {
  kind: MeasuresScopeKind;
  id: string | null;
}

/** A scope the caller may not see: NOT_FOUND (as for a record they may not know of), or FORBIDDEN with why. */
export type MeasuresRefusal = { refused: 'NOT_FOUND' } | { refused: 'FORBIDDEN'; reason: string };

const sameScope = (a: MeasuresScope, b: MeasuresScope) => a.kind === b.kind && (a.id ?? null) === (b.id ?? null);

/**
 * Whose measures the actor may read (counts only), for the scope asked for or, with none, their own: national admins
 * any scope (none: England and Wales); a youth justice manager their service, an establishment manager their
 * establishment, a council's lead (`organisation.lead_user_id`, not a role: `ownLeadUserId` is their organisation's)
 * their local authority. Any other scope is NOT_FOUND; a council's officer who is not its lead asking for their own
 * council is FORBIDDEN (councils are in the public directory, as for their response targets).
 */
export function measuresScope(
  actor: Pick<Actor, 'roles' | 'organisationId' | 'userId'>,
  asked: MeasuresScope | null | undefined,
  ownLeadUserId: string | null,
): MeasuresScope | MeasuresRefusal {
  if (actor.roles.includes(Role.NATIONAL_ADMIN)) return asked ?? { kind: 'ENGLAND_AND_WALES', id: null };
  const own: MeasuresScope[] = [];
  const org = actor.organisationId;
  if (actor.roles.includes(Role.YJS_MANAGER)) own.push({ kind: 'YOUTH_JUSTICE_SERVICE', id: org });
  if (actor.roles.includes(Role.ESTABLISHMENT_MANAGER)) own.push({ kind: 'ESTABLISHMENT', id: org });
  const council = hasRole(actor, [Role.LA_CHILDRENS_SERVICES, Role.LA_ACCOMMODATION_OFFICER]);
  if (council && ownLeadUserId === actor.userId) own.push({ kind: 'LOCAL_AUTHORITY', id: org });
  const found = asked ? own.find((scope) => sameScope(scope, asked)) : own[0];
  if (found) return found;
  if (council && (!asked || sameScope(asked, { kind: 'LOCAL_AUTHORITY', id: org })))
    return { refused: 'FORBIDDEN', reason: 'not the lead of this council' };
  return { refused: 'NOT_FOUND' };
}

/**
 * Whose children behind a figure the actor may list: a youth justice manager their own service's (the default), and
 * nobody any other scope. National admins see aggregates only (the capability keeps them out).
 */
export function measureChildrenScope(
  actor: Pick<Actor, 'roles' | 'organisationId'>,
  asked: MeasuresScope | null | undefined,
): MeasuresScope | { refused: 'NOT_FOUND' } {
  if (!actor.roles.includes(Role.YJS_MANAGER)) return { refused: 'NOT_FOUND' };
  const own: MeasuresScope = { kind: 'YOUTH_JUSTICE_SERVICE', id: actor.organisationId };
  return !asked || sameScope(asked, own) ? own : { refused: 'NOT_FOUND' };
}
