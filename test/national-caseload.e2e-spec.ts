import { Role } from '@resettle/access';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { Session, TestApp } from './support/test-app';

const IN_CUSTODY = `status IN ('REMANDED', 'SENTENCED', 'RECALLED')`;

/**
 * The seeded national estate (450 children), paged through the caseload as the people who use it would: there is
 * no national view of children (national admins run the directory and users, not records), so each caller lists
 * their own slice, the youth justice service the children it supervises and the establishment the children it
 * holds, and every count is checked against the records in SQL.
 */
describe('caseloads over the national estate', () => {
  let t: TestApp;
  /** The youth justice service supervising the most children in custody, and its manager. */
  let service: { id: string; n: number };
  let manager: Session;
  /** The establishment holding the most children now, and a member of its staff. */
  let establishment: { id: string; n: number };
  let staff: Session;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.ownerUrl, { children: 450, seed: 2026, today: '2026-11-23' });
    [service] = await t.dataSource.query(
      `SELECT supervising_service_id AS id, count(*)::int AS n FROM custodial_episode WHERE ${IN_CUSTODY} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    [establishment] = await t.dataSource.query(
      `SELECT current_establishment_id AS id, count(*)::int AS n FROM custodial_episode WHERE ${IN_CUSTODY} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    manager = await t.userSession({ organisationId: service.id, roles: [Role.YJS_MANAGER] });
    staff = await t.userSession({ organisationId: establishment.id, roles: [Role.ESTABLISHMENT_STAFF] });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const page = `query($filter: CaseloadFilter, $after: String, $first: Int = 50) {
    caseload(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id expectedReleaseDate supervisingService { id } currentEstablishment { id } caseManager { id } } } } }`;

  interface Node {
    id: string;
    expectedReleaseDate: string | null;
    supervisingService: { id: string };
    currentEstablishment: { id: string };
    caseManager: { id: string } | null;
  }

  /** Every page of `as`'s caseload, checking each is full but the last and that totalCount never changes. */
  async function walk(as: Session, filter: Record<string, unknown> = {}, first = 50) {
    const nodes: Node[] = [];
    let after: string | null = null;
    let totalCount: number | undefined;
    let pages = 0;
    do {
      const data: any = await as.ok(page, { filter, after, first });
      totalCount ??= data.caseload.totalCount;
      expect(data.caseload.totalCount).toBe(totalCount);
      const edges = data.caseload.edges;
      if (data.caseload.pageInfo.hasNextPage) expect(edges).toHaveLength(first);
      else expect(edges.length).toBeLessThanOrEqual(first);
      nodes.push(...edges.map((e: any) => e.node));
      after = data.caseload.pageInfo.hasNextPage ? data.caseload.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 50);
    return { nodes, totalCount: totalCount!, pages };
  }

  /** The in-custody episode ids matching `where`, as a set. */
  async function idsWhere(where: string, params: unknown[]): Promise<Set<string>> {
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM custodial_episode WHERE ${IN_CUSTODY} AND ${where}`,
      params,
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Soonest release first, remanded (undated) children last. */
  function expectCaseloadOrder(nodes: Node[]) {
    const dates = nodes.map((n) => n.expectedReleaseDate ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
    const firstUndated = nodes.findIndex((n) => n.expectedReleaseDate === null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(nodes.slice(firstUndated).every((n) => n.expectedReleaseDate === null)).toBe(true);
  }

  it('a youth justice manager pages through every child their service supervises once, and no one else', async () => {
    expect(service.n).toBeGreaterThan(5);
    const { nodes, totalCount, pages } = await walk(manager);
    expect(totalCount).toBe(service.n);
    expect(nodes).toHaveLength(service.n);
    expect(pages).toBe(Math.ceil(service.n / 50));
    expect(new Set(nodes.map((n) => n.id))).toEqual(await idsWhere('supervising_service_id = $1', [service.id]));
    expect(nodes.every((n) => n.supervisingService.id === service.id)).toBe(true);
    expectCaseloadOrder(nodes);

    // Small pages cross page boundaries and give the same list.
    const small = await walk(manager, {}, 4);
    expect(small.pages).toBe(Math.ceil(service.n / 4));
    expect(small.nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
  });

  it('establishment staff page through every child held there now, whichever service supervises them, and no one else', async () => {
    const { nodes, totalCount, pages } = await walk(staff);
    expect(totalCount).toBe(establishment.n);
    expect(nodes).toHaveLength(establishment.n);
    expect(pages).toBe(Math.ceil(establishment.n / 50));
    expect(pages).toBeGreaterThan(1);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(establishment.n);
    expect(new Set(nodes.map((n) => n.id))).toEqual(
      await idsWhere('current_establishment_id = $1', [establishment.id]),
    );
    expect(nodes.every((n) => n.currentEstablishment.id === establishment.id)).toBe(true);
    expect(new Set(nodes.map((n) => n.supervisingService.id)).size).toBeGreaterThan(1);
    expectCaseloadOrder(nodes);
  });

  it('filters by case manager within the service exactly as the records say', async () => {
    const [caseManager] = await t.dataSource.query(
      `SELECT case_manager_id AS id, count(*)::int AS n FROM custodial_episode
        WHERE ${IN_CUSTODY} AND supervising_service_id = $1 AND case_manager_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
      [service.id],
    );
    expect(caseManager.n).toBeGreaterThan(0);
    const byManager = await walk(manager, { caseManagerId: caseManager.id });
    expect(byManager.totalCount).toBe(caseManager.n);
    expect(byManager.nodes).toHaveLength(caseManager.n);
    expect(byManager.nodes.every((n) => n.caseManager?.id === caseManager.id)).toBe(true);
    expect(new Set(byManager.nodes.map((n) => n.id))).toEqual(
      await idsWhere('supervising_service_id = $1 AND case_manager_id = $2', [service.id, caseManager.id]),
    );

    // A case manager of another service manages no one in this manager's slice.
    const [elsewhere] = await t.dataSource.query(
      `SELECT case_manager_id AS id FROM custodial_episode WHERE ${IN_CUSTODY} AND supervising_service_id <> $1 AND case_manager_id IS NOT NULL LIMIT 1`,
      [service.id],
    );
    expect(await walk(manager, { caseManagerId: elsewhere.id })).toEqual({ nodes: [], totalCount: 0, pages: 1 });
  });

  it('filters by establishment within each slice, and finds nothing outside it', async () => {
    // The establishment's own filter is its whole slice.
    const own = await walk(staff, { establishmentId: establishment.id });
    expect(own.totalCount).toBe(establishment.n);

    // The service's children at the busiest establishment, as the service sees them.
    const expected = await idsWhere('supervising_service_id = $1 AND current_establishment_id = $2', [
      service.id,
      establishment.id,
    ]);
    expect(expected.size).toBeGreaterThan(0);
    expect(expected.size).toBeLessThan(service.n);
    const serviceThere = await walk(manager, { establishmentId: establishment.id });
    expect(serviceThere.totalCount).toBe(expected.size);
    expect(new Set(serviceThere.nodes.map((n) => n.id))).toEqual(expected);

    // Another establishment's children are not the staff's to list.
    const [other] = await t.dataSource.query(
      `SELECT current_establishment_id AS id FROM custodial_episode WHERE ${IN_CUSTODY} AND current_establishment_id <> $1 LIMIT 1`,
      [establishment.id],
    );
    expect(await walk(staff, { establishmentId: other.id })).toEqual({ nodes: [], totalCount: 0, pages: 1 });
  });

  it('keeps only children due out within the window', async () => {
    const { nodes, totalCount } = await walk(staff, { releaseWithinDays: 30 });
    const due = await idsWhere(`current_establishment_id = $1 AND expected_release_date <= DATE '2026-11-23' + 30`, [
      establishment.id,
    ]);
    expect(totalCount).toBe(due.size);
    expect(due.size).toBeGreaterThan(0);
    expect(new Set(nodes.map((n) => n.id))).toEqual(due);
    expect(nodes.every((x) => x.expectedReleaseDate !== null && x.expectedReleaseDate <= '2026-12-23')).toBe(true);
  });
});
