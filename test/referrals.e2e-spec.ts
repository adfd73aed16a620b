import { Role } from '@resettle/access';
import { addDays, lastWorkingDayOnOrBefore } from '@resettle/common';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * Issue 6, the referrals API: side A's case manager refers the child to side A's local authority for accommodation,
 * and the authority's accommodation officer takes it through to a confirmed placement, which arranges the pathway
 * and meets the ACCOMMODATION_CONFIRMED deadline.
 */
describe('referrals', () => {
  let t: TestApp;
  let w: AccessWorld;
  let yjs: Session;
  let officer: Session;
  let otherOfficer: Session;
  let accommodationPathwayId: string;
  let referral: { id: string; version: number };

  const REFERRAL = `id type status version childId episodeId pathwayId fromServiceId toOrganisationId childWishes familyViews needsAndRisks
    offerAddressOrPlace offerPlacementType offerProvider offerStartDate declineReason withdrawReason fellThroughReason sentAt confirmedAt
    summary { givenName familyName age gender releaseDate establishmentName needsAndRisks childWishes familyViews takenAt }
    events { fromStatus toStatus actorUserId actorOrganisationId note createdAt }
    messages { authorUserId authorOrganisationId body createdAt eventId }`;
  const GET = `query($id: ID!) { referral(id: $id) { ${REFERRAL} } }`;
  const INBOX = `query($filter: ReferralFilter, $first: Int, $after: String) { referrals(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status type summary { givenName releaseDate } } } } }`;
  const CHILD = `query($id: ID!) { child(id: $id) { id givenName familyName age gender ethnicity parentsCarers { name } episodes { id } } }`;
  const move = (name: string, inputType: string) =>
    `mutation($input: ${inputType}!) { ${name}(input: $input) { ${REFERRAL} } }`;
  const SEND = move('sendReferral', 'ReferralMoveInput');
  const ACK = move('acknowledgeReferral', 'ReferralMoveInput');
  const ASK = move('requestReferralInformation', 'RequestReferralInformationInput');
  const OFFER = move('offerReferral', 'OfferReferralInput');
  const CONFIRM = move('confirmReferral', 'ReferralMoveInput');
  const WITHDRAW = move('withdrawReferral', 'ReferralReasonInput');
  const FELL = move('markReferralFellThrough', 'ReferralReasonInput');
  const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${REFERRAL} } }`;
  const MESSAGE = `mutation($input: PostReferralMessageInput!) { postReferralMessage(input: $input) { body authorOrganisationId } }`;

  const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;
  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);
  const pathwayOf = async (type: string) => {
    const { resettlementPlan } = await yjs.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type status version responsibleOrganisation { id } } } }`,
      {
        id: w.a.episode.id,
      },
    );
    return resettlementPlan.pathways.find((p: { type: string }) => p.type === type);
  };

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    yjs = w.sessions.YJS_CASE_MANAGER;
    officer = w.sessions.LA_ACCOMMODATION_OFFICER;
    otherOfficer = await t.userSession({
      organisationId: w.b.localAuthority.id,
      roles: [Role.LA_ACCOMMODATION_OFFICER],
      email: 'officer.b@example.com',
    });
    // A sentence, so the child has a release date for the summary.
    await w.sessions.YJS_MANAGER.ok(`mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id } }`, {
      input: {
        episodeId: w.a.episode.id,
        expectedVersion: w.a.episode.version,
        sentence: { sentenceType: 'DTO', sentenceDate: '2026-11-23', termMonths: 12, remandDays: 3 },
        // Fewer than the 21 days since the remand on 2026-11-02: say why.
        reasonForDifferentRemandDays: 'Counted against an earlier sentence',
      },
    });
    accommodationPathwayId = (await pathwayOf('ACCOMMODATION')).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a referral to the wrong kind of organisation, or from the wrong pathway', async () => {
    const wrongOrg = await yjs.graphql(CREATE, {
      input: { pathwayId: accommodationPathwayId, type: 'ACCOMMODATION', toOrganisationId: w.a.healthProvider.id },
    });
    expect(codeOf(wrongOrg)).toBe('BAD_USER_INPUT');
    expect(wrongOrg.errors![0].message + JSON.stringify(wrongOrg.errors![0].extensions)).toContain('LOCAL_AUTHORITY');
    const wrongPathway = await yjs.graphql(CREATE, {
      input: { pathwayId: accommodationPathwayId, type: 'HEALTH', toOrganisationId: w.a.healthProvider.id },
    });
    expect(codeOf(wrongPathway)).toBe('BAD_USER_INPUT');
    // Another service's case manager cannot refer side A's child.
    const other = await t.userSession({
      organisationId: w.b.youthJusticeService.id,
      roles: [Role.YJS_CASE_MANAGER],
      email: 'cm.b@example.com',
    });
    expect(
      codeOf(
        await other.graphql(CREATE, {
          input: { pathwayId: accommodationPathwayId, type: 'ACCOMMODATION', toOrganisationId: w.a.localAuthority.id },
        }),
      ),
    ).toBe('NOT_FOUND');
    // A partner may not make referrals at all.
    expect(
      codeOf(
        await officer.graphql(CREATE, {
          input: { pathwayId: accommodationPathwayId, type: 'ACCOMMODATION', toOrganisationId: w.a.localAuthority.id },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await count(`SELECT count(*) AS n FROM referral`, [])).toBe(0);
  });

  it('the case manager creates a DRAFT: the officer sees neither it nor the child', async () => {
    const { createReferral: r } = await yjs.ok(CREATE, {
      input: {
        pathwayId: accommodationPathwayId,
        type: 'ACCOMMODATION',
        toOrganisationId: w.a.localAuthority.id,
        childWishes: '  Near her sister, not back to the old estate ',
        familyViews: 'Foster carer would like her back',
        needsAndRisks: 'Dyslexia; needs a ground-floor room',
      },
    });
    expect(r).toMatchObject({
      status: 'DRAFT',
      version: 1,
      childWishes: 'Near her sister, not back to the old estate',
      summary: null,
      fromServiceId: w.a.youthJusticeService.id,
    });
    expect(r.events).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'DRAFT', actorUserId: yjs.userId }),
    ]);
    referral = r;

    expect(codeOf(await officer.graphql(GET, { id: referral.id }))).toBe('NOT_FOUND');
    expect(codeOf(await officer.graphql(CHILD, { id: w.a.child.id }))).toBe('NOT_FOUND');
    expect((await officer.ok(INBOX, {})).referrals.totalCount).toBe(0);
    // The draft is the service's to change.
    const { updateReferralDraft: u } = await yjs.ok(
      `mutation($input: UpdateReferralDraftInput!) { updateReferralDraft(input: $input) { id version familyViews } }`,
      {
        input: {
          referralId: referral.id,
          expectedVersion: 1,
          familyViews: 'Foster carer would like her back; mother is not to know the address',
        },
      },
    );
    expect(u.version).toBe(2);
    referral = { id: referral.id, version: u.version };
  });

  it('an illegal move is CONFLICT with a clear message and writes nothing; a stale version is CONFLICT', async () => {
    const before = await count(`SELECT count(*) AS n FROM referral_event WHERE referral_id = $1`, [referral.id]);
    // Withdraw is the service's own move, but a DRAFT cannot be acknowledged: the service's manager tries to send
    // twice.
    const { sendReferral: sent } = await yjs.ok(SEND, {
      input: { referralId: referral.id, expectedVersion: referral.version },
    });
    // Sending puts the pathway in progress with the authority: the recorded fact that meets the "referral sent"
    // deadline.
    expect(await pathwayOf('ACCOMMODATION')).toMatchObject({
      status: 'IN_PROGRESS',
      responsibleOrganisation: { id: w.a.localAuthority.id },
    });
    const { milestones: afterSending } = await yjs.ok(`query($id: ID!) { milestones(episodeId: $id) { key status } }`, {
      id: w.a.episode.id,
    });
    expect(afterSending.find((m: { key: string }) => m.key === 'ACCOMMODATION_REFERRAL_SENT')).toMatchObject({
      status: 'MET',
    });
    const again = await yjs.graphql(SEND, { input: { referralId: referral.id, expectedVersion: sent.version } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(again.errors![0].message).toBe(
      'A SENT referral cannot be sent: only a referral that is DRAFT or INFORMATION_REQUESTED can be',
    );
    // The partner cannot confirm what has not been offered.
    const confirmEarly = await officer.graphql(CONFIRM, {
      input: { referralId: referral.id, expectedVersion: sent.version },
    });
    expect(codeOf(confirmEarly)).toBe('CONFLICT');
    expect(confirmEarly.errors![0].message).toBe(
      'A SENT referral cannot be confirmed: only a referral that is OFFERED can be',
    );
    const stale = await officer.graphql(ACK, { input: { referralId: referral.id, expectedVersion: sent.version - 1 } });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: sent.version });
    const now = await yjs.ok(GET, { id: referral.id });
    expect(now.referral).toMatchObject({ status: 'SENT', version: sent.version });
    expect(await count(`SELECT count(*) AS n FROM referral_event WHERE referral_id = $1`, [referral.id])).toBe(
      before + 1,
    );
    referral = { id: referral.id, version: sent.version };
  });

  it('once SENT the officer has it in their inbox with the summary, and a placement summary of the child', async () => {
    const { referrals } = await officer.ok(INBOX, { filter: { type: 'ACCOMMODATION' } });
    expect(referrals.totalCount).toBe(1);
    expect(referrals.edges[0].node).toMatchObject({
      id: referral.id,
      status: 'SENT',
      summary: { givenName: 'ChildA', releaseDate: expect.any(String) },
    });
    const { referral: r } = await officer.ok(GET, { id: referral.id });
    expect(r.summary).toMatchObject({
      givenName: 'ChildA',
      familyName: 'Tester',
      age: 16,
      gender: 'FEMALE',
      establishmentName: 'Establishment A',
      needsAndRisks: 'Dyslexia; needs a ground-floor room',
      childWishes: 'Near her sister, not back to the old estate',
      familyViews: 'Foster carer would like her back; mother is not to know the address',
    });
    expect(r.summary.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const { child } = await officer.ok(CHILD, { id: w.a.child.id });
    expect(child).toMatchObject({
      id: w.a.child.id,
      givenName: 'ChildA',
      gender: 'FEMALE',
      ethnicity: null,
      parentsCarers: null,
    });
    // Custody detail is not theirs: no episode is visible to them.
    expect(child.episodes ?? []).toEqual([]);
    // The filter works in SQL; a status the referral is not in gives nothing.
    expect((await officer.ok(INBOX, { filter: { status: 'OFFERED' } })).referrals.totalCount).toBe(0);
    // The service sees its own referrals.
    expect((await yjs.ok(INBOX, {})).referrals.totalCount).toBe(1);
  });

  it('the inbox filters by tab (whose move it is) and by part of the child’s name, in SQL; bad values name the field', async () => {
    const total = async (session: typeof officer, filter: Record<string, unknown>) =>
      (await session.ok(INBOX, { filter })).referrals.totalCount;
    // SENT: the officer's move (acknowledge), so it waits under "Needs action".
    expect(await total(officer, { queue: 'NEEDS_ACTION' })).toBe(1);
    expect(await total(officer, { queue: 'IN_PROGRESS' })).toBe(0);
    expect(await total(officer, { queue: 'CLOSED' })).toBe(0);
    // Part of a name, any case, accents ignored (the child is ChildA Tester).
    expect(await total(officer, { childName: 'childa' })).toBe(1);
    expect(await total(officer, { childName: 'TÉST' })).toBe(1);
    expect(await total(officer, { childName: 'childa tester', queue: 'NEEDS_ACTION' })).toBe(1);
    expect(await total(officer, { childName: 'Nobody' })).toBe(0);
    // Another council never sees it, whatever it searches for.
    expect(await total(otherOfficer, { childName: 'childa' })).toBe(0);
    expect(await total(otherOfficer, { queue: 'NEEDS_ACTION' })).toBe(0);
    const badQueue = await officer.graphql(INBOX, { filter: { queue: 'SOON' } });
    expect(badQueue.errors?.[0].message).toContain('queue');
    const badName = await officer.graphql(INBOX, { filter: { childName: '' } });
    expect(codeOf(badName)).toBe('BAD_USER_INPUT');
    expect(Object.keys(badName.errors![0].extensions.fieldErrors ?? {}).join()).toContain('childName');
  });

  it('the inbox shows both sides by name, days to release, the deadline the referral must meet and how close it is', async () => {
    const GLANCE = `query { referrals { edges { node { id expectedReleaseDate daysToRelease urgency deadline { key dueDate status }
      toOrganisation { id name } fromService { id name } } } } }`;
    const { referrals } = await officer.ok(GLANCE);
    const node = referrals.edges[0].node;
    const { milestones } = await yjs.ok(
      `query($id: ID!) { milestones(episodeId: $id) { key dueDate status } custodialEpisode(id: $id) { expectedReleaseDate } }`,
      {
        id: w.a.episode.id,
      },
    );
    const confirmedDeadline = milestones.find((m: { key: string }) => m.key === 'ACCOMMODATION_CONFIRMED');
    // The test clock stands at 2026-11-23; a 12-month DTO from that day is released months away.
    const days = Math.round((Date.parse(node.expectedReleaseDate) - Date.parse('2026-11-23')) / 86_400_000);
    expect(node).toMatchObject({
      id: referral.id,
      daysToRelease: days,
      urgency: 'ON_TRACK',
      deadline: { key: 'ACCOMMODATION_CONFIRMED', dueDate: confirmedDeadline.dueDate, status: 'PENDING' },
      toOrganisation: { id: w.a.localAuthority.id, name: w.a.localAuthority.name },
      fromService: { id: w.a.youthJusticeService.id, name: w.a.youthJusticeService.name },
    });
    expect(days).toBeGreaterThan(100);
    expect(confirmedDeadline.dueDate < node.expectedReleaseDate).toBe(true);
  });

  it('the deadline says what it is counted from: the earliest release date and the rule, not worked back', async () => {
    const { referral: read } = await officer.ok(
      `query($id: ID!) { referral(id: $id) { expectedReleaseDate
        deadline { key dueDate anchor anchorDate offset { amount unit direction } } } }`,
      { id: referral.id },
    );
    const { custodialEpisode } = await yjs.ok(
      `query($id: ID!) { custodialEpisode(id: $id) { earliestReleaseDate expectedReleaseDate } }`,
      { id: w.a.episode.id },
    );
    // A 12-month DTO: the deadline hangs on the presumed early release, a month or two before the expected release.
    const earliest = lastWorkingDayOnOrBefore(custodialEpisode.earliestReleaseDate);
    expect(earliest < read.expectedReleaseDate).toBe(true);
    expect(read.deadline).toEqual({
      key: 'ACCOMMODATION_CONFIRMED',
      dueDate: lastWorkingDayOnOrBefore(addDays(earliest, -28)),
      anchor: 'EARLIEST_RELEASE_DATE',
      anchorDate: earliest,
      offset: { amount: 28, unit: 'DAYS', direction: 'BEFORE' },
    });
  });

  it('another authority’s officer gets NOT_FOUND; the officer cannot withdraw and the service cannot confirm (FORBIDDEN)', async () => {
    expect(codeOf(await otherOfficer.graphql(GET, { id: referral.id }))).toBe('NOT_FOUND');
    expect(
      codeOf(
        await otherOfficer.graphql(ACK, { input: { referralId: referral.id, expectedVersion: referral.version } }),
      ),
    ).toBe('NOT_FOUND');
    expect(codeOf(await otherOfficer.graphql(CHILD, { id: w.a.child.id }))).toBe('NOT_FOUND');
    expect((await otherOfficer.ok(INBOX, {})).referrals.totalCount).toBe(0);
    // Moves belong to one side: the capability refuses the other side at the door.
    expect(
      codeOf(
        await officer.graphql(WITHDRAW, {
          input: { referralId: referral.id, expectedVersion: referral.version, reason: 'x' },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await yjs.graphql(CONFIRM, { input: { referralId: referral.id, expectedVersion: referral.version } })),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await yjs.graphql(ACK, { input: { referralId: referral.id, expectedVersion: referral.version } })),
    ).toBe('FORBIDDEN');
    // Health and education partners have nothing to do with it.
    expect(codeOf(await w.sessions.HEALTH_PRACTITIONER.graphql(GET, { id: referral.id }))).toBe('NOT_FOUND');
  });

  it('acknowledge → request information → the service answers and re-sends → offer → confirm: the pathway is ARRANGED and the milestone MET', async () => {
    const { acknowledgeReferral: a } = await officer.ok(ACK, {
      input: { referralId: referral.id, expectedVersion: referral.version },
    });
    expect(a.status).toBe('ACKNOWLEDGED');
    const { requestReferralInformation: q } = await officer.ok(ASK, {
      input: { referralId: referral.id, expectedVersion: a.version, note: 'Is there a curfew?' },
    });
    expect(q.status).toBe('INFORMATION_REQUESTED');
    await yjs.ok(MESSAGE, { input: { referralId: referral.id, body: 'Yes: 7pm to 7am for the first three months.' } });
    const { sendReferral: resent } = await yjs.ok(SEND, {
      input: { referralId: referral.id, expectedVersion: q.version },
    });
    expect(resent.status).toBe('SENT');
    const { acknowledgeReferral: a2 } = await officer.ok(ACK, {
      input: { referralId: referral.id, expectedVersion: resent.version },
    });
    const offer = {
      addressOrPlace: '12 Example Road, Testtown',
      placementType: 'Supported lodgings',
      provider: 'Testtown Housing',
      startDate: '2027-04-21',
    };
    const { offerReferral: o } = await officer.ok(OFFER, {
      input: { referralId: referral.id, expectedVersion: a2.version, offer },
    });
    expect(o).toMatchObject({
      status: 'OFFERED',
      offerAddressOrPlace: offer.addressOrPlace,
      offerPlacementType: offer.placementType,
      offerProvider: offer.provider,
      offerStartDate: '2027-04-21',
    });
    const { confirmReferral: c } = await officer.ok(CONFIRM, {
      input: { referralId: referral.id, expectedVersion: o.version },
    });
    expect(c.status).toBe('CONFIRMED');
    expect(c.confirmedAt).toBeTruthy();
    expect(c.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'DRAFT',
      'SENT',
      'ACKNOWLEDGED',
      'INFORMATION_REQUESTED',
      'SENT',
      'ACKNOWLEDGED',
      'OFFERED',
      'CONFIRMED',
    ]);
    expect(c.events.slice(1).map((e: { actorOrganisationId: string }) => e.actorOrganisationId)).toEqual([
      w.a.youthJusticeService.id,
      w.a.localAuthority.id,
      w.a.localAuthority.id,
      w.a.youthJusticeService.id,
      w.a.localAuthority.id,
      w.a.localAuthority.id,
      w.a.localAuthority.id,
    ]);
    expect(c.events[3].note).toBe('Is there a curfew?');
    const { referral: named } = await officer.ok(
      `query($id: ID!) { referral(id: $id) { urgency messages { authorName authorOrganisation { id } }
      events { actorName actorOrganisation { id } } } }`,
      { id: referral.id },
    );
    expect(named.urgency).toBe('DONE');
    // The officer's question opens the thread, the service's answer follows it.
    expect(named.messages).toEqual([
      { authorName: 'Test User', authorOrganisation: { id: w.a.localAuthority.id } },
      { authorName: 'Test User', authorOrganisation: { id: w.a.youthJusticeService.id } },
    ]);
    expect(named.events[3]).toEqual({ actorName: 'Test User', actorOrganisation: { id: w.a.localAuthority.id } });
    const [askedAt] = (
      await t.dataSource.query(
        `SELECT id, created_at FROM referral_event WHERE referral_id = $1 AND to_status = 'INFORMATION_REQUESTED'`,
        [referral.id],
      )
    ).map((r: { id: string; created_at: Date }) => r);
    expect(c.messages).toEqual([
      expect.objectContaining({
        body: 'Is there a curfew?',
        authorOrganisationId: w.a.localAuthority.id,
        // Written with the move, in its transaction: it names the event, and is dated with it.
        eventId: askedAt.id,
        createdAt: askedAt.created_at.toISOString(),
      }),
      expect.objectContaining({
        body: 'Yes: 7pm to 7am for the first three months.',
        authorOrganisationId: w.a.youthJusticeService.id,
        eventId: null,
      }),
    ]);
    referral = { id: referral.id, version: c.version };

    const pathway = await pathwayOf('ACCOMMODATION');
    expect(pathway).toMatchObject({ status: 'ARRANGED', responsibleOrganisation: { id: w.a.localAuthority.id } });
    const { milestones } = await yjs.ok(`query($id: ID!) { milestones(episodeId: $id) { key status evidence } }`, {
      id: w.a.episode.id,
    });
    expect(milestones.find((m: { key: string }) => m.key === 'ACCOMMODATION_CONFIRMED')).toMatchObject({
      status: 'MET',
    });
  });

  it('a question refused (stale version) leaves nothing in the thread', async () => {
    const before = await count(`SELECT count(*) AS n FROM referral_message WHERE referral_id = $1`, [referral.id]);
    const res = await officer.graphql(ASK, {
      input: { referralId: referral.id, expectedVersion: referral.version - 1, note: 'Too late?' },
    });
    expect(codeOf(res)).toBe('CONFLICT');
    expect(await count(`SELECT count(*) AS n FROM referral_message WHERE referral_id = $1`, [referral.id])).toBe(
      before,
    );
  });

  it('both sides see the child’s case manager (name, work email, work phone); with none assigned, the supervising service', async () => {
    const CONTACT = `query($id: ID!) { referral(id: $id) { caseManager { name email workPhone } supervisingService { id name } } }`;
    // No case manager is assigned in this world yet: the page names the service instead.
    expect((await officer.ok(CONTACT, { id: referral.id })).referral).toEqual({
      caseManager: null,
      supervisingService: { id: w.a.youthJusticeService.id, name: w.a.youthJusticeService.name },
    });
    // The case manager gives their work phone (a bad one first: BAD_USER_INPUT naming the field), then is assigned.
    const SET_PHONE = `mutation($input: SetMyWorkPhoneInput!) { setMyWorkPhone(input: $input) { workPhone } }`;
    const bad = await yjs.graphql(SET_PHONE, { input: { workPhone: 'call the office' } });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors)).toContain('workPhone');
    expect(await yjs.ok(SET_PHONE, { input: { workPhone: '  0113 496  0123 ' } })).toEqual({
      setMyWorkPhone: { workPhone: '0113 496 0123' },
    });
    expect((await yjs.ok(`{ me { workPhone } }`)).me.workPhone).toBe('0113 496 0123');
    const [{ version }] = await t.dataSource.query(`SELECT version FROM custodial_episode WHERE id = $1`, [
      w.a.episode.id,
    ]);
    await w.sessions.YJS_MANAGER.ok(
      `mutation($input: AssignCaseManagerInput!) { assignCaseManager(input: $input) { id } }`,
      { input: { episodeId: w.a.episode.id, expectedVersion: version, caseManagerId: yjs.userId } },
    );
    const contact = {
      name: 'Test User',
      email: `${Role.YJS_CASE_MANAGER.toLowerCase()}@example.com`,
      workPhone: '0113 496 0123',
    };
    for (const session of [officer, yjs]) {
      expect((await session.ok(CONTACT, { id: referral.id })).referral.caseManager).toEqual(contact);
    }
    // Nobody else: another council's officer, a health practitioner; children's services read no referrals at all.
    for (const [session, code] of [
      [otherOfficer, 'NOT_FOUND'],
      [w.sessions.HEALTH_PRACTITIONER, 'NOT_FOUND'],
      [w.sessions.LA_CHILDRENS_SERVICES, 'FORBIDDEN'],
    ] as const) {
      const res = await session.graphql(CONTACT, { id: referral.id });
      expect(codeOf(res)).toBe(code);
      expect(res.data?.referral ?? null).toBeNull();
    }
    // The phone is optional: removed, the contact keeps the name and email.
    await yjs.ok(SET_PHONE, { input: { workPhone: '' } });
    expect((await officer.ok(CONTACT, { id: referral.id })).referral.caseManager).toEqual({
      ...contact,
      workPhone: null,
    });
    await yjs.ok(SET_PHONE, { input: { workPhone: '07700 900123' } });
  });

  it('a confirmed placement that falls through reopens the pathway', async () => {
    const { markReferralFellThrough: f } = await officer.ok(FELL, {
      input: { referralId: referral.id, expectedVersion: referral.version, reason: 'The landlord withdrew' },
    });
    expect(f).toMatchObject({ status: 'FELL_THROUGH', fellThroughReason: 'The landlord withdrew' });
    expect((await pathwayOf('ACCOMMODATION')).status).toBe('IN_PROGRESS');
  });

  it('each side is told of the other side’s moves and messages, by the child’s initials only, and never of its own', async () => {
    const NOTES = `query { notifications(first: 100) { edges { node { kind title body link } } } }`;
    const mine = async (s: Session) =>
      (await s.ok(NOTES)).notifications.edges
        .map((e: { node: { kind: string; title: string; body: string; link: string } }) => e.node)
        .filter((n: { link: string }) => n.link === `/referrals/${referral.id}`);
    const officerNotes = await mine(officer);
    expect(officerNotes.map((n: { title: string }) => n.title).sort()).toEqual(
      [
        'New accommodation referral for C.T.',
        'Accommodation referral for C.T.: new message',
        'Accommodation referral for C.T.: information given, sent again',
      ].sort(),
    );
    expect(new Set(officerNotes.map((n: { kind: string }) => n.kind))).toEqual(new Set(['REFERRAL_RECEIVED']));
    const serviceNotes = await mine(yjs);
    expect(serviceNotes.map((n: { title: string }) => n.title).sort()).toEqual(
      [
        'Accommodation referral for C.T.: acknowledged',
        'Accommodation referral for C.T.: more information asked for',
        'Accommodation referral for C.T.: acknowledged',
        'Accommodation referral for C.T.: offer made',
        'Accommodation referral for C.T.: confirmed',
        'Accommodation referral for C.T.: fell through',
      ].sort(),
    );
    // Email leaves the service: no name in any of them. Another authority's officer hears nothing.
    expect(JSON.stringify([...officerNotes, ...serviceNotes])).not.toMatch(/ChildA|Tester/);
    expect(await mine(otherOfficer)).toEqual([]);
  });

  it('health and education referrals: the provider addressed sees the child and its referral once sent; withdraw and decline', async () => {
    const mentalHealth = await pathwayOf('MENTAL_HEALTH');
    const ete = await pathwayOf('EDUCATION_TRAINING_EMPLOYMENT');
    const health = w.sessions.HEALTH_PRACTITIONER;
    const education = w.sessions.EDUCATION_PROVIDER;
    const { createReferral: h } = await yjs.ok(CREATE, {
      input: {
        pathwayId: mentalHealth.id,
        type: 'HEALTH',
        toOrganisationId: w.a.healthProvider.id,
        needsAndRisks: 'Low mood',
      },
    });
    const { createReferral: e } = await yjs.ok(CREATE, {
      input: { pathwayId: ete.id, type: 'EDUCATION', toOrganisationId: w.a.educationProvider.id },
    });
    expect(codeOf(await health.graphql(CHILD, { id: w.a.child.id }))).toBe('NOT_FOUND');
    const { sendReferral: hs } = await yjs.ok(SEND, { input: { referralId: h.id, expectedVersion: h.version } });
    // The health provider now sees the child's summary and its own referral, and nothing of the education one.
    expect((await health.ok(CHILD, { id: w.a.child.id })).child).toMatchObject({
      givenName: 'ChildA',
      ethnicity: null,
      parentsCarers: null,
    });
    expect((await health.ok(GET, { id: h.id })).referral.summary).toMatchObject({ needsAndRisks: 'Low mood' });
    expect((await health.ok(INBOX, {})).referrals.edges.map((x: { node: { id: string } }) => x.node.id)).toEqual([
      h.id,
    ]);
    expect(codeOf(await education.graphql(GET, { id: e.id }))).toBe('NOT_FOUND');
    expect(codeOf(await education.graphql(GET, { id: h.id }))).toBe('NOT_FOUND');
    // The health provider declines with a reason; the service withdraws the education draft with a reason.
    const { declineReferral: hd } = await health.ok(move('declineReferral', 'ReferralReasonInput'), {
      input: { referralId: h.id, expectedVersion: hs.version, reason: 'Already open to CAMHS in the home area' },
    });
    expect(hd).toMatchObject({ status: 'DECLINED', declineReason: 'Already open to CAMHS in the home area' });
    const { withdrawReferral: ew } = await yjs.ok(WITHDRAW, {
      input: { referralId: e.id, expectedVersion: e.version, reason: 'College place found directly' },
    });
    expect(ew).toMatchObject({ status: 'WITHDRAWN', withdrawReason: 'College place found directly' });
    expect(ew.events.map((x: { toStatus: string; note: string | null }) => [x.toStatus, x.note])).toEqual([
      ['DRAFT', null],
      ['WITHDRAWN', 'College place found directly'],
    ]);
    // A withdrawn draft was never the provider's.
    expect(codeOf(await education.graphql(GET, { id: e.id }))).toBe('NOT_FOUND');
    // Closed referrals take no more moves.
    expect(
      codeOf(await yjs.graphql(WITHDRAW, { input: { referralId: h.id, expectedVersion: hd.version, reason: 'x' } })),
    ).toBe('CONFLICT');
  });

  it('the plan lists its referrals, each caller seeing only theirs', async () => {
    const q = `query($id: ID!) { resettlementPlan(episodeId: $id) { referrals { id type status } } }`;
    const all = (await yjs.ok(q, { id: w.a.episode.id })).resettlementPlan.referrals;
    expect(all.map((r: { type: string }) => r.type).sort()).toEqual(['ACCOMMODATION', 'EDUCATION', 'HEALTH']);
    const theirs = (await w.sessions.HEALTH_PRACTITIONER.ok(q, { id: w.a.episode.id })).resettlementPlan.referrals;
    expect(theirs.map((r: { type: string }) => r.type)).toEqual(['HEALTH']);
  });

  it('every change and every read is in the audit log', async () => {
    const rows: { action: string; outcome: string; resource_type: string }[] = await t.dataSource.query(
      `SELECT action, outcome, resource_type FROM audit_event WHERE resource_id = $1 OR (resource_type = 'ReferralMessage' AND child_id = $2) ORDER BY id, position`,
      [referral.id, w.a.child.id],
    );
    const succeeded = rows.filter((r) => r.outcome === 'SUCCEEDED').map((r) => r.action);
    for (const action of [
      'createReferral',
      'updateReferralDraft',
      'sendReferral',
      'acknowledgeReferral',
      'requestReferralInformation',
      'postReferralMessage',
      'offerReferral',
      'confirmReferral',
      'markReferralFellThrough',
    ]) {
      expect(succeeded).toContain(action);
    }
    expect(rows.filter((r) => r.action === 'referral' && r.outcome === 'ALLOWED').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.action === 'referral' && r.outcome === 'DENIED').length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.action === 'referrals' && r.outcome === 'ALLOWED').length).toBeGreaterThan(0);
    // The pathway change made by the confirmation is in the plan's history too.
    const history: { summary: string }[] = await t.dataSource.query(
      `SELECT summary FROM plan_event WHERE type = 'PATHWAY_UPDATED' ORDER BY created_at`,
    );
    expect(history.map((h) => h.summary)).toEqual(
      expect.arrayContaining([expect.stringContaining('referral confirmed')]),
    );
  });
});
