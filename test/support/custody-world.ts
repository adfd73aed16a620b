import { Role } from '@resettle/access';
import { insertDirectory } from './fixtures';
import { GraphqlResponse, Session, TestApp } from './test-app';

/**
 * What the custody e2e files share (test/custody-*.e2e-spec.ts): the episode's fields, the inputs' defaults, and an
 * app of its own per file, with the people who would really do each thing signed in — the Leeds and Kent youth
 * justice managers for the children their services supervise, and the staff of Wetherby and Oakhill for what an
 * establishment records about a child it holds (transfers, releases). The clock is fixed at Monday 2026-11-23.
 */

export const TODAY = '2026-11-23';

const EPISODE = `
  id version status startDate remandDate sentenceType
  sentenceEndDate midTermDate earliestReleaseDate latestReleaseDate paroleEligibilityDate releaseDate
  broughtForwardDate fridayOrPreHolidayRelease furtherSupervisionEndDate immediateRelease releaseDateNotes
  earlyReleaseDate lateReleaseDate releaseDateOverride releaseDateOverrideReason expectedReleaseDate daysToRelease
  expectedReleaseDay { releaseDate fridayOrPreHolidayRelease broughtForwardDate }
  releasedAt recalledAt childId currentEstablishmentId supervisingServiceId caseManagerId
  currentEstablishment { id name } supervisingService { id name } caseManager { id email }
  caseManagerHistory { caseManagerId assignedFrom assignedUntil reason assignedById }
  transfers { fromEstablishmentId toEstablishmentId transferDate reason recordedById }
  sentences { sentenceType sentenceDate termMonths remandDays recordedById }
  history { type effectiveDate summary details recordedById }
`;

const CALCULATOR_FIELDS = `sentenceEndDate midTermDate earliestReleaseDate latestReleaseDate paroleEligibilityDate releaseDate
  broughtForwardDate fridayOrPreHolidayRelease furtherSupervisionEndDate immediateRelease notes`;

const MUTATION_INPUT: Record<string, string> = {
  startCustodialEpisode: 'StartCustodialEpisodeInput',
  recordSentence: 'RecordSentenceInput',
  grantEarlyRelease: 'GrantEarlyReleaseInput',
  orderLateRelease: 'OrderLateReleaseInput',
  transferEpisode: 'TransferEpisodeInput',
  recordRelease: 'RecordReleaseInput',
  recordRecall: 'RecordRecallInput',
  overrideReleaseDate: 'OverrideReleaseDateInput',
  clearReleaseDateOverride: 'ClearReleaseDateOverrideInput',
  assignCaseManager: 'AssignCaseManagerInput',
};

/**
 * Every field the schema gives a default, sent explicitly, so most tests state their whole input. Leaving them out
 * is covered by "leaves out fields that have defaults": graphql-jit (mercurius `jit: 1`) skips schema defaults
 * once a document is compiled, so the services apply those defaults themselves.
 */
export const CHILD_DEFAULTS = { careLeaver: false, lookedAfter: false, hasEhcp: false, disabilities: [] };
export const SENTENCE_DEFAULTS = {
  // No remandDays: after remand it defaults to the days known in the episode (test/custody-remand-credit).
  taggedBailDays: 0,
  qualifyingSeriousOffence: false,
  excludedFromFortyPercentRelease: false,
};
export const carer = (c: Record<string, unknown>) => ({ hasParentalResponsibility: false, ...c });

/** Sends a sentence with every defaulted field filled in (see SENTENCE_DEFAULTS). */
function withDefaults(input: Record<string, unknown>): Record<string, unknown> {
  if (!input.sentence || typeof input.sentence !== 'object') return input;
  return { ...input, sentence: { ...SENTENCE_DEFAULTS, ...(input.sentence as object) } };
}

export type Directory = Awaited<ReturnType<typeof insertDirectory>>;

/** A small deterministic PRNG, so the generated caseload is the same on every run. */
export function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

export function isoMinusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export const pad = (n: number) => String(n).padStart(2, '0');

export function expectError(res: GraphqlResponse, code: string, field?: string) {
  expect(res.errors?.length).toBeGreaterThan(0);
  expect(res.data).toBeNull();
  expect(res.errors![0].extensions.code).toBe(code);
  if (field) expect(Object.keys(res.errors![0].extensions.fieldErrors ?? {})).toContain(field);
}

/** The lifecycle sentence: DTO 12 months from 1 September 2026, after 31 days on remand. */
export const DTO_12 = { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 31 };

export const CASELOAD = `query($first: Int, $after: String, $filter: CaseloadFilter) {
  caseload(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id status expectedReleaseDate supervisingServiceId currentEstablishmentId } }
  } }`;

/** Walks `as`'s caseload page by page, checking totalCount is the same on every page. */
export async function walkCaseload(as: Session, filter: Record<string, unknown> | undefined, first: number) {
  const nodes: any[] = [];
  let after: string | null = null;
  let totalCount: number | undefined;
  let pages = 0;
  for (;;) {
    const page: any = (await as.ok(CASELOAD, { first, after, filter })).caseload;
    pages += 1;
    if (totalCount === undefined) totalCount = page.totalCount;
    expect(page.totalCount).toBe(totalCount);
    expect(page.edges.length).toBeLessThanOrEqual(first);
    nodes.push(...page.edges.map((e: any) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    expect(page.edges.length).toBe(first);
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
    after = page.pageInfo.endCursor;
    if (pages > 50) throw new Error('caseload never ended');
  }
  return { nodes, totalCount: totalCount!, pages };
}

/** The app and the people signed in to it; set once the file's `beforeAll` has run. */
interface CustodyWorld {
  t: TestApp;
  dir: Directory;
  /** The managers of the two youth justice services: they supervise, record and change their children's custody. */
  leeds: Session;
  kent: Session;
  /** Staff of the two establishments: they record what happens to the children they hold. */
  wetherby: Session;
  oakhill: Session;
}

/**
 * Starts an app (its own database) for the calling `describe` and stops it after, and gives the helpers that act
 * through it. Call it first in the file's top `describe`, so its `beforeAll` runs before the file's own.
 */
export function custodyWorld() {
  const w = {} as CustodyWorld;
  beforeAll(async () => {
    w.t = await TestApp.start();
    w.dir = await insertDirectory(w.t.dataSource);
    w.leeds = await w.t.userSession({
      organisationId: w.dir.leedsYjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'leeds.manager@example.com',
    });
    w.kent = await w.t.userSession({
      organisationId: w.dir.kentYjs.id,
      roles: [Role.YJS_MANAGER],
      email: 'kent.manager@example.com',
    });
    w.wetherby = await w.t.userSession({
      organisationId: w.dir.wetherby.id,
      roles: [Role.ESTABLISHMENT_STAFF],
      email: 'wetherby.staff@example.com',
    });
    w.oakhill = await w.t.userSession({
      organisationId: w.dir.oakhill.id,
      roles: [Role.ESTABLISHMENT_STAFF],
      email: 'oakhill.staff@example.com',
    });
  });
  afterAll(async () => {
    await w.t?.stop();
  });

  let childSeq = 0;
  /** Recorded by a youth justice service (Leeds unless said otherwise), which may then start the child's episodes. */
  async function registerChild(
    overrides: Record<string, unknown> = {},
    as: Session = w.leeds,
  ): Promise<{ id: string; givenName: string }> {
    childSeq += 1;
    const data = await as.ok(
      `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id givenName } }`,
      {
        input: {
          givenName: `Child${childSeq}`,
          familyName: 'Tester',
          dateOfBirth: '2010-04-12',
          gender: 'MALE',
          ...CHILD_DEFAULTS,
          parentsCarers: [{ name: `Parent of ${childSeq}`, relationship: 'Mother', hasParentalResponsibility: true }],
          ...overrides,
        },
      },
    );
    return data.registerChild;
  }

  /** A change to an episode, made by `as` (the Leeds manager unless said otherwise). */
  function mutate(name: string, input: Record<string, unknown>, as: Session = w.leeds): Promise<GraphqlResponse> {
    return as.graphql(`mutation($input: ${MUTATION_INPUT[name]}!) { ${name}(input: $input) { ${EPISODE} } }`, {
      input: withDefaults(input),
    });
  }

  async function mutateOk(name: string, input: Record<string, unknown>, as: Session = w.leeds): Promise<any> {
    const res = await mutate(name, input, as);
    if (res.errors?.length) throw new Error(`${name} failed: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data![name];
  }

  async function episode(id: string, as: Session = w.leeds): Promise<any> {
    return (await as.ok(`query($id: ID!) { custodialEpisode(id: $id) { ${EPISODE} } }`, { id })).custodialEpisode;
  }

  /** Public: no session. */
  async function calculate(input: Record<string, unknown>): Promise<any> {
    return (
      await w.t.ok(
        `query($input: ReleaseDateInput!) { calculateReleaseDates(input: $input) { ${CALCULATOR_FIELDS} } }`,
        { input },
      )
    ).calculateReleaseDates;
  }

  /** Everything the database holds for one episode, to prove a refused change wrote nothing. */
  async function snapshot(episodeId: string) {
    const [row] = await w.t.dataSource.query(`SELECT * FROM custodial_episode WHERE id = $1`, [episodeId]);
    const count = async (table: string) =>
      Number(
        (await w.t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE episode_id = $1`, [episodeId]))[0].n,
      );
    return {
      row,
      events: await count('episode_event'),
      transfers: await count('establishment_transfer'),
      sentences: await count('sentence'),
      assignments: await count('case_manager_assignment'),
    };
  }

  async function episodeRowsOfChild(childId: string): Promise<number> {
    return Number(
      (await w.t.dataSource.query(`SELECT count(*)::int AS n FROM custodial_episode WHERE child_id = $1`, [childId]))[0]
        .n,
    );
  }

  /** A remanded child at Wetherby, supervised by Leeds, managed by Priya. */
  async function remandedChild(remandDate = '2026-08-01') {
    const child = await registerChild();
    const ep = await mutateOk('startCustodialEpisode', {
      childId: child.id,
      establishmentId: w.dir.wetherby.id,
      supervisingServiceId: w.dir.leedsYjs.id,
      caseManagerId: w.dir.leedsCaseManager.id,
      remandDate,
    });
    return { child, ep };
  }

  async function sentencedChild(sentence: Record<string, unknown> = DTO_12) {
    const { child, ep } = await remandedChild();
    const sentenced = await mutateOk('recordSentence', { episodeId: ep.id, expectedVersion: ep.version, sentence });
    return { child, ep: sentenced };
  }

  return Object.assign(w, {
    registerChild,
    mutate,
    mutateOk,
    episode,
    calculate,
    snapshot,
    episodeRowsOfChild,
    remandedChild,
    sentencedChild,
  });
}
