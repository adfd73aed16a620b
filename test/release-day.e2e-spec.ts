import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * The day of release and after it, through GraphQL, as it happens: the youth justice case manager plans the day and
 * confirms it; the establishment records the release on the episode; the case manager then records the day, the
 * first night, appointments, a barrier to engagement and supervision compliance. Side A's child is released on
 * Thursday 10 December 2026 (an override sets the expected date; the tests start on 23 November 2026).
 */
describe('the day of release and after', () => {
  let t: TestApp;
  let w: AccessWorld;
  let yjs: Session;
  let planId: string;

  const RELEASE_DAY = `id version metByName metByRelationship appropriateAdult meetingDate meetingTime travelArrangements firstDestination
    firstAppointmentDate firstAppointmentTime firstAppointmentWith firstAppointmentPlace medication idDocuments phone moneyAndProperty
    supervisionExplainedById supervisionExplainedByName supervisionExplainedOn confirmedAt confirmedById gaps { field message } warnings`;
  const RELEASE_RECORD = `id version releasedAt metAtGate metByName metByRelationship firstNightAddress firstNightPlacementType
    firstNightAsPlanned eteStartedAsPlanned firstAppointmentsKept notes recordedById`;
  const PLAN = `id releaseDay { ${RELEASE_DAY} } releaseRecord { ${RELEASE_RECORD} }
    appointments { id kind at withWhom place outcome notes version recordedById }
    engagementBarriers { id barrier assessment planToAddress status version recordedById }
    supervisionChecks { id periodEnding compliance notes version recordedById }
    history { type summary recordedById details }`;

  const loadPlan = async (session: Session = yjs) =>
    (await session.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { ${PLAN} } }`, { id: w.a.episode.id }))
      .resettlementPlan;

  const planReleaseDay = (session: Session, input: Record<string, unknown>) =>
    session.graphql(`mutation($input: PlanReleaseDayInput!) { planReleaseDay(input: $input) { ${RELEASE_DAY} } }`, {
      input: { planId, ...input },
    });
  const confirm = (session: Session, expectedVersion: number) =>
    session.graphql(
      `mutation($input: ConfirmReleaseDayPlanInput!) { confirmReleaseDayPlan(input: $input) { ${RELEASE_DAY} } }`,
      { input: { planId, expectedVersion } },
    );
  const recordReleaseDay = (session: Session, input: Record<string, unknown>) =>
    session.graphql(
      `mutation($input: RecordReleaseDayInput!) { recordReleaseDay(input: $input) { ${RELEASE_RECORD} } }`,
      { input: { planId, ...input } },
    );
  const recordAppointment = (session: Session, input: Record<string, unknown>) =>
    session.graphql(
      `mutation($input: RecordAppointmentInput!) { recordAppointment(input: $input) { id kind at outcome version } }`,
      { input: { planId, ...input } },
    );
  const updateOutcome = (session: Session, input: Record<string, unknown>) =>
    session.graphql(
      `mutation($input: UpdateAppointmentOutcomeInput!) { updateAppointmentOutcome(input: $input) { id outcome notes version } }`,
      { input },
    );
  const recordBarrier = (session: Session, input: Record<string, unknown>) =>
    session.graphql(
      `mutation($input: RecordEngagementBarrierInput!) { recordEngagementBarrier(input: $input) { id status version } }`,
      { input: { planId, ...input } },
    );
  const updateBarrier = (session: Session, input: Record<string, unknown>) =>
    session.graphql(
      `mutation($input: UpdateEngagementBarrierInput!) { updateEngagementBarrier(input: $input) { id status planToAddress version } }`,
      { input },
    );
  const recordSupervision = (session: Session, input: Record<string, unknown>) =>
    session.graphql(
      `mutation($input: RecordSupervisionCheckInput!) { recordSupervisionCheck(input: $input) { id periodEnding compliance notes version } }`,
      { input: { planId, ...input } },
    );

  /** What a refused change must leave untouched: every row of the feature and the plan's history. */
  const snapshot = async () => ({
    releaseDay: await t.dataSource.query(`SELECT * FROM release_day_plan ORDER BY id`),
    releaseRecord: await t.dataSource.query(`SELECT * FROM release_record ORDER BY id`),
    appointments: await t.dataSource.query(`SELECT * FROM release_appointment ORDER BY id`),
    barriers: await t.dataSource.query(`SELECT * FROM engagement_barrier ORDER BY id`),
    checks: await t.dataSource.query(`SELECT * FROM supervision_check ORDER BY id`),
    events: (await t.dataSource.query(`SELECT count(*)::int AS n FROM plan_event`))[0].n,
  });

  /** Sessions last 15 minutes of the test clock: after moving it, sign in again. */
  const signInAgain = (role: Role) => t.signIn(`${role.toLowerCase()}@example.com`, TestApp.TEST_PASSWORD);
  const moveClockTo = async (iso: string) => {
    t.clock.set(iso);
    yjs = await signInAgain(Role.YJS_CASE_MANAGER);
  };

  const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    yjs = w.sessions.YJS_CASE_MANAGER;
    // Side A's child is on remand; the court directs release on Thursday 10 December.
    await yjs.ok(`mutation($input: OverrideReleaseDateInput!) { overrideReleaseDate(input: $input) { id } }`, {
      input: {
        episodeId: w.a.episode.id,
        expectedVersion: w.a.episode.version,
        releaseDate: '2026-12-10',
        reason: 'Court direction',
      },
    });
    planId = (await loadPlan()).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  // ---------------------------------------------------------------- planning the day

  describe('the release-day plan', () => {
    it('starts with what is known; the day and the first appointment default to the expected release date', async () => {
      const res = await planReleaseDay(yjs, {
        metByName: '  Sam Carter ',
        metByRelationship: 'Foster carer',
        appropriateAdult: true,
        firstDestination: 'Foster home, 4 Elm Row',
      });
      expect(res.errors).toBeUndefined();
      const day = res.data.planReleaseDay;
      expect(day).toMatchObject({
        version: 1,
        metByName: 'Sam Carter',
        meetingDate: '2026-12-10',
        firstAppointmentDate: '2026-12-10',
        confirmedAt: null,
      });
      expect(day.gaps.map((g: { field: string }) => g.field)).toEqual([
        'meetingTime',
        'travelArrangements',
        'firstAppointmentTime',
        'firstAppointmentWith',
        'firstAppointmentPlace',
        'medication',
        'idDocuments',
        'phone',
        'moneyAndProperty',
        'supervisionExplainedByName',
        'supervisionExplainedOn',
      ]);
      const plan = await loadPlan();
      expect(plan.history.at(-1)).toMatchObject({
        type: 'RELEASE_DAY_PLANNED',
        summary: 'Release-day plan started',
        recordedById: yjs.userId,
      });
    });

    it('keeps what was not sent, and clears what was sent as null', async () => {
      const res = await planReleaseDay(yjs, {
        expectedVersion: 1,
        meetingTime: '09:30',
        travelArrangements: 'Foster carer drives',
        firstDestination: null,
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.planReleaseDay).toMatchObject({
        version: 2,
        metByName: 'Sam Carter',
        meetingTime: '09:30',
        firstDestination: null,
      });
    });

    it('refuses a stale version with CONFLICT and the current state, writing nothing', async () => {
      const before = await snapshot();
      const res = await planReleaseDay(yjs, { expectedVersion: 1, metByName: 'Someone else' });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions).toMatchObject({
        expectedVersion: 1,
        currentVersion: 2,
        current: { metByName: 'Sam Carter' },
      });
      expect(res.data?.planReleaseDay ?? null).toBeNull();
      expect(await snapshot()).toEqual(before);
    });

    it('refuses to start a second plan over the first (no version sent) with CONFLICT', async () => {
      const before = await snapshot();
      const res = await planReleaseDay(yjs, { metByName: 'A double click' });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0].extensions).toMatchObject({ currentVersion: 2 });
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['a day of release in the past', { meetingDate: '2026-11-20' }, 'meetingDate'],
      ['supervision explained in the future', { supervisionExplainedOn: '2026-11-24' }, 'supervisionExplainedOn'],
      ['a first appointment before the release', { firstAppointmentDate: '2026-12-09' }, 'firstAppointmentDate'],
      ['a time that is not HH:MM', { meetingTime: '9.30am' }, 'meetingTime'],
      [
        'an explainer who is no user',
        { supervisionExplainedById: '00000000-0000-4000-8000-000000000000' },
        'supervisionExplainedById',
      ],
    ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, input, field) => {
      const before = await snapshot();
      const res = await planReleaseDay(yjs, { expectedVersion: 2, ...input });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors![0].extensions.fieldErrors!)).toEqual([field]);
      expect(await snapshot()).toEqual(before);
    });

    it('is refused confirmation while parts are missing, with every gap listed, and nothing written', async () => {
      const before = await snapshot();
      const res = await confirm(yjs, 2);
      expect(codeOf(res)).toBe('CONFLICT');
      const gaps = (res.errors![0].extensions.gaps as { field: string }[]).map((g) => g.field);
      expect(gaps).toEqual([
        'firstDestination',
        'firstAppointmentTime',
        'firstAppointmentWith',
        'firstAppointmentPlace',
        'medication',
        'idDocuments',
        'phone',
        'moneyAndProperty',
        'supervisionExplainedByName',
        'supervisionExplainedOn',
      ]);
      expect(res.errors![0].message).toMatch(
        /^The release-day plan cannot be confirmed yet: Where the child goes first; /,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an appropriate adult who is not one', async () => {
      const res = await planReleaseDay(yjs, { expectedVersion: 2, appropriateAdult: false });
      expect(res.data.planReleaseDay.gaps).toContainEqual({
        field: 'appropriateAdult',
        message: 'The child must be met by an appropriate adult',
      });
      const refused = await confirm(yjs, 3);
      expect(codeOf(refused)).toBe('CONFLICT');
    });

    it('is confirmed once complete: when and by whom', async () => {
      const res = await planReleaseDay(yjs, {
        expectedVersion: 3,
        appropriateAdult: true,
        firstDestination: 'Foster home, 4 Elm Row',
        firstAppointmentTime: '14:00',
        firstAppointmentWith: 'J. Patel, case manager',
        firstAppointmentPlace: 'YJS office, Market Street',
        medication: 'None',
        idDocuments: 'Birth certificate, handed over at the gate',
        phone: 'Returned from property',
        moneyAndProperty: '£46 discharge grant; two bags of property',
        supervisionExplainedById: yjs.userId,
        supervisionExplainedOn: '2026-11-23',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.planReleaseDay.gaps).toEqual([]);
      const confirmed = await confirm(yjs, 4);
      expect(confirmed.errors).toBeUndefined();
      expect(confirmed.data.confirmReleaseDayPlan).toMatchObject({
        version: 5,
        confirmedAt: '2026-11-23T10:00:00.000Z',
        confirmedById: yjs.userId,
      });
      const plan = await loadPlan();
      expect(plan.history.at(-1)).toMatchObject({
        type: 'RELEASE_DAY_CONFIRMED',
        summary: 'Release-day plan confirmed for 2026-12-10',
        recordedById: yjs.userId,
      });
    });

    it('a change after confirmation withdraws it until confirmed again', async () => {
      const res = await planReleaseDay(yjs, {
        expectedVersion: 5,
        travelArrangements: 'Foster carer drives; train warrant as a fallback',
      });
      expect(res.data.planReleaseDay).toMatchObject({ version: 6, confirmedAt: null, confirmedById: null });
      expect((await loadPlan()).history.at(-1).summary).toBe(
        'Release-day plan changed after confirmation: confirm it again',
      );
      const again = await confirm(yjs, 6);
      expect(again.data.confirmReleaseDayPlan).toMatchObject({ version: 7, confirmedById: yjs.userId });
    });

    it('the establishment holding the child sees the plan but may not change it (NOT_FOUND, as for anything not theirs)', async () => {
      const staff = w.sessions.ESTABLISHMENT_STAFF;
      const plan = await loadPlan(staff);
      expect(plan.releaseDay).toMatchObject({ version: 7, metByName: 'Sam Carter' });
      const res = await planReleaseDay(staff, { expectedVersion: 7, phone: 'Lost' });
      expect(codeOf(res)).toBe('NOT_FOUND');
    });
  });

  // ---------------------------------------------------------------- before the release is recorded

  describe('before the release is recorded on the episode', () => {
    it('refuses to record the day of release with CONFLICT, writing nothing', async () => {
      const before = await snapshot();
      const res = await recordReleaseDay(yjs, {
        metAtGate: true,
        metByName: 'Sam Carter',
        firstNightAddress: '4 Elm Row',
        firstNightPlacementType: 'FOSTER_CARE',
        firstNightAsPlanned: true,
      });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(res.errors![0].message).toBe('Record the release on the custodial episode first');
      expect(await snapshot()).toEqual(before);
    });

    it('refuses supervision compliance and a kept appointment, but lets the first appointment be planned', async () => {
      expect(codeOf(await recordSupervision(yjs, { periodEnding: '2026-11-22', compliance: 'COMPLIANT' }))).toBe(
        'CONFLICT',
      );
      expect(
        codeOf(
          await recordAppointment(yjs, {
            kind: 'YJS',
            at: '2026-11-22T14:00:00Z',
            withWhom: 'J. Patel',
            outcome: 'KEPT',
          }),
        ),
      ).toBe('CONFLICT');
      const planned = await recordAppointment(yjs, {
        kind: 'YJS',
        at: '2026-12-10T14:00:00Z',
        withWhom: 'J. Patel, case manager',
        place: 'YJS office',
      });
      expect(planned.errors).toBeUndefined();
      expect(planned.data.recordAppointment).toMatchObject({ kind: 'YJS', outcome: 'PLANNED', version: 1 });
    });
  });

  // ---------------------------------------------------------------- the day itself

  describe('after the establishment records the release', () => {
    beforeAll(async () => {
      await moveClockTo('2026-12-10T16:00:00Z');
      const staff = await signInAgain(Role.ESTABLISHMENT_STAFF);
      const { custodialEpisode: ep } = await staff.ok(`query($id: ID!) { custodialEpisode(id: $id) { version } }`, {
        id: w.a.episode.id,
      });
      await staff.ok(`mutation($input: RecordReleaseInput!) { recordRelease(input: $input) { status } }`, {
        input: { episodeId: w.a.episode.id, expectedVersion: ep.version, releasedAt: '2026-12-10T09:30:00Z' },
      });
    });

    it('the release-day plan can no longer change', async () => {
      expect(codeOf(await planReleaseDay(yjs, { expectedVersion: 7, phone: 'Lost' }))).toBe('CONFLICT');
    });

    it.each([
      ['without a first-night placement type', { firstNightPlacementType: undefined }, 'firstNightPlacementType'],
      ['with a release in the future', { releasedAt: '2026-12-10T17:00:00Z' }, 'releasedAt'],
      ['met at the gate by nobody named', { metByName: undefined }, 'metByName'],
    ])('refuses the record %s, writing nothing', async (_what, change, field) => {
      const before = await snapshot();
      const input = {
        metAtGate: true,
        metByName: 'Sam Carter',
        firstNightAddress: 'Flat 2, 12 Canal Street',
        firstNightPlacementType: 'OTHER',
        firstNightAsPlanned: false,
        ...change,
      };
      const res = await recordReleaseDay(yjs, input);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors![0].extensions.fieldErrors!)).toContain(field);
      expect(await snapshot()).toEqual(before);
    });

    it('records the day: who met the child, a first night not as planned, ETE not started; the time defaults to the episode’s', async () => {
      const res = await recordReleaseDay(yjs, {
        metAtGate: true,
        metByName: 'Sam Carter',
        metByRelationship: 'Foster carer',
        firstNightAddress: 'A friend’s sofa, Flat 2, 12 Canal Street',
        firstNightPlacementType: 'OTHER',
        firstNightAsPlanned: false,
        eteStartedAsPlanned: false,
        notes: 'Left the foster home after an argument that evening',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.recordReleaseDay).toMatchObject({
        version: 1,
        releasedAt: '2026-12-10T09:30:00.000Z',
        firstNightPlacementType: 'OTHER',
        firstNightAsPlanned: false,
        eteStartedAsPlanned: false,
        firstAppointmentsKept: null,
        recordedById: yjs.userId,
      });
    });

    it('refuses a second record over the first, and takes a change at the version read', async () => {
      expect(
        codeOf(
          await recordReleaseDay(yjs, {
            metAtGate: false,
            firstNightAddress: 'x',
            firstNightPlacementType: 'OTHER',
            firstNightAsPlanned: true,
          }),
        ),
      ).toBe('CONFLICT');
      const stale = await recordReleaseDay(yjs, { expectedVersion: 2, firstAppointmentsKept: true });
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 1 });
      const res = await recordReleaseDay(yjs, { expectedVersion: 1, firstAppointmentsKept: true });
      expect(res.data.recordReleaseDay).toMatchObject({
        version: 2,
        firstAppointmentsKept: true,
        firstNightAsPlanned: false,
        metByName: 'Sam Carter',
      });
    });

    it('records appointments kept and missed (with the reason), refusing a stale version and an outcome before its time', async () => {
      const plan = await loadPlan();
      const first = plan.appointments.find((a: { kind: string }) => a.kind === 'YJS');
      const stale = await updateOutcome(yjs, { appointmentId: first.id, expectedVersion: 2, outcome: 'MISSED' });
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(stale.errors![0].extensions).toMatchObject({ currentVersion: 1, current: { outcome: 'PLANNED' } });
      const kept = await updateOutcome(yjs, {
        appointmentId: first.id,
        expectedVersion: 1,
        outcome: 'KEPT',
        notes: 'Came with carer',
      });
      expect(kept.data.updateAppointmentOutcome).toMatchObject({
        outcome: 'KEPT',
        notes: 'Came with carer',
        version: 2,
      });

      const before = await snapshot();
      const noReason = await recordAppointment(yjs, {
        kind: 'HEALTH',
        at: '2026-12-10T15:00:00Z',
        withWhom: 'GP registration',
        outcome: 'MISSED',
        notes: '   ',
      });
      expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
      expect(Object.keys(noReason.errors![0].extensions.fieldErrors!)).toEqual(['notes']);
      const keptToMissed = await updateOutcome(yjs, {
        appointmentId: first.id,
        expectedVersion: 2,
        outcome: 'MISSED',
        notes: '',
      });
      expect(codeOf(keptToMissed)).toBe('BAD_USER_INPUT');
      expect(Object.keys(keptToMissed.errors![0].extensions.fieldErrors!)).toEqual(['notes']);
      expect(await snapshot()).toEqual(before);

      const missed = await recordAppointment(yjs, {
        kind: 'HEALTH',
        at: '2026-12-10T15:00:00Z',
        withWhom: 'GP registration',
        outcome: 'MISSED',
        notes: 'Surgery closed early; rebooked',
      });
      expect(missed.data.recordAppointment).toMatchObject({ outcome: 'MISSED' });
      expect(
        codeOf(
          await recordAppointment(yjs, {
            kind: 'HEALTH',
            at: '2026-12-10T15:00:00Z',
            withWhom: 'GP registration',
            outcome: 'MISSED',
            notes: 'Again',
          }),
        ),
      ).toBe('CONFLICT');
      const future = await recordAppointment(yjs, {
        kind: 'EDUCATION',
        at: '2026-12-11T09:00:00Z',
        withWhom: 'College',
        outcome: 'KEPT',
      });
      expect(codeOf(future)).toBe('BAD_USER_INPUT');
      const planned = await recordAppointment(yjs, {
        kind: 'EDUCATION',
        at: '2026-12-11T09:00:00Z',
        withWhom: 'College',
      });
      expect(planned.data.recordAppointment).toMatchObject({ outcome: 'PLANNED' });
    });

    it('assesses a barrier to engagement and its plan, and marks it addressed', async () => {
      const res = await recordBarrier(yjs, {
        barrier: 'Two buses to the YJS office',
        assessment: 'Says he cannot afford the fare and gets anxious on buses',
        planToAddress: 'Bus pass from the discharge grant; first two appointments at the foster home',
      });
      expect(res.data.recordEngagementBarrier).toMatchObject({ status: 'OPEN', version: 1 });
      const id = res.data.recordEngagementBarrier.id;
      expect(
        codeOf(
          await recordBarrier(yjs, {
            barrier: 'two buses to the YJS office ',
            assessment: 'again',
            planToAddress: 'again',
          }),
        ),
      ).toBe('CONFLICT');
      expect(codeOf(await updateBarrier(yjs, { barrierId: id, expectedVersion: 2, status: 'ADDRESSED' }))).toBe(
        'CONFLICT',
      );
      const addressed = await updateBarrier(yjs, { barrierId: id, expectedVersion: 1, status: 'ADDRESSED' });
      expect(addressed.data.updateEngagementBarrier).toMatchObject({ status: 'ADDRESSED', version: 2 });
    });

    it('records supervision compliance for a period once it has ended, with notes unless compliant', async () => {
      await moveClockTo('2026-12-18T10:00:00Z');
      const before = await snapshot();
      const noNotes = await recordSupervision(yjs, { periodEnding: '2026-12-17', compliance: 'PARTLY_COMPLIANT' });
      expect(codeOf(noNotes)).toBe('BAD_USER_INPUT');
      expect(Object.keys(noNotes.errors![0].extensions.fieldErrors!)).toEqual(['notes']);
      expect(codeOf(await recordSupervision(yjs, { periodEnding: '2026-12-19', compliance: 'COMPLIANT' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(codeOf(await recordSupervision(yjs, { periodEnding: '2026-12-09', compliance: 'COMPLIANT' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await snapshot()).toEqual(before);

      const res = await recordSupervision(yjs, {
        periodEnding: '2026-12-17',
        compliance: 'PARTLY_COMPLIANT',
        notes: 'Missed GP registration; kept both YJS appointments',
      });
      expect(res.data.recordSupervisionCheck).toMatchObject({
        periodEnding: '2026-12-17',
        compliance: 'PARTLY_COMPLIANT',
        version: 1,
      });
      expect(codeOf(await recordSupervision(yjs, { periodEnding: '2026-12-17', compliance: 'COMPLIANT' }))).toBe(
        'CONFLICT',
      );
      const corrected = await recordSupervision(yjs, {
        periodEnding: '2026-12-17',
        expectedVersion: 1,
        compliance: 'COMPLIANT',
      });
      expect(corrected.data.recordSupervisionCheck).toMatchObject({ compliance: 'COMPLIANT', notes: null, version: 2 });
    });

    it('shows everything on the plan, and every change in its history with the person who made it', async () => {
      const plan = await loadPlan();
      expect(plan.releaseDay).toMatchObject({ version: 7, metByName: 'Sam Carter', confirmedById: yjs.userId });
      expect(plan.releaseRecord).toMatchObject({
        version: 2,
        firstNightAsPlanned: false,
        eteStartedAsPlanned: false,
        firstAppointmentsKept: true,
      });
      expect(plan.appointments.map((a: any) => [a.kind, a.at, a.outcome])).toEqual([
        ['YJS', '2026-12-10T14:00:00.000Z', 'KEPT'],
        ['HEALTH', '2026-12-10T15:00:00.000Z', 'MISSED'],
        ['EDUCATION', '2026-12-11T09:00:00.000Z', 'PLANNED'],
      ]);
      expect(plan.engagementBarriers).toEqual([
        expect.objectContaining({ barrier: 'Two buses to the YJS office', status: 'ADDRESSED' }),
      ]);
      expect(plan.supervisionChecks).toEqual([
        expect.objectContaining({ periodEnding: '2026-12-17', compliance: 'COMPLIANT' }),
      ]);

      const mine = plan.history.filter((e: any) => e.type !== 'PLAN_CREATED');
      expect(mine.every((e: any) => e.recordedById === yjs.userId)).toBe(true);
      expect(mine.map((e: any) => e.type)).toEqual([
        'RELEASE_DAY_PLANNED',
        'RELEASE_DAY_PLANNED',
        'RELEASE_DAY_PLANNED',
        'RELEASE_DAY_PLANNED',
        'RELEASE_DAY_CONFIRMED',
        'RELEASE_DAY_PLANNED',
        'RELEASE_DAY_CONFIRMED',
        'APPOINTMENT_RECORDED',
        'RELEASE_RECORDED',
        'RELEASE_RECORDED',
        'APPOINTMENT_RECORDED',
        'APPOINTMENT_RECORDED',
        'APPOINTMENT_RECORDED',
        'BARRIER_ASSESSED',
        'BARRIER_ASSESSED',
        'SUPERVISION_RECORDED',
        'SUPERVISION_RECORDED',
      ]);
      const recorded = mine.find((e: any) => e.type === 'RELEASE_RECORDED');
      expect(recorded.summary).toBe('Release on 2026-12-10 recorded: first night: other, not as planned');
      const kept = mine.find((e: any) => e.type === 'APPOINTMENT_RECORDED' && e.summary.endsWith('kept'));
      expect(kept.details).toMatchObject({
        record: { type: 'ReleaseAppointment' },
        before: { outcome: 'PLANNED' },
        after: { outcome: 'KEPT' },
      });
    });

    it('leaves an audit row for every change, with the person, in the change’s own transaction', async () => {
      const rows = await t.dataSource.query(
        `SELECT action, resource_type, actor_user_id FROM audit_event WHERE child_id = $1 AND outcome = 'SUCCEEDED' AND action = ANY($2) ORDER BY id, position`,
        [
          w.a.child.id,
          [
            'planReleaseDay',
            'confirmReleaseDayPlan',
            'recordReleaseDay',
            'recordAppointment',
            'updateAppointmentOutcome',
            'recordEngagementBarrier',
            'updateEngagementBarrier',
            'recordSupervisionCheck',
          ],
        ],
      );
      expect(rows.every((r: any) => r.actor_user_id === yjs.userId)).toBe(true);
      const count = (action: string) => rows.filter((r: any) => r.action === action).length;
      expect([
        count('planReleaseDay'),
        count('confirmReleaseDayPlan'),
        count('recordReleaseDay'),
        count('recordAppointment'),
        count('updateAppointmentOutcome'),
      ]).toEqual([5, 2, 2, 3, 1]);
      expect([
        count('recordEngagementBarrier'),
        count('updateEngagementBarrier'),
        count('recordSupervisionCheck'),
      ]).toEqual([1, 1, 2]);
      expect(new Set(rows.map((r: any) => r.resource_type))).toEqual(
        new Set(['ReleaseDayPlan', 'ReleaseRecord', 'ReleaseAppointment', 'EngagementBarrier', 'SupervisionCheck']),
      );
      // Refused attempts are there too, as FAILED (content) rows.
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'planReleaseDay' AND outcome = 'FAILED' AND actor_user_id = $1`,
        [yjs.userId],
      );
      expect(n).toBeGreaterThan(0);
    });

    it('corrects an appointment recorded wrongly (kind, time, person, place), refusing a clash, a blank person and a kept one moved into the future', async () => {
      const plan = await loadPlan();
      const college = plan.appointments.find((a: { kind: string }) => a.kind === 'EDUCATION');
      const correct = (input: Record<string, unknown>) =>
        yjs.graphql(
          `mutation($input: UpdateAppointmentOutcomeInput!) { updateAppointmentOutcome(input: $input) {
            kind at withWhom place outcome version } }`,
          { input: { appointmentId: college.id, expectedVersion: college.version, outcome: 'PLANNED', ...input } },
        );
      const before = await snapshot();
      // The same kind at the time of another: refused against the time.
      const clash = await correct({ kind: 'HEALTH', at: '2026-12-10T15:00:00Z' });
      expect(codeOf(clash)).toBe('BAD_USER_INPUT');
      expect(Object.keys(clash.errors![0].extensions.fieldErrors!)).toEqual(['at']);
      // A person that is blank or null, and a kind or time sent as null: refused, each against its field.
      const blanks = await correct({ withWhom: '  ', kind: null, at: null });
      expect(codeOf(blanks)).toBe('BAD_USER_INPUT');
      expect(Object.keys(blanks.errors![0].extensions.fieldErrors!).sort()).toEqual(['at', 'kind', 'withWhom']);
      // Kept, at a time not yet come.
      const future = await correct({ outcome: 'KEPT', at: '2026-12-20T10:00:00Z' });
      expect(codeOf(future)).toBe('BAD_USER_INPUT');
      expect(Object.keys(future.errors![0].extensions.fieldErrors!)).toEqual(['outcome']);
      expect(await snapshot()).toEqual(before);

      // The college was Riverside, an hour later, in room 4, and it was kept.
      const res = await correct({
        at: '2026-12-11T10:00:00Z',
        withWhom: ' Riverside College ',
        place: 'Room 4',
        outcome: 'KEPT',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.updateAppointmentOutcome).toEqual({
        kind: 'EDUCATION',
        at: '2026-12-11T10:00:00.000Z',
        withWhom: 'Riverside College',
        place: 'Room 4',
        outcome: 'KEPT',
        version: college.version + 1,
      });
      // Left out, each is kept; the place alone can be cleared.
      const cleared = await yjs.graphql(
        `mutation($input: UpdateAppointmentOutcomeInput!) { updateAppointmentOutcome(input: $input) {
          kind at withWhom place outcome } }`,
        { input: { appointmentId: college.id, expectedVersion: college.version + 1, outcome: 'KEPT', place: null } },
      );
      expect(cleared.data.updateAppointmentOutcome).toEqual({
        kind: 'EDUCATION',
        at: '2026-12-11T10:00:00.000Z',
        withWhom: 'Riverside College',
        place: null,
        outcome: 'KEPT',
      });
      // The history says what it was corrected from.
      const { history } = await loadPlan();
      const corrected = history.filter((e: any) => e.type === 'APPOINTMENT_RECORDED').map((e: any) => e.summary);
      expect(corrected).toContain(
        'EDUCATION appointment on 2026-12-11 10:00 with Riverside College: kept (corrected from EDUCATION on 2026-12-11 09:00 with College)',
      );
    });
  });

  // ---------------------------------------------------------------- who may

  describe('who may see and change it', () => {
    it('another service’s case manager gets NOT_FOUND for side A’s plan, its records and every change, audited as DENIED', async () => {
      const other = await t.userSession({ organisationId: w.b.youthJusticeService.id, roles: [Role.YJS_CASE_MANAGER] });
      const before = await snapshot();
      const read = await other.graphql(`query($id: ID!) { resettlementPlan(episodeId: $id) { releaseDay { id } } }`, {
        id: w.a.episode.id,
      });
      expect(codeOf(read)).toBe('NOT_FOUND');
      const barrier = (await loadPlan()).engagementBarriers[0];
      for (const res of [
        await planReleaseDay(other, { expectedVersion: 7, phone: 'x' }),
        await confirm(other, 7),
        await recordReleaseDay(other, { expectedVersion: 2, notes: 'x' }),
        await recordAppointment(other, { kind: 'YJS', at: '2026-12-20T10:00:00Z', withWhom: 'x' }),
        await recordBarrier(other, { barrier: 'x', assessment: 'x', planToAddress: 'x' }),
        await updateBarrier(other, { barrierId: barrier.id, expectedVersion: barrier.version, status: 'OPEN' }),
        await recordSupervision(other, { periodEnding: '2026-12-17', compliance: 'COMPLIANT' }),
      ]) {
        expect(codeOf(res)).toBe('NOT_FOUND');
      }
      expect(await snapshot()).toEqual(before);
      const denied = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1 AND outcome = 'DENIED'`,
        [other.userId],
      );
      expect(denied[0].n).toBe(8);
    });

    it('a local authority accommodation officer gets NOT_FOUND: the role may try (it may own a pathway), but without a referral the child does not exist for them', async () => {
      const officer = await signInAgain(Role.LA_ACCOMMODATION_OFFICER);
      expect(codeOf(await planReleaseDay(officer, { expectedVersion: 7, phone: 'x' }))).toBe('NOT_FOUND');
      expect(codeOf(await recordSupervision(officer, { periodEnding: '2026-12-17', compliance: 'COMPLIANT' }))).toBe(
        'NOT_FOUND',
      );
    });

    it('a partner responsible for a pathway sees the plan but not the release day or what followed', async () => {
      const { resettlementPlan } = await yjs.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { pathways { id type version } } }`,
        { id: w.a.episode.id },
      );
      const health = resettlementPlan.pathways.find((p: any) => p.type === 'PHYSICAL_HEALTH');
      await yjs.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
        input: {
          pathwayId: health.id,
          expectedVersion: health.version,
          responsibleOrganisationId: w.a.healthProvider.id,
        },
      });
      const practitioner = await signInAgain(Role.HEALTH_PRACTITIONER);
      const seen = await practitioner.ok(
        `query($id: ID!) { resettlementPlan(episodeId: $id) { id releaseDay { id } releaseRecord { id } appointments { id } engagementBarriers { id } supervisionChecks { id } } }`,
        { id: w.a.episode.id },
      );
      expect(seen.resettlementPlan).toEqual({
        id: planId,
        releaseDay: null,
        releaseRecord: null,
        appointments: null,
        engagementBarriers: null,
        supervisionChecks: null,
      });
    });
  });
});
