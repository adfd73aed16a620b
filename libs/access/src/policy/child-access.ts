import type { Actor } from '../actor';
import { Role } from '../role';
import { hasRole } from './capabilities';

/**
 * The record rules: which children, episodes and fields a signed-in person may see or change. Pure functions over
 * facts the features supply (see `ChildRelations`), so the whole policy is tested with tables and no database.
 * Where unsure, deny. A denial reaches the caller as NOT_FOUND, the same as a record that does not exist.
 */

/** One custodial episode as the policy needs to know it. */
export interface EpisodeFacts {
  episodeId: string;
  supervisingServiceId: string;
  /** Where the child is held now; null once released. */
  currentEstablishmentId: string | null;
  /** Every establishment that held the child during the episode (first placement and each transfer). */
  establishmentIds: readonly string[];
  /**
   * Youth justice services that supervised the episode and handed it on to another service (the child moved area).
   * Absent means none.
   */
  formerSupervisingServiceIds?: readonly string[];
}

/** What links a child to organisations: gathered from the features that own each fact. */
export interface ChildRelations {
  childId: string;
  /**
   * The youth justice service that recorded the child: it keeps sight of them, as a service that supervised them once
   * does.
   */
  registeredById: string | null;
  lookedAfter: boolean;
  responsibleAuthorityId: string | null;
  episodes: readonly EpisodeFacts[];
  /** Local authorities an accommodation referral for the child is addressed to (supplied by referrals). */
  accommodationReferralAuthorityIds: readonly string[];
  /** Health and education organisations holding a referral or pathway for the child (plan and referrals). */
  pathwayOrganisationIds: readonly string[];
}

export function noRelations(childId: string): ChildRelations {
  return {
    childId,
    registeredById: null,
    lookedAfter: false,
    responsibleAuthorityId: null,
    episodes: [],
    accommodationReferralAuthorityIds: [],
    pathwayOrganisationIds: [],
  };
}

/** The ways of seeing a child's record. A person with several roles gets every view any of them gives. */
export enum ChildView {
  /** Youth justice service supervising (now or before) or that recorded the child. */
  FULL = 'FULL',
  /** Secure establishment holding the child now, or that held them in an episode. */
  CUSTODY = 'CUSTODY',
  /** Local authority children's services for a looked-after child they are responsible for. */
  CARE = 'CARE',
  /** Accommodation officer of an authority with a referral: a minimal summary for finding a placement. */
  PLACEMENT_SUMMARY = 'PLACEMENT_SUMMARY',
  /** Health or education partner with a referral or pathway: a summary for their part. */
  PATHWAY_SUMMARY = 'PATHWAY_SUMMARY',
  /**
   * Youth justice service that handed the child's supervision on to another service: who the child is and the
   * history of the hand-over (`mayActOnChild` READ_SUPERVISION_TRANSFERS), no longer the plan or custody record.
   */
  FORMER_SUPERVISION = 'FORMER_SUPERVISION',
}

/** Groups of a child's fields; each field of the Child type belongs to one. */
export enum ChildFieldGroup {
  /** Name, preferred name, date of birth, age, gender. */
  IDENTITY = 'IDENTITY',
  /** Ethnicity: special category data. */
  SPECIAL_CATEGORY = 'SPECIAL_CATEGORY',
  /** Disabilities, communication needs, EHCP. */
  NEEDS = 'NEEDS',
  /** Looked-after and care-leaver status, responsible and home authorities. */
  CARE_STATUS = 'CARE_STATUS',
  /** Parents and carers. */
  FAMILY = 'FAMILY',
  /** Custodial episodes, sentences, release dates. */
  CUSTODY = 'CUSTODY',
  /** The resettlement plan as a whole: the child's voice, agreement, circumstances, meetings, every pathway. */
  PLAN = 'PLAN',
}

const ALL_GROUPS = Object.values(ChildFieldGroup);

const FIELD_GROUPS_BY_VIEW: Readonly<Record<ChildView, readonly ChildFieldGroup[]>> = {
  [ChildView.FULL]: ALL_GROUPS,
  [ChildView.CUSTODY]: ALL_GROUPS,
  [ChildView.CARE]: ALL_GROUPS,
  // What finding a home needs: who, how old, needs relevant to placement, care status. No health, family or offence.
  [ChildView.PLACEMENT_SUMMARY]: [ChildFieldGroup.IDENTITY, ChildFieldGroup.NEEDS, ChildFieldGroup.CARE_STATUS],
  // A partner sees the plan's pathways that are theirs (`pathwayVisible`), not the plan as a whole.
  [ChildView.PATHWAY_SUMMARY]: [ChildFieldGroup.IDENTITY, ChildFieldGroup.NEEDS],
  // The case is now another service's: enough to answer "where did this child go".
  [ChildView.FORMER_SUPERVISION]: [ChildFieldGroup.IDENTITY],
};

const YOUTH_JUSTICE = [Role.YJS_CASE_MANAGER, Role.YJS_MANAGER];
const ESTABLISHMENT = [Role.ESTABLISHMENT_STAFF, Role.ESTABLISHMENT_MANAGER];
/** Partners who may own a pathway of the plan. */
const PATHWAY_OWNERS = [
  Role.LA_CHILDRENS_SERVICES,
  Role.LA_ACCOMMODATION_OFFICER,
  Role.HEALTH_PRACTITIONER,
  Role.EDUCATION_PROVIDER,
];

function handedOnBy(relations: ChildRelations, organisationId: string): boolean {
  return relations.episodes.some((e) => (e.formerSupervisingServiceIds ?? []).includes(organisationId));
}

/**
 * A service supervising (now or before) any episode sees the child in full; so does the service that recorded them,
 * unless it has since handed their supervision on (then it keeps only `FORMER_SUPERVISION`).
 */
function supervisedOrRecordedBy(relations: ChildRelations, organisationId: string): boolean {
  return (
    relations.episodes.some((e) => e.supervisingServiceId === organisationId) ||
    (relations.registeredById === organisationId && !handedOnBy(relations, organisationId))
  );
}

function heldBy(relations: ChildRelations, organisationId: string): boolean {
  return relations.episodes.some(
    (e) => e.currentEstablishmentId === organisationId || e.establishmentIds.includes(organisationId),
  );
}

/** Every view the actor has of the child; empty means the child does not exist for them. */
export function childViews(actor: Actor, relations: ChildRelations): ChildView[] {
  const org = actor.organisationId;
  const views: ChildView[] = [];
  if (hasRole(actor, YOUTH_JUSTICE)) {
    if (supervisedOrRecordedBy(relations, org)) views.push(ChildView.FULL);
    else if (handedOnBy(relations, org)) views.push(ChildView.FORMER_SUPERVISION);
  }
  if (hasRole(actor, ESTABLISHMENT) && heldBy(relations, org)) views.push(ChildView.CUSTODY);
  if (
    hasRole(actor, [Role.LA_CHILDRENS_SERVICES]) &&
    relations.lookedAfter &&
    relations.responsibleAuthorityId === org
  ) {
    views.push(ChildView.CARE);
  }
  if (hasRole(actor, [Role.LA_ACCOMMODATION_OFFICER]) && relations.accommodationReferralAuthorityIds.includes(org)) {
    views.push(ChildView.PLACEMENT_SUMMARY);
  }
  if (
    hasRole(actor, [Role.HEALTH_PRACTITIONER, Role.EDUCATION_PROVIDER]) &&
    relations.pathwayOrganisationIds.includes(org)
  ) {
    views.push(ChildView.PATHWAY_SUMMARY);
  }
  return views;
}

/** The union of the field groups the views allow. */
export function visibleChildFieldGroups(views: readonly ChildView[]): Set<ChildFieldGroup> {
  return new Set(views.flatMap((view) => FIELD_GROUPS_BY_VIEW[view]));
}

/**
 * Whether the actor may see one custodial episode: youth justice and children's services see every episode of a
 * child they may see in full; an establishment sees only the episodes in which it held the child.
 */
export function episodeVisible(actor: Actor, relations: ChildRelations, episode: EpisodeFacts): boolean {
  const views = childViews(actor, relations);
  if (views.includes(ChildView.FULL) || views.includes(ChildView.CARE)) return true;
  if (views.includes(ChildView.CUSTODY)) {
    const org = actor.organisationId;
    return episode.currentEstablishmentId === org || episode.establishmentIds.includes(org);
  }
  return false;
}

/**
 * Whether the actor may see one pathway of the plan: anyone who sees the plan as a whole (PLAN field group), and a
 * partner for the pathways their organisation is responsible for.
 */
export function pathwayVisible(actor: Actor, relations: ChildRelations, pathwayOrganisationId: string | null): boolean {
  return pathwayVisibleWithViews(actor, childViews(actor, relations), pathwayOrganisationId);
}

/** `pathwayVisible` given the actor's views of the child (`childViews`), for a plan's nine pathways asked at once. */
export function pathwayVisibleWithViews(
  actor: Actor,
  views: readonly ChildView[],
  pathwayOrganisationId: string | null,
): boolean {
  if (views.some((view) => FIELD_GROUPS_BY_VIEW[view].includes(ChildFieldGroup.PLAN))) return true;
  return (
    views.some((view) => view !== ChildView.FORMER_SUPERVISION) &&
    !!pathwayOrganisationId &&
    pathwayOrganisationId === actor.organisationId
  );
}

/**
 * Whether the actor may open the plan of one episode: those who see the child in full or as their corporate
 * parent; an establishment for the episodes in which it held the child; a partner with a summary view (who then
 * sees only their own pathways of it, `pathwayVisible`).
 */
export function planVisible(actor: Actor, relations: ChildRelations, episode: EpisodeFacts): boolean {
  const views = childViews(actor, relations);
  if (views.some((v) => v !== ChildView.CUSTODY && v !== ChildView.FORMER_SUPERVISION)) return true;
  return views.includes(ChildView.CUSTODY) && episodeVisible(actor, relations, episode);
}

/** Things done to a child's record, beyond reading it. */
export enum ChildAction {
  /** Start an episode: the supervising service, for a child it may see. */
  START_EPISODE = 'START_EPISODE',
  /**
   * Sentence, early or late release, override, transfer, release: the supervising service, or the establishment holding
   * the child.
   */
  CHANGE_CUSTODY = 'CHANGE_CUSTODY',
  /** Back into custody after release: the supervising service only (no establishment holds the child). */
  RECALL = 'RECALL',
  ASSIGN_CASE_MANAGER = 'ASSIGN_CASE_MANAGER',
  /** The audit trail and access report: managers of a service that supervises or supervised the child. */
  READ_AUDIT = 'READ_AUDIT',
  /** The plan as a whole (the child's voice, agreement, meetings, release day): the supervising service. */
  CHANGE_PLAN = 'CHANGE_PLAN',
  /**
   * One pathway: the supervising service; the organisation responsible for the pathway. An establishment is
   * responsible for the pathways it provides in custody (education, health: see `ESTABLISHMENT_PATHWAY_TYPES`) when
   * the plan names it, and changes them only while it holds the child; never a pathway another organisation owns.
   */
  CHANGE_PATHWAY = 'CHANGE_PATHWAY',
  /**
   * The release-day arrangements that are the establishment's (`ESTABLISHMENT_RELEASE_DAY_FIELDS`: medication, ID
   * documents, money and property): the supervising service, and the establishment holding the child. The rest of
   * the release-day plan, and confirming it, is CHANGE_PLAN.
   */
  ARRANGE_RELEASE_DAY = 'ARRANGE_RELEASE_DAY',
  /** Waive a deadline of an episode: a manager of the supervising service. */
  WAIVE_MILESTONE = 'WAIVE_MILESTONE',
  /**
   * Hand the episode's supervision to another youth justice service (the child moved area): a manager of the
   * supervising service, as for a case manager's assignment, since it moves the whole case.
   */
  TRANSFER_SUPERVISION = 'TRANSFER_SUPERVISION',
  /**
   * Read the episode's hand-overs of supervision: whoever sees the child in full, and the services that handed it on
   * (who otherwise see only the child's identity).
   */
  READ_SUPERVISION_TRANSFERS = 'READ_SUPERVISION_TRANSFERS',
}

/**
 * The pathways a secure establishment provides while it holds the child (DOMAIN.md: "provides education and health in
 * custody"): the only ones it may be named responsible for (planning refuses the rest), and so may own.
 */
export const ESTABLISHMENT_PATHWAY_TYPES: readonly string[] = [
  'EDUCATION_TRAINING_EMPLOYMENT',
  'PHYSICAL_HEALTH',
  'MENTAL_HEALTH',
  'SUBSTANCE_MISUSE',
  'SPEECH_LANGUAGE_COMMUNICATION',
];

/** The release-day plan's fields the establishment arranges (ARRANGE_RELEASE_DAY): what the child leaves with. */
export const ESTABLISHMENT_RELEASE_DAY_FIELDS: readonly string[] = ['medication', 'idDocuments', 'moneyAndProperty'];

/** Staff of the establishment holding the child in this episode now. */
function holdsChildNow(actor: Actor, episode: EpisodeFacts | undefined): boolean {
  return !!episode && hasRole(actor, ESTABLISHMENT) && episode.currentEstablishmentId === actor.organisationId;
}

/**
 * Whether the actor may do `action` to the child (and, for episode actions, to that episode). `episode` is the
 * episode acted on, or for START_EPISODE the one to be created.
 */
export function mayActOnChild(
  actor: Actor,
  relations: ChildRelations,
  action: ChildAction,
  episode?: EpisodeFacts,
  /** For CHANGE_PATHWAY: the organisation responsible for the pathway. */
  pathwayOrganisationId?: string | null,
): boolean {
  const org = actor.organisationId;
  const supervisesEpisode = !!episode && hasRole(actor, YOUTH_JUSTICE) && episode.supervisingServiceId === org;
  switch (action) {
    case ChildAction.START_EPISODE:
      return supervisesEpisode && childViews(actor, relations).includes(ChildView.FULL);
    case ChildAction.CHANGE_CUSTODY:
      return supervisesEpisode || holdsChildNow(actor, episode);
    case ChildAction.RECALL:
      return supervisesEpisode;
    case ChildAction.ASSIGN_CASE_MANAGER:
      return !!episode && hasRole(actor, [Role.YJS_MANAGER]) && episode.supervisingServiceId === org;
    case ChildAction.READ_AUDIT:
      return hasRole(actor, [Role.YJS_MANAGER]) && supervisedOrRecordedBy(relations, org);
    case ChildAction.CHANGE_PLAN:
      return supervisesEpisode;
    case ChildAction.WAIVE_MILESTONE:
    case ChildAction.TRANSFER_SUPERVISION:
      return !!episode && hasRole(actor, [Role.YJS_MANAGER]) && episode.supervisingServiceId === org;
    case ChildAction.READ_SUPERVISION_TRANSFERS: {
      if (!episode) return false;
      const views = childViews(actor, relations);
      if (views.includes(ChildView.FORMER_SUPERVISION)) {
        return (episode.formerSupervisingServiceIds ?? []).includes(org);
      }
      return episodeVisible(actor, relations, episode);
    }
    case ChildAction.ARRANGE_RELEASE_DAY:
      return supervisesEpisode || holdsChildNow(actor, episode);
    case ChildAction.CHANGE_PATHWAY:
      return (
        supervisesEpisode ||
        (holdsChildNow(actor, episode) && !!pathwayOrganisationId && pathwayOrganisationId === org) ||
        (!!pathwayOrganisationId &&
          pathwayOrganisationId === org &&
          hasRole(actor, PATHWAY_OWNERS) &&
          childViews(actor, relations).length > 0)
      );
    default:
      return false;
  }
}

/**
 * The slice of the caseload (children in custody now) a person may list, as organisation ids for the SQL filter:
 * an episode is in the slice when any condition holds. All empty means an empty list.
 */
export interface CaseloadScope {
  supervisingServiceIds: string[];
  establishmentIds: string[];
  /** Looked-after children whose responsible authority is one of these. */
  responsibleAuthorityIds: string[];
}

/** Must agree with `childViews` for children in custody: the e2e tests check the two against each other. */
export function caseloadScope(actor: Actor): CaseloadScope {
  const org = actor.organisationId;
  return {
    supervisingServiceIds: hasRole(actor, YOUTH_JUSTICE) ? [org] : [],
    establishmentIds: hasRole(actor, ESTABLISHMENT) ? [org] : [],
    responsibleAuthorityIds: hasRole(actor, [Role.LA_CHILDRENS_SERVICES]) ? [org] : [],
  };
}

export function isEmptyScope(scope: CaseloadScope): boolean {
  return !scope.supervisingServiceIds.length && !scope.establishmentIds.length && !scope.responsibleAuthorityIds.length;
}

/**
 * The children a person may find at all (a search, the possible duplicates of a child about to be registered), as
 * organisation ids per relation for a SQL filter: a child is in it when any relation holds. All empty means none.
 * Exactly the children `childViews` gives a view of (the table test checks the two against each other); each
 * feature turns its own relations into SQL (`ChildRelationsRegistry.scopeSql`).
 */
export interface ChildScope {
  /** Children recorded by, or supervised now or before by, one of these youth justice services. */
  recordedOrSupervisedByIds: string[];
  /** Children held by one of these establishments now (in custody) or in any episode. */
  heldByIds: string[];
  /** Looked-after children whose responsible authority is one of these. */
  lookedAfterByIds: string[];
  /** Children with an accommodation referral sent to one of these authorities. */
  accommodationReferralToIds: string[];
  /** Children with a pathway, or a sent health or education referral, for one of these organisations. */
  pathwayOrganisationIds: string[];
}

export function childScope(actor: Actor): ChildScope {
  const org = actor.organisationId;
  const when = (roles: Role[]) => (hasRole(actor, roles) ? [org] : []);
  return {
    recordedOrSupervisedByIds: when(YOUTH_JUSTICE),
    heldByIds: when(ESTABLISHMENT),
    lookedAfterByIds: when([Role.LA_CHILDRENS_SERVICES]),
    accommodationReferralToIds: when([Role.LA_ACCOMMODATION_OFFICER]),
    pathwayOrganisationIds: when([Role.HEALTH_PRACTITIONER, Role.EDUCATION_PROVIDER]),
  };
}

// ---------------------------------------------------------------- referrals (issue 6)

/**
 * Which side of a referral someone acts for: the youth justice service that made it, or the partner it is addressed to.
 */
export type ReferralSide = 'YJS' | 'PARTNER';

/** A referral as the policy needs to know it. */
export interface ReferralFacts {
  /** The youth justice service that made it (the supervising service of the episode). */
  fromServiceId: string;
  /** The organisation it is addressed to (a local authority, a health or an education provider). */
  toOrganisationId: string;
  /** When it was first sent; until then (a DRAFT, or a draft withdrawn) it is the youth justice service's alone. */
  sentAt: Date | string | null;
}

const REFERRAL_PARTNERS = [Role.LA_ACCOMMODATION_OFFICER, Role.HEALTH_PRACTITIONER, Role.EDUCATION_PROVIDER];

/**
 * The sides of a referral the actor acts for: the service that made it (its case managers and managers), and the
 * organisation it is addressed to (its accommodation officers, health or education practitioners) once it has been
 * sent (a draft withdrawn before sending never reaches the partner). Empty means the referral does not exist for them
 * (NOT_FOUND).
 */
export function referralSides(actor: Actor, referral: ReferralFacts): ReferralSide[] {
  const sides: ReferralSide[] = [];
  if (hasRole(actor, YOUTH_JUSTICE) && actor.organisationId === referral.fromServiceId) sides.push('YJS');
  if (hasRole(actor, REFERRAL_PARTNERS) && actor.organisationId === referral.toOrganisationId && !!referral.sentAt)
    sides.push('PARTNER');
  return sides;
}

export function referralVisible(actor: Actor, referral: ReferralFacts): boolean {
  return referralSides(actor, referral).length > 0;
}

/**
 * Whether the actor may make a move on the referral that belongs to `side` (from the referral state machine):
 * 'EITHER' for moves both sides may make (a message, a placement that fell through).
 */
export function mayActOnReferral(actor: Actor, referral: ReferralFacts, side: ReferralSide | 'EITHER'): boolean {
  const sides = referralSides(actor, referral);
  return side === 'EITHER' ? sides.length > 0 : sides.includes(side);
}

/** Groups of what a referral shows beyond the referral itself; each side of the referral sees the groups given it. */
export enum ReferralFieldGroup {
  /**
   * The child's case manager at the supervising service (name, work email, work phone), or the service when none is
   * assigned: the person a partner calls about the referral (issue 22).
   */
  CASE_MANAGER_CONTACT = 'CASE_MANAGER_CONTACT',
}

const REFERRAL_FIELD_GROUPS_BY_SIDE: Readonly<Record<ReferralSide, readonly ReferralFieldGroup[]>> = {
  YJS: [ReferralFieldGroup.CASE_MANAGER_CONTACT],
  // A partner the referral was sent to must be able to reach whoever works the child's case.
  PARTNER: [ReferralFieldGroup.CASE_MANAGER_CONTACT],
};

/** The union of the groups the actor's sides of the referral give (none where the referral is not theirs). */
export function visibleReferralFieldGroups(actor: Actor, referral: ReferralFacts): Set<ReferralFieldGroup> {
  return new Set(referralSides(actor, referral).flatMap((side) => REFERRAL_FIELD_GROUPS_BY_SIDE[side]));
}
