import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * Milestones against the real api: created with the episode, recomputed by custody changes, met by planning facts,
 * waived only by a manager with a reason, listed "at risk" per slice. Today is Monday 2026-11-23 (the test clock).
 */
describe('milestones (issue 5)', () => {
  let t: TestApp;
  let w: AccessWorld;
  let manager: Session;
  let caseManager: Session;

  const MILESTONE = 'id key status dueDate dueInDays version metAt evidence waivedReason escalationLevel';
  const MILESTONES = `query($id: ID!) { milestones(episodeId: $id) { ${MILESTONE} } }`;
  const WAIVE = `mutation($input: WaiveMilestoneInput!) { waiveMilestone(input: $input) { ${MILESTONE} waivedById } }`;
  const AT_RISK = `query($filter: MilestonesAtRiskFilter, $first: Int, $after: String) {
    milestonesAtRisk(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id key status dueDate episodeId childId } } } }`;

  const byKey = (rows: { key: string }[]) => Object.fromEntries(rows.map((r) => [r.key, r])) as Record<string, any>;
  const milestonesOf = async (episodeId: string, session: Session = manager) =>
    byKey((await session.ok(MILESTONES, { id: episodeId })).milestones);
  /** The schedule outbox rows naming any of these milestones (one row per change, naming each milestone it moved). */
  const outbox = async (milestoneIds: string[]) =>
    t.dataSource.query(
      `SELECT topic, payload, job_id FROM outbox_message WHERE payload->'milestoneIds' ?| $1::text[] ORDER BY id`,
      [milestoneIds],
    );
  /** How many milestones have been handed to the engine, and in how many rows. */
  const outboxCount = async () => {
    const [{ milestones, rows }] = await t.dataSource.query(
      `SELECT COALESCE(sum(jsonb_array_length(payload->'milestoneIds')), 0)::int AS milestones, count(*)::int AS rows FROM outbox_message WHERE topic = 'milestones.schedule'`,
    );
    return { milestones, rows };
  };
  const outboxSince = async (before: { milestones: number; rows: number }) => {
    const now = await outboxCount();
    return { milestones: now.milestones - before.milestones, rows: now.rows - before.rows };
  };

  const registerChild = async (session: Session, name: string) =>
    (
      await session.ok(`mutation($input: RegisterChildInput!) { registerChild(input: $input) { id } }`, {
        input: {
          givenName: name,
          familyName: 'Milestone',
          dateOfBirth: '2010-04-12',
          gender: 'MALE',
          ethnicity: 'WHITE_BRITISH',
          lookedAfter: false,
          careLeaver: false,
          hasEhcp: false,
          disabilities: [],
          parentsCarers: [],
        },
      })
    ).registerChild as { id: string };
  const START = `mutation($input: StartCustodialEpisodeInput!) { startCustodialEpisode(input: $input) { id version childId } }`;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    manager = w.sessions[Role.YJS_MANAGER];
    caseManager = w.sessions[Role.YJS_CASE_MANAGER];
  });
  afterAll(async () => t?.stop());

  describe('a remand', () => {
    let episode: { id: string; version: number; childId: string };

    it('creates the detention placement plan due 10 working days after remand, and the sentence ones without a date', async () => {
      const child = await registerChild(manager, 'Remy');
      ({ startCustodialEpisode: episode } = await manager.ok(START, {
        input: {
          childId: child.id,
          establishmentId: w.a.establishment.id,
          supervisingServiceId: w.a.youthJusticeService.id,
          remandDate: '2026-11-20',
        },
      }));
      const m = await milestonesOf(episode.id);
      // Friday 20 November: Monday 23 is the first working day, Friday 4 December the tenth.
      expect(m.DETENTION_PLACEMENT_PLAN).toMatchObject({
        status: 'PENDING',
        dueDate: '2026-12-04',
        dueInDays: 11,
        version: 1,
        escalationLevel: 0,
      });
      expect(m.INITIAL_PLANNING_MEETING).toMatchObject({ status: 'PENDING', dueDate: null, dueInDays: null });
      expect(m.PRE_RELEASE_MEETING_HELD).toMatchObject({ status: 'PENDING', dueDate: null });
      expect(Object.keys(m)).toHaveLength(9);
      // Each milestone created is handed to the engine through the outbox, in the same transaction: one row for the
      // change.
      const ids = Object.values(m).map((x: any) => x.id);
      const rows = await outbox(ids);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        topic: 'milestones.schedule',
        job_id: expect.stringMatching(new RegExp(`^schedule:${episode.id}:[0-9a-f]{16}$`)),
      });
      expect([...rows[0].payload.milestoneIds].sort()).toEqual([...ids].sort());
    });

    it('recording a DTO sentence gives the others their due dates (working days, Christmas and New Year)', async () => {
      // Sentenced Monday 23 November to 12 months with 3 days on remand: MTD 2027-05-21, ETD 2027-04-21.
      const { recordSentence: ep } = await manager.ok(
        `mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id version earliestReleaseDate } }`,
        {
          input: {
            episodeId: episode.id,
            expectedVersion: episode.version,
            sentence: { sentenceType: 'DTO', sentenceDate: '2026-11-23', termMonths: 12, remandDays: 3 },
          },
        },
      );
      const etd = ep.earliestReleaseDate;
      expect(etd).toBe('2027-04-21');
      const m = await milestonesOf(episode.id);
      expect(m.DETENTION_PLACEMENT_PLAN.dueDate).toBe('2026-12-04');
      expect(m.INITIAL_PLANNING_MEETING).toMatchObject({ dueDate: '2026-12-07', version: 2 });
      expect(m.ACCOMMODATION_REFERRAL_SENT.dueDate).toBe('2026-12-07');
      // 28 days before Wednesday 21 April 2027 is Wednesday 24 March.
      expect(m.ACCOMMODATION_CONFIRMED.dueDate).toBe('2027-03-24');
      expect(m.ETE_PLACE_CONFIRMED.dueDate).toBe('2027-04-07');
      // 20 working days back from 21 April skips Easter Monday (5 April) and Good Friday (26 March 2027).
      expect(m.PRE_RELEASE_MEETING_HELD.dueDate).toBe('2027-03-22');
      episode = { ...episode, version: ep.version };
    });
  });

  describe('a sentence straight from court', () => {
    let episode: { id: string; version: number; childId: string };

    it('works from the presumed early release, and follows early release granted', async () => {
      const child = await registerChild(manager, 'Sam');
      // DTO of 12 months from 1 September with 31 days' credit: ETD Wednesday 30 December 2026, release 29 January
      // 2027.
      ({ startCustodialEpisode: episode } = await manager.ok(START, {
        input: {
          childId: child.id,
          establishmentId: w.a.establishment.id,
          supervisingServiceId: w.a.youthJusticeService.id,
          sentence: { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 31 },
        },
      }));
      let m = await milestonesOf(episode.id);
      expect(m.DETENTION_PLACEMENT_PLAN).toBeUndefined();
      expect(m.INITIAL_PLANNING_MEETING.dueDate).toBe('2026-09-15');
      expect(m.ACCOMMODATION_CONFIRMED.dueDate).toBe('2026-12-02');
      expect(m.DAY_OF_RELEASE_PLAN_CONFIRMED.dueDate).toBe('2026-12-16');
      // 20 working days before 30 December, skipping 25 and 28 December.
      expect(m.PRE_RELEASE_MEETING_HELD.dueDate).toBe('2026-11-30');

      const before = await outboxCount();
      // Early release granted for Thursday 31 December (Saturday 2 January, or New Year's Day, would be refused).
      const { grantEarlyRelease: granted } = await manager.ok(
        `mutation($input: GrantEarlyReleaseInput!) { grantEarlyRelease(input: $input) { version expectedReleaseDate } }`,
        { input: { episodeId: episode.id, expectedVersion: episode.version, releaseOn: '2026-12-31' } },
      );
      expect(granted.expectedReleaseDate).toBe('2026-12-31');
      m = await milestonesOf(episode.id);
      expect(m.ACCOMMODATION_CONFIRMED.dueDate).toBe('2026-12-03');
      expect(m.CHILD_TOLD_WHERE_LIVING.dueDate).toBe('2026-12-17');
      expect(m.HEALTH_HANDOVER_ARRANGED.dueDate).toBe('2026-12-17');
      expect(m.PRE_RELEASE_MEETING_HELD.dueDate).toBe('2026-12-01');
      // Sentence-based ones did not move.
      expect(m.INITIAL_PLANNING_MEETING).toMatchObject({ dueDate: '2026-09-15', version: 1 });
      // One outbox row for the change, naming each milestone that moved; its id is new for each change.
      expect(await outboxSince(before)).toEqual({ milestones: 6, rows: 1 });
      const rows = await outbox([m.ACCOMMODATION_CONFIRMED.id]);
      expect(rows).toHaveLength(2);
      expect(rows[1].payload.milestoneIds).not.toContain(m.INITIAL_PLANNING_MEETING.id);
      expect(rows[0].job_id).not.toBe(rows[1].job_id);
      episode = { ...episode, version: granted.version };
    });

    it('a held INITIAL meeting meets the initial planning meeting, with the meeting as evidence', async () => {
      const plan = (await manager.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, { id: episode.id }))
        .resettlementPlan;
      const { scheduleMeeting: meeting } = await manager.ok(
        `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id version } }`,
        {
          input: {
            planId: plan.id,
            type: 'INITIAL',
            startsAt: '2026-11-20T10:00:00Z',
            endsAt: '2026-11-20T11:00:00Z',
            location: 'Establishment A',
            childParticipation: 'IN_PERSON',
          },
        },
      );
      expect((await milestonesOf(episode.id)).INITIAL_PLANNING_MEETING.status).toBe('PENDING');
      await manager.ok(
        `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) { meeting { id status } } }`,
        {
          input: {
            meetingId: meeting.id,
            expectedVersion: meeting.version,
            childParticipation: 'IN_PERSON',
            decisions: ['Refer for accommodation'],
          },
        },
      );
      const m = await milestonesOf(episode.id);
      expect(m.INITIAL_PLANNING_MEETING).toMatchObject({
        status: 'MET',
        metAt: '2026-11-20T10:00:00.000Z',
        evidence: { type: 'PlanningMeeting', id: meeting.id, at: '2026-11-20T10:00:00.000Z' },
      });
      // Nothing else is met by it.
      expect(m.PRE_RELEASE_MEETING_HELD.status).toBe('PENDING');
      expect(await outbox([m.INITIAL_PLANNING_MEETING.id])).toHaveLength(2);
    });

    it('a waiver needs a manager of the supervising service, a reason and the current version', async () => {
      const m = (await milestonesOf(episode.id)).ETE_PLACE_CONFIRMED;
      const input = {
        milestoneId: m.id,
        expectedVersion: m.version,
        reason: 'Child is returning to his school; place held open',
      };

      const byCaseManager = await caseManager.graphql(WAIVE, { input });
      expect(byCaseManager.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const otherManager = await t.userSession({
        organisationId: w.b.youthJusticeService.id,
        roles: [Role.YJS_MANAGER],
      });
      const byOther = await otherManager.graphql(WAIVE, { input });
      expect(byOther.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const noReason = await manager.graphql(WAIVE, { input: { ...input, reason: '  ' } });
      expect(noReason.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const stale = await manager.graphql(WAIVE, { input: { ...input, expectedVersion: m.version - 1 } });
      expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
      expect((await milestonesOf(episode.id)).ETE_PLACE_CONFIRMED).toMatchObject({
        status: 'PENDING',
        version: m.version,
      });

      const before = await outboxCount();
      const { waiveMilestone: waived } = await manager.ok(WAIVE, { input });
      expect(waived).toMatchObject({
        status: 'WAIVED',
        waivedReason: input.reason,
        waivedById: manager.userId,
        version: m.version + 1,
      });
      expect(await outboxSince(before)).toEqual({ milestones: 1, rows: 1 });
      const [audit] = await t.dataSource.query(
        `SELECT action, outcome, child_id, before, after FROM audit_event WHERE resource_type = 'Milestone' AND resource_id = $1 AND outcome = 'SUCCEEDED'`,
        [m.id],
      );
      expect(audit).toMatchObject({
        action: 'waiveMilestone',
        child_id: episode.childId,
        before: { status: 'PENDING' },
        after: { status: 'WAIVED' },
      });

      const again = await manager.graphql(WAIVE, { input: { ...input, expectedVersion: waived.version } });
      expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
      const met = (await milestonesOf(episode.id)).INITIAL_PLANNING_MEETING;
      const waiveMet = await manager.graphql(WAIVE, {
        input: { milestoneId: met.id, expectedVersion: met.version, reason: 'Already done anyway' },
      });
      expect(waiveMet.errors?.[0].extensions.code).toBe('CONFLICT');
    });

    it('a waived or met milestone is never reopened by a later change', async () => {
      const { overrideReleaseDate: ep } = await manager.ok(
        `mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { version } }`,
        {
          input: {
            episodeId: episode.id,
            expectedVersion: episode.version,
            releaseDate: '2027-01-20',
            reason: 'Court adjourned',
          },
        },
      );
      const m = await milestonesOf(episode.id);
      expect(m.ETE_PLACE_CONFIRMED).toMatchObject({ status: 'WAIVED', dueDate: '2026-12-17' });
      expect(m.INITIAL_PLANNING_MEETING.status).toBe('MET');
      // The open ones follow the new day: 14 days before Wednesday 20 January.
      expect(m.DAY_OF_RELEASE_PLAN_CONFIRMED.dueDate).toBe('2027-01-06');
      episode = { ...episode, version: ep.version };
    });
  });

  describe('milestonesAtRisk', () => {
    it('lists only the caller’s slice, missed first then soonest due, a page at a time, one audit row per child', async () => {
      // The engine marks missed ones; here, by hand.
      const [[aMissed]] = await t.dataSource.query(
        `UPDATE milestone SET status = 'MISSED' WHERE episode_id = $1 AND key = 'DETENTION_PLACEMENT_PLAN' RETURNING id`,
        [w.a.episode.id],
      );
      const all: any[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const res: any = (await manager.ok(AT_RISK, { filter: { withinDays: 14 }, first: 2, after })).milestonesAtRisk;
        all.push(...res.edges.map((e: any) => e.node));
        after = res.pageInfo.hasNextPage ? res.pageInfo.endCursor : null;
        pages++;
        expect(res.totalCount).toBeGreaterThanOrEqual(all.length);
      } while (after && pages < 20);
      expect(pages).toBeGreaterThan(1);
      expect(all[0]).toMatchObject({ id: aMissed.id, status: 'MISSED' });
      // Only side A's children; never B's.
      const services = await t.dataSource.query(
        `SELECT DISTINCT e.supervising_service_id AS s FROM custodial_episode e WHERE e.id = ANY($1)`,
        [all.map((n) => n.episodeId)],
      );
      expect(services).toEqual([{ s: w.a.youthJusticeService.id }]);
      // Missed first, then by due date; nothing due after 7 December (today + 14); no met, waived or undated ones.
      const pending = all.filter((n) => n.status === 'PENDING');
      expect(all.slice(0, all.length - pending.length).every((n) => n.status === 'MISSED')).toBe(true);
      expect(pending.map((n) => n.dueDate)).toEqual([...pending.map((n) => n.dueDate)].sort());
      expect(pending.every((n) => n.dueDate <= '2026-12-07')).toBe(true);
      expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
      expect(all.some((n) => n.key === 'INITIAL_PLANNING_MEETING' && n.status === 'MET')).toBe(false);

      // One audit row per child on a page.
      const [{ max: lastAudit }] = await t.dataSource.query(`SELECT max(id) FROM audit_event`);
      const page = (await manager.ok(AT_RISK, { filter: { withinDays: 14 }, first: 100 })).milestonesAtRisk;
      const audits = await t.dataSource.query(
        `SELECT child_id, outcome FROM audit_event WHERE id > $1 AND action = 'milestonesAtRisk' AND actor_user_id = $2`,
        [lastAudit, manager.userId],
      );
      const children = new Set(page.edges.map((e: any) => e.node.childId));
      expect(audits).toHaveLength(children.size);
      expect(new Set(audits.map((a: any) => a.child_id))).toEqual(children);
      expect(children.size).toBeGreaterThan(1);

      // Without missed ones, and from the other side: only B's.
      const noMissed = (await manager.ok(AT_RISK, { filter: { includeMissed: false } })).milestonesAtRisk;
      expect(noMissed.edges.some((e: any) => e.node.status === 'MISSED')).toBe(false);
      const otherManager = await t.userSession({
        organisationId: w.b.youthJusticeService.id,
        roles: [Role.YJS_MANAGER],
      });
      const theirs = (await otherManager.ok(AT_RISK, { filter: { withinDays: 365 } })).milestonesAtRisk;
      expect(theirs.edges.every((e: any) => e.node.childId === w.b.child.id)).toBe(true);
      // An establishment sees the children it holds.
      const est = (await w.sessions[Role.ESTABLISHMENT_STAFF].ok(AT_RISK, {})).milestonesAtRisk;
      expect(est.totalCount).toBeGreaterThan(0);
      expect(await w.sessions[Role.HEALTH_PRACTITIONER].graphql(AT_RISK, {})).toMatchObject({
        errors: [{ extensions: { code: 'FORBIDDEN' } }],
      });
    });

    it('a missed milestone whose date moves into the future is pending again', async () => {
      const child = await registerChild(manager, 'Max');
      const { startCustodialEpisode: ep } = await manager.ok(START, {
        input: {
          childId: child.id,
          establishmentId: w.a.establishment.id,
          supervisingServiceId: w.a.youthJusticeService.id,
          remandDate: '2026-11-02',
        },
      });
      await t.dataSource.query(
        `UPDATE milestone SET status = 'MISSED', escalation_level = 2 WHERE episode_id = $1 AND key = 'DETENTION_PLACEMENT_PLAN'`,
        [ep.id],
      );
      // A manager gives the service 20 working days instead of 10: the next change recomputes.
      await manager.ok(
        `mutation($input: SetMilestonePolicyInput!) { setMilestonePolicy(input: $input) { milestones { key offset { amount unit direction } overridden } } }`,
        {
          input: {
            youthJusticeServiceId: w.a.youthJusticeService.id,
            key: 'DETENTION_PLACEMENT_PLAN',
            offset: { amount: 20, unit: 'WORKING_DAYS', direction: 'AFTER' },
          },
        },
      );
      await manager.ok(`mutation($input: TransferEpisodeInput!) { transferEpisode(input: $input) { id } }`, {
        input: {
          episodeId: ep.id,
          expectedVersion: ep.version,
          toEstablishmentId: w.b.establishment.id,
          transferDate: '2026-11-23',
          reason: 'Nearer home',
        },
      });
      // 20 working days after Monday 2 November: Monday 30 November, a week away.
      expect((await milestonesOf(ep.id)).DETENTION_PLACEMENT_PLAN).toMatchObject({
        dueDate: '2026-11-30',
        status: 'PENDING',
        escalationLevel: 0,
      });
      await manager.ok(
        `mutation($input: SetMilestonePolicyInput!) { setMilestonePolicy(input: $input) { youthJusticeServiceId } }`,
        {
          input: {
            youthJusticeServiceId: w.a.youthJusticeService.id,
            key: 'DETENTION_PLACEMENT_PLAN',
            resetToDefault: true,
          },
        },
      );
    });
  });

  describe('the policy', () => {
    const POLICY = `query($id: ID!) { milestonePolicy(youthJusticeServiceId: $id) { youthJusticeServiceId milestones { key anchor offset { amount unit direction } reminders { amount unit } escalation { level afterWorkingDays notify } overridden disabled } } }`;
    const SET = `mutation($input: SetMilestonePolicyInput!) { setMilestonePolicy(input: $input) { milestones { key offset { amount unit direction } overridden disabled } } }`;

    it('shows the defaults, and a manager of the service changes and resets its own', async () => {
      const { milestonePolicy } = await caseManager.ok(POLICY, { id: w.b.youthJusticeService.id });
      const accommodation = milestonePolicy.milestones.find((e: any) => e.key === 'ACCOMMODATION_CONFIRMED');
      expect(accommodation).toMatchObject({
        anchor: 'EARLIEST_RELEASE_DATE',
        offset: { amount: 28, unit: 'DAYS', direction: 'BEFORE' },
        overridden: false,
      });
      expect(accommodation.escalation.map((s: any) => s.notify)).toEqual([
        ['OWNER'],
        ['OWNER_MANAGER', 'PARTNER_LEAD'],
        ['HEAD_OF_SERVICE', 'PARTNER_LEAD'],
      ]);

      const input = {
        youthJusticeServiceId: w.a.youthJusticeService.id,
        key: 'ACCOMMODATION_CONFIRMED',
        offset: { amount: 42, unit: 'DAYS', direction: 'BEFORE' },
      };
      expect((await caseManager.graphql(SET, { input })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const otherManager = await t.userSession({
        organisationId: w.b.youthJusticeService.id,
        roles: [Role.YJS_MANAGER],
      });
      expect((await otherManager.graphql(SET, { input })).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const bad = await manager.graphql(SET, {
        input: { ...input, offset: { amount: 400, unit: 'DAYS', direction: 'BEFORE' } },
      });
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');

      const set = (await manager.ok(SET, { input })).setMilestonePolicy;
      expect(set.milestones.find((e: any) => e.key === 'ACCOMMODATION_CONFIRMED')).toMatchObject({
        offset: { amount: 42 },
        overridden: true,
      });
      const reset = (
        await manager.ok(SET, {
          input: {
            youthJusticeServiceId: w.a.youthJusticeService.id,
            key: 'ACCOMMODATION_CONFIRMED',
            resetToDefault: true,
          },
        })
      ).setMilestonePolicy;
      expect(reset.milestones.find((e: any) => e.key === 'ACCOMMODATION_CONFIRMED')).toMatchObject({
        offset: { amount: 28 },
        overridden: false,
      });
    });
  });

  it('refreshAllEpisodes (for the seed) creates what is missing and changes nothing else', async () => {
    const { refreshAllEpisodes } = require('@resettle/milestones') as typeof import('@resettle/milestones');
    // First it brings everything up to date (a policy change reaches existing episodes this way, or at their next
    // change).
    await refreshAllEpisodes(t.db.url, t.clock);
    await t.dataSource.query(`DELETE FROM milestone WHERE episode_id = $1`, [w.b.episode.id]);
    const before = await outboxCount();
    expect(await refreshAllEpisodes(t.db.url, t.clock)).toBe(9);
    expect((await outboxSince(before)).milestones).toBe(9);
    expect(await refreshAllEpisodes(t.db.url, t.clock)).toBe(0);
  });

  it('CustodialEpisode.milestones and Milestone.episode/policy resolve', async () => {
    const { custodialEpisode } = await manager.ok(
      `query($id: ID!) { custodialEpisode(id: $id) { id milestones { key dueDate episode { id } policy { key offset { amount } } } } }`,
      { id: w.a.episode.id },
    );
    expect(custodialEpisode.milestones.length).toBe(9);
    expect(custodialEpisode.milestones[0].episode.id).toBe(w.a.episode.id);
    const other = await manager.graphql(MILESTONES, { id: w.b.episode.id });
    expect(other.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
