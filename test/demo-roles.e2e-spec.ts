import { DEMO_PASSWORD, seedDemoData } from '../scripts/seed/seed-demo-data';
import { TestApp } from './support/test-app';

/**
 * Signs in as each demo user the README lists (the seeded national estate, 450 children) and checks each sees
 * exactly its slice: the expected slice is worked out here in SQL from the records, independently of the policy.
 */
describe('each demo role sees exactly its slice', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.ownerUrl, { children: 450, seed: 7, today: '2026-11-23' });
    // The whole demo seed (450 children, their plans, deadlines, referrals and the demo stories) takes about a minute
    // on a loaded two-core runner.
  }, 180_000);
  afterAll(async () => {
    await t?.stop();
  });

  const orgId = async (code: string): Promise<string> =>
    (await t.dataSource.query(`SELECT id FROM organisation WHERE code = $1`, [code]))[0].id;
  const inCustody = `e.status IN ('REMANDED', 'SENTENCED', 'RECALLED')`;
  const sqlIds = async (where: string, params: unknown[]): Promise<string[]> =>
    (
      await t.dataSource.query(
        `SELECT e.id FROM custodial_episode e JOIN child c ON c.id = e.child_id WHERE ${inCustody} AND ${where} ORDER BY e.id`,
        params,
      )
    ).map((r: { id: string }) => r.id);

  async function caseloadIds(session: Awaited<ReturnType<TestApp['signIn']>>): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const data: any = await session.ok(
        `query($after: String) { caseload(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { after },
      );
      ids.push(...data.caseload.edges.map((e: any) => e.node.id));
      after = data.caseload.pageInfo.hasNextPage ? data.caseload.pageInfo.endCursor : null;
    } while (after);
    return ids.sort();
  }

  /**
   * One child in the caller's slice opens; one outside it is NOT_FOUND. The child outside has no episode matching the
   * slice's condition at all, in custody or not (a child released from the caller's establishment may well still be
   * theirs to see).
   */
  async function opensOnly(
    session: Awaited<ReturnType<TestApp['signIn']>>,
    inside: string[],
    slice: { where: string; params: unknown[] },
  ) {
    const episodes = await t.dataSource.query(`SELECT e.id, e.child_id FROM custodial_episode e ORDER BY e.id`);
    const mine = episodes.find((e: any) => inside.includes(e.id));
    const [theirs] = await t.dataSource.query(
      `SELECT e.child_id FROM custodial_episode e
        WHERE NOT EXISTS (SELECT 1 FROM custodial_episode e2 JOIN child c ON c.id = e2.child_id
                           WHERE e2.child_id = e.child_id AND ${slice.where.replace(/\be\./g, 'e2.')})
        ORDER BY e.id LIMIT 1`,
      slice.params,
    );
    const ok = await session.graphql(`query($id: ID!) { child(id: $id) { id ethnicity } }`, { id: mine.child_id });
    expect(ok.errors).toBeUndefined();
    const refused = await session.graphql(`query($id: ID!) { child(id: $id) { id } }`, { id: theirs.child_id });
    expect(refused.errors?.[0].extensions.code).toBe('NOT_FOUND');
  }

  it.each([
    ['case.manager.1@leeds.yjs.example.com', 'YJS-LEEDS'],
    ['manager@birmingham.yjs.example.com', 'YJS-BIRMINGHAM'],
  ])('youth justice %s: the children their service supervises', async (email, code) => {
    const session = await t.signIn(email, DEMO_PASSWORD);
    const slice = { where: 'e.supervising_service_id = $1', params: [await orgId(code)] };
    const expected = await sqlIds(slice.where, slice.params);
    expect(expected.length).toBeGreaterThan(0);
    expect(await caseloadIds(session)).toEqual(expected);
    await opensOnly(session, expected, slice);
  });

  it.each([
    ['staff@wetherby.yoi.example.com', 'YOI-WETHERBY'],
    ['manager@oakhill.stc.example.com', 'STC-OAKHILL'],
  ])('establishment %s: the children placed there now', async (email, code) => {
    const session = await t.signIn(email, DEMO_PASSWORD);
    const slice = { where: 'e.current_establishment_id = $1', params: [await orgId(code)] };
    const expected = await sqlIds(slice.where, slice.params);
    expect(expected.length).toBeGreaterThan(0);
    expect(await caseloadIds(session)).toEqual(expected);
    await opensOnly(session, expected, slice);
  });

  it('children’s services: the looked-after children their authority is responsible for', async () => {
    const session = await t.signIn('childrens.services@leeds.council.example.com', DEMO_PASSWORD);
    const slice = { where: 'c.looked_after AND c.responsible_authority_id = $1', params: [await orgId('LA-LEEDS')] };
    const expected = await sqlIds(slice.where, slice.params);
    expect(expected.length).toBeGreaterThan(0);
    expect(await caseloadIds(session)).toEqual(expected);
    await opensOnly(session, expected, slice);
  });

  /** Every referral in the caller's inbox (`referrals`), with its child, sorted by id. */
  async function inbox(session: Awaited<ReturnType<TestApp['signIn']>>): Promise<{ id: string; childId: string }[]> {
    const rows: { id: string; childId: string }[] = [];
    let after: string | null = null;
    do {
      const data: any = await session.ok(
        `query($after: String) { referrals(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id childId } } } }`,
        { after },
      );
      rows.push(...data.referrals.edges.map((e: any) => e.node));
      after = data.referrals.pageInfo.hasNextPage ? data.referrals.pageInfo.endCursor : null;
    } while (after);
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The referrals sent to an organisation, worked out in SQL (a partner has a referral once it is sent). */
  const sentTo = async (organisationId: string): Promise<{ id: string; childId: string }[]> =>
    t.dataSource.query(
      `SELECT id, child_id AS "childId" FROM referral WHERE to_organisation_id = $1 AND sent_at IS NOT NULL ORDER BY id`,
      [organisationId],
    );

  it('accommodation officer: no caseload; the children of accommodation referrals sent to their authority, and no other', async () => {
    const session = await t.signIn('accommodation@leeds.council.example.com', DEMO_PASSWORD);
    const caseload = await session.graphql(`{ caseload { totalCount } }`);
    expect(caseload.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const authority = await orgId('LA-LEEDS');
    // Their inbox: exactly the referrals sent to the authority (the demo seed sends some; a draft is not theirs).
    const expected = await sentTo(authority);
    expect(expected.length).toBeGreaterThan(0);
    expect(await inbox(session)).toEqual(
      expected.map((r) => ({ id: r.id, childId: r.childId })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // A referred child opens as a placement summary: no ethnicity, no family.
    const child = await session.ok(`query($id: ID!) { child(id: $id) { id ethnicity parentsCarers { name } } }`, {
      id: expected[0].childId,
    });
    expect(child.child).toEqual({ id: expected[0].childId, ethnicity: null, parentsCarers: null });
    // Any other child, including one whose referral to the authority is still a draft, is NOT_FOUND.
    const others: { id: string }[] = await t.dataSource.query(
      `SELECT c.id FROM child c WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.child_id = c.id AND r.to_organisation_id = $1 AND r.sent_at IS NOT NULL)
        ORDER BY EXISTS (SELECT 1 FROM referral r WHERE r.child_id = c.id AND r.to_organisation_id = $1) DESC, c.id LIMIT 2`,
      [authority],
    );
    const [draft] = await t.dataSource.query(
      `SELECT child_id FROM referral WHERE to_organisation_id = $1 AND status = 'DRAFT'`,
      [authority],
    );
    expect(others[0].id).toBe(draft.child_id);
    for (const other of others) {
      const refused = await session.graphql(`query($id: ID!) { child(id: $id) { id } }`, { id: other.id });
      expect(refused.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    const me = await session.ok(`{ me { email organisation { name } } }`);
    expect(me.me.email).toBe('accommodation@leeds.council.example.com');
  });

  it.each([
    ['practitioner@leeds.health.example.com', 'MENTAL_HEALTH'],
    ['teacher@leeds.virtual-school.example.com', 'EDUCATION_TRAINING_EMPLOYMENT'],
  ])(
    'partner %s: the children with a pathway or a sent referral of theirs, and only that pathway',
    async (email, pathwayType) => {
      const session = await t.signIn(email, DEMO_PASSWORD);
      const { me } = await session.ok(`{ me { organisation { id } } }`);
      const theirs: { child_id: string; episode_id: string }[] = await t.dataSource.query(
        `SELECT p.child_id, p.episode_id FROM pathway w JOIN resettlement_plan p ON p.id = w.plan_id WHERE w.responsible_organisation_id = $1`,
        [me.organisation.id],
      );
      expect(theirs.length).toBeGreaterThan(0);
      const caseload = await session.graphql(`{ caseload { totalCount } }`);
      expect(caseload.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const child = await session.ok(`query($id: ID!) { child(id: $id) { id ethnicity parentsCarers { name } } }`, {
        id: theirs[0].child_id,
      });
      expect(child.child).toEqual({ id: theirs[0].child_id, ethnicity: null, parentsCarers: null });
      const plan = await session.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { childVoice { aspirations } pathways { type } } }`,
        { id: theirs[0].episode_id },
      );
      expect(plan.resettlementPlan).toEqual({ childVoice: null, pathways: [{ type: pathwayType }] });
      // Their inbox: exactly the referrals sent to them; each referred child opens, with only their pathway.
      const referred = await sentTo(me.organisation.id);
      expect(referred.length).toBeGreaterThan(0);
      expect(await inbox(session)).toEqual(referred);
      for (const r of referred) {
        const { child: seen } = await session.ok(`query($id: ID!) { child(id: $id) { id ethnicity } }`, {
          id: r.childId,
        });
        expect(seen).toMatchObject({ id: r.childId, ethnicity: null });
      }
      const [stranger] = await t.dataSource.query(
        `SELECT c.id FROM child c WHERE NOT EXISTS (SELECT 1 FROM resettlement_plan p JOIN pathway w ON w.plan_id = p.id
        WHERE p.child_id = c.id AND w.responsible_organisation_id = $1)
        AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.child_id = c.id AND r.to_organisation_id = $1 AND r.sent_at IS NOT NULL) LIMIT 1`,
        [me.organisation.id],
      );
      const refused = await session.graphql(`query($id: ID!) { child(id: $id) { id } }`, { id: stranger.id });
      expect(refused.errors?.[0].extensions.code).toBe('NOT_FOUND');
    },
  );

  it('council: the accommodation team’s lead sees the council’s measures; its other officer is refused', async () => {
    const measures = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
      scope { kind organisationId } released { display } } }`;
    const input = { input: { from: '2025-11-01', to: '2026-10-31' } };
    const lead = await t.signIn('accommodation.lead@leeds.council.example.com', DEMO_PASSWORD);
    const { resettlementMeasures } = await lead.ok(measures, input);
    expect(resettlementMeasures.scope).toEqual({ kind: 'LOCAL_AUTHORITY', organisationId: await orgId('LA-LEEDS') });
    // Its inbox is the council's, as the other officer's.
    const officer = await t.signIn('accommodation@leeds.council.example.com', DEMO_PASSWORD);
    expect(await inbox(lead)).toEqual(await inbox(officer));
    const refused = await officer.graphql(measures, input);
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('measures, 12 months: councils’ response times shown to a youth justice service, a council’s lead and the admin', async () => {
    // The released children's accommodation referrals, answered by their councils over the year (the demo's history).
    const measures = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
      scope { kind organisationId } responseTimes { organisationName step answered medianWorkingDays p90WorkingDays } } }`;
    const input = { input: { from: '2025-11-01', to: '2026-10-31' } };
    type Time = { organisationName: string | null; step: string; answered: number | null; medianWorkingDays: number };
    const read = async (email: string): Promise<Time[]> =>
      (await (await t.signIn(email, DEMO_PASSWORD)).ok(measures, input)).resettlementMeasures.responseTimes;
    const nameOf = async (code: string): Promise<string> =>
      (await t.dataSource.query(`SELECT name FROM organisation WHERE code = $1`, [code]))[0].name;
    const shown = (times: Time[], name: string, step: string) =>
      times.find((r) => r.organisationName === name && r.step === step && r.answered !== null) ?? null;
    const [leeds, cardiff] = [await nameOf('LA-LEEDS'), await nameOf('LA-CARDIFF')];

    // The national admin (England and Wales): every demo council, not all "fewer than 5", at their different speeds.
    const national = await read('admin@yjb.national.example.com');
    const councils = new Set(
      national.filter((r) => r.organisationName && r.answered !== null).map((r) => r.organisationName),
    );
    expect(councils.size).toBeGreaterThanOrEqual(3);
    expect(national.find((r) => r.organisationName === null && r.step === 'OFFER')!.answered).toBeGreaterThanOrEqual(
      20,
    );
    expect(shown(national, cardiff, 'OFFER')!.medianWorkingDays).toBeGreaterThan(
      shown(national, leeds, 'OFFER')!.medianWorkingDays,
    );
    // A youth justice service's manager: its referrals, to its council.
    expect(shown(await read('manager@leeds.yjs.example.com'), leeds, 'ACKNOWLEDGE')).not.toBeNull();
    // A council's lead: its own times.
    const own = await read('accommodation.lead@cardiff.council.example.com');
    expect(shown(own, cardiff, 'OFFER')).not.toBeNull();
    expect(own.every((r) => r.organisationName === null || r.organisationName === cardiff)).toBe(true);
  });

  it('national admin: the directory and every organisation’s users, but no child', async () => {
    const session = await t.signIn('admin@yjb.national.example.com', DEMO_PASSWORD);
    const directory = await session.ok(`{ organisations(first: 1) { totalCount } }`);
    expect(directory.organisations.totalCount).toBeGreaterThan(300);
    const users = await session.ok(`query($org: ID) { users(organisationId: $org) { totalCount } }`, {
      org: await orgId('YJS-LEEDS'),
    });
    expect(users.users.totalCount).toBe(3);
    const caseload = await session.graphql(`{ caseload { totalCount } }`);
    expect(caseload.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const [someone] = await t.dataSource.query(`SELECT id FROM child LIMIT 1`);
    const child = await session.graphql(`query($id: ID!) { child(id: $id) { id } }`, { id: someone.id });
    expect(child.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
