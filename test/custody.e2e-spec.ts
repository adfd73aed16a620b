import { Role } from '@resettle/access';
import { countQueries, GraphqlResponse, Session, TestApp } from './support/test-app';
import { insertDirectory } from './support/fixtures';

/**
 * The custody record end to end: GraphQL in, PostgreSQL and Redis behind, the clock fixed at Monday 2026-11-23.
 * DOMAIN.md "The custodial episode" gives the rules the dates follow.
 *
 * Everyone is signed in as the person who would really do the thing: the Leeds and Kent youth justice managers for
 * the children their services supervise, and the staff of Wetherby and Oakhill for what an establishment records
 * about a child it holds (transfers, releases). The calculator alone is public.
 */

const TODAY = '2026-11-23';

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
const CHILD_DEFAULTS = { careLeaver: false, lookedAfter: false, hasEhcp: false, disabilities: [] };
const SENTENCE_DEFAULTS = { remandDays: 0, taggedBailDays: 0, qualifyingSeriousOffence: false, excludedFromFortyPercentRelease: false };
const carer = (c: Record<string, unknown>) => ({ hasParentalResponsibility: false, ...c });

/** Sends a sentence with every defaulted field filled in (see SENTENCE_DEFAULTS). */
function withDefaults(input: Record<string, unknown>): Record<string, unknown> {
  if (!input.sentence || typeof input.sentence !== 'object') return input;
  return { ...input, sentence: { ...SENTENCE_DEFAULTS, ...(input.sentence as object) } };
}

type Directory = Awaited<ReturnType<typeof insertDirectory>>;

/** A small deterministic PRNG, so the generated caseload is the same on every run. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function isoMinusDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');

describe('the custody record (GraphQL, PostgreSQL, Redis)', () => {
  let t: TestApp;
  let dir: Directory;
  /** The managers of the two youth justice services: they supervise, record and change their children's custody. */
  let leeds: Session;
  let kent: Session;
  /** Staff of the two establishments: they record what happens to the children they hold. */
  let wetherby: Session;
  let oakhill: Session;

  beforeAll(async () => {
    t = await TestApp.start();
    dir = await insertDirectory(t.dataSource);
    leeds = await t.userSession({ organisationId: dir.leedsYjs.id, roles: [Role.YJS_MANAGER], email: 'leeds.manager@example.com' });
    kent = await t.userSession({ organisationId: dir.kentYjs.id, roles: [Role.YJS_MANAGER], email: 'kent.manager@example.com' });
    wetherby = await t.userSession({ organisationId: dir.wetherby.id, roles: [Role.ESTABLISHMENT_STAFF], email: 'wetherby.staff@example.com' });
    oakhill = await t.userSession({ organisationId: dir.oakhill.id, roles: [Role.ESTABLISHMENT_STAFF], email: 'oakhill.staff@example.com' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  // ------------------------------------------------------------------------------------------------ helpers

  let childSeq = 0;
  /** Recorded by a youth justice service (Leeds unless said otherwise), which may then start the child's episodes. */
  async function registerChild(overrides: Record<string, unknown> = {}, as: Session = leeds): Promise<{ id: string; givenName: string }> {
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
  function mutate(name: string, input: Record<string, unknown>, as: Session = leeds): Promise<GraphqlResponse> {
    return as.graphql(`mutation($input: ${MUTATION_INPUT[name]}!) { ${name}(input: $input) { ${EPISODE} } }`, { input: withDefaults(input) });
  }

  async function mutateOk(name: string, input: Record<string, unknown>, as: Session = leeds): Promise<any> {
    const res = await mutate(name, input, as);
    if (res.errors?.length) throw new Error(`${name} failed: ${JSON.stringify(res.errors, null, 2)}`);
    return res.data![name];
  }

  async function episode(id: string, as: Session = leeds): Promise<any> {
    return (await as.ok(`query($id: ID!) { custodialEpisode(id: $id) { ${EPISODE} } }`, { id })).custodialEpisode;
  }

  /** Public: no session. */
  async function calculate(input: Record<string, unknown>): Promise<any> {
    return (await t.ok(`query($input: ReleaseDateInput!) { calculateReleaseDates(input: $input) { ${CALCULATOR_FIELDS} } }`, { input }))
      .calculateReleaseDates;
  }

  /** Everything the database holds for one episode, to prove a refused change wrote nothing. */
  async function snapshot(episodeId: string) {
    const [row] = await t.dataSource.query(`SELECT * FROM custodial_episode WHERE id = $1`, [episodeId]);
    const count = async (table: string) =>
      Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE episode_id = $1`, [episodeId]))[0].n);
    return {
      row,
      events: await count('episode_event'),
      transfers: await count('establishment_transfer'),
      sentences: await count('sentence'),
      assignments: await count('case_manager_assignment'),
    };
  }

  async function episodeRowsOfChild(childId: string): Promise<number> {
    return Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM custodial_episode WHERE child_id = $1`, [childId]))[0].n);
  }

  function expectError(res: GraphqlResponse, code: string, field?: string) {
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions.code).toBe(code);
    if (field) expect(Object.keys(res.errors![0].extensions.fieldErrors ?? {})).toContain(field);
  }

  /** A remanded child at Wetherby, supervised by Leeds, managed by Priya. */
  async function remandedChild(remandDate = '2026-08-01') {
    const child = await registerChild();
    const ep = await mutateOk('startCustodialEpisode', {
      childId: child.id,
      establishmentId: dir.wetherby.id,
      supervisingServiceId: dir.leedsYjs.id,
      caseManagerId: dir.leedsCaseManager.id,
      remandDate,
    });
    return { child, ep };
  }

  /** The lifecycle sentence: DTO 12 months from 1 September 2026, after 31 days on remand. */
  const DTO_12 = { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 31 };

  async function sentencedChild(sentence: Record<string, unknown> = DTO_12) {
    const { child, ep } = await remandedChild();
    const sentenced = await mutateOk('recordSentence', { episodeId: ep.id, expectedVersion: ep.version, sentence });
    return { child, ep: sentenced };
  }

  const CASELOAD = `query($first: Int, $after: String, $filter: CaseloadFilter) {
    caseload(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id status expectedReleaseDate supervisingServiceId currentEstablishmentId } }
    } }`;

  /** Walks `as`'s caseload page by page, checking totalCount is the same on every page. */
  async function walkCaseload(as: Session, filter: Record<string, unknown> | undefined, first: number) {
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

  // ------------------------------------------------------------------------------------------------ caseload
  // First in the file: it asserts whole caseloads, so it runs before the other tests add children to them.

  describe('caseload', () => {
    interface Seeded { id: string; serviceId: string; establishmentId: string; expectedReleaseDate: string | null }
    const seeded: Seeded[] = [];
    const byDateThenId = (a: Seeded, b: Seeded) => {
      const ka = a.expectedReleaseDate ?? '9999-12-31';
      const kb = b.expectedReleaseDate ?? '9999-12-31';
      return ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    };
    /** The seeded episodes that match, in caseload order. */
    const expectedWhere = (match: (s: Seeded) => boolean) => seeded.filter(match).sort(byDateThenId);
    const supervisedBy = (serviceId: string) => (s: Seeded) => s.serviceId === serviceId;
    const heldAt = (establishmentId: string) => (s: Seeded) => s.establishmentId === establishmentId;

    beforeAll(async () => {
      for (const as of [leeds, kent, wetherby, oakhill]) {
        expect((await as.ok(CASELOAD, { first: 1 })).caseload.totalCount).toBe(0);
      }

      const rand = mulberry32(20261123);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
      const specs = Array.from({ length: 120 }, (_, i) => {
        const leeds = i % 5 < 3; // 72 Leeds, 48 Kent
        const serviceId = leeds ? dir.leedsYjs.id : dir.kentYjs.id;
        const caseManagerId = leeds ? pick([dir.leedsCaseManager.id, dir.leedsCaseManager2.id, null]) : pick([dir.kentCaseManager.id, null]);
        const establishmentId = i % 3 === 0 ? dir.oakhill.id : dir.wetherby.id; // 40 Oakhill, 80 Wetherby, both services at each
        const dateOfBirth = `${2009 + (i % 4)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;
        let start: Record<string, unknown>;
        if (i >= 100 && i < 108) {
          // Identical sentences: a run of equal release dates that straddles no page but still must tie-break by id.
          start = { sentence: { sentenceType: 'DTO', sentenceDate: '2026-10-05', termMonths: 12 } };
        } else if (i === 108) {
          // Credit reaches the sentence date: immediate release, a date already past.
          start = { sentence: { sentenceType: 'DTO', sentenceDate: '2026-11-02', termMonths: 8, remandDays: 121 } };
        } else if (i % 8 === 0) {
          start = { remandDate: isoMinusDays(TODAY, 1 + Math.floor(rand() * 90)) };
        } else if (i % 8 === 1) {
          start = { sentence: { sentenceType: 'S250', sentenceDate: isoMinusDays(TODAY, Math.floor(rand() * 300)), termMonths: pick([12, 18, 24, 36, 48]), remandDays: Math.floor(rand() * 40) } };
        } else if (i === 15 || i === 47) {
          start = { sentence: { sentenceType: 'DHMP', sentenceDate: isoMinusDays(TODAY, 30 + i), termMonths: 120 } };
        } else {
          start = {
            sentence: {
              sentenceType: 'DTO',
              sentenceDate: isoMinusDays(TODAY, Math.floor(rand() * 330)),
              termMonths: 4 + Math.floor(rand() * 21),
              remandDays: pick([0, 0, 7, 21, 45]),
            },
          };
        }
        return { i, serviceId, caseManagerId, establishmentId, dateOfBirth, start };
      });

      const BATCH = 12;
      for (let b = 0; b < specs.length; b += BATCH) {
        await Promise.all(
          specs.slice(b, b + BATCH).map(async (s) => {
            // Each service records its own children and starts their episodes.
            const as = s.serviceId === dir.leedsYjs.id ? leeds : kent;
            const child = await registerChild(
              {
                givenName: `Caseload${s.i}`,
                dateOfBirth: s.dateOfBirth,
                gender: s.i % 2 ? 'FEMALE' : 'MALE',
                parentsCarers: [
                  { name: `Mum ${s.i}`, relationship: 'Mother', hasParentalResponsibility: true },
                  ...(s.i % 2 ? [carer({ name: `Nan ${s.i}`, relationship: 'Grandmother' })] : []),
                ],
              },
              as,
            );
            const ep = await mutateOk(
              'startCustodialEpisode',
              {
                childId: child.id,
                establishmentId: s.establishmentId,
                supervisingServiceId: s.serviceId,
                ...(s.caseManagerId ? { caseManagerId: s.caseManagerId } : {}),
                ...s.start,
              },
              as,
            );
            seeded.push({ id: ep.id, serviceId: s.serviceId, establishmentId: s.establishmentId, expectedReleaseDate: ep.expectedReleaseDate });
          }),
        );
      }
    });

    /** Walks `as`'s whole caseload in pages of 50 and checks it is exactly `expected`, in order. */
    async function expectWholeCaseload(as: Session, expected: Seeded[], pages: number) {
      const walk = await walkCaseload(as, undefined, 50);
      expect(walk.totalCount).toBe(expected.length);
      expect(walk.pages).toBe(pages);
      const ids = walk.nodes.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected.map((s) => s.id));
      // Spelled out: dates never go down, and once a null appears only nulls follow.
      const dates: (string | null)[] = walk.nodes.map((n) => n.expectedReleaseDate);
      const firstNull = dates.indexOf(null);
      expect(firstNull).toBeGreaterThan(0);
      expect(dates.slice(firstNull).every((d) => d === null)).toBe(true);
      const real = dates.slice(0, firstNull) as string[];
      expect(real).toEqual([...real].sort());
      expect(walk.nodes.every((n) => ['REMANDED', 'SENTENCED', 'RECALLED'].includes(n.status))).toBe(true);
      return walk;
    }

    it('seeded a varied caseload (remands and indeterminate last, ties, a date already past)', () => {
      expect(seeded).toHaveLength(120);
      const nulls = seeded.filter((s) => s.expectedReleaseDate === null).length;
      expect(nulls).toBeGreaterThanOrEqual(10);
      const dates = seeded.map((s) => s.expectedReleaseDate).filter(Boolean) as string[];
      expect(new Set(dates).size).toBeLessThan(dates.length); // some ties
      expect(dates.some((d) => d < TODAY)).toBe(true);
      expect(dates.some((d) => d > '2027-06-01')).toBe(true);
      expect(seeded.filter(supervisedBy(dir.leedsYjs.id))).toHaveLength(72);
      expect(seeded.filter(supervisedBy(dir.kentYjs.id))).toHaveLength(48);
      expect(seeded.filter(heldAt(dir.wetherby.id))).toHaveLength(80);
      expect(seeded.filter(heldAt(dir.oakhill.id))).toHaveLength(40);
    });

    it('each service walks exactly the children it supervises, in pages of 50: no duplicates, no gaps, soonest first, remanded last', async () => {
      const leedsWalk = await expectWholeCaseload(leeds, expectedWhere(supervisedBy(dir.leedsYjs.id)), 2);
      expect(leedsWalk.nodes.every((n) => n.supervisingServiceId === dir.leedsYjs.id)).toBe(true);
      const kentWalk = await expectWholeCaseload(kent, expectedWhere(supervisedBy(dir.kentYjs.id)), 1);
      expect(kentWalk.nodes.every((n) => n.supervisingServiceId === dir.kentYjs.id)).toBe(true);
      // Between them, every child seeded, each once: the slices do not overlap and leave no one out.
      expect(new Set([...leedsWalk.nodes, ...kentWalk.nodes].map((n) => n.id)).size).toBe(120);
    });

    it('each establishment walks exactly the children it holds now, whichever service supervises them', async () => {
      const atWetherby = await expectWholeCaseload(wetherby, expectedWhere(heldAt(dir.wetherby.id)), 2);
      expect(atWetherby.nodes.every((n) => n.currentEstablishmentId === dir.wetherby.id)).toBe(true);
      expect(new Set(atWetherby.nodes.map((n) => n.supervisingServiceId))).toEqual(new Set([dir.leedsYjs.id, dir.kentYjs.id]));
      const atOakhill = await expectWholeCaseload(oakhill, expectedWhere(heldAt(dir.oakhill.id)), 1);
      expect(atOakhill.nodes.every((n) => n.currentEstablishmentId === dir.oakhill.id)).toBe(true);
      expect(new Set([...atWetherby.nodes, ...atOakhill.nodes].map((n) => n.id)).size).toBe(120);
    });

    it('pages of 7 give the same list as pages of 50 (ties across page boundaries)', async () => {
      for (const [as, count] of [[leeds, 72], [wetherby, 80]] as const) {
        const big = await walkCaseload(as, undefined, 50);
        const small = await walkCaseload(as, undefined, 7);
        expect(big.totalCount).toBe(count);
        expect(small.pages).toBe(Math.ceil(count / 7));
        expect(small.nodes.map((n) => n.id)).toEqual(big.nodes.map((n) => n.id));
      }
    });

    it('filters by youth justice service, within what the caller may list', async () => {
      for (const [as, service] of [[leeds, dir.leedsYjs], [kent, dir.kentYjs]] as const) {
        const { nodes, totalCount } = await walkCaseload(as, { youthJusticeServiceId: service.id }, 50);
        const expected = expectedWhere(supervisedBy(service.id));
        expect(totalCount).toBe(expected.length);
        expect(nodes.every((n) => n.supervisingServiceId === service.id)).toBe(true);
        expect(nodes.map((n) => n.id)).toEqual(expected.map((s) => s.id));
      }
      // Another service's children are outside a manager's slice: asking for them by filter finds none.
      expect(await walkCaseload(leeds, { youthJusticeServiceId: dir.kentYjs.id }, 50)).toEqual({ nodes: [], totalCount: 0, pages: 1 });
      expect(await walkCaseload(kent, { youthJusticeServiceId: dir.leedsYjs.id }, 50)).toEqual({ nodes: [], totalCount: 0, pages: 1 });
      // An establishment holds children of both services: the filter picks out one service's.
      const kentAtWetherby = await walkCaseload(wetherby, { youthJusticeServiceId: dir.kentYjs.id }, 50);
      const expected = expectedWhere((s) => heldAt(dir.wetherby.id)(s) && supervisedBy(dir.kentYjs.id)(s));
      expect(expected.length).toBeGreaterThan(10);
      expect(kentAtWetherby.totalCount).toBe(expected.length);
      expect(kentAtWetherby.nodes.map((n) => n.id)).toEqual(expected.map((s) => s.id));
    });

    it('releaseWithinDays: 90 keeps only children due to leave by 2027-02-21', async () => {
      const until = '2027-02-21';
      const due = (s: Seeded) => s.expectedReleaseDate !== null && s.expectedReleaseDate <= until;
      const { nodes, totalCount } = await walkCaseload(leeds, { releaseWithinDays: 90 }, 50);
      const expected = expectedWhere((s) => supervisedBy(dir.leedsYjs.id)(s) && due(s));
      expect(expected.length).toBeGreaterThan(5);
      expect(expected.length).toBeLessThan(72 - 10);
      expect(totalCount).toBe(expected.length);
      expect(nodes.map((n) => n.id)).toEqual(expected.map((s) => s.id));
      expect(nodes.every((n) => n.expectedReleaseDate !== null && n.expectedReleaseDate <= until)).toBe(true);

      // Combined with a service filter, both apply (and the caller's slice as well).
      const kentDue = await walkCaseload(kent, { releaseWithinDays: 90, youthJusticeServiceId: dir.kentYjs.id }, 50);
      expect(kentDue.nodes.map((n) => n.id)).toEqual(expectedWhere((s) => supervisedBy(dir.kentYjs.id)(s) && due(s)).map((s) => s.id));
      const kentDueAtWetherby = await walkCaseload(wetherby, { releaseWithinDays: 90, youthJusticeServiceId: dir.kentYjs.id }, 50);
      expect(kentDueAtWetherby.nodes.map((n) => n.id)).toEqual(
        expectedWhere((s) => heldAt(dir.wetherby.id)(s) && supervisedBy(dir.kentYjs.id)(s) && due(s)).map((s) => s.id),
      );
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['a cursor of the wrong shape', Buffer.from(JSON.stringify(['2026-12-01'])).toString('base64url')],
      ['a tampered date', Buffer.from(JSON.stringify(['next tuesday', '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11'])).toString('base64url')],
      ['a tampered id', Buffer.from(JSON.stringify(['2026-12-01', 'not-a-uuid'])).toString('base64url')],
    ])('refuses %s as a cursor with BAD_USER_INPUT naming after', async (_what, after) => {
      const res = await leeds.graphql(CASELOAD, { first: 10, after });
      expectError(res, 'BAD_USER_INPUT', 'after');
    });

    it('refuses a page size over 100', async () => {
      expectError(await leeds.graphql(CASELOAD, { first: 101 }), 'BAD_USER_INPUT', 'first');
    });

    it('costs the same bounded number of SQL statements for a page of 10 and a page of 50 (no N+1)', async () => {
      const query = `query($first: Int) { caseload(first: $first) { totalCount edges { node {
        id expectedReleaseDate
        child { givenName parentsCarers { name } currentEpisode { id } }
        currentEstablishment { name } supervisingService { name } caseManager { email }
        sentences { sentenceType } transfers { reason } history { type }
      } } } }`;
      const ten = await countQueries(() => leeds.ok(query, { first: 10 }));
      const fifty = await countQueries(() => leeds.ok(query, { first: 50 }));
      expect(ten.result.caseload.edges).toHaveLength(10);
      expect(fifty.result.caseload.edges).toHaveLength(50);
      // The data really came back (so the count is of a query that did the work).
      const nodes = fifty.result.caseload.edges.map((e: any) => e.node);
      expect(nodes.every((n: any) => n.child.parentsCarers.length >= 1 && n.child.currentEpisode.id === n.id)).toBe(true);
      expect(nodes.every((n: any) => n.transfers.length === 1 && n.history.length === 1 && n.currentEstablishment.name)).toBe(true);
      expect(nodes.some((n: any) => n.caseManager?.email)).toBe(true);
      expect(nodes.some((n: any) => n.sentences.length === 1)).toBe(true);
      // At most 16 statements, whatever the page size: the signed-in user, the page statement (count, page, the
      // children's access facts and the page's audit rows together), then one batched SELECT for each other field
      // asked for (organisations, case managers, sentences, transfers, history, current episodes, parents/carers).
      // Access checks and audit must not grow with the page.
      expect(fifty.count).toBeLessThanOrEqual(16);
      expect(fifty.count).toBe(ten.count);
    });
  });

  // ------------------------------------------------------------------------------------------------ lifecycle

  describe('a remanded child is sentenced', () => {
    let childId: string;
    let remand: any;
    let sentenced: any;

    it('registers the child with their parents and carers', async () => {
      const data = await leeds.ok(
        `mutation($input: RegisterChildInput!) { registerChild(input: $input) {
          id givenName familyName dateOfBirth age lookedAfter responsibleAuthority { name }
          parentsCarers { name relationship email phone hasParentalResponsibility } currentEpisode { id } episodes { id } } }`,
        {
          input: {
            ...CHILD_DEFAULTS,
            givenName: 'Jordan',
            familyName: 'Tester',
            dateOfBirth: '2010-04-12',
            gender: 'MALE',
            lookedAfter: true,
            responsibleAuthorityId: dir.leeds.id,
            parentsCarers: [
              { name: 'Dana Tester', relationship: 'Mother', email: 'Dana.Tester@Example.com', hasParentalResponsibility: true },
              carer({ name: 'Lee Tester', relationship: 'Grandfather', phone: '0113 496 0000' }),
            ],
          },
        },
      );
      const child = data.registerChild;
      childId = child.id;
      expect(child).toMatchObject({
        givenName: 'Jordan', dateOfBirth: '2010-04-12', age: 16, lookedAfter: true,
        responsibleAuthority: { name: 'Leeds City Council' }, currentEpisode: null, episodes: [],
      });
      expect(child.parentsCarers).toEqual([
        { name: 'Dana Tester', relationship: 'Mother', email: 'dana.tester@example.com', phone: null, hasParentalResponsibility: true },
        { name: 'Lee Tester', relationship: 'Grandfather', email: null, phone: '0113 496 0000', hasParentalResponsibility: false },
      ]);
    });

    it('starts a custodial episode on remand: no release date, first placement, history', async () => {
      remand = await mutateOk('startCustodialEpisode', {
        childId,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        caseManagerId: dir.leedsCaseManager.id,
        remandDate: '2026-08-01',
      });
      expect(remand).toMatchObject({
        status: 'REMANDED', version: 1, startDate: '2026-08-01', remandDate: '2026-08-01', sentenceType: null,
        releaseDate: null, expectedReleaseDate: null, daysToRelease: null, midTermDate: null, sentenceEndDate: null,
        currentEstablishment: { id: dir.wetherby.id, name: 'HMYOI Wetherby' },
        supervisingService: { id: dir.leedsYjs.id, name: 'Leeds Youth Justice Service' },
        caseManager: { id: dir.leedsCaseManager.id, email: 'priya.tester@example.com' },
        sentences: [],
      });
      // Who did it is recorded: the signed-in Leeds manager, on the placement, the history and the assignment.
      expect(remand.transfers).toEqual([
        {
          fromEstablishmentId: null, toEstablishmentId: dir.wetherby.id, transferDate: '2026-08-01', reason: 'Remanded to youth detention accommodation',
          recordedById: leeds.userId,
        },
      ]);
      expect(remand.history).toHaveLength(1);
      expect(remand.history[0]).toMatchObject({ type: 'EPISODE_STARTED', effectiveDate: '2026-08-01', recordedById: leeds.userId });
      expect(remand.history[0].summary).toContain('HMYOI Wetherby');
      expect(remand.caseManagerHistory).toEqual([
        {
          caseManagerId: dir.leedsCaseManager.id, assignedFrom: '2026-11-23T10:00:00.000Z', assignedUntil: null, reason: expect.any(String),
          assignedById: leeds.userId,
        },
      ]);

      // The child's side shows it, and the record reads back the same.
      const child = (await leeds.ok(`query($id: ID!) { child(id: $id) { currentEpisode { id status } episodes { id } } }`, { id: childId })).child;
      expect(child).toEqual({ currentEpisode: { id: remand.id, status: 'REMANDED' }, episodes: [{ id: remand.id }] });
      expect(await episode(remand.id)).toEqual(remand);
    });

    it('records a DTO on the remand: the dates are the public calculator’s, with remand credit', async () => {
      sentenced = await mutateOk('recordSentence', { episodeId: remand.id, expectedVersion: remand.version, sentence: DTO_12 });
      const calc = await calculate({ ...SENTENCE_DEFAULTS, ...DTO_12, dateOfBirth: '2010-04-12' });

      // The worked arithmetic (DOMAIN.md): 365-day term from the 1st, MTD day 183 = 2027-03-02, less 31 days.
      expect(calc).toMatchObject({
        sentenceEndDate: '2027-07-31', midTermDate: '2027-01-30', earliestReleaseDate: '2026-12-30', latestReleaseDate: '2027-02-28',
        releaseDate: '2027-01-29', fridayOrPreHolidayRelease: true, broughtForwardDate: '2027-01-28', immediateRelease: false,
        furtherSupervisionEndDate: null,
      });
      const { notes, ...dates } = calc;
      expect(sentenced).toMatchObject({ ...dates, releaseDateNotes: notes });
      expect(sentenced).toMatchObject({
        status: 'SENTENCED', sentenceType: 'DTO', version: remand.version + 1,
        expectedReleaseDate: calc.releaseDate, daysToRelease: 67,
        startDate: '2026-08-01', remandDate: '2026-08-01', earlyReleaseDate: null, lateReleaseDate: null,
      });
      expect(sentenced.sentences).toEqual([{ sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 31, recordedById: leeds.userId }]);

      expect(sentenced.history.map((e: any) => e.type)).toEqual(['EPISODE_STARTED', 'SENTENCE_RECORDED']);
      const event = sentenced.history[1];
      expect(event.recordedById).toBe(leeds.userId);
      expect(event.effectiveDate).toBe('2026-09-01');
      expect(event.summary).toContain('2027-01-29');
      expect(event.details.before).toMatchObject({ releaseDate: null, midTermDate: null, sentenceEndDate: null });
      expect(event.details.after).toMatchObject({ releaseDate: '2027-01-29', midTermDate: '2027-01-30', sentenceEndDate: '2027-07-31' });
      expect(event.details.expectedReleaseDate).toEqual({ before: null, after: '2027-01-29' });

      // Stored, not just returned.
      const [row] = await t.dataSource.query(`SELECT version, status, expected_release_date::text AS d FROM custodial_episode WHERE id = $1`, [remand.id]);
      expect(row).toEqual({ version: remand.version + 1, status: 'SENTENCED', d: '2027-01-29' });
    });

    it('refuses a sentence dated before the episode began or in the future, writing nothing', async () => {
      const before = await snapshot(sentenced.id);
      const early = await mutate('recordSentence', { episodeId: sentenced.id, expectedVersion: sentenced.version, sentence: { ...DTO_12, sentenceDate: '2026-07-01' } });
      expectError(early, 'BAD_USER_INPUT', 'sentence.sentenceDate');
      const future = await mutate('recordSentence', { episodeId: sentenced.id, expectedVersion: sentenced.version, sentence: { ...DTO_12, sentenceDate: '2026-11-24' } });
      expectError(future, 'BAD_USER_INPUT', 'sentence.sentenceDate');
      expect(await snapshot(sentenced.id)).toEqual(before);
    });
  });

  // ------------------------------------------------------------------------------------------------ early and late release

  describe('early and late release', () => {
    it('grants early release on the earliest release date by default', async () => {
      const { ep } = await sentencedChild();
      const granted = await mutateOk('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version });
      expect(granted).toMatchObject({ earlyReleaseDate: '2026-12-30', expectedReleaseDate: '2026-12-30', releaseDate: '2027-01-29', version: ep.version + 1 });
      expect(granted.history.at(-1)).toMatchObject({
        type: 'EARLY_RELEASE_GRANTED', effectiveDate: TODAY,
        details: { before: { earlyReleaseDate: null }, after: { earlyReleaseDate: '2026-12-30' }, expectedReleaseDate: { before: '2027-01-29', after: '2026-12-30' } },
      });
    });

    it('moves an early release day that is not a working day back to the last working day', async () => {
      const { ep } = await sentencedChild();
      // Saturday 2 January 2027; Friday 1 January is New Year's Day, so the child leaves on Thursday 31 December.
      const granted = await mutateOk('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version, releaseOn: '2027-01-02' });
      expect(granted).toMatchObject({ earlyReleaseDate: '2027-01-02', expectedReleaseDate: '2026-12-31' });
      // The day before a bank holiday: flagged, and may be brought forward to Wednesday 30 December.
      expect(granted.expectedReleaseDay).toEqual({ releaseDate: '2026-12-31', fridayOrPreHolidayRelease: true, broughtForwardDate: '2026-12-30' });
    });

    it('a late release order replaces the early release', async () => {
      const { ep } = await sentencedChild();
      const early = await mutateOk('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version });
      const late = await mutateOk('orderLateRelease', { episodeId: ep.id, expectedVersion: early.version });
      // Latest release date Sunday 2027-02-28: the child leaves on Friday 26 February.
      expect(late).toMatchObject({ lateReleaseDate: '2027-02-28', earlyReleaseDate: null, expectedReleaseDate: '2027-02-26', version: ep.version + 2 });
      expect(late.history.map((e: any) => e.type)).toEqual(['EPISODE_STARTED', 'SENTENCE_RECORDED', 'EARLY_RELEASE_GRANTED', 'LATE_RELEASE_ORDERED']);

      const partLate = await mutateOk('orderLateRelease', { episodeId: ep.id, expectedVersion: late.version, releaseOn: '2027-02-10' });
      expect(partLate).toMatchObject({ lateReleaseDate: '2027-02-10', expectedReleaseDate: '2027-02-10' });
    });

    it.each([
      ['grantEarlyRelease', '2026-12-29'], // the day before the earliest release date
      ['grantEarlyRelease', '2027-01-30'], // the mid-term date itself is not early
      ['orderLateRelease', '2027-01-30'], // the mid-term date is not late
      ['orderLateRelease', '2027-03-01'], // after the latest release date
    ])('%s on %s is BAD_USER_INPUT naming releaseOn and writes nothing', async (mutation, releaseOn) => {
      const { ep } = await sentencedChild();
      const before = await snapshot(ep.id);
      expectError(await mutate(mutation, { episodeId: ep.id, expectedVersion: ep.version, releaseOn }), 'BAD_USER_INPUT', 'releaseOn');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('early release on a section 250 sentence is CONFLICT', async () => {
      const { ep } = await sentencedChild({ sentenceType: 'S250', sentenceDate: '2026-09-01', termMonths: 24 });
      expect(ep.sentenceType).toBe('S250');
      expect(ep.earliestReleaseDate).not.toBeNull();
      const before = await snapshot(ep.id);
      expectError(await mutate('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version }), 'CONFLICT');
      expectError(await mutate('orderLateRelease', { episodeId: ep.id, expectedVersion: ep.version }), 'CONFLICT');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('early release on a remand is CONFLICT', async () => {
      const { ep } = await remandedChild();
      expectError(await mutate('grantEarlyRelease', { episodeId: ep.id, expectedVersion: ep.version }), 'CONFLICT');
    });
  });

  // ------------------------------------------------------------------------------------------------ concurrency

  describe('optimistic concurrency', () => {
    // Two agencies at once: the Leeds manager sets the release date while Wetherby, which holds the child, moves them.
    it('refuses a second edit made against the same version, with the current version, and writes nothing for it', async () => {
      const { ep } = await sentencedChild();
      const first = await mutateOk('overrideReleaseDate', { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-01-15', reason: 'Court listed a review hearing' });
      expect(first.version).toBe(ep.version + 1);
      const afterFirst = await snapshot(ep.id);

      const second = await mutate(
        'transferEpisode',
        { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.oakhill.id, transferDate: '2026-11-20', reason: 'Nearer home' },
        wetherby,
      );
      expectError(second, 'CONFLICT');
      expect(second.errors![0].extensions).toMatchObject({ expectedVersion: ep.version, currentVersion: ep.version + 1 });
      expect(second.errors![0].message).toMatch(/changed since you loaded it/);

      expect(await snapshot(ep.id)).toEqual(afterFirst);
      const now = await episode(ep.id);
      expect(now).toMatchObject({ currentEstablishmentId: dir.wetherby.id, releaseDateOverride: '2027-01-15', version: ep.version + 1 });
      expect(now.history).toHaveLength(ep.history.length + 1);
    });

    it('lets exactly one of two simultaneous edits win', async () => {
      const { ep } = await sentencedChild();
      const before = await snapshot(ep.id);
      const [override, transfer] = await Promise.all([
        mutate('overrideReleaseDate', { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-01-15', reason: 'Court listed a review hearing' }),
        mutate(
          'transferEpisode',
          { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.oakhill.id, transferDate: '2026-11-20', reason: 'Nearer home' },
          wetherby,
        ),
      ]);
      const winners = [override, transfer].filter((r) => !r.errors);
      const losers = [override, transfer].filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0].errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: ep.version + 1 });

      const after = await snapshot(ep.id);
      expect(after.events).toBe(before.events + 1);
      expect(after.row.version).toBe(ep.version + 1);
      const now = await episode(ep.id);
      if (winners[0] === override) {
        expect(now).toMatchObject({ releaseDateOverride: '2027-01-15', currentEstablishmentId: dir.wetherby.id });
        expect(after.transfers).toBe(before.transfers);
      } else {
        expect(now).toMatchObject({ releaseDateOverride: null, currentEstablishmentId: dir.oakhill.id });
        expect(after.transfers).toBe(before.transfers + 1);
      }
    });
  });

  // ------------------------------------------------------------------------------------------------ audit

  describe('audit of changes', () => {
    const auditRows = (resourceId: string, action: string) =>
      t.dataSource.query(
        `SELECT action, outcome, before, after, actor_user_id FROM audit_event WHERE resource_id = $1 AND action = $2 ORDER BY id`,
        [resourceId, action],
      );

    it('writes the audit row, with before, after and the person, in the same transaction as the change', async () => {
      const { ep } = await sentencedChild();
      const { result: overridden, statements } = await countQueries(() =>
        mutateOk('overrideReleaseDate', { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-01-15', reason: 'Court listed a review hearing' }),
      );
      expect(overridden.releaseDateOverride).toBe('2027-01-15');

      const rows = await auditRows(ep.id, 'overrideReleaseDate');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'overrideReleaseDate', outcome: 'SUCCEEDED', actor_user_id: leeds.userId });
      expect(rows[0].before.releaseDateOverride).toBeNull();
      expect(rows[0].after.releaseDateOverride).toBe('2027-01-15');

      // The INSERT into audit_event sits between the change's START TRANSACTION and its COMMIT, with the UPDATE of
      // the episode: one commits only with the other.
      const auditInsert = statements.findIndex((sql) => /^INSERT INTO "audit_event"/i.test(sql));
      expect(auditInsert).toBeGreaterThan(0);
      expect(statements.filter((sql) => /^INSERT INTO "audit_event"/i.test(sql))).toHaveLength(1);
      const begin = statements.slice(0, auditInsert).map((sql) => /^START TRANSACTION/i.test(sql)).lastIndexOf(true);
      const commit = auditInsert + statements.slice(auditInsert).findIndex((sql) => /^COMMIT/i.test(sql));
      expect(begin).toBeGreaterThanOrEqual(0);
      expect(commit).toBeGreaterThan(auditInsert);
      const inTransaction = statements.slice(begin, commit + 1);
      expect(inTransaction.some((sql) => /^UPDATE "custodial_episode"/i.test(sql))).toBe(true);
      expect(inTransaction.slice(1, -1).some((sql) => /^(COMMIT|ROLLBACK|START TRANSACTION)/i.test(sql))).toBe(false);
    });

    it('leaves a FAILED row, and no SUCCEEDED one, for a change made against a stale version', async () => {
      const { ep } = await sentencedChild();
      await mutateOk('overrideReleaseDate', { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-01-15', reason: 'Court listed a review hearing' });
      // A Leeds case manager working from the page as it was before that change.
      const colleague = await t.userSession({ organisationId: dir.leedsYjs.id, roles: [Role.YJS_CASE_MANAGER], email: 'stale.colleague@example.com' });
      const before = await snapshot(ep.id);
      const stale = await mutate('transferEpisode', { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.oakhill.id, transferDate: '2026-11-20', reason: 'Nearer home' }, colleague);
      expectError(stale, 'CONFLICT');
      expect(await snapshot(ep.id)).toEqual(before);

      const attempts = await t.dataSource.query(
        `SELECT outcome, detail FROM audit_event WHERE actor_user_id = $1 AND action = 'transferEpisode'`,
        [colleague.userId],
      );
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ outcome: 'FAILED', detail: { code: 'CONFLICT' } });
      // Nothing claims the transfer happened: no SUCCEEDED row for it, by this person or on this episode.
      const succeeded = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'SUCCEEDED' AND action = 'transferEpisode' AND (actor_user_id = $1 OR resource_id = $2)`,
        [colleague.userId, ep.id],
      );
      expect(succeeded[0].n).toBe(0);
      // The override before it is there, once: the audit is not simply empty.
      expect(await auditRows(ep.id, 'overrideReleaseDate')).toEqual([expect.objectContaining({ outcome: 'SUCCEEDED', actor_user_id: leeds.userId })]);
    });
  });

  // ------------------------------------------------------------------------------------------------ transfers

  describe('transfers', () => {
    it('moves the child to Oakhill and keeps every placement', async () => {
      const { ep } = await remandedChild();
      // Recorded by Wetherby, which holds the child.
      const moved = await mutateOk(
        'transferEpisode',
        { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.oakhill.id, transferDate: '2026-10-15', reason: 'Nearer home for family contact' },
        wetherby,
      );
      expect(moved).toMatchObject({
        currentEstablishmentId: dir.oakhill.id, currentEstablishment: { name: 'Oakhill Secure Training Centre' }, status: 'REMANDED', version: ep.version + 1,
      });
      expect(moved.transfers).toEqual([
        {
          fromEstablishmentId: null, toEstablishmentId: dir.wetherby.id, transferDate: '2026-08-01', reason: 'Remanded to youth detention accommodation',
          recordedById: leeds.userId,
        },
        {
          fromEstablishmentId: dir.wetherby.id, toEstablishmentId: dir.oakhill.id, transferDate: '2026-10-15', reason: 'Nearer home for family contact',
          recordedById: wetherby.userId,
        },
      ]);
      expect(moved.history.at(-1)).toMatchObject({
        type: 'TRANSFERRED', effectiveDate: '2026-10-15', recordedById: wetherby.userId,
        details: { before: { establishmentId: dir.wetherby.id }, after: { establishmentId: dir.oakhill.id } },
      });

      // Oakhill holds the child now and reads the same record; Wetherby no longer changes it (NOT_FOUND, nothing written).
      expect(await episode(ep.id, oakhill)).toEqual(moved);
      const before = await snapshot(ep.id);
      const back = await mutate(
        'transferEpisode',
        { episodeId: ep.id, expectedVersion: moved.version, toEstablishmentId: dir.wetherby.id, transferDate: '2026-11-20', reason: 'Back again' },
        wetherby,
      );
      expectError(back, 'NOT_FOUND');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('refuses a transfer to where the child already is (BAD_USER_INPUT) and to a non-establishment (NOT_FOUND)', async () => {
      const { ep } = await remandedChild();
      const before = await snapshot(ep.id);
      const same = await mutate('transferEpisode', { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.wetherby.id, transferDate: '2026-10-15', reason: 'Moving wings' });
      expectError(same, 'BAD_USER_INPUT', 'toEstablishmentId');
      const yjs = await mutate('transferEpisode', { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.kentYjs.id, transferDate: '2026-10-15', reason: 'Wrong kind of place' });
      expectError(yjs, 'NOT_FOUND');
      const future = await mutate('transferEpisode', { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.oakhill.id, transferDate: '2026-11-30', reason: 'Planned move' });
      expectError(future, 'BAD_USER_INPUT', 'transferDate');
      const beforeStart = await mutate('transferEpisode', { episodeId: ep.id, expectedVersion: ep.version, toEstablishmentId: dir.oakhill.id, transferDate: '2026-07-31', reason: 'Backdated move' });
      expectError(beforeStart, 'BAD_USER_INPUT', 'transferDate');
      expect(await snapshot(ep.id)).toEqual(before);
      expect((await episode(ep.id)).currentEstablishmentId).toBe(dir.wetherby.id);
    });
  });

  // ------------------------------------------------------------------------------------------------ override, case manager

  describe('manual release date and case manager', () => {
    it('overrides the release date with a reason, then clears it back to the calculated day', async () => {
      const { ep } = await sentencedChild();
      const overridden = await mutateOk('overrideReleaseDate', {
        episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-01-15', reason: 'Youth court ordered release at the review hearing',
      });
      expect(overridden).toMatchObject({
        releaseDateOverride: '2027-01-15', releaseDateOverrideReason: 'Youth court ordered release at the review hearing',
        expectedReleaseDate: '2027-01-15', releaseDate: '2027-01-29', daysToRelease: 53,
      });
      expect(overridden.history.at(-1)).toMatchObject({ type: 'RELEASE_DATE_OVERRIDDEN', details: { after: { releaseDateOverride: '2027-01-15' } } });

      const cleared = await mutateOk('clearReleaseDateOverride', { episodeId: ep.id, expectedVersion: overridden.version });
      expect(cleared).toMatchObject({ releaseDateOverride: null, releaseDateOverrideReason: null, expectedReleaseDate: '2027-01-29', version: ep.version + 2 });
      expect(cleared.history.map((e: any) => e.type).slice(-2)).toEqual(['RELEASE_DATE_OVERRIDDEN', 'RELEASE_DATE_OVERRIDE_CLEARED']);

      // Nothing left to clear.
      const before = await snapshot(ep.id);
      expectError(await mutate('clearReleaseDateOverride', { episodeId: ep.id, expectedVersion: cleared.version }), 'CONFLICT');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('refuses an override without a reason or before the episode began, writing nothing', async () => {
      const { ep } = await sentencedChild();
      const before = await snapshot(ep.id);
      expectError(await mutate('overrideReleaseDate', { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-01-15', reason: '' }), 'BAD_USER_INPUT', 'reason');
      expectError(await mutate('overrideReleaseDate', { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2026-07-01', reason: 'Typed the wrong year' }), 'BAD_USER_INPUT', 'releaseDate');
      expect(await snapshot(ep.id)).toEqual(before);
    });

    it('reassigns the case manager and keeps every assignment with its dates', async () => {
      const { ep } = await remandedChild();
      t.clock.advance(5 * 60_000);
      const firstChange = t.clock.now().toISOString();
      const toSam = await mutateOk('assignCaseManager', { episodeId: ep.id, expectedVersion: ep.version, caseManagerId: dir.leedsCaseManager2.id, reason: 'Priya on leave' });
      t.clock.advance(5 * 60_000);
      const secondChange = t.clock.now().toISOString();
      const back = await mutateOk('assignCaseManager', { episodeId: ep.id, expectedVersion: toSam.version, caseManagerId: dir.leedsCaseManager.id, reason: 'Priya back' });

      expect(toSam.caseManager).toEqual({ id: dir.leedsCaseManager2.id, email: 'sam.tester@example.com' });
      expect(back).toMatchObject({ caseManagerId: dir.leedsCaseManager.id, version: ep.version + 2 });
      // Each assignment names the manager who made it.
      expect(back.caseManagerHistory).toEqual([
        {
          caseManagerId: dir.leedsCaseManager.id, assignedFrom: ep.caseManagerHistory[0].assignedFrom, assignedUntil: firstChange, reason: expect.any(String),
          assignedById: leeds.userId,
        },
        { caseManagerId: dir.leedsCaseManager2.id, assignedFrom: firstChange, assignedUntil: secondChange, reason: 'Priya on leave', assignedById: leeds.userId },
        { caseManagerId: dir.leedsCaseManager.id, assignedFrom: secondChange, assignedUntil: null, reason: 'Priya back', assignedById: leeds.userId },
      ]);
      expect(back.history.at(-1)).toMatchObject({
        type: 'CASE_MANAGER_CHANGED', recordedById: leeds.userId,
        details: { before: { caseManagerId: dir.leedsCaseManager2.id }, after: { caseManagerId: dir.leedsCaseManager.id } },
      });
    });

    it('refuses a case manager from another service (BAD_USER_INPUT naming caseManagerId) and writes nothing', async () => {
      const { ep } = await remandedChild();
      const before = await snapshot(ep.id);
      const res = await mutate('assignCaseManager', { episodeId: ep.id, expectedVersion: ep.version, caseManagerId: dir.kentCaseManager.id });
      expectError(res, 'BAD_USER_INPUT', 'caseManagerId');
      expect(await snapshot(ep.id)).toEqual(before);

      // And at the start of an episode too: no episode is created.
      const child = await registerChild();
      const start = await mutate('startCustodialEpisode', {
        childId: child.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.leedsYjs.id, caseManagerId: dir.kentCaseManager.id, remandDate: '2026-11-01',
      });
      expectError(start, 'BAD_USER_INPUT', 'caseManagerId');
      expect(await episodeRowsOfChild(child.id)).toBe(0);
    });
  });

  // ------------------------------------------------------------------------------------------------ release and recall

  describe('release and recall', () => {
    /** DTO 8 months from 2026-06-15: mid-term date (and release day) Thursday 2026-10-15. */
    const DTO_8 = { sentenceType: 'DTO', sentenceDate: '2026-06-15', termMonths: 8 };

    async function isOnCaseload(episodeId: string, as: Session, filter?: Record<string, unknown>): Promise<boolean> {
      const { nodes } = await walkCaseload(as, filter, 100);
      return nodes.some((n) => n.id === episodeId);
    }

    // A Kent child held at Wetherby: Kent records and supervises them, Wetherby records the release, Kent the recall.
    it('releases the child (off the caseload), then recalls them (back on it, at a new establishment)', async () => {
      const child = await registerChild({ dateOfBirth: '2009-12-01' }, kent);
      const ep = await mutateOk(
        'startCustodialEpisode',
        { childId: child.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.kentYjs.id, caseManagerId: dir.kentCaseManager.id, sentence: DTO_8 },
        kent,
      );
      expect(ep).toMatchObject({ status: 'SENTENCED', midTermDate: '2026-10-15', releaseDate: '2026-10-15', sentenceEndDate: '2027-02-14' });
      expect(ep.transfers).toEqual([
        { fromEstablishmentId: null, toEstablishmentId: dir.wetherby.id, transferDate: '2026-06-15', reason: 'Sentenced to custody', recordedById: kent.userId },
      ]);
      expect(ep.sentences).toEqual([{ sentenceType: 'DTO', sentenceDate: '2026-06-15', termMonths: 8, remandDays: 0, recordedById: kent.userId }]);
      expect(await isOnCaseload(ep.id, kent, { youthJusticeServiceId: dir.kentYjs.id })).toBe(true);
      expect(await isOnCaseload(ep.id, wetherby)).toBe(true);

      // Not yet: later today is still the future.
      const before = await snapshot(ep.id);
      expectError(await mutate('recordRelease', { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-11-23T15:00:00Z' }, wetherby), 'BAD_USER_INPUT', 'releasedAt');
      expect(await snapshot(ep.id)).toEqual(before);

      const released = await mutateOk('recordRelease', { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-10-15T09:30:00Z' }, wetherby);
      expect(released).toMatchObject({ status: 'RELEASED', releasedAt: '2026-10-15T09:30:00.000Z', version: ep.version + 1 });
      expect(released.history.at(-1)).toMatchObject({ type: 'RELEASED', effectiveDate: '2026-10-15', recordedById: wetherby.userId });
      expect(await isOnCaseload(ep.id, kent, { youthJusticeServiceId: dir.kentYjs.id })).toBe(false);
      expect(await isOnCaseload(ep.id, wetherby)).toBe(false);
      const childAfter = (await kent.ok(`query($id: ID!) { child(id: $id) { currentEpisode { id status } } }`, { id: child.id })).child;
      expect(childAfter.currentEpisode).toEqual({ id: ep.id, status: 'RELEASED' });

      // No establishment holds a released child, so only the supervising service recalls them.
      const afterRelease = await snapshot(ep.id);
      const byWetherby = await mutate(
        'recordRecall',
        { episodeId: ep.id, expectedVersion: released.version, recalledOn: '2026-11-20', establishmentId: dir.oakhill.id, reason: 'Breach of the notice of supervision' },
        wetherby,
      );
      expectError(byWetherby, 'NOT_FOUND');
      expect(await snapshot(ep.id)).toEqual(afterRelease);

      const recalled = await mutateOk(
        'recordRecall',
        { episodeId: ep.id, expectedVersion: released.version, recalledOn: '2026-11-20', establishmentId: dir.oakhill.id, reason: 'Breach of the notice of supervision' },
        kent,
      );
      expect(recalled).toMatchObject({
        status: 'RECALLED', currentEstablishmentId: dir.oakhill.id, currentEstablishment: { name: 'Oakhill Secure Training Centre' },
        recalledAt: '2026-11-20T00:00:00.000Z', version: ep.version + 2,
      });
      expect(recalled.transfers).toHaveLength(2);
      expect(recalled.transfers[1]).toEqual({
        fromEstablishmentId: dir.wetherby.id, toEstablishmentId: dir.oakhill.id, transferDate: '2026-11-20', reason: 'Recall: Breach of the notice of supervision',
        recordedById: kent.userId,
      });
      expect(recalled.history.map((e: any) => e.type)).toEqual(['EPISODE_STARTED', 'RELEASED', 'RECALLED']);
      expect(recalled.history.at(-1).recordedById).toBe(kent.userId);
      expect(await isOnCaseload(ep.id, kent, { youthJusticeServiceId: dir.kentYjs.id })).toBe(true);
      expect(await isOnCaseload(ep.id, oakhill)).toBe(true);

      // A child in custody (recalled) cannot start another episode.
      const again = await mutate(
        'startCustodialEpisode',
        { childId: child.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.kentYjs.id, remandDate: '2026-11-21' },
        kent,
      );
      expectError(again, 'CONFLICT');
      expect(await episodeRowsOfChild(child.id)).toBe(1);
    });

    it('dates a release by the day in England (just after midnight in summer time is the next day)', async () => {
      const child = await registerChild();
      const ep = await mutateOk('startCustodialEpisode', {
        childId: child.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.leedsYjs.id, remandDate: '2026-06-01',
      });
      // 00:30 BST on 16 October 2026.
      const released = await mutateOk('recordRelease', { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-10-15T23:30:00Z' });
      expect(released.history.at(-1)).toMatchObject({ type: 'RELEASED', effectiveDate: '2026-10-16' });
    });

    it('refuses a second episode for a child already in custody (CONFLICT), even when both arrive at once', async () => {
      const { child, ep } = await remandedChild();
      const again = await mutate('startCustodialEpisode', {
        childId: child.id, establishmentId: dir.oakhill.id, supervisingServiceId: dir.leedsYjs.id, remandDate: '2026-11-01',
      });
      expectError(again, 'CONFLICT');
      expect(await episodeRowsOfChild(child.id)).toBe(1);
      expect((await snapshot(ep.id)).transfers).toBe(1);

      const other = await registerChild();
      const input = { childId: other.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.leedsYjs.id, remandDate: '2026-11-01' };
      const results = await Promise.all([mutate('startCustodialEpisode', input), mutate('startCustodialEpisode', input)]);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const loser = results.find((r) => r.errors)!;
      expect(loser.errors![0].extensions.code).toBe('CONFLICT');
      expect(await episodeRowsOfChild(other.id)).toBe(1);
    });

    it('refuses to recall a child still in custody, or one released from remand', async () => {
      const { ep } = await remandedChild();
      expectError(await mutate('recordRecall', { episodeId: ep.id, expectedVersion: ep.version, recalledOn: '2026-11-20', establishmentId: dir.oakhill.id, reason: 'Breach' }), 'CONFLICT');
      const released = await mutateOk('recordRelease', { episodeId: ep.id, expectedVersion: ep.version, releasedAt: '2026-11-10T12:00:00Z' });
      const before = await snapshot(ep.id);
      expectError(await mutate('recordRecall', { episodeId: ep.id, expectedVersion: released.version, recalledOn: '2026-11-20', establishmentId: dir.oakhill.id, reason: 'Breach' }), 'CONFLICT');
      expect(await snapshot(ep.id)).toEqual(before);
    });
  });

  // ------------------------------------------------------------------------------------------------ defaults

  describe('input defaults', () => {
    it('leaves out fields that have defaults, on every call and not only the first', async () => {
      // The same documents each time, as a client sends them: the second call runs the compiled (jit) query.
      const register = `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id careLeaver lookedAfter hasEhcp disabilities parentsCarers { hasParentalResponsibility } } }`;
      const start = `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id status sentences { remandDays } } }`;
      for (const n of [1, 2, 3]) {
        const child = await leeds.graphql(register, {
          input: { givenName: `Minimal${n}`, familyName: 'Tester', dateOfBirth: '2010-01-01', gender: 'FEMALE', parentsCarers: [{ name: 'Carer', relationship: 'Foster carer' }] },
        });
        expect(child.errors).toBeUndefined();
        expect(child.data.registerChild).toMatchObject({ careLeaver: false, lookedAfter: false, hasEhcp: false, disabilities: [], parentsCarers: [{ hasParentalResponsibility: false }] });
        const ep = await leeds.graphql(start, {
          input: {
            childId: child.data.registerChild.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.leedsYjs.id,
            sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 6 },
          },
        });
        expect(ep.errors).toBeUndefined();
        expect(ep.data.startCustodialEpisode).toMatchObject({ status: 'SENTENCED', sentences: [{ remandDays: 0 }] });
      }
    });
  });

  // ------------------------------------------------------------------------------------------------ bad input

  describe('bad input writes nothing', () => {
    async function refusedStart(extra: Record<string, unknown>, code: string, field?: string) {
      const child = await registerChild();
      const res = await mutate('startCustodialEpisode', {
        childId: child.id, establishmentId: dir.wetherby.id, supervisingServiceId: dir.leedsYjs.id, ...extra,
      });
      expectError(res, code, field);
      expect(await episodeRowsOfChild(child.id)).toBe(0);
      return res;
    }

    it('a DTO of 30 months is BAD_USER_INPUT naming sentence.termMonths, and no episode exists', async () => {
      const events = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM episode_event`))[0].n);
      const transfers = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM establishment_transfer`))[0].n);
      await refusedStart({ sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 30 } }, 'BAD_USER_INPUT', 'sentence.termMonths');
      expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM episode_event`))[0].n)).toBe(events);
      expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM establishment_transfer`))[0].n)).toBe(transfers);
    });

    it.each([
      [{ sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 0 } }, 'sentence.termMonths'],
      [{ sentence: { sentenceType: 'DTO', sentenceDate: '2026-02-30', termMonths: 8 } }, 'sentence.sentenceDate'],
      [{ sentence: { sentenceType: 'DTO', sentenceDate: '2026-12-01', termMonths: 8 } }, 'sentence.sentenceDate'],
      [{ sentence: { sentenceType: 'REMAND', sentenceDate: '2026-09-01' } }, 'sentence.sentenceType'],
      [{ sentence: { sentenceType: 'EXTENDED', sentenceDate: '2026-09-01', termMonths: 24 } }, 'sentence.extensionMonths'],
      [{ remandDate: '2026-11-24' }, 'remandDate'],
      [{ remandDate: '2026-09-01', sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 8 } }, 'remandDate'],
      [{}, 'remandDate'],
    ])('start %j is BAD_USER_INPUT naming %s', async (extra, field) => {
      await refusedStart(extra, 'BAD_USER_INPUT', field);
    });

    it('a supervising service that is not a youth justice service is NOT_FOUND', async () => {
      // Leeds may start only episodes it supervises itself, so the policy refuses this before the directory is asked;
      // either way the answer is the NOT_FOUND a missing record gives.
      await refusedStart({ supervisingServiceId: dir.oakhill.id, remandDate: '2026-11-01' }, 'NOT_FOUND');
    });

    it('an establishment that is not a secure establishment is NOT_FOUND naming establishmentId', async () => {
      const res = await refusedStart({ establishmentId: dir.kentYjs.id, remandDate: '2026-11-01' }, 'NOT_FOUND');
      expect(res.errors![0].message).toContain('establishmentId');
    });

    it('an unknown episode is NOT_FOUND', async () => {
      const res = await mutate('grantEarlyRelease', { episodeId: '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11', expectedVersion: 1 });
      expectError(res, 'NOT_FOUND');
    });
  });
});
