// These requests stand where the portal stands: on this machine, in front of the api, passing on each person's
// address in X-Forwarded-For. The api believes it only from a proxy it is told to trust (none by default).
import { Role } from '@resettle/access';
import { AuditMaintenance } from '@resettle/audit';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { TestApp } from './support/test-app';

process.env.TRUST_PROXY = 'loopback';

/** The audit log: append-only in the database itself, and read back as a child's trail and access report. */
describe('the audit log', () => {
  let t: TestApp;
  let w: AccessWorld;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    // As the worker does when it starts: the clock's month gets its partition (the world's rows move into it).
    await t.app.get(AuditMaintenance).run();
  });
  afterAll(async () => {
    await t?.stop();
  });

  describe('is append-only in PostgreSQL', () => {
    const partitionOfToday = async () =>
      (await t.dataSource.query(`SELECT tableoid::regclass::text AS p FROM audit_record ORDER BY id DESC LIMIT 1`))[0]
        .p as string;
    it.each([
      ['UPDATE', () => `UPDATE audit_record SET outcome = 'ALLOWED'`],
      ['UPDATE of no rows', () => `UPDATE audit_record SET action = 'x' WHERE false`],
      ['DELETE', () => `DELETE FROM audit_record`],
      ['DELETE of one row', () => `DELETE FROM audit_record WHERE id = (SELECT min(id) FROM audit_record)`],
      ['TRUNCATE', () => `TRUNCATE audit_record`],
      ['UPDATE of a partition', (p: string) => `UPDATE ${p} SET outcome = 'ALLOWED'`],
      ['DELETE from a partition', (p: string) => `DELETE FROM ${p}`],
      ['TRUNCATE of a partition', (p: string) => `TRUNCATE ${p}`],
      ['TRUNCATE of the default partition', () => `TRUNCATE audit_record_default`],
    ])('refuses %s', async (_what, sql) => {
      const partition = await partitionOfToday();
      const before = await t.dataSource.query(`SELECT count(*)::int AS n, max(id) AS last FROM audit_record`);
      expect(before[0].n).toBeGreaterThan(0);
      await expect(t.dataSource.query(sql(partition))).rejects.toThrow(/append-only/);
      const after = await t.dataSource.query(`SELECT count(*)::int AS n, max(id) AS last FROM audit_record`);
      expect(after).toEqual(before);
    });

    it('refuses DELETE from the default partition, where a row whose month had no partition waits', async () => {
      await t.dataSource.query(
        `INSERT INTO audit_record (occurred_at, action, resource_type, outcome) VALUES ('2035-01-04T10:00:00Z', 'early', 'Test', 'ALLOWED')`,
      );
      await expect(t.dataSource.query(`DELETE FROM audit_record_default`)).rejects.toThrow(/append-only/);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_record_default`)).toEqual([{ n: 1 }]);
    });

    it('gives the application role no way round it: no DELETE even with the maintenance switch on', async () => {
      await expect(
        t.appDataSource.transaction(async (em) => {
          await em.query(`SELECT set_config('resettle.audit_maintenance', 'on', true)`);
          await em.query(`DELETE FROM audit_record_default`);
        }),
      ).rejects.toThrow(/permission denied/);
    });

    it('the audit_event view is read-only', async () => {
      await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/cannot delete from view/);
    });

    it('still takes new rows', async () => {
      await w.sessions.YJS_CASE_MANAGER.ok(`query($id: ID!) { child(id: $id) { id } }`, { id: w.a.child.id });
      const [row] = await t.dataSource.query(`SELECT action, outcome FROM audit_event ORDER BY id DESC LIMIT 1`);
      expect(row).toEqual({ action: 'child', outcome: 'ALLOWED' });
    });
  });

  describe('records each access with who, what, when and where', () => {
    it('a read: the person, organisation, roles, fields read, request id and client IP', async () => {
      const s = w.sessions.ESTABLISHMENT_STAFF;
      const res = await t.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'POST',
          url: '/graphql',
          headers: {
            'content-type': 'application/json',
            authorization: s.authorization,
            'x-request-id': 'audit-trace-0001',
            'x-forwarded-for': '203.0.113.9',
          },
          payload: JSON.stringify({
            query: `query($id: ID!) { child(id: $id) { givenName currentEpisode { expectedReleaseDate } } }`,
            variables: { id: w.a.child.id },
          }),
        });
      expect(JSON.parse(res.body).errors).toBeUndefined();
      const [row] = await t.dataSource.query(`SELECT * FROM audit_event WHERE request_id = 'audit-trace-0001'`);
      expect(row).toMatchObject({
        actor_user_id: s.userId,
        actor_organisation_id: w.a.establishment.id,
        actor_roles: ['ESTABLISHMENT_STAFF'],
        action: 'child',
        resource_type: 'Child',
        resource_id: w.a.child.id,
        child_id: w.a.child.id,
        outcome: 'ALLOWED',
        fields_read: ['currentEpisode.expectedReleaseDate', 'givenName'],
        client_ip: '203.0.113.9',
      });
      expect(row.occurred_at).toBeInstanceOf(Date);
    });

    it('a refusal: recorded as DENIED although the caller only saw NOT_FOUND', async () => {
      const s = w.sessions.YJS_CASE_MANAGER;
      const res = await s.graphql(`query($id: ID!) { child(id: $id) { givenName } }`, { id: w.b.child.id });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const [row] = await t.dataSource.query(
        `SELECT outcome, child_id, actor_user_id FROM audit_event ORDER BY id DESC LIMIT 1`,
      );
      expect(row).toEqual({ outcome: 'DENIED', child_id: w.b.child.id, actor_user_id: s.userId });
    });

    it('a missing record and a hidden one give the caller the same answer', async () => {
      const s = w.sessions.YJS_CASE_MANAGER;
      const hidden = await s.graphql(`query($id: ID!) { custodialEpisode(id: $id) { id } }`, { id: w.b.episode.id });
      const missing = await s.graphql(`query($id: ID!) { custodialEpisode(id: $id) { id } }`, {
        id: '00000000-0000-4000-8000-000000000000',
      });
      expect(hidden.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
      expect(hidden.errors![0].message.replace(w.b.episode.id, 'ID')).toBe(
        missing.errors![0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
      );
    });

    it('a change: before and after, in the same transaction as the change', async () => {
      const s = w.sessions.YJS_MANAGER;
      const { custodialEpisode: ep } = await s.ok(`query($id: ID!) { custodialEpisode(id: $id) { id version } }`, {
        id: w.a.episode.id,
      });
      await s.ok(`mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { id } }`, {
        input: { episodeId: ep.id, expectedVersion: ep.version, releaseDate: '2027-02-03', reason: 'Court direction' },
      });
      const rows = await t.dataSource.query(
        `SELECT outcome, before, after, actor_user_id FROM audit_event WHERE action = 'overrideReleaseDate' AND resource_id = $1`,
        [ep.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        outcome: 'SUCCEEDED',
        actor_user_id: s.userId,
        before: { releaseDateOverride: null, releaseDateOverrideReason: null },
        after: { releaseDateOverride: '2027-02-03', releaseDateOverrideReason: 'Court direction' },
      });
      // The episode's own history names the person too.
      const [event] = await t.dataSource.query(
        `SELECT recorded_by_id FROM episode_event WHERE episode_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [ep.id],
      );
      expect(event.recorded_by_id).toBe(s.userId);
    });

    it('a refused change writes nothing but the DENIED row', async () => {
      const s = w.sessions.ESTABLISHMENT_STAFF;
      const before = await t.dataSource.query(`SELECT version FROM custodial_episode WHERE id = $1`, [w.b.episode.id]);
      const res = await s.graphql(
        `mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { id } }`,
        {
          input: {
            episodeId: w.b.episode.id,
            expectedVersion: before[0].version,
            releaseDate: '2027-02-03',
            reason: 'Not mine',
          },
        },
      );
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(await t.dataSource.query(`SELECT version FROM custodial_episode WHERE id = $1`, [w.b.episode.id])).toEqual(
        before,
      );
      const [row] = await t.dataSource.query(`SELECT outcome, detail FROM audit_event ORDER BY id DESC LIMIT 1`);
      expect(row).toEqual({ outcome: 'DENIED', detail: { action: 'CHANGE_CUSTODY' } });
    });

    it('a page of the caseload with one child: one row naming it', async () => {
      const before = Number((await t.dataSource.query(`SELECT max(id) AS id FROM audit_event`))[0].id);
      await w.sessions.YJS_CASE_MANAGER.ok(`{ caseload { edges { node { id child { givenName } } } } }`);
      const rows = await t.dataSource.query(`SELECT action, child_id, fields_read FROM audit_event WHERE id > $1`, [
        before,
      ]);
      expect(rows).toEqual([
        { action: 'caseload', child_id: w.a.child.id, fields_read: ['edges.node.child.givenName', 'edges.node.id'] },
      ]);
    });
  });

  describe('refusals and failures are on the child’s record', () => {
    const TRAIL = `query($id: ID!) { auditTrail(childId: $id, first: 100) { edges { node { action outcome actorUserId resourceType resourceId } } } }`;
    const trailOf = async (childId: string) =>
      (await w.sessions.YJS_MANAGER.ok(TRAIL, { id: childId })).auditTrail.edges.map((e: { node: unknown }) => e.node);
    const reportOf = async (childId: string) =>
      (
        await w.sessions.YJS_MANAGER.ok(
          `query($id: ID!) { accessReport(childId: $id) { entries { user { id } actions } } }`,
          { id: childId },
        )
      ).accessReport.entries;
    const planOfA = async () =>
      (
        await w.sessions.YJS_MANAGER.ok(
          `query($id: ID!) { resettlementPlan(episodeId: $id) { id version pathways { id type } } }`,
          { id: w.a.episode.id },
        )
      ).resettlementPlan;

    it('a refused markPlanAgreed (CONFLICT) is in the child’s auditTrail, as FAILED', async () => {
      const s = w.sessions.YJS_CASE_MANAGER;
      const plan = await planOfA();
      const res = await s.graphql(`mutation($input: MarkPlanAgreedInput!) { markPlanAgreed(input: $input) { id } }`, {
        input: { planId: plan.id, expectedVersion: plan.version + 50 },
      });
      expect(res.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(await trailOf(w.a.child.id)).toContainEqual({
        action: 'markPlanAgreed',
        outcome: 'FAILED',
        actorUserId: s.userId,
        resourceType: 'ResettlementPlan',
        resourceId: plan.id,
      });
    });

    it('a council officer’s refused read of a DRAFT referral is in the trail, and not in the access report', async () => {
      const plan = await planOfA();
      const { createReferral: referral } = await w.sessions.YJS_CASE_MANAGER.ok(
        `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id status } }`,
        {
          input: {
            pathwayId: plan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION').id,
            type: 'ACCOMMODATION',
            toOrganisationId: w.a.localAuthority.id,
          },
        },
      );
      expect(referral.status).toBe('DRAFT');
      const officer = w.sessions.LA_ACCOMMODATION_OFFICER;
      const res = await officer.graphql(`query($id: ID!) { referral(id: $id) { id } }`, { id: referral.id });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');

      expect(await trailOf(w.a.child.id)).toContainEqual({
        action: 'referral',
        outcome: 'DENIED',
        actorUserId: officer.userId,
        resourceType: 'Referral',
        resourceId: referral.id,
      });
      // They saw nothing of the child, so the subject access report does not list them.
      expect((await reportOf(w.a.child.id)).map((e: { user: { id: string } | null }) => e.user?.id)).not.toContain(
        officer.userId,
      );
    });

    it('an input the validation pipe refuses, and a role refused at the door, are on the child’s trail too', async () => {
      const plan = await planOfA();
      const pathwayId = plan.pathways[0].id;
      const caseManager = w.sessions.YJS_CASE_MANAGER;
      const tooLong = await caseManager.graphql(
        `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
        {
          input: { pathwayId, description: 'x'.repeat(1001) },
        },
      );
      expect(tooLong.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const admin = w.sessions.NATIONAL_ADMIN;
      const forbidden = await admin.graphql(
        `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
        {
          input: { pathwayId, description: 'Not my plan' },
        },
      );
      expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');

      const trail = await trailOf(w.a.child.id);
      expect(trail).toContainEqual({
        action: 'addPathwayAction',
        outcome: 'FAILED',
        actorUserId: caseManager.userId,
        resourceType: 'Pathway',
        resourceId: pathwayId,
      });
      expect(trail).toContainEqual({
        action: 'addPathwayAction',
        outcome: 'DENIED',
        actorUserId: admin.userId,
        resourceType: 'Pathway',
        resourceId: pathwayId,
      });
      // And on no other child's.
      expect(
        await t.dataSource.query(`SELECT id FROM audit_event WHERE action = 'addPathwayAction' AND child_id = $1`, [
          w.b.child.id,
        ]),
      ).toEqual([]);
    });
  });

  describe('auditTrail and accessReport', () => {
    it('give a youth justice manager the trail, newest first, a page at a time', async () => {
      const s = w.sessions.YJS_MANAGER;
      const first = await s.ok(
        `query($id: ID!) { auditTrail(childId: $id, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { node { id action outcome actorUserId occurredAt } } } }`,
        { id: w.a.child.id },
      );
      const trail = first.auditTrail;
      expect(trail.edges).toHaveLength(3);
      expect(trail.totalCount).toBeGreaterThan(3);
      const ids = trail.edges.map((e: any) => Number(e.node.id));
      expect(ids).toEqual([...ids].sort((x, y) => y - x));
      const second = await s.ok(
        `query($id: ID!, $after: String) { auditTrail(childId: $id, first: 3, after: $after) { edges { node { id } } } }`,
        { id: w.a.child.id, after: trail.pageInfo.endCursor },
      );
      expect(Number(second.auditTrail.edges[0].node.id)).toBeLessThan(ids[2]);
    });

    it('list every organisation and person that has seen the child, and nobody who was refused', async () => {
      // Side B's case manager tries and is refused; side A's children's services reads the record.
      await w.sessions.LA_CHILDRENS_SERVICES.ok(`query($id: ID!) { child(id: $id) { id } }`, { id: w.a.child.id });
      const { accessReport } = await w.sessions.YJS_MANAGER.ok(
        `query($id: ID!) { accessReport(childId: $id) { childId entries { organisation { id } user { id } times actions } } }`,
        { id: w.a.child.id },
      );
      const orgs = accessReport.entries.map((e: any) => e.organisation.id);
      expect(orgs).toEqual(
        expect.arrayContaining([w.a.youthJusticeService.id, w.a.establishment.id, w.a.localAuthority.id]),
      );
      expect(orgs).not.toContain(w.b.youthJusticeService.id);
      const childrenServices = accessReport.entries.find(
        (e: any) => e.user?.id === w.sessions.LA_CHILDRENS_SERVICES.userId,
      );
      expect(childrenServices.actions).toEqual(['child']);
    });

    it('are refused to a case manager (FORBIDDEN) and to another service’s manager (NOT_FOUND)', async () => {
      const asCaseManager = await w.sessions.YJS_CASE_MANAGER.graphql(
        `query($id: ID!) { auditTrail(childId: $id) { totalCount } }`,
        { id: w.a.child.id },
      );
      expect(asCaseManager.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const otherManager = await t.userSession({
        organisationId: w.b.youthJusticeService.id,
        roles: [Role.YJS_MANAGER],
        email: 'other.manager@example.com',
      });
      const res = await otherManager.graphql(`query($id: ID!) { accessReport(childId: $id) { childId } }`, {
        id: w.a.child.id,
      });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('lasts years: one row per page, monthly partitions, a retention', () => {
    const registerA = async (givenName: string) => {
      const manager = w.sessions.YJS_MANAGER;
      const { registerChild: child } = await manager.ok(
        `mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`,
        {
          input: {
            givenName,
            familyName: 'Pagetester',
            dateOfBirth: '2010-06-01',
            gender: 'MALE',
            ethnicity: 'MIXED_WHITE_BLACK_CARIBBEAN',
            lookedAfter: false,
            responsibleAuthorityId: w.a.localAuthority.id,
            homeAuthorityId: w.a.localAuthority.id,
            careLeaver: false,
            hasEhcp: false,
          },
        },
      );
      const { startCustodialEpisode: episode } = await manager.ok(
        `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id } }`,
        {
          input: {
            childId: child.id,
            establishmentId: w.a.establishment.id,
            supervisingServiceId: w.a.youthJusticeService.id,
            remandDate: '2026-11-02',
          },
        },
      );
      return { childId: child.id as string, episodeId: episode.id as string };
    };
    const realMonth = async (offsetMonths = 0) =>
      (
        await t.dataSource.query(
          `SELECT to_char(now() AT TIME ZONE 'UTC' + make_interval(months => $1), 'YYYY-MM') AS m`,
          [offsetMonths],
        )
      )[0].m as string;

    it('a caseload page of three children is one row naming all three, in page order, in its month’s partition', async () => {
      const two = await registerA('Rowan');
      const three = await registerA('Sasha');
      const before = Number((await t.dataSource.query(`SELECT max(id) AS id FROM audit_record`))[0].id);
      const { caseload } = await w.sessions.YJS_MANAGER.ok(
        `{ caseload(first: 10) { edges { node { id child { id } } } } }`,
      );
      const page = caseload.edges.map((e: { node: { id: string; child: { id: string } } }) => e.node);
      expect(page.map((n: { child: { id: string } }) => n.child.id).sort()).toEqual(
        [w.a.child.id, two.childId, three.childId].sort(),
      );
      const rows = await t.dataSource.query(
        `SELECT id, action, resource_ids, child_ids, tableoid::regclass::text AS partition FROM audit_record WHERE id > $1`,
        [before],
      );
      expect(rows).toEqual([
        {
          id: expect.any(String),
          action: 'caseload',
          resource_ids: page.map((n: { id: string }) => n.id),
          child_ids: page.map((n: { child: { id: string } }) => n.child.id),
          partition: 'audit_record_y2026m11',
        },
      ]);
      // Read per child, it is one entry on each child's trail (after the trail's own read), naming its episode.
      const trail = await w.sessions.YJS_MANAGER.ok(
        `query($id: ID!) { auditTrail(childId: $id, first: 2) { edges { node { action childId resourceId } } } }`,
        { id: three.childId },
      );
      expect(trail.auditTrail.edges.map((e: { node: unknown }) => e.node)).toEqual([
        { action: 'auditTrail', childId: three.childId, resourceId: three.childId },
        { action: 'caseload', childId: three.childId, resourceId: three.episodeId },
      ]);
      // And the audit_event view still shows it a child to a line.
      const perChild = await t.dataSource.query(`SELECT child_id FROM audit_event WHERE id = $1 ORDER BY position`, [
        rows[0].id,
      ]);
      expect(perChild.map((r: { child_id: string }) => r.child_id)).toEqual(rows[0].child_ids);
    });

    it('keeps a partition for the clock’s month and the next two, made ahead; a second run makes nothing', async () => {
      const months = (await t.dataSource.query(`SELECT audit_partition_months() AS m`)).map((r: { m: string }) => r.m);
      expect(months).toEqual(expect.arrayContaining(['2026-11', '2026-12', '2027-01']));
      const again = await t.app.get(AuditMaintenance).run();
      expect(again.created).toEqual([]);
      expect(again.dropped).toEqual([]);
    });

    it('a row whose month had no partition waits in the default one, and moves when its month is made', async () => {
      await t.dataSource.query(
        `INSERT INTO audit_record (occurred_at, action, resource_type, outcome) VALUES ('2031-05-04T10:00:00Z', 'probe', 'Test', 'ALLOWED')`,
      );
      const where = async () =>
        (
          await t.dataSource.query(
            `SELECT tableoid::regclass::text AS p FROM audit_record WHERE action = 'probe' AND occurred_at = '2031-05-04T10:00:00Z'`,
          )
        ).map((r: { p: string }) => r.p);
      expect(await where()).toEqual(['audit_record_default']);
      const [{ made }] = await t.appDataSource.query(`SELECT audit_create_partition('2031-05') AS made`);
      expect(made).toBe(true);
      expect(await where()).toEqual(['audit_record_y2031m05']);
    });

    it('two workers making the same month at once: one makes it, the other finds it', async () => {
      const made = await Promise.all(
        [t.appDataSource, t.appDataSource].map(
          async (ds) => (await ds.query(`SELECT audit_create_partition('2032-03') AS made`))[0].made,
        ),
      );
      expect(made.sort()).toEqual([false, true]);
    });

    it('refuses to drop a month still kept, or to keep less than a year, whoever asks', async () => {
      await expect(t.appDataSource.query(`SELECT audit_drop_partition($1, 84)`, [await realMonth(-2)])).rejects.toThrow(
        /within the 84 months kept/,
      );
      await expect(t.appDataSource.query(`SELECT audit_drop_partition('2001-01', 6)`)).rejects.toThrow(
        /at least 12 months/,
      );
      await expect(t.appDataSource.query(`DROP TABLE audit_record_y2026m11`)).rejects.toThrow(/must be owner/);
    });

    it('drops the months past the retention and purges old rows left in the default partition, and audits the run', async () => {
      await t.dataSource.query(`SELECT audit_create_partition('2015-01')`);
      await t.dataSource.query(
        `INSERT INTO audit_record (occurred_at, action, resource_type, outcome) VALUES
           ('2015-01-10T10:00:00Z', 'old', 'Test', 'ALLOWED'), ('2016-03-10T10:00:00Z', 'old', 'Test', 'ALLOWED')`,
      );
      const kept = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_record WHERE action <> 'old'`);
      const run = await t.app.get(AuditMaintenance).run();
      expect(run).toMatchObject({ retentionMonths: 84, dropped: ['2015-01'], refused: [], purgedDefaultRows: 1 });
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_record WHERE action = 'old'`)).toEqual([
        { n: 0 },
      ]);
      expect(await t.dataSource.query(`SELECT to_regclass('audit_record_y2015m01') AS t`)).toEqual([{ t: null }]);
      // Nothing inside the retention went (the run's own row aside).
      expect(
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_record WHERE action <> 'old' AND action <> 'auditMaintenance'`,
        ),
      ).toEqual([{ n: kept[0].n - (await maintenanceRows()) }]);
      const [last] = await t.dataSource.query(
        `SELECT outcome, detail FROM audit_record WHERE action = 'auditMaintenance' ORDER BY id DESC LIMIT 1`,
      );
      expect(last).toEqual({
        outcome: 'SUCCEEDED',
        detail: { retentionMonths: 84, created: [], dropped: ['2015-01'], refused: [], purgedDefaultRows: 1 },
      });
    });
    const maintenanceRows = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_record WHERE action = 'auditMaintenance' AND id < (SELECT max(id) FROM audit_record WHERE action = 'auditMaintenance')`,
        )
      )[0].n as number;
  });
});
