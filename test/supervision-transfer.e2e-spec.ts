import { Role } from '@resettle/access';
import { custodyWorld, Directory, expectError } from './support/custody-world';
import { Session } from './support/test-app';

/**
 * A child moves to another youth justice service (issue 21): Leeds hands a remanded child's supervision to Kent.
 * Against the real api, PostgreSQL and Redis; the clock is fixed at Monday 2026-11-23, so an effective date may be
 * from 2026-10-26 to 2026-11-23.
 */
describe('transferSupervision (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { remandedChild, snapshot } = world;
  let dir: Directory;
  let leeds: Session;
  let kent: Session;

  const TRANSFER = `mutation($input: TransferSupervisionInput!) { transferSupervision(input: $input) {
    id version supervisingServiceId caseManagerId history { type effectiveDate summary } } }`;
  const HISTORY = `query($id: ID!) { supervisionTransfers(episodeId: $id) {
    fromServiceId toServiceId effectiveDate reason transferredById } }`;
  const CHILD = `query($id: ID!) { child(id: $id) { id givenName ethnicity currentEpisode { id } } }`;
  const PLAN = `query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`;
  const MILESTONES = `query($id: ID!) { milestones(episodeId: $id) { id key version } }`;

  beforeAll(async () => {
    ({ dir, leeds, kent } = world);
  });

  const transfer = (input: Record<string, unknown>, as: Session = leeds) =>
    as.graphql(TRANSFER, { input: { reason: 'Moved to a foster placement in Kent', ...input } });
  const notificationsOf = (episodeId: string) =>
    world.t.dataSource.query(
      `SELECT n.recipient_user_id AS "to", n.kind, n.title, u.organisation_id AS org FROM notification n
         JOIN app_user u ON u.id = n.recipient_user_id WHERE n.link = $1 ORDER BY u.email`,
      [`/plans/${episodeId}`],
    );

  const userId = async (email: string): Promise<string> =>
    (await world.t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;
  /** A Kent case manager whose account is disabled (made once). */
  const disabledKentCaseManager = async (): Promise<string> => {
    const [row] = await world.t.dataSource.query(
      `INSERT INTO app_user (organisation_id, given_name, family_name, email, roles, disabled)
       VALUES ($1, 'Dana', 'Gone', 'dana.gone@example.com', '{YJS_CASE_MANAGER}', true)
       ON CONFLICT (email) DO UPDATE SET disabled = true RETURNING id`,
      [dir.kentYjs.id],
    );
    return row.id;
  };

  it('moves the case to Kent: Kent sees and acts on it, Leeds keeps the identity and the history only', async () => {
    const { child, ep } = await remandedChild();
    // Kent cannot take a case it does not hold.
    const grab = {
      episodeId: ep.id,
      expectedVersion: ep.version,
      toServiceId: dir.kentYjs.id,
      effectiveDate: '2026-11-20',
    };
    expectError(await transfer(grab, kent), 'NOT_FOUND');
    const { transferSupervision: moved } = await leeds.ok(TRANSFER, {
      input: { ...grab, reason: 'Moved to a foster placement in Kent', caseManagerId: dir.kentCaseManager.id },
    });
    expect(moved).toMatchObject({
      supervisingServiceId: dir.kentYjs.id,
      caseManagerId: dir.kentCaseManager.id,
      version: ep.version + 1,
    });
    expect(moved.history.at(-1)).toMatchObject({
      type: 'SUPERVISION_TRANSFERRED',
      effectiveDate: '2026-11-20',
      summary: 'Supervision moved to Kent Youth Justice Service: Moved to a foster placement in Kent',
    });

    // The history, for both services.
    const history = [
      {
        fromServiceId: dir.leedsYjs.id,
        toServiceId: dir.kentYjs.id,
        effectiveDate: '2026-11-20',
        reason: 'Moved to a foster placement in Kent',
        transferredById: leeds.userId,
      },
    ];
    expect((await kent.ok(HISTORY, { id: ep.id })).supervisionTransfers).toEqual(history);
    expect((await leeds.ok(HISTORY, { id: ep.id })).supervisionTransfers).toEqual(history);

    // Kent sees the whole child, the plan and the deadlines; Leeds only who the child is.
    const kentView = (await kent.ok(CHILD, { id: child.id })).child;
    expect(kentView.currentEpisode).toEqual({ id: ep.id });
    const leedsView = (await leeds.ok(CHILD, { id: child.id })).child;
    expect(leedsView).toMatchObject({ id: child.id, givenName: child.givenName, currentEpisode: null });
    expect((await kent.ok(PLAN, { id: ep.id })).resettlementPlan.id).toBeTruthy();
    expectError(await leeds.graphql(PLAN, { id: ep.id }), 'NOT_FOUND');
    const kentMilestones = (await kent.ok(MILESTONES, { id: ep.id })).milestones;
    expect(kentMilestones.length).toBeGreaterThan(0);
    expectError(await leeds.graphql(MILESTONES, { id: ep.id }), 'NOT_FOUND');

    // The deadlines' reminders and escalations now reach Kent's people: the engine reads them through the episode.
    const owners = await world.t.dataSource.query(
      `SELECT DISTINCT e.supervising_service_id AS service, e.case_manager_id AS owner
         FROM milestone m JOIN custodial_episode e ON e.id = m.episode_id WHERE m.episode_id = $1`,
      [ep.id],
    );
    expect(owners).toEqual([{ service: dir.kentYjs.id, owner: dir.kentCaseManager.id }]);

    // Leeds can no longer change the case; Kent's manager can hand it on again.
    const back = await transfer({
      episodeId: ep.id,
      expectedVersion: moved.version,
      toServiceId: dir.leedsYjs.id,
      effectiveDate: '2026-11-23',
    });
    expectError(back, 'NOT_FOUND');

    // Both managers and both case managers are told; the person who did it is not.
    const told = await notificationsOf(ep.id);
    expect(told.map((n: { to: string }) => n.to).sort()).toEqual(
      [kent.userId, dir.leedsCaseManager.id, dir.kentCaseManager.id].sort(),
    );
    expect(told[0]).toMatchObject({
      kind: 'SUPERVISION_TRANSFERRED',
      title: 'Supervision moved from Leeds Youth Justice Service to Kent Youth Justice Service',
    });
  });

  it('open referrals go with the child; an accommodation referral tells its council who now holds the case', async () => {
    const { ep } = await remandedChild();
    const { resettlementPlan } = await leeds.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
      { id: ep.id },
    );
    const pathwayId = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION').id;
    const { createReferral: draft } = await leeds.ok(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      { input: { pathwayId, type: 'ACCOMMODATION', toOrganisationId: dir.leeds.id, childWishes: 'Near school' } },
    );
    await leeds.ok(`mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id } }`, {
      input: { referralId: draft.id, expectedVersion: draft.version },
    });
    const officer = await world.t.userSession({
      organisationId: dir.leeds.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
    });
    const episodeNow = await world.episode(ep.id);
    await leeds.ok(TRANSFER, {
      input: {
        episodeId: ep.id,
        expectedVersion: episodeNow.version,
        toServiceId: dir.kentYjs.id,
        effectiveDate: '2026-11-23',
        reason: 'Family moved to Kent',
      },
    });

    const REFERRAL = `query($id: ID!) { referral(id: $id) { fromServiceId messages { authorUserId body } } }`;
    const seen = (await officer.ok(REFERRAL, { id: draft.id })).referral;
    expect(seen.fromServiceId).toBe(dir.kentYjs.id);
    expect(seen.messages).toEqual([
      {
        authorUserId: leeds.userId,
        body:
          'Supervision of this child moved from Leeds Youth Justice Service to Kent Youth Justice Service on ' +
          '2026-11-23. Kent Youth Justice Service now holds the case; please reply to them here.',
      },
    ]);
    // Kent answers for the referral now; Leeds no longer sees it.
    expect((await kent.ok(REFERRAL, { id: draft.id })).referral.fromServiceId).toBe(dir.kentYjs.id);
    expectError(await leeds.graphql(REFERRAL, { id: draft.id }), 'NOT_FOUND');
  });

  it('pathways Leeds held move to Kent with the named person cleared; partners keep theirs', async () => {
    const { ep } = await remandedChild();
    const PATHWAYS = `query($id: ID!) { resettlementPlan(episodeId: $id) {
      pathways { id type version ownerName responsibleOrganisation { id }
        actions { id description ownerOrganisationId ownerName doneOn } }
      history { type summary } } }`;
    const { resettlementPlan: before } = await leeds.ok(PATHWAYS, { id: ep.id });
    const pathway = (plan: typeof before, type: string) => plan.pathways.find((p: { type: string }) => p.type === type);
    const name = async (type: string, responsibleOrganisationId: string, ownerName: string | null) => {
      const p = pathway(before, type);
      await leeds.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
        input: { pathwayId: p.id, expectedVersion: p.version, responsibleOrganisationId, ownerName },
      });
    };
    await name('ACCOMMODATION', dir.leedsYjs.id, 'Jo Leeds, case manager');
    await name('MENTAL_HEALTH', dir.leedsYjs.id, null);
    await name('EDUCATION_TRAINING_EMPLOYMENT', dir.wetherby.id, 'Pat Tutor');
    await name('FAMILY_AND_RELATIONSHIPS', dir.leeds.id, 'Sam Social');
    const action = async (description: string) =>
      (
        await leeds.ok(
          `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id version } } }`,
          {
            input: {
              pathwayId: pathway(before, 'ACCOMMODATION').id,
              description,
              ownerOrganisationId: dir.leedsYjs.id,
              ownerName: 'Jo Leeds',
            },
          },
        )
      ).addPathwayAction.action;
    await action('Visit the placement with the child');
    const done = await action('Tell the council about the move');
    await leeds.ok(`mutation($input: UpdatePathwayActionInput!) { updatePathwayAction(input: $input) { id } }`, {
      input: { actionId: done.id, expectedVersion: done.version, doneOn: '2026-11-23' },
    });

    const episodeNow = await world.episode(ep.id);
    await leeds.ok(TRANSFER, {
      input: {
        episodeId: ep.id,
        expectedVersion: episodeNow.version,
        toServiceId: dir.kentYjs.id,
        effectiveDate: '2026-11-23',
        reason: 'Family moved to Kent',
      },
    });
    const { resettlementPlan: after } = await kent.ok(PATHWAYS, { id: ep.id });
    const held = (type: string) => {
      const p = pathway(after, type);
      return { responsible: p.responsibleOrganisation?.id ?? null, ownerName: p.ownerName };
    };
    expect(held('ACCOMMODATION')).toEqual({ responsible: dir.kentYjs.id, ownerName: null });
    expect(held('MENTAL_HEALTH')).toEqual({ responsible: dir.kentYjs.id, ownerName: null });
    expect(held('EDUCATION_TRAINING_EMPLOYMENT')).toEqual({ responsible: dir.wetherby.id, ownerName: 'Pat Tutor' });
    expect(held('FAMILY_AND_RELATIONSHIPS')).toEqual({ responsible: dir.leeds.id, ownerName: 'Sam Social' });
    // A pathway nobody was named for stays so (it is the supervising service's, now Kent's, by default).
    expect(held('SUBSTANCE_MISUSE')).toEqual({ responsible: null, ownerName: null });
    // The open action Leeds owned goes to Kent, unnamed; the one done stays as it was done.
    expect(
      pathway(after, 'ACCOMMODATION').actions.map((a: Record<string, unknown>) => [
        a.description,
        a.ownerOrganisationId,
        a.ownerName,
      ]),
    ).toEqual([
      ['Visit the placement with the child', dir.kentYjs.id, null],
      ['Tell the council about the move', dir.leedsYjs.id, 'Jo Leeds'],
    ]);
    // The plan's history says what moved, and a form opened before is stale (the version moved).
    expect(after.history.map((e: { summary: string }) => e.summary)).toEqual(
      expect.arrayContaining([
        'The accommodation pathway moved to Kent Youth Justice Service with the child’s supervision (Jo Leeds, case manager no longer named: the new service names its own)',
        'The mental health pathway moved to Kent Youth Justice Service with the child’s supervision',
        'Action moved to Kent Youth Justice Service with the child’s supervision: Visit the placement with the child',
      ]),
    );
    expect(pathway(after, 'ACCOMMODATION').version).toBe(pathway(before, 'ACCOMMODATION').version + 2);
    expect(pathway(after, 'EDUCATION_TRAINING_EMPLOYMENT').version).toBe(
      pathway(before, 'EDUCATION_TRAINING_EMPLOYMENT').version + 1,
    );
  });

  it.each([
    ['a future effective date', { effectiveDate: '2026-11-24' }, 'effectiveDate'],
    ['an effective date over 28 days back', { effectiveDate: '2026-10-25' }, 'effectiveDate'],
    ['a malformed effective date', { effectiveDate: '23/11/2026' }, 'effectiveDate'],
    ['the service that already supervises', { toServiceId: 'LEEDS' }, 'toServiceId'],
    ['a reason too short', { reason: 'x' }, 'reason'],
    ['a case manager of another service', { caseManagerId: 'LEEDS_CASE_MANAGER' }, 'caseManagerId'],
    ['a manager (not a case manager) of the receiving service', { caseManagerId: 'KENT_MANAGER' }, 'caseManagerId'],
    ['a disabled case manager of the receiving service', { caseManagerId: 'KENT_DISABLED' }, 'caseManagerId'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, bad, field) => {
    const { ep } = await remandedChild();
    const before = await snapshot(ep.id);
    const input: Record<string, unknown> = {
      episodeId: ep.id,
      expectedVersion: ep.version,
      toServiceId: dir.kentYjs.id,
      effectiveDate: '2026-11-20',
      ...bad,
    };
    if (input.toServiceId === 'LEEDS') input.toServiceId = dir.leedsYjs.id;
    if (input.caseManagerId === 'LEEDS_CASE_MANAGER') input.caseManagerId = dir.leedsCaseManager.id;
    if (input.caseManagerId === 'KENT_MANAGER') input.caseManagerId = await userId('kent.manager@example.com');
    if (input.caseManagerId === 'KENT_DISABLED') input.caseManagerId = await disabledKentCaseManager();
    expectError(await transfer(input), 'BAD_USER_INPUT', field);
    expect(await snapshot(ep.id)).toEqual(before);
    const [{ n }] = await world.t.dataSource.query(
      `SELECT count(*)::int AS n FROM supervision_transfer WHERE episode_id = $1`,
      [ep.id],
    );
    expect(n).toBe(0);
    expect(await notificationsOf(ep.id)).toEqual([]);
  });

  it("refuses a case manager of the supervising service (FORBIDDEN: it is the manager's decision)", async () => {
    const { ep } = await remandedChild();
    const caseManager = await world.t.userSession({
      organisationId: dir.leedsYjs.id,
      roles: [Role.YJS_CASE_MANAGER],
    });
    const res = await transfer(
      { episodeId: ep.id, expectedVersion: ep.version, toServiceId: dir.kentYjs.id, effectiveDate: '2026-11-20' },
      caseManager,
    );
    expectError(res, 'FORBIDDEN');
  });
  describe('caseManagersOf: whom the form can name as the receiving case manager', () => {
    const LIST = `query($id: ID!) { caseManagersOf(organisationId: $id) { id name } }`;
    const auditOf = async (action: string) =>
      world.t.dataSource.query(
        `SELECT outcome, resource_type AS "resourceType", resource_id AS "resourceId", fields_read AS "fieldsRead", detail
           FROM audit_event WHERE action = $1 ORDER BY id, position`,
        [action],
      );

    it("lists Kent's active case managers, name and id only, to Leeds's manager, and audits the read", async () => {
      await disabledKentCaseManager();
      const second = await world.t.userSession({
        organisationId: dir.kentYjs.id,
        roles: [Role.YJS_CASE_MANAGER, Role.YJS_MANAGER],
        givenName: 'Bo',
        familyName: 'Adams',
        email: 'bo.adams@example.com',
      });
      const { caseManagersOf } = await leeds.ok(LIST, { id: dir.kentYjs.id });
      // By family name; Kent's manager (no case manager role) and the disabled account are left out.
      expect(caseManagersOf).toEqual([
        { id: second.userId, name: 'Bo Adams' },
        { id: dir.kentCaseManager.id, name: 'Alex Tester' },
      ]);
      const rows = await auditOf('caseManagersOf');
      expect(rows.at(-1)).toMatchObject({
        outcome: 'ALLOWED',
        resourceType: 'Organisation',
        resourceId: dir.kentYjs.id,
        fieldsRead: ['id', 'name'],
        detail: { listed: 2 },
      });
    });

    it.each([
      ['an establishment', 'ESTABLISHMENT'],
      ['an organisation that does not exist', 'MISSING'],
    ])('answers NOT_FOUND for %s, audited as a refusal', async (_case, which) => {
      const id = which === 'ESTABLISHMENT' ? dir.wetherby.id : '00000000-0000-4000-8000-000000000000';
      expectError(await leeds.graphql(LIST, { id }), 'NOT_FOUND');
      expect((await auditOf('caseManagersOf')).at(-1)).toMatchObject({ outcome: 'DENIED', resourceId: id });
    });

    it('refuses a case manager (FORBIDDEN): naming the receiving one is a manager’s part of the move', async () => {
      const caseManager = await world.t.userSession({
        organisationId: dir.leedsYjs.id,
        roles: [Role.YJS_CASE_MANAGER],
      });
      expectError(await caseManager.graphql(LIST, { id: dir.kentYjs.id }), 'FORBIDDEN');
    });

    it('assignCaseManager refuses a manager who is not a case manager, naming caseManagerId', async () => {
      const { ep } = await remandedChild();
      const res = await leeds.graphql(
        `mutation($input: AssignCaseManagerInput!) { assignCaseManager(input: $input) { id } }`,
        {
          input: {
            episodeId: ep.id,
            expectedVersion: ep.version,
            caseManagerId: await userId('leeds.manager@example.com'),
          },
        },
      );
      expectError(res, 'BAD_USER_INPUT', 'caseManagerId');
      expect(res.errors![0].message).toContain('an active case manager of the supervising youth justice service');
    });
  });
});
