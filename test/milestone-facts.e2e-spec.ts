import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * Deadlines met by facts, never by a tick (issue 23), against the real api. Today is Monday 2026-11-23 (the test
 * clock); side A's child is sentenced to a 12-month DTO from that day.
 */
describe('milestones met by facts (issue 23)', () => {
  let t: TestApp;
  let w: AccessWorld;
  let yjs: Session;
  let officer: Session;
  let planId: string;

  const codeOf = (res: { errors?: { extensions: { code: string; fields?: Record<string, string[]> } }[] }) =>
    res.errors?.[0]?.extensions.code;
  const fieldsOf = (res: { errors?: { extensions: { fieldErrors?: Record<string, string[]> } }[] }) =>
    Object.keys(res.errors?.[0]?.extensions.fieldErrors ?? {});
  const milestones = async () =>
    Object.fromEntries(
      (
        await yjs.ok(`query($id: ID!) { milestones(episodeId: $id) { key status dueDate metAt evidence } }`, {
          id: w.a.episode.id,
        })
      ).milestones.map((m: { key: string }) => [m.key, m]),
    ) as Record<
      string,
      { status: string; dueDate: string; metAt: string | null; evidence: Record<string, unknown> | null }
    >;
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  const ARRANGEMENT = `mutation($input: RecordAccommodationArrangementInput!) { recordAccommodationArrangement(input: $input) { id address startDate kind livingWith confirmedBy } }`;
  const TOLD = `mutation($input: RecordChildToldWhereLivingInput!) { recordChildToldWhereLiving(input: $input) { id address toldOn toldBy how addressRecordType addressRecordId } }`;
  const ETE = `mutation($input: RecordEtePlacementInput!) { recordEtePlacement(input: $input) { id provider startDate hoursPerWeek confirmedBy } }`;
  const HEALTH = `mutation($input: RecordHealthHandoverInput!) { recordHealthHandover(input: $input) { id pathwayType receivingProvider firstAppointmentOn } }`;
  const PATHWAYS = `query($id: ID!) { resettlementPlan(episodeId: $id) { id pathways { id type version } } }`;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    yjs = w.sessions[Role.YJS_CASE_MANAGER];
    officer = w.sessions[Role.LA_ACCOMMODATION_OFFICER];
    await w.sessions[Role.YJS_MANAGER].ok(
      `mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id } }`,
      {
        input: {
          episodeId: w.a.episode.id,
          expectedVersion: w.a.episode.version,
          sentence: { sentenceType: 'DTO', sentenceDate: '2026-11-23', termMonths: 12, remandDays: 0 },
          // Fewer than the 21 days since the remand on 2026-11-02: say why.
          reasonForDifferentRemandDays: 'Counted against an earlier sentence',
        },
      },
    );
    planId = (await yjs.ok(PATHWAYS, { id: w.a.episode.id })).resettlementPlan.id;
  });
  afterAll(async () => t?.stop());

  it('ticking every pathway ARRANGED, with the child’s view, meets nothing', async () => {
    const { resettlementPlan } = await yjs.ok(PATHWAYS, { id: w.a.episode.id });
    for (const p of resettlementPlan.pathways) {
      await yjs.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id status } }`, {
        input: {
          pathwayId: p.id,
          expectedVersion: p.version,
          status: 'ARRANGED',
          childView: 'I know where I am going',
          responsibleOrganisationId: w.a.localAuthority.id,
        },
      });
    }
    const m = await milestones();
    for (const key of [
      'ACCOMMODATION_CONFIRMED',
      'CHILD_TOLD_WHERE_LIVING',
      'ETE_PLACE_CONFIRMED',
      'HEALTH_HANDOVER_ARRANGED',
    ])
      expect(m[key]).toMatchObject({ status: 'PENDING', evidence: null });
  });

  it('the child told before any address is confirmed: refused, nothing written, still pending', async () => {
    const res = await yjs.graphql(TOLD, {
      input: { planId, toldOn: '2026-11-23', toldBy: 'Sam Case, case manager', how: 'IN_PERSON' },
    });
    expect(codeOf(res)).toBe('CONFLICT');
    expect(await count('child_told_where_living')).toBe(0);
    expect((await milestones()).CHILD_TOLD_WHERE_LIVING.status).toBe('PENDING');
  });

  it('bad input names the field and writes nothing', async () => {
    const past = await yjs.graphql(ARRANGEMENT, {
      input: {
        planId,
        address: '4 Past Lane, Leeds',
        startDate: '2026-11-01',
        kind: 'FAMILY_HOME',
        livingWith: 'Mother',
        confirmedBy: 'Mother',
      },
    });
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(past)).toEqual(['startDate']);
    const hours = await yjs.graphql(ETE, {
      input: { planId, provider: 'Leeds College', startDate: '2027-01-04', hoursPerWeek: 0, confirmedBy: 'Admissions' },
    });
    expect(codeOf(hours)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(hours.errors)).toContain('hoursPerWeek');
    expect(await count('accommodation_arrangement')).toBe(0);
    expect(await count('ete_placement')).toBe(0);
    // Not this service's plan (another service, the council that holds a pathway): NOT_FOUND, nothing written.
    const other = await t.userSession({
      organisationId: w.b.youthJusticeService.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: 'cm.b.facts@example.com',
    });
    expect(
      codeOf(
        await other.graphql(ETE, {
          input: {
            planId,
            provider: 'Leeds College',
            startDate: '2027-01-04',
            hoursPerWeek: 16,
            confirmedBy: 'Admissions',
          },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await officer.graphql(ETE, {
          input: {
            planId,
            provider: 'Leeds College',
            startDate: '2027-01-04',
            hoursPerWeek: 16,
            confirmedBy: 'Admissions',
          },
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('a confirmed accommodation referral meets ACCOMMODATION_CONFIRMED, its evidence the address, start and the council', async () => {
    const pathwayId = (await yjs.ok(PATHWAYS, { id: w.a.episode.id })).resettlementPlan.pathways.find(
      (p: { type: string }) => p.type === 'ACCOMMODATION',
    ).id;
    const R = 'id version status';
    const { createReferral: r } = await yjs.ok(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${R} } }`,
      {
        input: {
          pathwayId,
          type: 'ACCOMMODATION',
          toOrganisationId: w.a.localAuthority.id,
          needsAndRisks: 'Needs a quiet place',
          childWishes: 'Near my gran',
        },
      },
    );
    const move = (name: string, type: string, input: object, s: Session) =>
      s.ok(`mutation($input: ${type}!) { ${name}(input: $input) { ${R} } }`, { input });
    const sent = (
      await move('sendReferral', 'ReferralMoveInput', { referralId: r.id, expectedVersion: r.version }, yjs)
    ).sendReferral;
    const ack = (
      await move(
        'acknowledgeReferral',
        'ReferralMoveInput',
        { referralId: r.id, expectedVersion: sent.version },
        officer,
      )
    ).acknowledgeReferral;
    const offer = {
      addressOrPlace: '12 High Street, Leeds',
      placementType: 'Supported lodgings',
      provider: 'Leeds Housing',
      startDate: '2027-03-03',
    };
    const off = (
      await move(
        'offerReferral',
        'OfferReferralInput',
        { referralId: r.id, expectedVersion: ack.version, offer },
        officer,
      )
    ).offerReferral;
    await move('confirmReferral', 'ReferralMoveInput', { referralId: r.id, expectedVersion: off.version }, officer);
    const m = await milestones();
    expect(m.ACCOMMODATION_CONFIRMED).toMatchObject({
      status: 'MET',
      evidence: {
        type: 'Referral',
        id: r.id,
        address: '12 High Street, Leeds',
        startDate: '2027-03-03',
        confirmedBy: w.a.localAuthority.name,
        kind: 'Supported lodgings',
      },
    });
    expect(m.CHILD_TOLD_WHERE_LIVING.status).toBe('PENDING');
  });

  it('the child told the confirmed address meets CHILD_TOLD; a new address re-opens it; told again meets it again', async () => {
    const early = await yjs.graphql(TOLD, {
      input: { planId, toldOn: '2026-11-20', toldBy: 'Sam Case, case manager', how: 'IN_PERSON' },
    });
    expect(codeOf(early)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(early)).toEqual(['toldOn']);
    t.clock.advance(60_000);
    const { recordChildToldWhereLiving: told } = await yjs.ok(TOLD, {
      input: { planId, toldOn: '2026-11-23', toldBy: 'Sam Case, case manager', how: 'IN_PERSON', hasSeenIt: false },
    });
    expect(told).toMatchObject({ address: '12 High Street, Leeds', addressRecordType: 'Referral' });
    expect((await milestones()).CHILD_TOLD_WHERE_LIVING).toMatchObject({
      status: 'MET',
      evidence: {
        type: 'ChildToldWhereLiving',
        id: told.id,
        toldBy: 'Sam Case, case manager',
        address: '12 High Street, Leeds',
      },
    });

    // The plan changes, later that day: the child will go home to family instead.
    t.clock.advance(60_000);
    const { recordAccommodationArrangement: home } = await yjs.ok(ARRANGEMENT, {
      input: {
        planId,
        address: '3 Park Road, Leeds',
        startDate: '2027-03-03',
        kind: 'FAMILY_HOME',
        livingWith: 'Mother, Ms A Example',
        confirmedBy: 'Ms A Example (mother)',
      },
    });
    let m = await milestones();
    expect(m.CHILD_TOLD_WHERE_LIVING).toMatchObject({ status: 'PENDING', metAt: null, evidence: null });
    // Accommodation confirmed stays met by the fact that met it.
    expect(m.ACCOMMODATION_CONFIRMED).toMatchObject({ status: 'MET', evidence: { type: 'Referral' } });

    t.clock.advance(60_000);
    const { recordChildToldWhereLiving: again } = await yjs.ok(TOLD, {
      input: { planId, toldOn: '2026-11-23', toldBy: 'Sam Case, case manager', how: 'VIDEO_CALL' },
    });
    expect(again).toMatchObject({
      address: '3 Park Road, Leeds',
      addressRecordType: 'AccommodationArrangement',
      addressRecordId: home.id,
    });
    m = await milestones();
    expect(m.CHILD_TOLD_WHERE_LIVING).toMatchObject({ status: 'MET', evidence: { id: again.id, how: 'VIDEO_CALL' } });
    // In the plan's history and the audit.
    const [history] = await t.dataSource.query(
      `SELECT summary FROM plan_event WHERE plan_id = $1 AND type = 'ACCOMMODATION_ARRANGED'`,
      [planId],
    );
    expect(history.summary).toContain('3 Park Road, Leeds');
    const audits = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE resource_type = 'ChildToldWhereLiving' AND outcome = 'SUCCEEDED'`,
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual([
      'recordChildToldWhereLiving',
      'recordChildToldWhereLiving',
    ]);
  });

  it('an ETE place meets ETE_PLACE_CONFIRMED with provider, start, hours and who confirmed', async () => {
    const { recordEtePlacement: e } = await yjs.ok(ETE, {
      input: {
        planId,
        provider: 'Leeds College',
        startDate: '2027-03-08',
        hoursPerWeek: 16,
        confirmedBy: 'J Patel, admissions',
      },
    });
    expect((await milestones()).ETE_PLACE_CONFIRMED).toMatchObject({
      status: 'MET',
      evidence: {
        type: 'EtePlacement',
        id: e.id,
        provider: 'Leeds College',
        startDate: '2027-03-08',
        hoursPerWeek: 16,
        confirmedBy: 'J Patel, admissions',
      },
    });
  });

  it('health handover: met once every health pathway needing one is handed over', async () => {
    const first = await yjs.ok(HEALTH, {
      input: {
        planId,
        pathwayType: 'PHYSICAL_HEALTH',
        receivingProvider: 'Park Road Surgery',
        firstAppointmentOn: '2027-03-04',
      },
    });
    expect(first.recordHealthHandover.receivingProvider).toBe('Park Road Surgery');
    // Mental health and substance misuse needs not assessed as none: still pending.
    expect((await milestones()).HEALTH_HANDOVER_ARRANGED.status).toBe('PENDING');
    const { resettlementPlan } = await yjs.ok(PATHWAYS, { id: w.a.episode.id });
    const substance = resettlementPlan.pathways.find((p: { type: string }) => p.type === 'SUBSTANCE_MISUSE');
    await yjs.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
      input: { pathwayId: substance.id, expectedVersion: substance.version, needLevel: 'NONE' },
    });
    await yjs.ok(HEALTH, {
      input: {
        planId,
        pathwayType: 'MENTAL_HEALTH',
        receivingProvider: 'Leeds CAMHS',
        firstAppointmentOn: '2027-03-05',
      },
    });
    const m = await milestones();
    expect(m.HEALTH_HANDOVER_ARRANGED.status).toBe('MET');
    expect(
      (m.HEALTH_HANDOVER_ARRANGED.evidence!.handovers as { receivingProvider: string }[]).map(
        (h) => h.receivingProvider,
      ),
    ).toEqual(['Park Road Surgery', 'Leeds CAMHS']);
  });

  it('a met milestone shows the current due date beside when it was met after its anchor moves', async () => {
    const before = (await milestones()).ETE_PLACE_CONFIRMED;
    const { custodialEpisode } = await yjs.ok(`query($id: ID!) { custodialEpisode(id: $id) { version } }`, {
      id: w.a.episode.id,
    });
    await w.sessions[Role.YJS_MANAGER].ok(
      `mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { version } }`,
      {
        input: {
          episodeId: w.a.episode.id,
          expectedVersion: custodialEpisode.version,
          releaseDate: '2027-06-30',
          reason: 'Court adjourned',
        },
      },
    );
    const after = (await milestones()).ETE_PLACE_CONFIRMED;
    expect(after).toMatchObject({ status: 'MET', metAt: before.metAt, dueDate: '2027-06-16' });
    expect(after.dueDate).not.toBe(before.dueDate);
  });
});
