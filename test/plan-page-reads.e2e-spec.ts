import { Role } from '@resettle/access';
import { EpisodeRead } from '@resettle/custody';
import { PLAN } from '../apps/portal/src/plans/plan-queries';
import { seedDemoData } from '../scripts/seed/seed-demo-data';
import { countQueries, GraphqlResponse, Session, TestApp } from './support/test-app';

/** Statements the plan page sent for its data before it was read with its episode (one per field loader). */
const STATEMENTS_BEFORE = 21;
/** Now: the episode with everything the page asks of it, and `me`. */
const STATEMENTS_NOW = 2;

/** Each organisation type's partner role (the one that may see a child through a referral or a pathway). */
const PARTNER_ROLE: Record<string, Role> = {
  LOCAL_AUTHORITY: Role.LA_ACCOMMODATION_OFFICER,
  HEALTH_PROVIDER: Role.HEALTH_PRACTITIONER,
  EDUCATION_PROVIDER: Role.EDUCATION_PROVIDER,
  VIRTUAL_SCHOOL: Role.EDUCATION_PROVIDER,
};

/**
 * The plan page (`PLAN`, as the portal sends it) reads the episode and everything the page asks of it in one
 * statement, primed into the request's loaders. The answers, the access decisions (whole plan or pathways only,
 * `mayChange`, the referrals a partner may see, NOT_FOUND for a stranger) and the audit rows must be the ones the
 * loaders give on their own, field by field; and the page must not go back to a statement per field.
 */
describe('the plan page read with its episode', () => {
  let t: TestApp;
  let episodes: { id: string; serviceId: string; establishmentId: string; partners: { id: string; type: string }[] }[];

  /** Every statement the api sends while `fn` runs: TypeORM's and the prepared ones sent straight to the pool. */
  async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const pool = (t.appDataSource.driver as unknown as { master: { query: (...args: any[]) => Promise<unknown> } })
      .master;
    const prepared = jest.spyOn(pool, 'query');
    try {
      const { result, statements } = await countQueries(fn);
      const texts = prepared.mock.calls.map(([config]) =>
        String(config.text ?? config)
          .replace(/\s+/g, ' ')
          .trim(),
      );
      return { result, statements: [...texts, ...statements] };
    } finally {
      prepared.mockRestore();
    }
  }

  /** The page's data statements: not the sign-in check, the audit row or a notification marked read. */
  const pageStatements = (statements: string[]) =>
    statements.filter((s) => !/refresh_token|INSERT INTO "?audit_record|notification/.test(s));

  /** What the loaders give on their own: the episode read with its access facts only, every field by its loader. */
  async function withoutPrefetch<T>(fn: () => Promise<T>): Promise<T> {
    const original = EpisodeRead.prototype.read;
    const spy = jest.spyOn(EpisodeRead.prototype, 'read').mockImplementation(function (
      this: EpisodeRead,
      id,
      _selected,
      parts,
    ) {
      return original.call(
        this,
        id,
        [],
        parts.filter((part) => part.field === 'access:relations'),
      );
    });
    try {
      return await fn();
    } finally {
      spy.mockRestore();
    }
  }

  const auditRows = async (after: number) =>
    t.dataSource.query(
      `SELECT action, resource_type, resource_id, child_id, outcome, fields_read, detail, actor_organisation_id
         FROM audit_event WHERE id > $1 ORDER BY id, position`,
      [after],
    );
  const lastAuditId = async () =>
    Number((await t.dataSource.query(`SELECT COALESCE(max(id), 0) AS n FROM audit_event`))[0].n);

  /** The page's answer and audit rows, read with its episode and by the loaders alone. */
  async function bothWays(session: Session, id: string) {
    const before = await lastAuditId();
    const prefetched = await session.graphql(PLAN, { id });
    const prefetchedAudit = await auditRows(before);
    const middle = await lastAuditId();
    const alone = await withoutPrefetch(() => session.graphql(PLAN, { id }));
    const aloneAudit = await auditRows(middle);
    return { prefetched, alone, prefetchedAudit, aloneAudit };
  }

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    await seedDemoData(t.db.ownerUrl, { children: 120, seed: 7, today: '2026-11-23' });
    // For each thing the page shows, an episode that has it (the seed gives each to a few plans only).
    episodes = await t.dataSource.query(
      `WITH e AS (
         SELECT e.id, e.supervising_service_id AS "serviceId", e.current_establishment_id AS "establishmentId",
                (SELECT COALESCE(json_agg(DISTINCT jsonb_build_object('id', o.id, 'type', o.type)), '[]')
                   FROM organisation o
                  WHERE o.id IN (SELECT r.to_organisation_id FROM referral r WHERE r.plan_id = p.id AND r.status <> 'DRAFT'
                                 UNION SELECT w.responsible_organisation_id FROM pathway w WHERE w.plan_id = p.id)
                    AND o.type NOT IN ('YOUTH_JUSTICE_SERVICE', 'YOI', 'STC', 'SCH')) AS partners,
                EXISTS (SELECT 1 FROM referral r WHERE r.plan_id = p.id) AS referrals,
                EXISTS (SELECT 1 FROM plan_circumstance c WHERE c.plan_id = p.id) AS circumstances,
                EXISTS (SELECT 1 FROM prior_intervention i WHERE i.child_id = p.child_id) AS prior,
                EXISTS (SELECT 1 FROM planning_meeting m WHERE m.plan_id = p.id) AS meetings,
                EXISTS (SELECT 1 FROM release_day_plan d WHERE d.plan_id = p.id) AS release_day,
                EXISTS (SELECT 1 FROM release_appointment a WHERE a.plan_id = p.id) AS appointments,
                EXISTS (SELECT 1 FROM court_hearing h WHERE h.episode_id = e.id) AS hearings,
                EXISTS (SELECT 1 FROM supervision_transfer s WHERE s.episode_id = e.id) AS transfers,
                EXISTS (SELECT 1 FROM childrens_services_informed s WHERE s.plan_id = p.id) AS informed,
                EXISTS (SELECT 1 FROM pathway w JOIN pathway_action a ON a.pathway_id = w.id WHERE w.plan_id = p.id) AS actions,
                e.case_manager_id IS NOT NULL AS managed
           FROM custodial_episode e JOIN resettlement_plan p ON p.episode_id = e.id
       )
       SELECT DISTINCT ON (kind) kind, e.id, e."serviceId", e."establishmentId", e.partners
         FROM e, LATERAL (VALUES ('referrals', referrals), ('circumstances', circumstances), ('prior', prior),
                ('meetings', meetings), ('release_day', release_day), ('appointments', appointments),
                ('hearings', hearings), ('transfers', transfers), ('informed', informed), ('actions', actions),
                ('managed', managed)) AS k(kind, has)
        WHERE has ORDER BY kind, jsonb_array_length(e.partners::jsonb) DESC, e.id`,
    );
    // The seed leaves none of some (children's services told of a hearing): the page must still cover the rest.
    expect(episodes.length).toBeGreaterThanOrEqual(8);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('sends one statement for the episode and all it shows, where it sent one per field', async () => {
    const [{ id, serviceId }] = episodes;
    const manager = await t.userSession({ organisationId: serviceId, roles: [Role.YJS_CASE_MANAGER] });
    await manager.ok(PLAN, { id });
    const { result, statements } = await statementsOf(() => manager.graphql(PLAN, { id }));
    expect(result.errors).toBeUndefined();
    const alone = await withoutPrefetch(() => statementsOf(() => manager.graphql(PLAN, { id })));
    expect(pageStatements(alone.statements).length).toBeGreaterThanOrEqual(STATEMENTS_BEFORE - 2);
    // A page going back to a statement per field would be slower for everyone: this fails first.
    expect(pageStatements(statements)).toHaveLength(STATEMENTS_NOW);
  });

  it('gives the supervising service, the establishment and each partner the same page and audit rows', async () => {
    const seen = new Set<string>();
    for (const episode of episodes) {
      if (seen.has(episode.id)) continue;
      seen.add(episode.id);
      const sessions: [string, Session][] = [
        ['manager', await t.userSession({ organisationId: episode.serviceId, roles: [Role.YJS_CASE_MANAGER] })],
        [
          'establishment',
          await t.userSession({ organisationId: episode.establishmentId, roles: [Role.ESTABLISHMENT_STAFF] }),
        ],
        ...(await Promise.all(
          episode.partners
            .filter((p) => PARTNER_ROLE[p.type])
            .map(
              async (p) =>
                [`partner ${p.type}`, await t.userSession({ organisationId: p.id, roles: [PARTNER_ROLE[p.type]] })] as [
                  string,
                  Session,
                ],
            ),
        )),
      ];
      for (const [who, session] of sessions) {
        const { prefetched, alone, prefetchedAudit, aloneAudit } = await bothWays(session, episode.id);
        expect({ who, ...prefetched }).toEqual({ who, ...alone });
        expect(prefetchedAudit).toEqual(aloneAudit);
        expect(prefetchedAudit.length).toBeGreaterThan(0);
      }
    }
  });

  it('decides per caller as before: mayChange by who owns the pathway, NOT_FOUND for a partner', async () => {
    const episode = episodes.find((e) => e.partners.some((p) => PARTNER_ROLE[p.type]))!;
    const manager = await t.userSession({ organisationId: episode.serviceId, roles: [Role.YJS_CASE_MANAGER] });
    const whole = (await manager.ok(PLAN, { id: episode.id })).custodialEpisode.resettlementPlan;
    expect(whole.pathways).toHaveLength(9);
    expect(whole.childVoice).not.toBeNull();
    expect(whole.pathways.every((p: any) => p.mayChange)).toBe(true);
    // An establishment changes only the pathways it is responsible for (while it holds the child).
    const establishment = await t.userSession({
      organisationId: episode.establishmentId,
      roles: [Role.ESTABLISHMENT_STAFF],
    });
    const held = (await establishment.ok(PLAN, { id: episode.id })).custodialEpisode.resettlementPlan;
    expect(held.pathways.map((p: any) => p.mayChange)).toEqual(
      held.pathways.map((p: any) => p.responsibleOrganisation?.id === episode.establishmentId),
    );
    // A partner sees its pathways on its own pages, never the episode.
    const partner = episode.partners.find((p) => PARTNER_ROLE[p.type])!;
    const session = await t.userSession({ organisationId: partner.id, roles: [PARTNER_ROLE[partner.type]] });
    const res: GraphqlResponse = await session.graphql(PLAN, { id: episode.id });
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('gives children’s services of a looked-after child, and the service that handed a child on, the same answer', async () => {
    const rows: { id: string; organisationId: string; role: Role }[] = await t.dataSource.query(
      `(SELECT e.id, c.responsible_authority_id AS "organisationId", 'LA_CHILDRENS_SERVICES' AS role
          FROM custodial_episode e JOIN child c ON c.id = e.child_id
         WHERE c.looked_after AND c.responsible_authority_id IS NOT NULL ORDER BY e.id LIMIT 1)
       UNION ALL
       (SELECT s.episode_id, s.from_service_id, 'YJS_CASE_MANAGER' FROM supervision_transfer s ORDER BY s.id LIMIT 1)`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const session = await t.userSession({ organisationId: row.organisationId, roles: [row.role] });
      const { prefetched, alone, prefetchedAudit, aloneAudit } = await bothWays(session, row.id);
      expect(prefetched).toEqual(alone);
      expect(prefetchedAudit).toEqual(aloneAudit);
    }
  });

  it('answers a stranger NOT_FOUND and audits the refusal, as before, with nothing of the episode', async () => {
    const [{ id }] = episodes;
    const [{ id: elsewhere }] = await t.dataSource.query(
      `SELECT o.id FROM organisation o WHERE o.type = 'YOUTH_JUSTICE_SERVICE'
          AND NOT EXISTS (SELECT 1 FROM custodial_episode e WHERE e.id = $1 AND e.supervising_service_id = o.id)
        ORDER BY o.code LIMIT 1`,
      [id],
    );
    const stranger = await t.userSession({ organisationId: elsewhere, roles: [Role.YJS_CASE_MANAGER] });
    const { prefetched, alone, prefetchedAudit, aloneAudit } = await bothWays(stranger, id);
    expect(prefetched.data).toBeNull();
    expect(prefetched.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(prefetched).toEqual(alone);
    expect(prefetchedAudit).toEqual(aloneAudit);
    expect(prefetchedAudit.map((row: any) => row.outcome)).toEqual(['DENIED']);
    // Nor an episode that is not there.
    const missing = '00000000-0000-4000-8000-000000000000';
    const gone = await bothWays(stranger, missing);
    expect(gone.prefetched).toEqual(gone.alone);
    expect(gone.prefetched.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(gone.prefetchedAudit).toEqual(gone.aloneAudit);
  });
});
