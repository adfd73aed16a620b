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

const FAMILY_NAMES = ['Ahmed', 'brown', 'Clarke', 'de Souza', 'Evans', 'Okafor'];

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
                // Names for the name order: family names in mixed case, some preferred names, and a run of children
                // with the very same name (100-107, who also share a release date) that only the id tells apart.
                ...(s.i >= 100 && s.i < 108
                  ? { givenName: 'Same', familyName: 'Twin' }
                  : {
                      givenName: `Caseload${s.i}`,
                      familyName: FAMILY_NAMES[s.i % FAMILY_NAMES.length],
                      ...(s.i % 7 === 0 ? { preferredName: `Known${s.i}` } : {}),
                    }),
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

    describe('filters and orders of the case manager’s list (issue 20)', () => {
      const ORDERED = `query($first: Int, $after: String, $filter: CaseloadFilter, $orderBy: CaseloadOrder) {
        caseload(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { cursor node { id status expectedReleaseDate supervisingServiceId milestones { status dueDate } } } } }`;

      /** Walks the whole list in pages of `first` in `orderBy`: each child once, the same count on every page. */
      async function walk(as: Session, orderBy: string | undefined, filter: Record<string, unknown> = {}, first = 50) {
        const nodes: any[] = [];
        let after: string | null = null;
        let totalCount: number | undefined;
        for (let pages = 1; ; pages++) {
          const page: any = (await as.ok(ORDERED, { first, after, filter, orderBy })).caseload;
          totalCount ??= page.totalCount;
          expect(page.totalCount).toBe(totalCount);
          nodes.push(...page.edges.map((e: any) => e.node));
          if (!page.pageInfo.hasNextPage) break;
          expect(page.edges).toHaveLength(first);
          after = page.pageInfo.endCursor;
          if (pages > 60) throw new Error('caseload never ended');
        }
        const ids = nodes.map((n) => n.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(totalCount!);
        return nodes;
      }
      const nextDue = (n: any) =>
        n.milestones
          .filter((m: any) => m.status === 'PENDING' && m.dueDate)
          .map((m: any) => m.dueDate as string)
          .sort()[0] ?? '9999-12-31';
      const hasMissed = (n: any) => n.milestones.some((m: any) => m.status === 'MISSED');
      const byKeyThenId = (key: (n: any) => string) => (a: any, b: any) =>
        key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      const leedsIds = () => new Set(seeded.filter(supervisedBy(dir.leedsYjs.id)).map((s) => s.id));

      beforeAll(async () => {
        // The deadline engine marks deadlines missed; here every third child of each service with a deadline still
        // to do has one missed, in id order: the same split on every run (the order children were seeded in is not,
        // and every fourth of it once left Leeds only 10).
        const pending: { episode_id: string }[] = await world.t.dataSource.query(
          `SELECT DISTINCT episode_id FROM milestone WHERE episode_id = ANY($1::uuid[]) AND status = 'PENDING'`,
          [seeded.map((s) => s.id)],
        );
        const withPending = new Set(pending.map((r) => r.episode_id));
        const missedIds = [dir.leedsYjs.id, dir.kentYjs.id].flatMap((serviceId) =>
          seeded
            .filter(supervisedBy(serviceId))
            .map((s) => s.id)
            .filter((id) => withPending.has(id))
            .sort()
            .filter((_, i) => i % 3 === 0),
        );
        await world.t.dataSource.query(
          `UPDATE milestone m SET status = 'MISSED' FROM (
             SELECT DISTINCT ON (episode_id) id FROM milestone WHERE episode_id = ANY($1::uuid[]) AND status = 'PENDING'
              ORDER BY episode_id, due_date NULLS LAST, key) first WHERE m.id = first.id`,
          [missedIds],
        );
      });

      it('orders by the child’s name across pages (family name, then the name they are called by, then id)', async () => {
        const expected: { id: string }[] = await world.t.dataSource.query(
          `SELECT e.id FROM custodial_episode e JOIN child c ON c.id = e.child_id
            WHERE e.supervising_service_id = $1 AND e.status IN ('REMANDED', 'SENTENCED', 'RECALLED')
            ORDER BY lower(c.family_name), lower(COALESCE(c.preferred_name, c.given_name)), e.id`,
          [dir.leedsYjs.id],
        );
        expect(expected).toHaveLength(72);
        for (const first of [50, 7]) {
          const nodes = await walk(leeds, 'CHILD_NAME', {}, first);
          expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => r.id));
        }
      });

      it('orders by the next deadline still to do across pages (soonest first, children with none last)', async () => {
        for (const first of [50, 7]) {
          const nodes = await walk(leeds, 'NEXT_DEADLINE', {}, first);
          expect(new Set(nodes.map((n) => n.id))).toEqual(leedsIds());
          expect(nodes.map((n) => n.id)).toEqual([...nodes].sort(byKeyThenId(nextDue)).map((n) => n.id));
        }
        // Some share a next deadline, so the id really breaks ties across pages of 7.
        const dues = (await walk(leeds, 'NEXT_DEADLINE')).map(nextDue);
        expect(new Set(dues).size).toBeLessThan(dues.length);
      });

      it('RELEASE_DATE is the order without orderBy, cursor for cursor', async () => {
        const plain = await walkCaseload(leeds, undefined, 7);
        const named = await walk(leeds, 'RELEASE_DATE', {}, 7);
        expect(named.map((n) => n.id)).toEqual(plain.nodes.map((n) => n.id));
      });

      it.each([
        ['RELEASE_DATE', 'CHILD_NAME'],
        ['CHILD_NAME', 'NEXT_DEADLINE'],
        ['NEXT_DEADLINE', 'RELEASE_DATE'],
        ['CHILD_NAME', 'RELEASE_DATE'],
      ])('refuses a cursor of the %s order in the %s order (BAD_USER_INPUT naming after)', async (from, to) => {
        const page = (await leeds.ok(ORDERED, { first: 5, orderBy: from })).caseload;
        const res = await leeds.graphql(ORDERED, { first: 5, orderBy: to, after: page.pageInfo.endCursor });
        expectError(res, 'BAD_USER_INPUT', 'after');
      });

      it.each([['RELEASE_DATE'], ['CHILD_NAME'], ['NEXT_DEADLINE']])(
        'hasMissedDeadlines splits the %s order in two, paged in 7s',
        async (orderBy) => {
          const missed = await walk(leeds, orderBy, { hasMissedDeadlines: true }, 7);
          const none = await walk(leeds, orderBy, { hasMissedDeadlines: false }, 7);
          const all = await walk(leeds, orderBy, {}, 50);
          expect(missed.length).toBeGreaterThan(10);
          expect(none.length).toBeGreaterThan(10);
          expect(missed.every(hasMissed)).toBe(true);
          expect(none.some(hasMissed)).toBe(false);
          // The same order as the whole list, less the others.
          expect(missed.map((n) => n.id)).toEqual(all.filter(hasMissed).map((n) => n.id));
          expect(none.map((n) => n.id)).toEqual(all.filter((n) => !hasMissed(n)).map((n) => n.id));
        },
      );

      it('legalStatus: REMANDED and SENTENCED (recalled included) split each order, and combine with other filters', async () => {
        for (const orderBy of ['RELEASE_DATE', 'CHILD_NAME', 'NEXT_DEADLINE']) {
          const all = await walk(leeds, orderBy);
          const remanded = await walk(leeds, orderBy, { legalStatus: 'REMANDED' }, 7);
          const sentenced = await walk(leeds, orderBy, { legalStatus: 'SENTENCED' }, 7);
          expect(remanded.length).toBeGreaterThan(3);
          expect(remanded.every((n) => n.status === 'REMANDED' && n.expectedReleaseDate === null)).toBe(true);
          expect(sentenced.every((n) => ['SENTENCED', 'RECALLED'].includes(n.status))).toBe(true);
          expect(remanded.map((n) => n.id)).toEqual(all.filter((n) => n.status === 'REMANDED').map((n) => n.id));
          expect(sentenced.map((n) => n.id)).toEqual(all.filter((n) => n.status !== 'REMANDED').map((n) => n.id));
        }
        const both = await walk(leeds, 'NEXT_DEADLINE', {
          legalStatus: 'SENTENCED',
          hasMissedDeadlines: true,
          releaseWithinDays: 365,
        });
        expect(both.length).toBeGreaterThan(0);
        expect(
          both.every((n) => n.status !== 'REMANDED' && hasMissed(n) && n.expectedReleaseDate <= '2027-11-23'),
        ).toBe(true);
      });

      it('keeps the caller’s slice in every order and filter: another area’s children never appear', async () => {
        const kentIds = new Set(seeded.filter(supervisedBy(dir.kentYjs.id)).map((s) => s.id));
        for (const orderBy of ['CHILD_NAME', 'NEXT_DEADLINE']) {
          for (const filter of [{}, { hasMissedDeadlines: true }, { legalStatus: 'REMANDED' }]) {
            const nodes = await walk(leeds, orderBy, filter, 20);
            expect(nodes.every((n) => n.supervisingServiceId === dir.leedsYjs.id && !kentIds.has(n.id))).toBe(true);
          }
          expect(await walk(leeds, orderBy, { youthJusticeServiceId: dir.kentYjs.id })).toEqual([]);
          expect(new Set((await walk(kent, orderBy)).map((n) => n.id))).toEqual(kentIds);
        }
      });

      it.each([
        ['a legal status that is not one', { filter: { legalStatus: 'RELEASED' } }, 'legalStatus'],
        ['hasMissedDeadlines that is not a boolean', { filter: { hasMissedDeadlines: 'yes' } }, 'hasMissedDeadlines'],
        ['an order that is not one', { orderBy: 'AGE' }, 'orderBy'],
      ])('refuses %s with BAD_USER_INPUT naming it', async (_what, variables, field) => {
        const res = await leeds.graphql(ORDERED, { first: 5, ...variables });
        expectError(res, 'BAD_USER_INPUT');
        expect(res.errors![0].message).toContain(field);
      });

      it.each([
        ['a name cursor with a number for a name', ['CHILD_NAME', 7, 'x', '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11']],
        ['a deadline cursor with a tampered date', ['NEXT_DEADLINE', 'soon', '7d1f3c1e-7b40-4f6e-9a57-0a0c7f0d9a11']],
        ['a deadline cursor with a tampered id', ['NEXT_DEADLINE', '2026-12-01', 'not-a-uuid']],
      ])('refuses %s (BAD_USER_INPUT naming after)', async (_what, parts) => {
        const orderBy = parts[0];
        const after = Buffer.from(JSON.stringify(parts)).toString('base64url');
        expectError(await leeds.graphql(ORDERED, { first: 5, orderBy, after }), 'BAD_USER_INPUT', 'after');
      });
    });
  });
});
