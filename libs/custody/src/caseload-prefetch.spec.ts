import { CASELOAD_RESOLVER_NEEDS as NEEDS, pageNarrowing } from './caseload-prefetch';

/** The portal's caseload page (apps/portal/src/caseload/caseload.controller.ts), as paths under the episode. */
const PORTAL = [
  'id',
  'daysToRelease',
  'expectedReleaseDate',
  'status',
  'child.givenName',
  'child.familyName',
  'child.preferredName',
  'currentEstablishment.name',
  'resettlementPlan.pathways.type',
  'resettlementPlan.pathways.status',
  'milestones.key',
  'milestones.dueDate',
  'milestones.status',
  'nextHearing.hearingDate',
];
const PORTAL_RESOLVERS = [
  'daysToRelease',
  'child',
  'currentEstablishment',
  'resettlementPlan',
  'resettlementPlan.pathways',
  'milestones',
  'nextHearing',
];

const sorted = (columns: readonly string[] | null) => (columns ? [...columns].sort() : null);

describe('pageNarrowing: what a caseload page reads of each episode and part', () => {
  it.each<[string, string[], string[] | null, string[] | null, Record<string, string[] | null>]>([
    [
      'the portal page: the episode its fields and the resolvers’ needs, each part its fields',
      PORTAL,
      PORTAL_RESOLVERS,
      ['childId', 'currentEstablishmentId', 'expectedReleaseDate', 'id', 'status'],
      {
        child: ['familyName', 'givenName', 'preferredName'],
        currentEstablishment: ['name'],
        'resettlementPlan.': ['childId', 'id'],
        'resettlementPlan.pathways': ['status', 'type'],
        milestones: ['dueDate', 'key', 'status'],
        nextHearing: ['hearingDate'],
      },
    ],
    [
      'another root field, which may share the loaders: everything whole',
      PORTAL,
      null,
      null,
      { child: null, milestones: null, 'resettlementPlan.pathways': null },
    ],
    [
      'a resolver on the episode that declares nothing: everything whole',
      [...PORTAL, 'expectedReleaseDay.releaseDate'],
      [...PORTAL_RESOLVERS, 'expectedReleaseDay'],
      null,
      { child: null, milestones: null, currentEstablishment: null },
    ],
    [
      'one below a part (a milestone’s dueInDays): the episode trimmed, every part whole (it might read any loader)',
      [...PORTAL, 'milestones.dueInDays'],
      [...PORTAL_RESOLVERS, 'milestones.dueInDays'],
      ['childId', 'currentEstablishmentId', 'expectedReleaseDate', 'id', 'status'],
      { child: null, milestones: null, nextHearing: null },
    ],
    [
      'one outside the episodes: the episode trimmed, every part whole',
      ['id', 'child.givenName'],
      ['child', '../pageInfo.extra'],
      ['childId', 'id'],
      { child: null },
    ],
    [
      'only plain fields and the child',
      ['id', 'child.givenName'],
      ['child'],
      ['childId', 'id'],
      { child: ['givenName'], milestones: [] },
    ],
    [
      'a path cut at the depth cap: its field stays, no column, so its record is read whole',
      ['id', 'child.*'],
      ['child'],
      ['childId', 'id'],
      { child: ['*'] },
    ],
  ])('%s', (_case, selected, resolvers, episode, parts) => {
    const narrowing = pageNarrowing(selected, resolvers, NEEDS);
    expect(sorted(narrowing.episode)).toEqual(episode);
    for (const [at, columns] of Object.entries(parts)) {
      // `resettlementPlan.` is the plan itself; `resettlementPlan.pathways` its pathways.
      const [field, path] = at.split('.');
      expect(sorted(narrowing.under(field).columns(path || undefined))).toEqual(columns);
    }
  });

  it('says which paths below a part the page asks for, however it is read', () => {
    for (const resolvers of [PORTAL_RESOLVERS, null]) {
      const plan = pageNarrowing(PORTAL, resolvers, NEEDS).under('resettlementPlan');
      expect(plan.selects('pathways')).toBe(true);
      expect(plan.selects('pathways.status')).toBe(true);
      expect(plan.selects('pathways.actions')).toBe(false);
      expect(plan.selects('childVoice')).toBe(false);
    }
  });
});
