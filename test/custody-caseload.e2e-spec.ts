import {
  carer,
  CASELOAD,
  custodyWorld,
  Directory,
  expectError,
  isoMinusDays,
  mulberry32,
  pad,
  TODAY,
  walkCaseload,
} from './support/custody-world';
import { countQueries, Session } from './support/test-app';

/**
 * The custody record end to end, the caseload: who sees which episodes, filtered and paged.
 * GraphQL in, PostgreSQL and Redis behind, the clock fixed at Monday 2026-11-23; DOMAIN.md "The custodial episode"
 * gives the rules the dates follow.
 * Shared setup and helpers: test/support/custody-world.ts.
 */
describe('the custody record: caseload (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { registerChild, mutateOk } = world;
  let dir: Directory;
  let leeds: Session;
  let kent: Session;
  let wetherby: Session;
  let oakhill: Session;
  beforeAll(() => {
    ({ dir, leeds, kent, wetherby, oakhill } = world);
  });

  describe('caseload', () => {
    interface Seeded {
      id: string;
      serviceId: string;
      establishmentId: string;
      expectedReleaseDate: string | null;
    }
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
        const caseManagerId = leeds
          ? pick([dir.leedsCaseManager.id, dir.leedsCaseManager2.id, null])
          : pick([dir.kentCaseManager.id, null]);
        // 40 Oakhill, 80 Wetherby, both services at each.
        const establishmentId = i % 3 === 0 ? dir.oakhill.id : dir.wetherby.id;
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
          start = {
            sentence: {
              sentenceType: 'S250',
              sentenceDate: isoMinusDays(TODAY, Math.floor(rand() * 300)),
              termMonths: pick([12, 18, 24, 36, 48]),
              remandDays: Math.floor(rand() * 40),
            },
          };
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
            seeded.push({
              id: ep.id,
              serviceId: s.serviceId,
              establishmentId: s.establishmentId,
              expectedReleaseDate: ep.expectedReleaseDate,
            });
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
      expect(new Set(atWetherby.nodes.map((n) => n.supervisingServiceId))).toEqual(
        new Set([dir.leedsYjs.id, dir.kentYjs.id]),
      );
      const atOakhill = await expectWholeCaseload(oakhill, expectedWhere(heldAt(dir.oakhill.id)), 1);
      expect(atOakhill.nodes.every((n) => n.currentEstablishmentId === dir.oakhill.id)).toBe(true);
      expect(new Set([...atWetherby.nodes, ...atOakhill.nodes].map((n) => n.id)).size).toBe(120);
    });

    it('pages of 7 give the same list as pages of 50 (ties across page boundaries)', async () => {
      for (const [as, count] of [
        [leeds, 72],
        [wetherby, 80],
      ] as const) {
        const big = await walkCaseload(as, undefined, 50);
        const small = await walkCaseload(as, undefined, 7);
        expect(big.totalCount).toBe(count);
        expect(small.pages).toBe(Math.ceil(count / 7));
        expect(small.nodes.map((n) => n.id)).toEqual(big.nodes.map((n) => n.id));
      }
    });

    it('filters by youth justice service, within what the caller may list', async () => {
      for (const [as, service] of [
        [leeds, dir.leedsYjs],
        [kent, dir.kentYjs],
      ] as const) {
        const { nodes, totalCount } = await walkCaseload(as, { youthJusticeServiceId: service.id }, 50);
        const expected = expectedWhere(supervisedBy(service.id));
        expect(totalCount).toBe(expected.length);
        expect(nodes.every((n) => n.supervisingServiceId === service.id)).toBe(true);
        expect(nodes.map((n) => n.id)).toEqual(expected.map((s) => s.id));
      }
      // Another service's children are outside a manager's slice: asking for them by filter finds none.
      expect(await walkCaseload(leeds, { youthJusticeServiceId: dir.kentYjs.id }, 50)).toEqual({
        nodes: [],
        totalCount: 0,
        pages: 1,
      });
      expect(await walkCaseload(kent, { youthJusticeServiceId: dir.leedsYjs.id }, 50)).toEqual({
        nodes: [],
        totalCount: 0,
        pages: 1,
      });
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
      expect(kentDue.nodes.map((n) => n.id)).toEqual(
        expectedWhere((s) => supervisedBy(dir.kentYjs.id)(s) && due(s)).map((s) => s.id),
      );
      const kentDueAtWetherby = await walkCaseload(
        wetherby,
        { releaseWithinDays: 90, youthJusticeServiceId: dir.kentYjs.id },
        50,
      );
      expect(kentDueAtWetherby.nodes.map((n) => n.id)).toEqual(
        expectedWhere((s) => heldAt(dir.wetherby.id)(s) && supervisedBy(dir.kentYjs.id)(s) && due(s)).map((s) => s.id),
      );
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['a cursor of the wrong shape', Buffer.from(JSON.stringify(['2026-12-01'])).toString('base64url')],
      [
        'a tampered date',
        Buffer.from(JSON.stringify(['next tuesday', '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11'])).toString('base64url'),
      ],
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
      expect(nodes.every((n: any) => n.child.parentsCarers.length >= 1 && n.child.currentEpisode.id === n.id)).toBe(
        true,
      );
      expect(
        nodes.every((n: any) => n.transfers.length === 1 && n.history.length === 1 && n.currentEstablishment.name),
      ).toBe(true);
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
});
