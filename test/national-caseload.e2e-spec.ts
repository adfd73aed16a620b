import { TestApp } from './support/test-app';
import { seedDemoData } from '../scripts/seed/seed-demo-data';

/** The seeded national estate (450 children), paged through the caseload queries as a user would. */
describe('caseloads over the national estate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.url, { children: 450, seed: 2026, today: '2026-11-23' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const page = `query($filter: CaseloadFilter, $after: String) {
    caseload(first: 50, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id expectedReleaseDate currentEstablishment { id } caseManager { id } } } } }`;

  async function walk(filter: Record<string, unknown> = {}) {
    const nodes: { id: string; expectedReleaseDate: string | null; currentEstablishment: { id: string }; caseManager: { id: string } | null }[] = [];
    let after: string | null = null;
    let totalCount = 0;
    let pages = 0;
    do {
      const data: any = await t.ok(page, { filter, after });
      totalCount = data.caseload.totalCount;
      nodes.push(...data.caseload.edges.map((e: any) => e.node));
      after = data.caseload.pageInfo.hasNextPage ? data.caseload.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 50);
    return { nodes, totalCount, pages };
  }

  it('pages through every child in custody once, soonest release first and remanded children last', async () => {
    const { nodes, totalCount, pages } = await walk();
    expect(totalCount).toBe(450);
    expect(nodes).toHaveLength(450);
    expect(pages).toBe(9);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(450);
    const dates = nodes.map((n) => n.expectedReleaseDate ?? '9999-12-31');
    expect(dates).toEqual([...dates].sort());
    const firstUndated = nodes.findIndex((n) => n.expectedReleaseDate === null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(nodes.slice(firstUndated).every((n) => n.expectedReleaseDate === null)).toBe(true);
  });

  it('filters by establishment and by case manager exactly as the records say', async () => {
    const [busiest] = await t.dataSource.query(
      `SELECT current_establishment_id AS id, count(*)::int AS n FROM custodial_episode GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const byEstablishment = await walk({ establishmentId: busiest.id });
    expect(byEstablishment.totalCount).toBe(busiest.n);
    expect(byEstablishment.nodes).toHaveLength(busiest.n);
    expect(byEstablishment.nodes.every((n) => n.currentEstablishment.id === busiest.id)).toBe(true);

    const [manager] = await t.dataSource.query(
      `SELECT case_manager_id AS id, count(*)::int AS n FROM custodial_episode GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const byManager = await walk({ caseManagerId: manager.id });
    expect(byManager.totalCount).toBe(manager.n);
    expect(byManager.nodes.every((n) => n.caseManager?.id === manager.id)).toBe(true);
  });

  it('keeps only children due out within the window', async () => {
    const { nodes, totalCount } = await walk({ releaseWithinDays: 30 });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM custodial_episode WHERE expected_release_date <= DATE '2026-11-23' + 30`,
    );
    expect(totalCount).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect(nodes.every((x) => x.expectedReleaseDate !== null && x.expectedReleaseDate <= '2026-12-23')).toBe(true);
  });
});
