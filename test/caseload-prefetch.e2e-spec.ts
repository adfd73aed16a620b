import { ChildRelationsRegistry, Role } from '@resettle/access';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { Session, TestApp } from './support/test-app';

const IN_CUSTODY = `status IN ('REMANDED', 'SENTENCED', 'RECALLED')`;

/**
 * A caseload page reads its episodes' child, milestones and plan in its own statement and primes them into the
 * request's loaders (and, when only plain fields are asked for, reads only those columns). The answer must be the
 * one the loaders give on their own, and every child on the page must still leave its audit row.
 */
describe('the caseload page read with its records', () => {
  let t: TestApp;
  let staff: Session;
  let establishmentId: string;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.ownerUrl, { children: 120, seed: 7, today: '2026-11-23' });
    [{ id: establishmentId }] = await t.dataSource.query(
      `SELECT current_establishment_id AS id FROM custodial_episode WHERE ${IN_CUSTODY} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    );
    staff = await t.userSession({ organisationId: establishmentId, roles: [Role.ESTABLISHMENT_STAFF] });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const fields = `id expectedReleaseDate status
    child { id givenName familyName }
    milestones { key dueDate status }
    resettlementPlan { pathways { type status } }
    currentEstablishment { id code name type emailDomains }
    nextHearing { id hearingDate court purpose createdAt cancelledAt }`;
  const caseload = `query($first: Int) { caseload(first: $first) { totalCount edges { node { ${fields} } } } }`;

  it('gives the same episodes, children, milestones and pathways as the loaders do one episode at a time', async () => {
    const data = await staff.ok(caseload, { first: 20 });
    const nodes = data.caseload.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(1);
    expect(nodes.some((n: any) => n.milestones.length > 0 && n.resettlementPlan?.pathways.length > 0)).toBe(true);
    for (const node of nodes) {
      // custodialEpisode(id) resolves the same fields through DataLoader, with whole entities.
      const one = await staff.ok(`query($id: ID!) { custodialEpisode(id: $id) { ${fields} } }`, { id: node.id });
      expect(node).toEqual(one.custodialEpisode);
    }
  });

  it('gives a remanded child’s next hearing and their establishment as the loaders do', async () => {
    const [remand] = await t.dataSource.query(
      `SELECT e.id, e.current_establishment_id AS "establishmentId" FROM court_hearing h
         JOIN custodial_episode e ON e.id = h.episode_id
        WHERE e.status = 'REMANDED' AND h.outcome IS NULL AND h.cancelled_at IS NULL ORDER BY e.id LIMIT 1`,
    );
    expect(remand).toBeDefined();
    const there = await t.userSession({ organisationId: remand.establishmentId, roles: [Role.ESTABLISHMENT_STAFF] });
    const data = await there.ok(
      `{ caseload(first: 100, filter: { legalStatus: REMANDED }) { edges { node { ${fields} } } } }`,
    );
    const nodes = data.caseload.edges.map((e: any) => e.node);
    const node = nodes.find((n: any) => n.id === remand.id);
    expect(node.nextHearing).toEqual(expect.objectContaining({ hearingDate: expect.any(String) }));
    expect(node.currentEstablishment).toEqual(expect.objectContaining({ id: remand.establishmentId }));
    for (const n of nodes) {
      const one = await there.ok(`query($id: ID!) { custodialEpisode(id: $id) { ${fields} } }`, { id: n.id });
      expect(n).toEqual(one.custodialEpisode);
    }
  });

  it('reads whole rows when a field with its own resolver is asked for, with the same answer', async () => {
    const narrow = await staff.ok(caseload, { first: 20 });
    // `age` and `daysToRelease` are computed from columns the page did not ask for.
    const wide = await staff.ok(
      `query($first: Int) { caseload(first: $first) { totalCount edges { node { ${fields} daysToRelease child { age dateOfBirth } } } } }`,
      { first: 20 },
    );
    expect(
      wide.caseload.edges.map((e: any) => ({
        ...e.node,
        daysToRelease: undefined,
        child: { ...e.node.child, age: undefined, dateOfBirth: undefined },
      })),
    ).toEqual(
      narrow.caseload.edges.map((e: any) => ({
        ...e.node,
        daysToRelease: undefined,
        child: { ...e.node.child, age: undefined, dateOfBirth: undefined },
      })),
    );
    for (const { node } of wide.caseload.edges) {
      expect(typeof node.child.age).toBe('number');
      expect(node.child.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("reads whole rows when the document has another root field, which may share the page's loaders", async () => {
    const first = await staff.ok(caseload, { first: 1 });
    const id = first.caseload.edges[0].node.id;
    // Both fields load the child through the same request loader: the page must not leave a trimmed child in it.
    const data = await staff.ok(
      `query($id: ID!) { caseload(first: 5) { edges { node { id child { id givenName } } } } custodialEpisode(id: $id) { child { id dateOfBirth } } }`,
      { id },
    );
    expect(data.custodialEpisode.child.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('pages on by the release date even when the page does not ask for it', async () => {
    const pageOf = (fields: string) =>
      `query($after: String) { caseload(first: 7, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${fields} } } } }`;
    const walk = async (fields: string) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 30; page++) {
        const data: any = await staff.ok(pageOf(fields), { after });
        ids.push(...data.caseload.edges.map((e: any) => e.node.id));
        if (!data.caseload.pageInfo.hasNextPage) break;
        after = data.caseload.pageInfo.endCursor;
      }
      return ids;
    };
    const withDate = await walk('id expectedReleaseDate');
    expect(withDate.length).toBeGreaterThan(7);
    expect(await walk('id')).toEqual(withDate);
  });

  it('gives each child on the page its own access facts, whatever alias the page reads them under', async () => {
    const registry = t.app.get(ChildRelationsRegistry);
    const children: { id: string }[] = await t.dataSource.query(
      `SELECT DISTINCT child_id AS id FROM custodial_episode WHERE ${IN_CUSTODY} ORDER BY 1 LIMIT 40`,
    );
    const ids = children.map((c) => c.id);
    const expected = await registry.relationsOf(ids);
    // The facts differ from child to child (else this would prove nothing): who holds, supervises, runs a pathway.
    expect(new Set(expected.map((r) => JSON.stringify(r?.pathwayOrganisationIds ?? []))).size).toBeGreaterThan(1);
    // A page reads the facts inside its own statement, from its own alias for the episode row; the sources' own
    // table aliases (`p`, `e`, `c`, `w`) must not capture it.
    for (const alias of ['p', 'e', 'c', 'w', 'r']) {
      const rows: { id: string; facts: unknown }[] = await t.dataSource.query(
        `SELECT ${alias}.child_id AS id, ${registry.relationsSql(`${alias}.child_id`)} AS facts
           FROM custodial_episode ${alias} WHERE ${alias}.child_id = ANY($1::uuid[])`,
        [ids],
      );
      const byChild = new Map(rows.map((row) => [row.id, registry.fromJson(row.id, row.facts)]));
      expect(ids.map((id) => byChild.get(id))).toEqual(expected);
    }
  });

  it('writes one audit row per child on the page, before answering', async () => {
    const before = Number(
      (await t.dataSource.query(`SELECT count(*) AS n FROM audit_event WHERE action = 'caseload'`))[0].n,
    );
    const data = await staff.ok(caseload, { first: 20 });
    const rows: {
      child_id: string;
      resource_id: string;
      fields_read: string[];
      outcome: string;
      actor_organisation_id: string;
    }[] = await t.dataSource.query(
      `SELECT child_id, resource_id, fields_read, outcome, actor_organisation_id FROM audit_event WHERE action = 'caseload' ORDER BY id, position OFFSET $1`,
      [before],
    );
    const nodes = data.caseload.edges.map((e: any) => e.node);
    expect(rows.map((r) => r.resource_id)).toEqual(nodes.map((n: any) => n.id));
    expect(rows.map((r) => r.child_id)).toEqual(nodes.map((n: any) => n.child.id));
    for (const row of rows) {
      expect(row.outcome).toBe('ALLOWED');
      expect(row.actor_organisation_id).toBe(establishmentId);
      expect(row.fields_read).toEqual(
        expect.arrayContaining(['edges.node.child.givenName', 'edges.node.milestones.dueDate']),
      );
    }
  });
});
