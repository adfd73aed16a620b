import type { Actor } from '../actor';
import { Role } from '../role';
import {
  caseloadScope,
  ChildAction,
  ChildFieldGroup,
  ChildRelations,
  ChildScope,
  childScope,
  ChildView,
  childViews,
  EpisodeFacts,
  episodeVisible,
  isEmptyScope,
  mayActOnChild,
  mayActOnReferral,
  noRelations,
  pathwayVisible,
  planVisible,
  ReferralFieldGroup,
  referralVisible,
  visibleChildFieldGroups,
  visibleReferralFieldGroups,
} from './child-access';

// ---------------------------------------------------------------------------------------------------- the world

const yjsA = 'yjs-a';
const yjsB = 'yjs-b';
const estA = 'est-a';
const estB = 'est-b';
const laA = 'la-a';
const laB = 'la-b';
const healthA = 'health-a';
const eduA = 'edu-a';
const nat = 'national';
const ORGANISATIONS = [yjsA, yjsB, estA, estB, laA, laB, healthA, eduA, nat];
const ROLES = Object.values(Role);

const {
  YJS_CASE_MANAGER,
  YJS_MANAGER,
  ESTABLISHMENT_STAFF,
  ESTABLISHMENT_MANAGER,
  LA_ACCOMMODATION_OFFICER,
  LA_CHILDRENS_SERVICES,
  HEALTH_PRACTITIONER,
  EDUCATION_PROVIDER,
  NATIONAL_ADMIN,
} = Role;

const actor = (organisationId: string, ...roles: Role[]): Actor => ({
  userId: `user-${organisationId}-${roles.join('+')}`,
  organisationId,
  roles,
  authenticatedBy: 'PASSWORD',
});

const episode = (
  episodeId: string,
  supervisingServiceId: string,
  establishmentIds: string[],
  currentEstablishmentId: string | null,
): EpisodeFacts => ({
  episodeId,
  supervisingServiceId,
  establishmentIds,
  currentEstablishmentId,
});

const child = (childId: string, facts: Partial<Omit<ChildRelations, 'childId'>>): ChildRelations => ({
  ...noRelations(childId),
  ...facts,
});

// Episodes, each named for the child it belongs to.
const custodyEp = episode('ep-custody', yjsA, [estA], estA);
const transferEp = episode('ep-transfer', yjsA, [estB, estA], estA);
const releasedEp = episode('ep-released', yjsA, [estA], null);
const movedPastEp = episode('ep-moved-past', yjsB, [estB], null);
const movedNowEp = episode('ep-moved-now', yjsA, [estA], estA);
const lookedAfterPastEp = episode('ep-looked-after-past', yjsA, [estA], null);
const lookedAfterNowEp = episode('ep-looked-after-now', yjsB, [estB], estB);
const notLookedAfterEp = episode('ep-not-looked-after', yjsB, [estB], estB);
const referralEp = episode('ep-referral', yjsA, [estB], estB);
const healthEp = episode('ep-health', yjsB, [estA], estA);
const educationEp = episode('ep-education', yjsB, [estB], estB);
const careAndReferralEp = episode('ep-care-and-referral', yjsB, [estB], estB);

const CHILDREN = {
  /** In custody at estA, supervised by yjsA. */
  inCustody: child('c-in-custody', { registeredById: yjsA, episodes: [custodyEp] }),
  /** Placed at estB, then transferred to estA in the same episode. */
  transferred: child('c-transferred', { registeredById: yjsA, episodes: [transferEp] }),
  /** Released from estA; yjsA supervises in the community. */
  released: child('c-released', { registeredById: yjsA, episodes: [releasedEp] }),
  /**
   * A past episode supervised by yjsB at estB; a new one supervised by yjsA at estA. Recorded before the service
   * existed.
   */
  movedService: child('c-moved-service', { registeredById: null, episodes: [movedPastEp, movedNowEp] }),
  /** Looked after by laA: a past episode (yjsA at estA) and a current one (yjsB at estB). */
  lookedAfter: child('c-looked-after', {
    registeredById: yjsA,
    lookedAfter: true,
    responsibleAuthorityId: laA,
    episodes: [lookedAfterPastEp, lookedAfterNowEp],
  }),
  /** laA is the responsible authority, but the child is not looked after. */
  notLookedAfter: child('c-not-looked-after', {
    registeredById: yjsB,
    lookedAfter: false,
    responsibleAuthorityId: laA,
    episodes: [notLookedAfterEp],
  }),
  /** An accommodation referral addressed to laA (laB is responsible but the child is not looked after). */
  accommodationReferral: child('c-accommodation-referral', {
    registeredById: yjsA,
    responsibleAuthorityId: laB,
    episodes: [referralEp],
    accommodationReferralAuthorityIds: [laA],
  }),
  /** A health pathway with healthA. */
  healthPathway: child('c-health-pathway', {
    registeredById: yjsB,
    episodes: [healthEp],
    pathwayOrganisationIds: [healthA],
  }),
  /** An education pathway with eduA. */
  educationPathway: child('c-education-pathway', {
    registeredById: yjsB,
    episodes: [educationEp],
    pathwayOrganisationIds: [eduA],
  }),
  /** Looked after by laA, with an accommodation referral to laA too. */
  careAndReferral: child('c-care-and-referral', {
    registeredById: yjsB,
    lookedAfter: true,
    responsibleAuthorityId: laA,
    episodes: [careAndReferralEp],
    accommodationReferralAuthorityIds: [laA],
  }),
  /** Recorded by yjsA, no episode yet. */
  registeredOnly: child('c-registered-only', { registeredById: yjsA }),
  /** Nothing links the child to anyone. */
  unrelated: noRelations('c-unrelated'),
};
type ChildName = keyof typeof CHILDREN;
const CHILD_NAMES = Object.keys(CHILDREN) as ChildName[];

// ------------------------------------------------------------------------------------------------ childViews

/**
 * Every (role, organisation) of the world that has a view of each child, written out by hand. Every other role ×
 * organisation pair must have no view at all. The policy keys on the organisation, not its type, so a health
 * practitioner and an education provider are listed for both pathway organisations (which roles an organisation's
 * users may hold is user management's rule, not this one's).
 */
const { FULL, CUSTODY, CARE, PLACEMENT_SUMMARY, PATHWAY_SUMMARY } = ChildView;
type Grant = [Role, string, ChildView[]];
const youthJustice = (org: string): Grant[] => [
  [YJS_CASE_MANAGER, org, [FULL]],
  [YJS_MANAGER, org, [FULL]],
];
const establishment = (org: string): Grant[] => [
  [ESTABLISHMENT_STAFF, org, [CUSTODY]],
  [ESTABLISHMENT_MANAGER, org, [CUSTODY]],
];
const pathway = (org: string): Grant[] => [
  [HEALTH_PRACTITIONER, org, [PATHWAY_SUMMARY]],
  [EDUCATION_PROVIDER, org, [PATHWAY_SUMMARY]],
];

const EXPECTED_VIEWS: Record<ChildName, Grant[]> = {
  inCustody: [...youthJustice(yjsA), ...establishment(estA)],
  transferred: [...youthJustice(yjsA), ...establishment(estA), ...establishment(estB)],
  released: [...youthJustice(yjsA), ...establishment(estA)],
  movedService: [...youthJustice(yjsA), ...youthJustice(yjsB), ...establishment(estA), ...establishment(estB)],
  lookedAfter: [
    ...youthJustice(yjsA),
    ...youthJustice(yjsB),
    ...establishment(estA),
    ...establishment(estB),
    [LA_CHILDRENS_SERVICES, laA, [CARE]],
  ],
  notLookedAfter: [...youthJustice(yjsB), ...establishment(estB)],
  accommodationReferral: [
    ...youthJustice(yjsA),
    ...establishment(estB),
    [LA_ACCOMMODATION_OFFICER, laA, [PLACEMENT_SUMMARY]],
  ],
  healthPathway: [...youthJustice(yjsB), ...establishment(estA), ...pathway(healthA)],
  educationPathway: [...youthJustice(yjsB), ...establishment(estB), ...pathway(eduA)],
  careAndReferral: [
    ...youthJustice(yjsB),
    ...establishment(estB),
    [LA_CHILDRENS_SERVICES, laA, [CARE]],
    [LA_ACCOMMODATION_OFFICER, laA, [PLACEMENT_SUMMARY]],
  ],
  registeredOnly: [...youthJustice(yjsA)],
  unrelated: [],
};

describe('childViews', () => {
  it('the expected table covers every child of the world', () => {
    expect(Object.keys(EXPECTED_VIEWS).sort()).toEqual([...CHILD_NAMES].sort());
  });

  it.each(CHILD_NAMES)(
    '%s: exactly the listed role × organisation pairs have a view, and exactly those views',
    (name) => {
      const actual: Record<string, ChildView[]> = {};
      for (const role of ROLES) {
        for (const org of ORGANISATIONS) {
          const views = childViews(actor(org, role), CHILDREN[name]);
          if (views.length) actual[`${role}@${org}`] = [...views].sort();
        }
      }
      const expected = Object.fromEntries(
        EXPECTED_VIEWS[name].map(([role, org, views]) => [`${role}@${org}`, [...views].sort()]),
      );
      expect(actual).toEqual(expected);
    },
  );

  it.each([
    // [who, actor, child, expected views]: the headline rules, spelled out
    ['supervising YJS case manager', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.inCustody, [FULL]],
    ['another YJS', actor(yjsB, YJS_MANAGER), CHILDREN.inCustody, []],
    ['YJS that supervised a past episode', actor(yjsB, YJS_CASE_MANAGER), CHILDREN.movedService, [FULL]],
    ['YJS that recorded the child, no episode yet', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.registeredOnly, [FULL]],
    ['establishment holding the child now', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.inCustody, [CUSTODY]],
    ['establishment the child was transferred from', actor(estB, ESTABLISHMENT_STAFF), CHILDREN.transferred, [CUSTODY]],
    ['establishment that never held the child', actor(estB, ESTABLISHMENT_MANAGER), CHILDREN.inCustody, []],
    ['establishment, child with no episode', actor(estA, ESTABLISHMENT_MANAGER), CHILDREN.registeredOnly, []],
    ["children's services, looked after", actor(laA, LA_CHILDRENS_SERVICES), CHILDREN.lookedAfter, [CARE]],
    [
      "children's services, responsible but not looked after",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.notLookedAfter,
      [],
    ],
    ["children's services, another authority", actor(laB, LA_CHILDRENS_SERVICES), CHILDREN.lookedAfter, []],
    [
      'accommodation officer, referral to them',
      actor(laA, LA_ACCOMMODATION_OFFICER),
      CHILDREN.accommodationReferral,
      [PLACEMENT_SUMMARY],
    ],
    [
      'accommodation officer, responsible authority without referral',
      actor(laB, LA_ACCOMMODATION_OFFICER),
      CHILDREN.accommodationReferral,
      [],
    ],
    [
      'accommodation officer, looked-after child without referral',
      actor(laA, LA_ACCOMMODATION_OFFICER),
      CHILDREN.lookedAfter,
      [],
    ],
    [
      "children's services, referral but not looked after",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.accommodationReferral,
      [],
    ],
    [
      'health practitioner, pathway with them',
      actor(healthA, HEALTH_PRACTITIONER),
      CHILDREN.healthPathway,
      [PATHWAY_SUMMARY],
    ],
    ['health practitioner, pathway elsewhere', actor(healthA, HEALTH_PRACTITIONER), CHILDREN.educationPathway, []],
    [
      'education provider, pathway with them',
      actor(eduA, EDUCATION_PROVIDER),
      CHILDREN.educationPathway,
      [PATHWAY_SUMMARY],
    ],
    ['education provider, pathway elsewhere', actor(eduA, EDUCATION_PROVIDER), CHILDREN.healthPathway, []],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.inCustody, []],
    ['national admin, placed in a YJS organisation', actor(yjsA, NATIONAL_ADMIN), CHILDREN.inCustody, []],
    ['no roles, supervising organisation', actor(yjsA), CHILDREN.inCustody, []],
  ])('%s → %j', (_who, who, relations, expected) => {
    expect(childViews(who, relations)).toEqual(expected);
  });
});

// --------------------------------------------------------------------------------- visibleChildFieldGroups

describe('visibleChildFieldGroups', () => {
  const { IDENTITY, SPECIAL_CATEGORY, NEEDS, CARE_STATUS, FAMILY } = ChildFieldGroup;
  const ALL = [IDENTITY, SPECIAL_CATEGORY, NEEDS, CARE_STATUS, FAMILY, ChildFieldGroup.CUSTODY, ChildFieldGroup.PLAN];

  it('ALL lists every field group', () => {
    expect([...ALL].sort()).toEqual(Object.values(ChildFieldGroup).sort());
  });

  it.each([
    // [views, expected groups]
    [[], []],
    [[FULL], ALL],
    [[CUSTODY], ALL],
    [[CARE], ALL],
    [[PLACEMENT_SUMMARY], [IDENTITY, NEEDS, CARE_STATUS]],
    [[PATHWAY_SUMMARY], [IDENTITY, NEEDS]],
    // several views: the union
    [
      [PLACEMENT_SUMMARY, PATHWAY_SUMMARY],
      [IDENTITY, NEEDS, CARE_STATUS],
    ],
    [
      [PATHWAY_SUMMARY, PLACEMENT_SUMMARY],
      [IDENTITY, NEEDS, CARE_STATUS],
    ],
    [[CARE, PLACEMENT_SUMMARY], ALL],
    [[PATHWAY_SUMMARY, FULL], ALL],
    [
      [PLACEMENT_SUMMARY, PLACEMENT_SUMMARY],
      [IDENTITY, NEEDS, CARE_STATUS],
    ],
  ])('%j → %j', (views, expected) => {
    expect([...visibleChildFieldGroups(views)].sort()).toEqual([...expected].sort());
  });

  it.each([
    // [summary view, groups it must never include]
    [PLACEMENT_SUMMARY, [FAMILY, SPECIAL_CATEGORY, ChildFieldGroup.CUSTODY]],
    [PATHWAY_SUMMARY, [FAMILY, SPECIAL_CATEGORY, ChildFieldGroup.CUSTODY, CARE_STATUS]],
  ])('%s never includes %j', (view, forbidden) => {
    const groups = visibleChildFieldGroups([view]);
    for (const group of forbidden) expect(groups.has(group)).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------- episodeVisible

describe('episodeVisible', () => {
  it.each([
    // [who, actor, child, episode, expected]
    // Establishments: only the episodes in which they held the child.
    ['estA, current episode it holds', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.movedService, movedNowEp, true],
    ['estA, past episode held by estB', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.movedService, movedPastEp, false],
    ['estB, past episode it held', actor(estB, ESTABLISHMENT_MANAGER), CHILDREN.movedService, movedPastEp, true],
    [
      'estB, current episode held by estA',
      actor(estB, ESTABLISHMENT_MANAGER),
      CHILDREN.movedService,
      movedNowEp,
      false,
    ],
    ['estB, episode it transferred out', actor(estB, ESTABLISHMENT_STAFF), CHILDREN.transferred, transferEp, true],
    ['estA, episode transferred in', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.transferred, transferEp, true],
    ['estA, released episode it held', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.released, releasedEp, true],
    [
      'estA, past looked-after episode',
      actor(estA, ESTABLISHMENT_STAFF),
      CHILDREN.lookedAfter,
      lookedAfterPastEp,
      true,
    ],
    [
      'estA, current looked-after episode at estB',
      actor(estA, ESTABLISHMENT_STAFF),
      CHILDREN.lookedAfter,
      lookedAfterNowEp,
      false,
    ],
    [
      'estB, past looked-after episode at estA',
      actor(estB, ESTABLISHMENT_STAFF),
      CHILDREN.lookedAfter,
      lookedAfterPastEp,
      false,
    ],
    ['estB, never held the child', actor(estB, ESTABLISHMENT_STAFF), CHILDREN.inCustody, custodyEp, false],
    // Youth justice: every episode of a child it supervises now or did.
    [
      'yjsA (supervises now), past episode supervised by yjsB',
      actor(yjsA, YJS_CASE_MANAGER),
      CHILDREN.movedService,
      movedPastEp,
      true,
    ],
    ['yjsA (supervises now), current episode', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.movedService, movedNowEp, true],
    ['yjsB (supervised before), past episode', actor(yjsB, YJS_MANAGER), CHILDREN.movedService, movedPastEp, true],
    [
      'yjsB (supervised before), current episode by yjsA',
      actor(yjsB, YJS_CASE_MANAGER),
      CHILDREN.movedService,
      movedNowEp,
      true,
    ],
    ['yjsA, released episode', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.released, releasedEp, true],
    ['yjsB, never supervised', actor(yjsB, YJS_MANAGER), CHILDREN.inCustody, custodyEp, false],
    // Children's services: every episode of a looked-after child it is responsible for.
    [
      "laA children's services, past episode",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      lookedAfterPastEp,
      true,
    ],
    [
      "laA children's services, current episode",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      lookedAfterNowEp,
      true,
    ],
    [
      "laA children's services, not looked after",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.notLookedAfter,
      notLookedAfterEp,
      false,
    ],
    [
      "laB children's services, another authority's child",
      actor(laB, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      lookedAfterNowEp,
      false,
    ],
    // Summaries carry no custody detail.
    [
      'accommodation officer with a referral',
      actor(laA, LA_ACCOMMODATION_OFFICER),
      CHILDREN.accommodationReferral,
      referralEp,
      false,
    ],
    [
      'health practitioner with a pathway',
      actor(healthA, HEALTH_PRACTITIONER),
      CHILDREN.healthPathway,
      healthEp,
      false,
    ],
    [
      'education provider with a pathway',
      actor(eduA, EDUCATION_PROVIDER),
      CHILDREN.educationPathway,
      educationEp,
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.inCustody, custodyEp, false],
  ])('%s → %s', (_who, who, relations, ep, expected) => {
    expect(episodeVisible(who, relations, ep)).toBe(expected);
  });
});

// -------------------------------------------------------------------------------------------- mayActOnChild

describe('mayActOnChild', () => {
  const { START_EPISODE, CHANGE_CUSTODY, RECALL, ASSIGN_CASE_MANAGER, READ_AUDIT } = ChildAction;
  /** An episode to be created, supervised by `service` and placed at `establishment`. */
  const newEpisode = (service: string, establishment = estA) =>
    episode('ep-new', service, [establishment], establishment);

  it.each([
    // [who, actor, child, episode, expected]
    [
      'case manager of the recording service',
      actor(yjsA, YJS_CASE_MANAGER),
      CHILDREN.registeredOnly,
      newEpisode(yjsA),
      true,
    ],
    ['manager of the recording service', actor(yjsA, YJS_MANAGER), CHILDREN.registeredOnly, newEpisode(yjsA), true],
    [
      'recording service, episode supervised by another service',
      actor(yjsA, YJS_MANAGER),
      CHILDREN.registeredOnly,
      newEpisode(yjsB),
      false,
    ],
    [
      'another service naming itself supervisor',
      actor(yjsB, YJS_MANAGER),
      CHILDREN.registeredOnly,
      newEpisode(yjsB),
      false,
    ],
    [
      'service that supervised a past episode',
      actor(yjsB, YJS_CASE_MANAGER),
      CHILDREN.movedService,
      newEpisode(yjsB),
      true,
    ],
    ['supervising service after release', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.released, newEpisode(yjsA), true],
    [
      'unrelated child, service naming itself supervisor',
      actor(yjsA, YJS_MANAGER),
      CHILDREN.unrelated,
      newEpisode(yjsA),
      false,
    ],
    ['no episode given', actor(yjsA, YJS_MANAGER), CHILDREN.registeredOnly, undefined, false],
    [
      'establishment holding the child',
      actor(estA, ESTABLISHMENT_MANAGER),
      CHILDREN.inCustody,
      newEpisode(yjsA, estA),
      false,
    ],
    [
      "children's services of a looked-after child",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      newEpisode(yjsA),
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.registeredOnly, newEpisode(yjsA), false],
    [
      'national admin naming itself supervisor',
      actor(nat, NATIONAL_ADMIN),
      CHILDREN.registeredOnly,
      newEpisode(nat),
      false,
    ],
  ])(`${START_EPISODE}: %s → %s`, (_who, who, relations, ep, expected) => {
    expect(mayActOnChild(who, relations, START_EPISODE, ep)).toBe(expected);
  });

  it.each([
    // [who, actor, child, episode, expected]
    ['supervising case manager', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.inCustody, custodyEp, true],
    ['supervising manager', actor(yjsA, YJS_MANAGER), CHILDREN.inCustody, custodyEp, true],
    ['another service', actor(yjsB, YJS_CASE_MANAGER), CHILDREN.inCustody, custodyEp, false],
    ['establishment staff holding the child', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.inCustody, custodyEp, true],
    [
      'establishment manager holding the child',
      actor(estA, ESTABLISHMENT_MANAGER),
      CHILDREN.inCustody,
      custodyEp,
      true,
    ],
    ['another establishment', actor(estB, ESTABLISHMENT_STAFF), CHILDREN.inCustody, custodyEp, false],
    [
      'establishment holding the child after a transfer',
      actor(estA, ESTABLISHMENT_STAFF),
      CHILDREN.transferred,
      transferEp,
      true,
    ],
    [
      'establishment that held the child earlier, not now',
      actor(estB, ESTABLISHMENT_MANAGER),
      CHILDREN.transferred,
      transferEp,
      false,
    ],
    ['establishment after release', actor(estA, ESTABLISHMENT_MANAGER), CHILDREN.released, releasedEp, false],
    ['supervising service after release', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.released, releasedEp, true],
    ['current service, its episode', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.movedService, movedNowEp, true],
    [
      'current service, the past episode another service supervised',
      actor(yjsA, YJS_CASE_MANAGER),
      CHILDREN.movedService,
      movedPastEp,
      false,
    ],
    ['past service, the current episode', actor(yjsB, YJS_CASE_MANAGER), CHILDREN.movedService, movedNowEp, false],
    [
      'past establishment, its closed episode',
      actor(estB, ESTABLISHMENT_STAFF),
      CHILDREN.movedService,
      movedPastEp,
      false,
    ],
    [
      "children's services of a looked-after child",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      lookedAfterNowEp,
      false,
    ],
    [
      'accommodation officer with a referral',
      actor(laA, LA_ACCOMMODATION_OFFICER),
      CHILDREN.accommodationReferral,
      referralEp,
      false,
    ],
    [
      'health practitioner with a pathway',
      actor(healthA, HEALTH_PRACTITIONER),
      CHILDREN.healthPathway,
      healthEp,
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.inCustody, custodyEp, false],
    ['supervising service, no episode given', actor(yjsA, YJS_MANAGER), CHILDREN.inCustody, undefined, false],
    [
      'holding establishment, no episode given',
      actor(estA, ESTABLISHMENT_MANAGER),
      CHILDREN.inCustody,
      undefined,
      false,
    ],
  ])(`${CHANGE_CUSTODY}: %s → %s`, (_who, who, relations, ep, expected) => {
    expect(mayActOnChild(who, relations, CHANGE_CUSTODY, ep)).toBe(expected);
  });

  it.each([
    // [who, actor, child, episode, expected]
    ['supervising case manager', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.released, releasedEp, true],
    ['supervising manager', actor(yjsA, YJS_MANAGER), CHILDREN.released, releasedEp, true],
    ['another service', actor(yjsB, YJS_MANAGER), CHILDREN.released, releasedEp, false],
    ['establishment that held the child', actor(estA, ESTABLISHMENT_MANAGER), CHILDREN.released, releasedEp, false],
    ['establishment holding the child', actor(estA, ESTABLISHMENT_STAFF), CHILDREN.inCustody, custodyEp, false],
    [
      "children's services of a looked-after child",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      lookedAfterPastEp,
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.released, releasedEp, false],
    ['supervising service, no episode given', actor(yjsA, YJS_MANAGER), CHILDREN.released, undefined, false],
  ])(`${RECALL}: %s → %s`, (_who, who, relations, ep, expected) => {
    expect(mayActOnChild(who, relations, RECALL, ep)).toBe(expected);
  });

  it.each([
    // [who, actor, child, episode, expected]
    ['manager of the supervising service', actor(yjsA, YJS_MANAGER), CHILDREN.inCustody, custodyEp, true],
    [
      'manager of the supervising service, current episode',
      actor(yjsA, YJS_MANAGER),
      CHILDREN.movedService,
      movedNowEp,
      true,
    ],
    ['case manager of the supervising service', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.inCustody, custodyEp, false],
    ['manager of another service', actor(yjsB, YJS_MANAGER), CHILDREN.inCustody, custodyEp, false],
    [
      'manager of the past service, current episode',
      actor(yjsB, YJS_MANAGER),
      CHILDREN.movedService,
      movedNowEp,
      false,
    ],
    [
      'establishment manager holding the child',
      actor(estA, ESTABLISHMENT_MANAGER),
      CHILDREN.inCustody,
      custodyEp,
      false,
    ],
    [
      "children's services of a looked-after child",
      actor(laA, LA_CHILDRENS_SERVICES),
      CHILDREN.lookedAfter,
      lookedAfterNowEp,
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.inCustody, custodyEp, false],
    [
      'manager of the recording service, no episode yet',
      actor(yjsA, YJS_MANAGER),
      CHILDREN.registeredOnly,
      undefined,
      false,
    ],
  ])(`${ASSIGN_CASE_MANAGER}: %s → %s`, (_who, who, relations, ep, expected) => {
    expect(mayActOnChild(who, relations, ASSIGN_CASE_MANAGER, ep)).toBe(expected);
  });

  it.each([
    // [who, actor, child, expected]
    ['manager of the supervising service', actor(yjsA, YJS_MANAGER), CHILDREN.inCustody, true],
    ['manager of the service now supervising', actor(yjsA, YJS_MANAGER), CHILDREN.movedService, true],
    ['manager of a service that supervised before', actor(yjsB, YJS_MANAGER), CHILDREN.movedService, true],
    ['manager of the recording service, no episode', actor(yjsA, YJS_MANAGER), CHILDREN.registeredOnly, true],
    ['manager of the supervising service after release', actor(yjsA, YJS_MANAGER), CHILDREN.released, true],
    ['case manager of the supervising service', actor(yjsA, YJS_CASE_MANAGER), CHILDREN.inCustody, false],
    ['manager of another service', actor(yjsB, YJS_MANAGER), CHILDREN.inCustody, false],
    ['establishment manager holding the child', actor(estA, ESTABLISHMENT_MANAGER), CHILDREN.inCustody, false],
    ["children's services of a looked-after child", actor(laA, LA_CHILDRENS_SERVICES), CHILDREN.lookedAfter, false],
    [
      'accommodation officer with a referral',
      actor(laA, LA_ACCOMMODATION_OFFICER),
      CHILDREN.accommodationReferral,
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), CHILDREN.inCustody, false],
    ['manager, unrelated child', actor(yjsA, YJS_MANAGER), CHILDREN.unrelated, false],
  ])(`${READ_AUDIT}: %s → %s`, (_who, who, relations, expected) => {
    expect(mayActOnChild(who, relations, READ_AUDIT)).toBe(expected);
  });

  it('an unknown action is refused', () => {
    expect(
      mayActOnChild(
        actor(yjsA, YJS_MANAGER, NATIONAL_ADMIN),
        CHILDREN.inCustody,
        'DELETE_CHILD' as ChildAction,
        custodyEp,
      ),
    ).toBe(false);
  });
});

// --------------------------------------------------------------------------------- caseloadScope / isEmptyScope

describe('caseloadScope', () => {
  it.each([
    // [roles, organisation, expected scope, empty?]
    [
      [YJS_CASE_MANAGER],
      yjsA,
      { supervisingServiceIds: [yjsA], establishmentIds: [], responsibleAuthorityIds: [] },
      false,
    ],
    [[YJS_MANAGER], yjsB, { supervisingServiceIds: [yjsB], establishmentIds: [], responsibleAuthorityIds: [] }, false],
    [
      [ESTABLISHMENT_STAFF],
      estA,
      { supervisingServiceIds: [], establishmentIds: [estA], responsibleAuthorityIds: [] },
      false,
    ],
    [
      [ESTABLISHMENT_MANAGER],
      estB,
      { supervisingServiceIds: [], establishmentIds: [estB], responsibleAuthorityIds: [] },
      false,
    ],
    [
      [LA_CHILDRENS_SERVICES],
      laA,
      { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [laA] },
      false,
    ],
    [
      [LA_ACCOMMODATION_OFFICER],
      laA,
      { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] },
      true,
    ],
    [
      [HEALTH_PRACTITIONER],
      healthA,
      { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] },
      true,
    ],
    [
      [EDUCATION_PROVIDER],
      eduA,
      { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] },
      true,
    ],
    [[NATIONAL_ADMIN], nat, { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] }, true],
    [[], yjsA, { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] }, true],
    // several roles
    [
      [YJS_CASE_MANAGER, YJS_MANAGER],
      yjsA,
      { supervisingServiceIds: [yjsA], establishmentIds: [], responsibleAuthorityIds: [] },
      false,
    ],
    [
      [LA_CHILDRENS_SERVICES, LA_ACCOMMODATION_OFFICER],
      laA,
      { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [laA] },
      false,
    ],
    [
      [NATIONAL_ADMIN, YJS_MANAGER],
      yjsA,
      { supervisingServiceIds: [yjsA], establishmentIds: [], responsibleAuthorityIds: [] },
      false,
    ],
    [
      [HEALTH_PRACTITIONER, EDUCATION_PROVIDER],
      healthA,
      { supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] },
      true,
    ],
  ])('roles %j at %s → %j (empty: %s)', (roles, org, expected, empty) => {
    const scope = caseloadScope(actor(org, ...roles));
    expect(scope).toEqual(expected);
    expect(isEmptyScope(scope)).toBe(empty);
  });

  it.each([
    [{ supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [] }, true],
    [{ supervisingServiceIds: [yjsA], establishmentIds: [], responsibleAuthorityIds: [] }, false],
    [{ supervisingServiceIds: [], establishmentIds: [estA], responsibleAuthorityIds: [] }, false],
    [{ supervisingServiceIds: [], establishmentIds: [], responsibleAuthorityIds: [laA] }, false],
  ])('isEmptyScope(%j) → %s', (scope, expected) => {
    expect(isEmptyScope(scope)).toBe(expected);
  });
});

// ------------------------------------------------------------------------------------------ multi-role actors

describe('an actor with several roles', () => {
  const laBoth = actor(laA, LA_CHILDRENS_SERVICES, LA_ACCOMMODATION_OFFICER);
  const yjsBoth = actor(yjsA, YJS_CASE_MANAGER, YJS_MANAGER);
  const adminAndManager = actor(yjsA, NATIONAL_ADMIN, YJS_MANAGER);
  const healthAndEducation = actor(healthA, HEALTH_PRACTITIONER, EDUCATION_PROVIDER);

  it.each([
    // [who, actor, child, expected views]
    [
      "children's services + accommodation officer, looked after with referral",
      laBoth,
      CHILDREN.careAndReferral,
      [CARE, PLACEMENT_SUMMARY],
    ],
    [
      "children's services + accommodation officer, referral only",
      laBoth,
      CHILDREN.accommodationReferral,
      [PLACEMENT_SUMMARY],
    ],
    ["children's services + accommodation officer, looked after only", laBoth, CHILDREN.lookedAfter, [CARE]],
    ["children's services + accommodation officer, neither", laBoth, CHILDREN.notLookedAfter, []],
    ['case manager + manager: one FULL, not two', yjsBoth, CHILDREN.inCustody, [FULL]],
    ['national admin + YJS manager: the YJS role counts', adminAndManager, CHILDREN.inCustody, [FULL]],
    ['national admin + YJS manager: nothing more', adminAndManager, CHILDREN.notLookedAfter, []],
    ['health + education: one PATHWAY_SUMMARY, not two', healthAndEducation, CHILDREN.healthPathway, [PATHWAY_SUMMARY]],
  ])('%s → %j', (_who, who, relations, expected) => {
    expect(childViews(who, relations)).toEqual(expected);
  });

  it('gets the union of field groups', () => {
    expect(visibleChildFieldGroups(childViews(laBoth, CHILDREN.careAndReferral))).toEqual(
      new Set(Object.values(ChildFieldGroup)),
    );
    expect([...visibleChildFieldGroups(childViews(laBoth, CHILDREN.accommodationReferral))].sort()).toEqual(
      [ChildFieldGroup.CARE_STATUS, ChildFieldGroup.IDENTITY, ChildFieldGroup.NEEDS].sort(),
    );
  });

  it.each([
    [
      "children's services + accommodation officer, looked-after child's episode",
      laBoth,
      CHILDREN.careAndReferral,
      careAndReferralEp,
      true,
    ],
    [
      "children's services + accommodation officer, referral-only child's episode",
      laBoth,
      CHILDREN.accommodationReferral,
      referralEp,
      false,
    ],
  ])('episodeVisible: %s → %s', (_who, who, relations, ep, expected) => {
    expect(episodeVisible(who, relations, ep)).toBe(expected);
  });

  it.each([
    [
      'case manager + manager may assign a case manager',
      yjsBoth,
      CHILDREN.inCustody,
      ChildAction.ASSIGN_CASE_MANAGER,
      custodyEp,
      true,
    ],
    ['case manager + manager may read the audit', yjsBoth, CHILDREN.inCustody, ChildAction.READ_AUDIT, undefined, true],
    [
      'national admin + YJS manager may read the audit of its own child',
      adminAndManager,
      CHILDREN.inCustody,
      ChildAction.READ_AUDIT,
      undefined,
      true,
    ],
    [
      "national admin + YJS manager may not read another service's child's audit",
      adminAndManager,
      CHILDREN.notLookedAfter,
      ChildAction.READ_AUDIT,
      undefined,
      false,
    ],
    [
      "national admin + YJS manager may not change another service's custody",
      adminAndManager,
      CHILDREN.notLookedAfter,
      ChildAction.CHANGE_CUSTODY,
      notLookedAfterEp,
      false,
    ],
    [
      "children's services + accommodation officer may not change custody",
      laBoth,
      CHILDREN.careAndReferral,
      ChildAction.CHANGE_CUSTODY,
      careAndReferralEp,
      false,
    ],
  ])('mayActOnChild: %s', (_who, who, relations, action, ep, expected) => {
    expect(mayActOnChild(who, relations, action, ep)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------- properties

describe('no leak: a child with no view is invisible in every other way', () => {
  const ACTORS: Actor[] = [
    ...ROLES.flatMap((role) => ORGANISATIONS.map((org) => actor(org, role))),
    ...ORGANISATIONS.flatMap((org) => [
      actor(org, ...ROLES),
      actor(org, LA_CHILDRENS_SERVICES, LA_ACCOMMODATION_OFFICER),
      actor(org, YJS_CASE_MANAGER, YJS_MANAGER),
      actor(org, NATIONAL_ADMIN, YJS_MANAGER),
    ]),
  ];

  it.each(CHILD_NAMES)('%s', (name) => {
    const relations = CHILDREN[name];
    const leaks: string[] = [];
    let checked = 0;
    for (const who of ACTORS) {
      if (childViews(who, relations).length > 0) continue;
      checked++;
      const label = `${who.roles.join('+')}@${who.organisationId}`;
      for (const ep of relations.episodes) {
        if (episodeVisible(who, relations, ep)) leaks.push(`${label} sees episode ${ep.episodeId}`);
      }
      // The child's own episodes, none, and (for START_EPISODE) one the actor proposes to create, naming itself.
      const proposed = episode('ep-proposed', who.organisationId, [who.organisationId], who.organisationId);
      for (const action of Object.values(ChildAction)) {
        const candidates =
          action === ChildAction.START_EPISODE
            ? [...relations.episodes, undefined, proposed]
            : [...relations.episodes, undefined];
        for (const ep of candidates) {
          if (mayActOnChild(who, relations, action, ep))
            leaks.push(`${label} may ${action} on ${ep?.episodeId ?? 'no episode'}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});

describe('caseloadScope never lists a child in custody that childViews hides', () => {
  // As the caseload query applies the scope: the episode is in custody and is supervised by a listed service, or is
  // held now at a listed establishment, or the child is looked after by a listed authority.
  const inScope = (who: Actor, relations: ChildRelations, ep: EpisodeFacts) => {
    const scope = caseloadScope(who);
    return (
      ep.currentEstablishmentId !== null &&
      (scope.supervisingServiceIds.includes(ep.supervisingServiceId) ||
        scope.establishmentIds.includes(ep.currentEstablishmentId) ||
        (relations.lookedAfter &&
          !!relations.responsibleAuthorityId &&
          scope.responsibleAuthorityIds.includes(relations.responsibleAuthorityId)))
    );
  };

  it.each(CHILD_NAMES)('%s', (name) => {
    const relations = CHILDREN[name];
    const leaks: string[] = [];
    for (const role of ROLES) {
      for (const org of ORGANISATIONS) {
        const who = actor(org, role);
        for (const ep of relations.episodes) {
          if (
            inScope(who, relations, ep) &&
            (childViews(who, relations).length === 0 || !episodeVisible(who, relations, ep))
          ) {
            leaks.push(`${role}@${org} lists ${ep.episodeId}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe('childScope finds exactly the children childViews shows', () => {
  // As the sources' SQL applies the scope (ChildRelationsRegistry.scopeSql): any relation listed holds.
  const inScope = (scope: ChildScope, r: ChildRelations) =>
    (!!r.registeredById && scope.recordedOrSupervisedByIds.includes(r.registeredById)) ||
    r.episodes.some(
      (e) =>
        scope.recordedOrSupervisedByIds.includes(e.supervisingServiceId) ||
        (!!e.currentEstablishmentId && scope.heldByIds.includes(e.currentEstablishmentId)) ||
        e.establishmentIds.some((id) => scope.heldByIds.includes(id)),
    ) ||
    (r.lookedAfter && !!r.responsibleAuthorityId && scope.lookedAfterByIds.includes(r.responsibleAuthorityId)) ||
    r.accommodationReferralAuthorityIds.some((id) => scope.accommodationReferralToIds.includes(id)) ||
    r.pathwayOrganisationIds.some((id) => scope.pathwayOrganisationIds.includes(id));

  it.each(CHILD_NAMES)('%s', (name) => {
    const relations = CHILDREN[name];
    const disagreements: string[] = [];
    const whos = [
      ...ROLES.flatMap((role) => ORGANISATIONS.map((org) => actor(org, role))),
      ...ORGANISATIONS.map((org) => actor(org, LA_CHILDRENS_SERVICES, LA_ACCOMMODATION_OFFICER)),
      ...ORGANISATIONS.map((org) => actor(org, NATIONAL_ADMIN, YJS_MANAGER)),
      ...ORGANISATIONS.map((org) => actor(org)),
    ];
    for (const who of whos) {
      if (inScope(childScope(who), relations) !== childViews(who, relations).length > 0) {
        disagreements.push(`${who.roles.join('+') || 'no role'}@${who.organisationId}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    [[YJS_CASE_MANAGER], yjsA, { recordedOrSupervisedByIds: [yjsA] }],
    [[ESTABLISHMENT_MANAGER], estA, { heldByIds: [estA] }],
    [
      [LA_CHILDRENS_SERVICES, LA_ACCOMMODATION_OFFICER],
      laA,
      { lookedAfterByIds: [laA], accommodationReferralToIds: [laA] },
    ],
    [[HEALTH_PRACTITIONER], healthA, { pathwayOrganisationIds: [healthA] }],
    [[EDUCATION_PROVIDER], eduA, { pathwayOrganisationIds: [eduA] }],
    [[NATIONAL_ADMIN], nat, {}],
  ])('roles %j at %s → %j', (roles, org, expected) => {
    expect(childScope(actor(org, ...roles))).toEqual({
      recordedOrSupervisedByIds: [],
      heldByIds: [],
      lookedAfterByIds: [],
      accommodationReferralToIds: [],
      pathwayOrganisationIds: [],
      ...expected,
    });
  });
});

// ---------------------------------------------------------------------------------------------------- the plan

describe('the resettlement plan', () => {
  const { inCustody, transferred, released } = CHILDREN;
  const withPathway = (c: ChildRelations, organisationId: string): ChildRelations => ({
    ...c,
    pathwayOrganisationIds: [organisationId],
  });

  it.each<[string, Actor, ChildRelations, EpisodeFacts, boolean]>([
    ['supervising case manager', actor(yjsA, YJS_CASE_MANAGER), inCustody, custodyEp, true],
    ['supervising manager', actor(yjsA, YJS_MANAGER), inCustody, custodyEp, true],
    ['another service', actor(yjsB, YJS_MANAGER), inCustody, custodyEp, false],
    ['the establishment holding the child', actor(estA, ESTABLISHMENT_STAFF), inCustody, custodyEp, false],
    ['children’s services', actor(laA, LA_CHILDRENS_SERVICES), inCustody, custodyEp, false],
    ['a partner with a pathway', actor(eduA, EDUCATION_PROVIDER), withPathway(inCustody, eduA), custodyEp, false],
    ['supervising service after release', actor(yjsA, YJS_CASE_MANAGER), released, releasedEp, true],
    ['national admin', actor(nat, NATIONAL_ADMIN), inCustody, custodyEp, false],
  ])('CHANGE_PLAN: %s → %s', (_who, a, relations, ep, expected) => {
    expect(mayActOnChild(a, relations, ChildAction.CHANGE_PLAN, ep)).toBe(expected);
  });

  it.each<[string, Actor, ChildRelations, EpisodeFacts, string | null, boolean]>([
    ['supervising service, any pathway', actor(yjsA, YJS_CASE_MANAGER), inCustody, custodyEp, null, true],
    [
      'the establishment holding the child now, a pathway it owns',
      actor(estA, ESTABLISHMENT_STAFF),
      transferred,
      transferEp,
      estA,
      true,
    ],
    ['its manager, a pathway it owns', actor(estA, ESTABLISHMENT_MANAGER), inCustody, custodyEp, estA, true],
    [
      'the establishment holding the child, a pathway nobody owns',
      actor(estA, ESTABLISHMENT_STAFF),
      transferred,
      transferEp,
      null,
      false,
    ],
    [
      'the establishment holding the child, a pathway a partner owns',
      actor(estA, ESTABLISHMENT_STAFF),
      inCustody,
      custodyEp,
      healthA,
      false,
    ],
    [
      'the establishment holding the child, a pathway the service owns',
      actor(estA, ESTABLISHMENT_MANAGER),
      inCustody,
      custodyEp,
      yjsA,
      false,
    ],
    [
      'an establishment that held the child earlier, a pathway it still owns',
      actor(estB, ESTABLISHMENT_STAFF),
      transferred,
      transferEp,
      estB,
      false,
    ],
    [
      'the establishment after release, a pathway it owns',
      actor(estA, ESTABLISHMENT_STAFF),
      released,
      releasedEp,
      estA,
      false,
    ],
    [
      'an establishment that held the child earlier',
      actor(estB, ESTABLISHMENT_MANAGER),
      transferred,
      transferEp,
      null,
      false,
    ],
    ['the establishment after release', actor(estA, ESTABLISHMENT_STAFF), released, releasedEp, null, false],
    [
      'the partner responsible for the pathway',
      actor(eduA, EDUCATION_PROVIDER),
      withPathway(inCustody, eduA),
      custodyEp,
      eduA,
      true,
    ],
    [
      'the same partner, a pathway not theirs',
      actor(eduA, EDUCATION_PROVIDER),
      withPathway(inCustody, eduA),
      custodyEp,
      healthA,
      false,
    ],
    [
      'the same partner, a pathway with nobody responsible',
      actor(eduA, EDUCATION_PROVIDER),
      withPathway(inCustody, eduA),
      custodyEp,
      null,
      false,
    ],
    [
      'children’s services responsible for the pathway of their looked-after child',
      actor(laA, LA_CHILDRENS_SERVICES),
      withPathway(CHILDREN.lookedAfter, laA),
      lookedAfterNowEp,
      laA,
      true,
    ],
    [
      'children’s services responsible for a pathway of a child not looked after',
      actor(laA, LA_CHILDRENS_SERVICES),
      withPathway(inCustody, laA),
      custodyEp,
      laA,
      false,
    ],
    [
      'national admin in the responsible organisation',
      actor(eduA, NATIONAL_ADMIN),
      withPathway(inCustody, eduA),
      custodyEp,
      eduA,
      false,
    ],
  ])('CHANGE_PATHWAY: %s → %s', (_who, a, relations, ep, pathwayOrg, expected) => {
    expect(mayActOnChild(a, relations, ChildAction.CHANGE_PATHWAY, ep, pathwayOrg)).toBe(expected);
  });

  it.each<[string, Actor, ChildRelations, EpisodeFacts, boolean]>([
    ['supervising case manager', actor(yjsA, YJS_CASE_MANAGER), inCustody, custodyEp, true],
    ['the establishment holding the child', actor(estA, ESTABLISHMENT_STAFF), inCustody, custodyEp, true],
    ['its manager', actor(estA, ESTABLISHMENT_MANAGER), transferred, transferEp, true],
    ['an establishment that held the child earlier', actor(estB, ESTABLISHMENT_STAFF), transferred, transferEp, false],
    ['the establishment after release', actor(estA, ESTABLISHMENT_STAFF), released, releasedEp, false],
    ['another service', actor(yjsB, YJS_MANAGER), inCustody, custodyEp, false],
    ['children’s services', actor(laA, LA_CHILDRENS_SERVICES), inCustody, custodyEp, false],
    [
      'a partner with a pathway',
      actor(healthA, HEALTH_PRACTITIONER),
      withPathway(inCustody, healthA),
      custodyEp,
      false,
    ],
    ['national admin', actor(nat, NATIONAL_ADMIN), inCustody, custodyEp, false],
  ])('ARRANGE_RELEASE_DAY (medication, ID, property): %s → %s', (_who, a, relations, ep, expected) => {
    expect(mayActOnChild(a, relations, ChildAction.ARRANGE_RELEASE_DAY, ep)).toBe(expected);
  });

  it.each<[string, Actor, ChildRelations, EpisodeFacts, boolean]>([
    ['supervising service', actor(yjsA, YJS_CASE_MANAGER), inCustody, custodyEp, true],
    ['the establishment holding the child', actor(estA, ESTABLISHMENT_STAFF), inCustody, custodyEp, true],
    [
      'an establishment that held the child in this episode',
      actor(estB, ESTABLISHMENT_STAFF),
      transferred,
      transferEp,
      true,
    ],
    ['a stranger establishment', actor(estB, ESTABLISHMENT_STAFF), inCustody, custodyEp, false],
    ['a partner with a pathway', actor(healthA, HEALTH_PRACTITIONER), withPathway(inCustody, healthA), custodyEp, true],
    ['a partner without one', actor(healthA, HEALTH_PRACTITIONER), inCustody, custodyEp, false],
  ])('planVisible: %s → %s', (_who, a, relations, ep, expected) => {
    expect(planVisible(a, relations, ep)).toBe(expected);
  });

  it.each<[string, Actor, ChildRelations, string | null, boolean]>([
    ['whole-plan viewer, any pathway', actor(yjsA, YJS_MANAGER), inCustody, healthA, true],
    ['establishment, any pathway', actor(estA, ESTABLISHMENT_STAFF), inCustody, null, true],
    ['partner, their own pathway', actor(healthA, HEALTH_PRACTITIONER), withPathway(inCustody, healthA), healthA, true],
    ['partner, someone else’s', actor(healthA, HEALTH_PRACTITIONER), withPathway(inCustody, healthA), eduA, false],
    ['partner, unassigned', actor(healthA, HEALTH_PRACTITIONER), withPathway(inCustody, healthA), null, false],
    ['no view of the child at all', actor(yjsB, YJS_MANAGER), inCustody, yjsB, false],
  ])('pathwayVisible: %s → %s', (_who, a, relations, pathwayOrg, expected) => {
    expect(pathwayVisible(a, relations, pathwayOrg)).toBe(expected);
  });
});

describe('waiving a milestone', () => {
  const { inCustody } = CHILDREN;
  it.each<[string, Actor, boolean]>([
    ['manager of the supervising service', actor(yjsA, YJS_MANAGER), true],
    ['case manager of the supervising service', actor(yjsA, YJS_CASE_MANAGER), false],
    ['manager of another service', actor(yjsB, YJS_MANAGER), false],
    ['establishment manager holding the child', actor(estA, ESTABLISHMENT_MANAGER), false],
    ['national admin', actor(nat, NATIONAL_ADMIN), false],
  ])('%s → %s', (_who, a, expected) => {
    expect(mayActOnChild(a, inCustody, ChildAction.WAIVE_MILESTONE, custodyEp)).toBe(expected);
  });
});

describe('referrals: who sees and acts on a referral', () => {
  const referralActor = (organisationId: string, ...roles: Role[]): Actor => ({
    userId: `u-${organisationId}`,
    organisationId,
    roles,
    authenticatedBy: 'PASSWORD',
  });
  const sent = { fromServiceId: 'yjs-a', toOrganisationId: 'la-a', sentAt: '2026-11-23T10:00:00Z' };
  const draft = { ...sent, sentAt: null };
  it.each([
    // [who, referral, visible, YJS move, PARTNER move, EITHER]
    [
      'case manager of the service that made it',
      referralActor('yjs-a', Role.YJS_CASE_MANAGER),
      sent,
      true,
      true,
      false,
      true,
    ],
    [
      'manager of the service that made it, draft',
      referralActor('yjs-a', Role.YJS_MANAGER),
      draft,
      true,
      true,
      false,
      true,
    ],
    [
      'case manager of another service',
      referralActor('yjs-b', Role.YJS_CASE_MANAGER),
      sent,
      false,
      false,
      false,
      false,
    ],
    [
      'accommodation officer addressed, sent',
      referralActor('la-a', Role.LA_ACCOMMODATION_OFFICER),
      sent,
      true,
      false,
      true,
      true,
    ],
    [
      'accommodation officer addressed, draft',
      referralActor('la-a', Role.LA_ACCOMMODATION_OFFICER),
      draft,
      false,
      false,
      false,
      false,
    ],
    [
      'accommodation officer addressed, draft withdrawn before sending',
      referralActor('la-a', Role.LA_ACCOMMODATION_OFFICER),
      { ...draft },
      false,
      false,
      false,
      false,
    ],
    [
      'accommodation officer of another authority',
      referralActor('la-b', Role.LA_ACCOMMODATION_OFFICER),
      sent,
      false,
      false,
      false,
      false,
    ],
    [
      "children's services of the authority addressed",
      referralActor('la-a', Role.LA_CHILDRENS_SERVICES),
      sent,
      false,
      false,
      false,
      false,
    ],
    [
      'health practitioner addressed',
      referralActor('health-a', Role.HEALTH_PRACTITIONER),
      { ...sent, toOrganisationId: 'health-a' },
      true,
      false,
      true,
      true,
    ],
    [
      'education provider addressed, confirmed',
      referralActor('edu-a', Role.EDUCATION_PROVIDER),
      { ...sent, toOrganisationId: 'edu-a' },
      true,
      false,
      true,
      true,
    ],
    ['establishment staff', referralActor('yjs-a', Role.ESTABLISHMENT_STAFF), sent, false, false, false, false],
    ['national admin', referralActor('yjs-a', Role.NATIONAL_ADMIN), sent, false, false, false, false],
  ] as const)('%s', (_who, who, referral, visible, yjs, partner, either) => {
    expect(referralVisible(who, referral)).toBe(visible);
    expect(mayActOnReferral(who, referral, 'YJS')).toBe(yjs);
    expect(mayActOnReferral(who, referral, 'PARTNER')).toBe(partner);
    expect(mayActOnReferral(who, referral, 'EITHER')).toBe(either);
    // Whoever may read the referral may reach the child's case manager about it; nobody else.
    expect(visibleReferralFieldGroups(who, referral).has(ReferralFieldGroup.CASE_MANAGER_CONTACT)).toBe(visible);
  });
});

// ----------------------------------------------------------------------------- supervision moved (issue 21)

describe('a child whose supervision moved from yjsA to yjsB', () => {
  // Recorded by yjsA, then handed on to yjsB mid-episode.
  const movedEp: EpisodeFacts = { ...episode('ep-handed-on', yjsB, [estA], estA), formerSupervisingServiceIds: [yjsA] };
  const moved = child('handed-on', { registeredById: yjsA, episodes: [movedEp] });
  const views = (org: string, ...roles: Role[]) => childViews(actor(org, ...roles), moved);

  it.each([
    ['the receiving case manager', yjsB, [YJS_CASE_MANAGER], [ChildView.FULL]],
    ['the receiving manager', yjsB, [YJS_MANAGER], [ChildView.FULL]],
    ['the former case manager', yjsA, [YJS_CASE_MANAGER], [ChildView.FORMER_SUPERVISION]],
    ['the former manager', yjsA, [YJS_MANAGER], [ChildView.FORMER_SUPERVISION]],
    ['the establishment holding the child', estA, [ESTABLISHMENT_STAFF], [ChildView.CUSTODY]],
  ])('%s has the views given', (_who, org, roles, expected) => {
    expect(views(org, ...roles)).toEqual(expected);
  });

  it.each([
    ['the receiving service', yjsB, true],
    ['the former service', yjsA, false],
  ])('the plan, the episode and the audit trail: %s (%s) sees them: %s', (_who, org, expected) => {
    const manager = actor(org, YJS_MANAGER);
    expect(planVisible(manager, moved, movedEp)).toBe(expected);
    expect(episodeVisible(manager, moved, movedEp)).toBe(expected);
    expect(pathwayVisible(manager, moved, null)).toBe(expected);
    expect(mayActOnChild(manager, moved, ChildAction.READ_AUDIT)).toBe(expected);
    expect(mayActOnChild(manager, moved, ChildAction.CHANGE_PLAN, movedEp)).toBe(expected);
  });

  it('the former service keeps the child identity only', () => {
    expect([...visibleChildFieldGroups(views(yjsA, YJS_MANAGER))]).toEqual([ChildFieldGroup.IDENTITY]);
  });

  it.each([
    ['receiving manager', yjsB, [YJS_MANAGER], true, true],
    ['receiving case manager', yjsB, [YJS_CASE_MANAGER], false, true],
    ['former manager', yjsA, [YJS_MANAGER], false, true],
    ['former case manager', yjsA, [YJS_CASE_MANAGER], false, true],
    ['establishment manager', estA, [ESTABLISHMENT_MANAGER], false, true],
    ['another service', laA, [LA_CHILDRENS_SERVICES], false, false],
    ['a national admin', nat, [NATIONAL_ADMIN], false, false],
  ])('%s (%s, %j): may transfer %s, may read the transfers %s', (_who, org, roles, transfer, read) => {
    const who = actor(org, ...roles);
    expect(mayActOnChild(who, moved, ChildAction.TRANSFER_SUPERVISION, movedEp)).toBe(transfer);
    expect(mayActOnChild(who, moved, ChildAction.READ_SUPERVISION_TRANSFERS, movedEp)).toBe(read);
  });

  it('a service that handed on one episode and supervises another still sees the child in full', () => {
    const again = child('back', { registeredById: yjsA, episodes: [movedEp, episode('ep-later', yjsA, [estB], estB)] });
    expect(childViews(actor(yjsA, YJS_MANAGER), again)).toEqual([ChildView.FULL]);
  });
});
