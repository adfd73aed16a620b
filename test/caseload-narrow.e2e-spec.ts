import { Role } from '@resettle/access';
// The portal's caseload query, as the page sends it.
import { CASELOAD as PORTAL_CASELOAD } from '../apps/portal/src/caseload/caseload.controller';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { Session, TestApp } from './support/test-app';

const IN_CUSTODY = `status IN ('REMANDED', 'SENTENCED', 'RECALLED')`;

/**
 * The same query with one more field whose resolver declares nothing it reads (`expectedReleaseDay` reads the
 * release columns), so the page reads every part whole: the answer the narrowed page must give.
 */
const WHOLE = PORTAL_CASELOAD.replace('edges { node { id', 'edges { node { id expectedReleaseDay { releaseDate }');
if (WHOLE === PORTAL_CASELOAD) throw new Error('The portal caseload query no longer starts its nodes with the id');
const withoutWhole = (data: any) => ({
  ...data.caseload,
  edges: data.caseload.edges.map((e: any) => ({ node: { ...e.node, expectedReleaseDay: undefined } })),
});

/**
 * The portal's caseload page reads, part by part, only the columns its fields and their resolvers need
 * (`daysToRelease` the release date, `currentEstablishment` the establishment's id and name): the same answer and
 * audit rows as a page read whole, from a statement whose JSON is a fraction of the size.
 */
describe('the portal caseload read narrowly, part by part', () => {
  let t: TestApp;
  let manager: Session;
  let staff: Session;
  /** The JSON of each caseload statement the api ran, in order (observed on the api's own pool). */
  const pageJson: string[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.ownerUrl, { children: 450, seed: 2026, today: '2026-11-23' });
    // The establishment holding the most children: a full page of 25 and more.
    const [held] = await t.dataSource.query(
      `SELECT current_establishment_id AS id FROM custodial_episode WHERE ${IN_CUSTODY} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    const [establishment] = await t.dataSource.query(
      `SELECT e.current_establishment_id AS id FROM custodial_episode e JOIN court_hearing h ON h.episode_id = e.id
        WHERE e.status = 'REMANDED' AND h.outcome IS NULL AND h.cancelled_at IS NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    manager = await t.userSession({ organisationId: held.id, roles: [Role.ESTABLISHMENT_STAFF] });
    staff = await t.userSession({ organisationId: establishment.id, roles: [Role.ESTABLISHMENT_STAFF] });
    const pool = (t.appDataSource.driver as any).master;
    const query = pool.query.bind(pool);
    pool.query = async (...args: any[]) => {
      const result = await query(...args);
      const text: string = typeof args[0] === 'string' ? args[0] : args[0]?.text;
      if (text?.includes('FROM custodial_episode e WHERE') && text.includes('AS rows'))
        pageJson.push(JSON.stringify(result.rows[0].rows));
      return result;
    };
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** The answer to `query` and the size of its page statement's JSON. */
  async function read(as: Session, query: string, variables: Record<string, unknown>) {
    const before = pageJson.length;
    const data = await as.ok(query, variables);
    expect(pageJson.length).toBe(before + 1);
    return { data, bytes: Buffer.byteLength(pageJson[before]) };
  }

  it('gives the portal the answer a whole read gives, from a statement of a fraction of the JSON', async () => {
    const narrow = await read(manager, PORTAL_CASELOAD, { first: 25 });
    const whole = await read(manager, WHOLE, { first: 25 });
    expect(narrow.data.caseload.edges).toHaveLength(25);
    expect(narrow.data.caseload).toEqual(withoutWhole(whole.data));
    const nodes = narrow.data.caseload.edges.map((e: any) => e.node);
    // The page shows what the resolvers compute from columns it did not ask for.
    expect(nodes.every((n: any) => typeof n.daysToRelease === 'number' || n.expectedReleaseDate === null)).toBe(true);
    expect(nodes.every((n: any) => typeof n.currentEstablishment.name === 'string')).toBe(true);
    expect(nodes.some((n: any) => n.milestones.length > 0 && n.resettlementPlan?.pathways.length > 0)).toBe(true);
    console.log(`caseload page of 25: ${whole.bytes} bytes of JSON read whole, ${narrow.bytes} narrowly`);
    expect(narrow.bytes).toBeLessThan(whole.bytes / 3);
  });

  it('gives a remanded child’s next hearing and days to release as the loaders do one episode at a time', async () => {
    const { data } = await read(staff, PORTAL_CASELOAD, { first: 25, filter: { legalStatus: 'REMANDED' } });
    const nodes = data.caseload.edges.map((e: any) => e.node);
    expect(nodes.some((n: any) => n.nextHearing?.hearingDate)).toBe(true);
    const fields = PORTAL_CASELOAD.slice(
      PORTAL_CASELOAD.indexOf('daysToRelease'),
      PORTAL_CASELOAD.lastIndexOf('} } } }'),
    );
    for (const node of nodes) {
      // custodialEpisode(id) resolves the same fields through DataLoader, with whole entities.
      const one = await staff.ok(`query($id: ID!) { custodialEpisode(id: $id) { id ${fields} } }`, { id: node.id });
      expect(node).toEqual(one.custodialEpisode);
    }
  });

  it.each(['RELEASE_DATE', 'CHILD_NAME', 'NEXT_DEADLINE'])(
    'pages through the caseload in %s order as a whole read does',
    async (orderBy) => {
      const walk = async (query: string) => {
        const pages: unknown[] = [];
        let after: string | null = null;
        for (let page = 0; page < 20; page++) {
          const { data }: any = await read(manager, query, { first: 10, after, orderBy });
          pages.push(query === WHOLE ? withoutWhole(data) : data.caseload);
          if (!data.caseload.pageInfo.hasNextPage) break;
          after = data.caseload.pageInfo.endCursor;
        }
        return pages;
      };
      const narrow = await walk(PORTAL_CASELOAD);
      expect(narrow.length).toBeGreaterThan(1);
      expect(narrow).toEqual(await walk(WHOLE));
    },
  );

  it('reads a part whole when a field below it has a resolver that declares nothing, with the same answer', async () => {
    // `dueInDays` is computed from the due date, which the page also asks for; `expectedReleaseDay` from columns it
    // does not.
    const extra = PORTAL_CASELOAD.replace(
      'milestones { key dueDate status }',
      'milestones { key dueDate status dueInDays }',
    );
    const { data } = await read(manager, extra, { first: 25 });
    const whole = await read(
      manager,
      WHOLE.replace('milestones { key dueDate status }', 'milestones { key dueDate status dueInDays }'),
      { first: 25 },
    );
    expect(data.caseload).toEqual(withoutWhole(whole.data));
  });

  it('writes the same audit rows, with the fields the page read', async () => {
    const audit = async (query: string) => {
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'caseload'`);
      await read(manager, query, { first: 25 });
      return t.dataSource.query(
        `SELECT child_id, resource_id, fields_read, outcome FROM audit_event WHERE action = 'caseload'
          ORDER BY id, position OFFSET $1`,
        [n],
      );
    };
    const narrow = await audit(PORTAL_CASELOAD);
    expect(narrow).toHaveLength(25);
    expect(narrow[0].fields_read).toEqual(
      expect.arrayContaining(['edges.node.daysToRelease', 'edges.node.currentEstablishment.name']),
    );
    const whole = await audit(WHOLE);
    expect(narrow).toEqual(
      whole.map((row: any) => ({
        ...row,
        fields_read: row.fields_read.filter((f: string) => !f.startsWith('edges.node.expectedReleaseDay')),
      })),
    );
  });
});
