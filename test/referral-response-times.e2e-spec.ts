import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Role } from '@resettle/access';
import { Clock } from '@resettle/common';
import { REFERRAL_RESPONSES_QUEUE } from '@resettle/referrals';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * Councils' response times (issue 22), on the fixed clock with the real worker and queue: side A's case manager sends
 * an accommodation referral on Monday 30 November 2026 at 10:00; the council's target to acknowledge is 2 working
 * days, so it is due on Wednesday 2 December. Its officers are reminded at 09:00 that day, and at 09:00 on Thursday 3
 * December the missed target escalates to the council's lead, each once however often the check runs. The time the
 * council took is recorded when it answers (Friday 4 December: 4 working days), and its lead changes its targets.
 */
describe('referral response times', () => {
  let t: TestApp;
  let w: AccessWorld;
  let worker: INestApplicationContext;
  let queue: Queue;
  let yjs: Session;
  let officer: Session;
  let lead: Session & { userId: string; email: string };
  let referral: { id: string; version: number };

  const DUE = `query($id: ID!) { referral(id: $id) { id status version responseDue { step dueDate targetWorkingDays overdueWorkingDays } } }`;
  const SET_TARGETS = `mutation($input: SetReferralResponseTargetsInput!) { setReferralResponseTargets(input: $input) { step workingDays ownTarget } }`;
  const TARGETS = `query($id: ID) { referralResponseTargets(organisationId: $id) { step workingDays ownTarget nationalWorkingDays version } }`;
  const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
  const notices = (kind: string) =>
    t.dataSource.query(
      `SELECT recipient_user_id, title, body FROM notification WHERE kind = $1 ORDER BY recipient_user_id`,
      [kind],
    );

  /** One scheduled check, through the real queue and worker, to its end. */
  const check = async () => {
    const job = await queue.add('check', {});
    for (let i = 0; i < 200; i++) {
      const state = await job.getState();
      if (state === 'completed') return (await queue.getJob(job.id!))!.returnvalue;
      if (state === 'failed') throw new Error(`check failed: ${(await queue.getJob(job.id!))?.failedReason}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the check did not finish');
  };

  /** Moves the service's clock; access tokens last 15 minutes of it, so everyone signs in again. */
  const moveTo = async (instant: string) => {
    t.clock.set(instant);
    yjs = await t.signIn('yjs_case_manager@example.com', TestApp.TEST_PASSWORD);
    officer = await t.signIn('la_accommodation_officer@example.com', TestApp.TEST_PASSWORD);
    lead = Object.assign(await t.signIn(lead.email, TestApp.TEST_PASSWORD), { userId: lead.userId, email: lead.email });
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-30T10:00:00Z' });
    w = await buildAccessWorld(t);
    yjs = w.sessions.YJS_CASE_MANAGER;
    officer = w.sessions.LA_ACCOMMODATION_OFFICER;
    lead = await t.userSession({
      organisationId: w.a.localAuthority.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: 'lead.a@example.com',
    });
    // The council names its lead (the directory has no operation for it yet).
    await t.dataSource.query(`UPDATE organisation SET lead_user_id = $1 WHERE id = $2`, [
      lead.userId,
      w.a.localAuthority.id,
    ]);
    await w.sessions.YJS_MANAGER.ok(`mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id } }`, {
      input: {
        episodeId: w.a.episode.id,
        expectedVersion: w.a.episode.version,
        sentence: { sentenceType: 'DTO', sentenceDate: '2026-11-23', termMonths: 12, remandDays: 3 },
        reasonForDifferentRemandDays: 'Counted against an earlier sentence',
      },
    });
    const { createWorkerApp } =
      require('../apps/worker/src/create-worker-app') as typeof import('../apps/worker/src/create-worker-app');
    worker = await createWorkerApp((b) => b.overrideProvider(Clock).useValue(t.clock));
    queue = worker.get<Queue>(getQueueToken(REFERRAL_RESPONSES_QUEUE), { strict: false });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.stop();
  });

  it('the worker schedules the check every 5 minutes', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([
      expect.objectContaining({ key: 'referral-responses-check', name: 'check', every: 5 * 60 * 1000 }),
    ]);
  });

  it('a referral sent on Monday is to be acknowledged by Wednesday, 2 working days later', async () => {
    const { resettlementPlan } = await yjs.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
      { id: w.a.episode.id },
    );
    const pathwayId = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'ACCOMMODATION').id;
    const { createReferral } = await yjs.ok(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      {
        input: {
          pathwayId,
          type: 'ACCOMMODATION',
          toOrganisationId: w.a.localAuthority.id,
          childWishes: 'Near her grandmother',
          familyViews: 'Grandmother would have her',
          needsAndRisks: 'None known',
        },
      },
    );
    const { sendReferral } = await yjs.ok(
      `mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id version } }`,
      { input: { referralId: createReferral.id, expectedVersion: createReferral.version } },
    );
    referral = sendReferral;
    // A draft owes nothing; sent, the council owes its acknowledgement.
    const { referral: seen } = await officer.ok(DUE, { id: referral.id });
    expect(seen.responseDue).toEqual({
      step: 'ACKNOWLEDGE',
      dueDate: '2026-12-02',
      targetWorkingDays: 2,
      overdueWorkingDays: 0,
    });
    // The inbox carries it too.
    const { referrals } = await officer.ok(`{ referrals { edges { node { id responseDue { dueDate } } } } }`);
    expect(referrals.edges).toEqual([{ node: { id: referral.id, responseDue: { dueDate: '2026-12-02' } } }]);
  });

  it('nothing is sent before the due day', async () => {
    await moveTo('2026-12-01T16:00:00Z');
    // The lead wants no email of reminders (the portal still shows them); a kind that is not one is refused.
    const SET_PREFS = `mutation($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { emailMode emailOffKinds } }`;
    const refused = await lead.graphql(SET_PREFS, { input: { emailMode: 'IMMEDIATE', emailOffKinds: ['not a kind'] } });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused.errors)).toContain('emailOffKinds');
    expect(
      (await lead.ok(SET_PREFS, { input: { emailMode: 'IMMEDIATE', emailOffKinds: ['REFERRAL_RESPONSE_REMINDER'] } }))
        .setNotificationPreferences,
    ).toEqual({ emailMode: 'IMMEDIATE', emailOffKinds: ['REFERRAL_RESPONSE_REMINDER'] });
    expect(await check()).toEqual({ reminders: 0, escalations: 0 });
    expect(await notices('REFERRAL_RESPONSE_REMINDER')).toEqual([]);
  });

  it('at 09:00 on the due day the council’s officers are reminded, once however often the check runs', async () => {
    await moveTo('2026-12-02T09:00:00Z');
    expect(await check()).toEqual({ reminders: 1, escalations: 0 });
    await Promise.all([check(), check()]);
    await check();
    const reminders = await notices('REFERRAL_RESPONSE_REMINDER');
    const officers = (
      await t.dataSource.query(
        `SELECT id FROM app_user WHERE organisation_id = $1 AND 'LA_ACCOMMODATION_OFFICER' = ANY(roles) AND NOT disabled`,
        [w.a.localAuthority.id],
      )
    )
      .map((u: { id: string }) => u.id)
      .sort();
    expect(officers).toEqual(expect.arrayContaining([officer.userId, lead.userId]));
    expect(reminders.map((n: { recipient_user_id: string }) => n.recipient_user_id).sort()).toEqual(officers);
    // Initials only: email leaves the service.
    expect(reminders[0].title).toMatch(/^Accommodation referral for [A-Z]\.[A-Z]\.: acknowledgement due today$/);
    expect(reminders[0].body).toContain('Wednesday 2 December 2026');
    expect(await notices('REFERRAL_RESPONSE_ESCALATION')).toEqual([]);
    // Emailed to every officer but the lead, who switched reminders' email off.
    const emailed = await t.dataSource.query(
      `SELECT n.recipient_user_id FROM notification n JOIN outbox_message o ON o.job_id = 'email:' || n.id
        WHERE n.kind = 'REFERRAL_RESPONSE_REMINDER' ORDER BY 1`,
    );
    expect(emailed.map((e: { recipient_user_id: string }) => e.recipient_user_id)).toEqual(
      officers.filter((id: string) => id !== lead.userId),
    );
  });

  it('at 09:00 on the next working day the missed target escalates to the council’s lead, once', async () => {
    await moveTo('2026-12-03T09:00:00Z');
    await Promise.all([check(), check(), check()]);
    await moveTo('2026-12-04T10:00:00Z');
    await check();
    const escalations = await notices('REFERRAL_RESPONSE_ESCALATION');
    expect(escalations).toEqual([expect.objectContaining({ recipient_user_id: lead.userId })]);
    expect(escalations[0].title).toMatch(/acknowledgement overdue$/);
    // Escalations are still emailed to the lead.
    expect(
      await t.dataSource.query(
        `SELECT count(*)::int AS n FROM notification n JOIN outbox_message o ON o.job_id = 'email:' || n.id
          WHERE n.kind = 'REFERRAL_RESPONSE_ESCALATION'`,
      ),
    ).toEqual([{ n: 1 }]);
    expect(await notices('REFERRAL_RESPONSE_REMINDER')).toHaveLength(
      (
        await t.dataSource.query(
          `SELECT DISTINCT recipient_user_id FROM notification WHERE kind = 'REFERRAL_RESPONSE_REMINDER'`,
        )
      ).length,
    );
    expect(
      await t.dataSource.query(
        `SELECT kind, step, due_date FROM referral_response_notice WHERE referral_id = $1 ORDER BY kind`,
        [referral.id],
      ),
    ).toEqual([
      { kind: 'ESCALATION', step: 'ACKNOWLEDGE', due_date: '2026-12-02' },
      { kind: 'REMINDER', step: 'ACKNOWLEDGE', due_date: '2026-12-02' },
    ]);
    const { referral: seen } = await officer.ok(DUE, { id: referral.id });
    expect(seen.responseDue).toMatchObject({ step: 'ACKNOWLEDGE', overdueWorkingDays: 2 });
  });

  it('the council’s answer records the working days it took, and starts the next step’s clock', async () => {
    const { acknowledgeReferral } = await officer.ok(
      `mutation($input: ReferralMoveInput!) { acknowledgeReferral(input: $input) { id version } }`,
      { input: { referralId: referral.id, expectedVersion: referral.version } },
    );
    referral = acknowledgeReferral;
    expect(
      await t.dataSource.query(
        `SELECT step, working_days, due_date, organisation_id FROM referral_response_time WHERE referral_id = $1`,
        [referral.id],
      ),
    ).toEqual([
      { step: 'ACKNOWLEDGE', working_days: 4, due_date: '2026-12-02', organisation_id: w.a.localAuthority.id },
    ]);
    const { referral: seen } = await officer.ok(DUE, { id: referral.id });
    // 10 working days from Friday 4 December.
    expect(seen.responseDue).toEqual({
      step: 'OFFER',
      dueDate: '2026-12-18',
      targetWorkingDays: 10,
      overdueWorkingDays: 0,
    });
    // The acknowledgement's notices are not sent again for the new step.
    expect(await check()).toEqual({ reminders: 0, escalations: 0 });
  });

  it('only the council’s lead sets its targets; bad input names the field and writes nothing', async () => {
    const input = {
      organisationId: w.a.localAuthority.id,
      expectedVersion: 0,
      targets: [{ step: 'OFFER', workingDays: 5 }],
    };
    expect(codeOf(await officer.graphql(SET_TARGETS, { input }))).toBe('FORBIDDEN');
    expect(codeOf(await yjs.graphql(SET_TARGETS, { input }))).toBe('FORBIDDEN');
    const bad = await lead.graphql(SET_TARGETS, {
      input: { ...input, targets: [{ step: 'OFFER', workingDays: 0 }] },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('workingDays');
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM referral_response_target WHERE organisation_id = $1`, [
        w.a.localAuthority.id,
      ]),
    ).toEqual([{ n: 0 }]);

    const { setReferralResponseTargets } = await lead.ok(SET_TARGETS, { input });
    expect(setReferralResponseTargets).toEqual([
      { step: 'ACKNOWLEDGE', workingDays: 2, ownTarget: false },
      { step: 'ANSWER', workingDays: 3, ownTarget: false },
      { step: 'OFFER', workingDays: 5, ownTarget: true },
      { step: 'CONFIRM', workingDays: 3, ownTarget: false },
    ]);
    const { referral: seen } = await officer.ok(DUE, { id: referral.id });
    expect(seen.responseDue).toMatchObject({ step: 'OFFER', dueDate: '2026-12-11', targetWorkingDays: 5 });
    // The change and the officer's refusal are audited (the case manager was refused at the door).
    const audit = await t.dataSource.query(
      `SELECT actor_user_id, outcome, after FROM audit_event WHERE resource_type = 'ReferralResponseTargets' ORDER BY id, position`,
    );
    expect(audit.map((a: { outcome: string }) => a.outcome)).toEqual(['DENIED', 'SUCCEEDED']);
    expect(audit[1].actor_user_id).toBe(lead.userId);
    // Another council's targets are untouched.
    const { referralResponseTargets } = await officer.ok(
      `query($id: ID) { referralResponseTargets(organisationId: $id) { step workingDays } }`,
      { id: w.b.localAuthority.id },
    );
    expect(referralResponseTargets.find((x: { step: string }) => x.step === 'OFFER').workingDays).toBe(10);
  });

  it('a save against a stale version is CONFLICT with the targets as they are now, and writes nothing', async () => {
    const council = w.a.localAuthority.id;
    const seen = (await lead.ok(TARGETS, { id: council })).referralResponseTargets;
    // The lead's save in the test before made version 1; every step says the version and the national default.
    expect(seen.map((x: { version: number }) => x.version)).toEqual([1, 1, 1, 1]);
    expect(seen.find((x: { step: string }) => x.step === 'OFFER')).toEqual({
      step: 'OFFER',
      workingDays: 5,
      ownTarget: true,
      nationalWorkingDays: 10,
      version: 1,
    });
    const admin = await t.signIn('national_admin@example.com', TestApp.TEST_PASSWORD);
    // A national admin saves first, against version 1...
    await admin.ok(SET_TARGETS, {
      input: { organisationId: council, expectedVersion: 1, targets: [{ step: 'CONFIRM', workingDays: 4 }] },
    });
    const auditRows = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'ReferralResponseTargets' AND outcome = 'SUCCEEDED'`,
        )
      )[0].n;
    const audited = await auditRows();
    // ...then the lead, still on the page at version 1: refused, with what is there now.
    const stale = await lead.graphql(SET_TARGETS, {
      input: { organisationId: council, expectedVersion: 1, targets: [{ step: 'CONFIRM', workingDays: 6 }] },
    });
    expect(codeOf(stale)).toBe('CONFLICT');
    const ext = (stale.errors as { extensions: Record<string, unknown> }[])[0].extensions;
    expect(ext.currentVersion).toBe(2);
    expect(ext.current).toEqual(
      expect.arrayContaining([expect.objectContaining({ step: 'CONFIRM', workingDays: 4, ownTarget: true })]),
    );
    const after = (await lead.ok(TARGETS, { id: council })).referralResponseTargets;
    expect(after.find((x: { step: string }) => x.step === 'CONFIRM')).toMatchObject({ workingDays: 4, version: 2 });
    expect(await auditRows()).toBe(audited);
    // A version missing or negative is refused by validation.
    const bad = await lead.graphql(SET_TARGETS, {
      input: { organisationId: council, expectedVersion: -1, targets: [{ step: 'CONFIRM', workingDays: 6 }] },
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('a step set back to the national default follows a later change of the default', async () => {
    const council = w.a.localAuthority.id;
    const admin = await t.signIn('national_admin@example.com', TestApp.TEST_PASSWORD);
    const versionOf = async (id: string | null) =>
      (await lead.ok(TARGETS, { id })).referralResponseTargets[0].version as number;
    // The council's own OFFER (5) goes back to the national default; CONFIRM stays its own (4).
    const { setReferralResponseTargets: set } = await lead.ok(SET_TARGETS, {
      input: {
        organisationId: council,
        expectedVersion: await versionOf(council),
        targets: [
          { step: 'OFFER', workingDays: null },
          { step: 'ANSWER', workingDays: null },
        ],
      },
    });
    expect(set).toEqual([
      { step: 'ACKNOWLEDGE', workingDays: 2, ownTarget: false },
      { step: 'ANSWER', workingDays: 3, ownTarget: false },
      { step: 'OFFER', workingDays: 10, ownTarget: false },
      { step: 'CONFIRM', workingDays: 4, ownTarget: true },
    ]);
    expect(
      await t.dataSource.query(
        `SELECT step, working_days FROM referral_response_target WHERE organisation_id = $1 ORDER BY step`,
        [council],
      ),
    ).toEqual([{ step: 'CONFIRM', working_days: 4 }]);
    const version = await versionOf(council);
    expect(version).toBe(3);
    // The same again changes nothing: no new version.
    await lead.ok(SET_TARGETS, {
      input: { organisationId: council, expectedVersion: version, targets: [{ step: 'OFFER', workingDays: null }] },
    });
    expect(await versionOf(council)).toBe(3);

    // The national default for OFFER changes (its own version): the council's OFFER follows, its CONFIRM does not.
    const nationalVersion = await versionOf(null);
    const national = await admin.graphql(SET_TARGETS, {
      input: { expectedVersion: nationalVersion, targets: [{ step: 'OFFER', workingDays: null }] },
    });
    expect(codeOf(national)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(national.errors)).toContain('targets.0.workingDays');
    await admin.ok(SET_TARGETS, {
      input: {
        expectedVersion: nationalVersion,
        targets: [
          { step: 'OFFER', workingDays: 8 },
          { step: 'CONFIRM', workingDays: 5 },
        ],
      },
    });
    expect(await versionOf(null)).toBe(nationalVersion + 1);
    expect(await versionOf(council)).toBe(3);
    const now = (await lead.ok(TARGETS, { id: council })).referralResponseTargets;
    expect(now.find((x: { step: string }) => x.step === 'OFFER')).toMatchObject({
      workingDays: 8,
      ownTarget: false,
      nationalWorkingDays: 8,
    });
    expect(now.find((x: { step: string }) => x.step === 'CONFIRM')).toMatchObject({
      workingDays: 4,
      ownTarget: true,
      nationalWorkingDays: 5,
    });
    // Put the national defaults back for the tests that follow.
    await admin.ok(SET_TARGETS, {
      input: {
        expectedVersion: nationalVersion + 1,
        targets: [
          { step: 'OFFER', workingDays: 10 },
          { step: 'CONFIRM', workingDays: 3 },
        ],
      },
    });
  });

  it('the measures give each council’s median and 90th percentile per step, fewer than 5 suppressed', async () => {
    const MEASURES = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
      responseTimes { organisationId organisationName step answered medianWorkingDays p90WorkingDays display } } }`;
    const admin = await t.signIn('national_admin@example.com', TestApp.TEST_PASSWORD);
    const input = { from: '2026-12-01', to: '2026-12-31' };
    const acknowledged = async () =>
      (await admin.ok(MEASURES, { input })).resettlementMeasures.responseTimes.filter(
        (m: { step: string }) => m.step === 'ACKNOWLEDGE',
      );
    // One acknowledgement answered: fewer than 5.
    expect(await acknowledged()).toEqual([
      expect.objectContaining({
        organisationId: null,
        answered: null,
        medianWorkingDays: null,
        display: 'fewer than 5',
      }),
      expect.objectContaining({ organisationId: w.a.localAuthority.id, answered: null, display: 'fewer than 5' }),
    ]);
    // Four more steps the council answered (1, 2, 3 and 9 working days), as its officers' moves would record them.
    for (const [i, days] of [1, 2, 3, 9].entries()) {
      await t.dataSource.query(
        `INSERT INTO referral_response_time (referral_id, step_started_at, step, organisation_id, from_service_id, answered_at, due_date, working_days, referral_type)
         VALUES ($1, $2, 'ACKNOWLEDGE', $3, $4, '2026-12-10T12:00:00Z', '2026-12-02', $5, 'ACCOMMODATION')`,
        [referral.id, `2026-11-0${i + 1}T10:00:00Z`, w.a.localAuthority.id, w.a.youthJusticeService.id, days],
      );
    }
    // 1, 2, 3, 4, 9: the median 3, the 90th percentile (the 5th of 5) 9.
    const [all, council] = await acknowledged();
    expect(all).toMatchObject({ organisationId: null, answered: 5, medianWorkingDays: 3, p90WorkingDays: 9 });
    expect(council).toMatchObject({ organisationId: w.a.localAuthority.id, answered: 5, medianWorkingDays: 3 });
    // Another service's referrals only: none.
    const other = (await admin.ok(MEASURES, { input: { ...input, youthJusticeServiceId: w.b.youthJusticeService.id } }))
      .resettlementMeasures.responseTimes;
    expect(other.every((m: { answered: number | null }) => m.answered === null)).toBe(true);
  });

  it('a provider’s answer to an education referral is timed too: no target, no due date, no reminder', async () => {
    // Sent on Monday 14 December 2026 at 10:00 to side A's education provider; acknowledged on Friday 18 December:
    // 4 working days.
    await moveTo('2026-12-14T10:00:00Z');
    const { resettlementPlan } = await yjs.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type } } }`,
      { id: w.a.episode.id },
    );
    const pathwayId = resettlementPlan.pathways.find(
      (p: { type: string }) => p.type === 'EDUCATION_TRAINING_EMPLOYMENT',
    ).id;
    const { createReferral } = await yjs.ok(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      {
        input: {
          pathwayId,
          type: 'EDUCATION',
          toOrganisationId: w.a.educationProvider.id,
          childWishes: 'A college place in construction',
          familyViews: 'Wants her back in education',
          needsAndRisks: 'None known',
        },
      },
    );
    const { sendReferral: sent } = await yjs.ok(
      `mutation($input: ReferralMoveInput!) { sendReferral(input: $input) { id version } }`,
      { input: { referralId: createReferral.id, expectedVersion: createReferral.version } },
    );
    // Providers have no targets: nothing is due, and the scheduler tells nobody, however late.
    expect((await yjs.ok(DUE, { id: sent.id })).referral.responseDue).toBeNull();
    await moveTo('2026-12-18T10:00:00Z');
    await check();
    expect(
      await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM referral_response_notice WHERE referral_id = $1) AS notices,
                (SELECT count(*)::int FROM notification WHERE link = '/referrals/' || $1
                   AND kind LIKE 'REFERRAL_RESPONSE_%') AS notifications`,
        [sent.id],
      ),
    ).toEqual([{ notices: 0, notifications: 0 }]);
    const provider = await t.signIn('education_provider@example.com', TestApp.TEST_PASSWORD);
    await provider.ok(`mutation($input: ReferralMoveInput!) { acknowledgeReferral(input: $input) { id } }`, {
      input: { referralId: sent.id, expectedVersion: sent.version },
    });
    expect(
      await t.dataSource.query(
        `SELECT step, working_days, due_date, organisation_id, referral_type FROM referral_response_time WHERE referral_id = $1`,
        [sent.id],
      ),
    ).toEqual([
      {
        step: 'ACKNOWLEDGE',
        working_days: 4,
        due_date: null,
        organisation_id: w.a.educationProvider.id,
        referral_type: 'EDUCATION',
      },
    ]);
    // In the measures as providers' (one answered: fewer than 5), never among councils'.
    const admin = await t.signIn('national_admin@example.com', TestApp.TEST_PASSWORD);
    const { resettlementMeasures } = await admin.ok(
      `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
        responseTimes { organisationId } providerResponseTimes { organisationId step answered display } } }`,
      { input: { from: '2026-12-01', to: '2026-12-31' } },
    );
    expect(
      resettlementMeasures.providerResponseTimes.filter((m: { step: string }) => m.step === 'ACKNOWLEDGE'),
    ).toEqual([
      { organisationId: null, step: 'ACKNOWLEDGE', answered: null, display: 'fewer than 5' },
      { organisationId: w.a.educationProvider.id, step: 'ACKNOWLEDGE', answered: null, display: 'fewer than 5' },
    ]);
    expect(
      resettlementMeasures.responseTimes.some(
        (m: { organisationId: string | null }) => m.organisationId === w.a.educationProvider.id,
      ),
    ).toBe(false);
  });
});
