import { custodyWorld, Directory, expectError } from './support/custody-world';
import { Session, TestApp } from './support/test-app';

/**
 * A remanded child's court hearings through the api (issue 21): scheduling the next hearing plans the deadlines that
 * make release at court possible, moving it plans them again, and the court's outcome continues the remand or ends
 * it. The clock is fixed at Monday 2026-11-23.
 */
const HEARING = `id version hearingDate court purpose outcome wentTo nextHearingId moves { from to reason }
  cancelledAt cancellationReason`;
const VIEW = `query($id: ID!) { custodialEpisode(id: $id) {
  id version status releasedAt
  hearings { ${HEARING} } nextHearing { ${HEARING} }
  milestones { key dueDate status waivedReason }
  history { type summary }
} }`;
const HEARING_KEYS = [
  'HEARING_ACCOMMODATION_OPTION_IDENTIFIED',
  'HEARING_CHILDRENS_SERVICES_INFORMED',
  'HEARING_ETE_ARRANGEMENTS',
  'HEARING_HEALTH_ARRANGEMENTS',
];

describe('court hearings of a child on remand (GraphQL, PostgreSQL, Redis)', () => {
  const world = custodyWorld();
  const { remandedChild } = world;
  let t: TestApp;
  let dir: Directory;
  let leeds: Session;
  let kent: Session;
  let wetherby: Session;
  beforeAll(() => {
    ({ t, dir, leeds, kent, wetherby } = world);
  });

  const view = async (id: string, as: Session = leeds) => (await as.ok(VIEW, { id })).custodialEpisode;
  const hearingDeadlines = (ep: any) =>
    Object.fromEntries(
      ep.milestones
        .filter((m: any) => HEARING_KEYS.includes(m.key))
        .map((m: any) => [m.key, { dueDate: m.dueDate, status: m.status }]),
    );
  const schedule = (input: Record<string, unknown>, as: Session = leeds) =>
    as.graphql(`mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { ${HEARING} } }`, {
      input,
    });
  const move = (input: Record<string, unknown>, as: Session = leeds) =>
    as.graphql(`mutation($input: MoveHearingInput!) { moveHearing(input: $input) { ${HEARING} } }`, { input });
  const cancel = (input: Record<string, unknown>, as: Session = leeds) =>
    as.graphql(`mutation($input: CancelHearingInput!) { cancelHearing(input: $input) { ${HEARING} } }`, { input });
  const outcome = (input: Record<string, unknown>, as: Session = leeds) =>
    as.graphql(`mutation($input: RecordHearingOutcomeInput!) { recordHearingOutcome(input: $input) { ${HEARING} } }`, {
      input,
    });
  async function withHearing(hearingDate: string) {
    const { child, ep } = await remandedChild();
    const res = await schedule({
      episodeId: ep.id,
      expectedVersion: ep.version,
      hearingDate,
      court: 'Leeds Youth Court',
      purpose: 'Plea and trial preparation',
    });
    expect(res.errors).toBeUndefined();
    return { child, ep, hearing: res.data!.scheduleHearing };
  }
  const rowCount = async (episodeId: string) =>
    Number(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM court_hearing WHERE episode_id = $1`, [episodeId]))[0]
        .n,
    );

  it('scheduling the next hearing plans the deadlines working days before it', async () => {
    // Monday 7 December: 5 working days before is Monday 30 November, 3 is Wednesday 2 December.
    const { ep, hearing } = await withHearing('2026-12-07');
    expect(hearing).toMatchObject({ hearingDate: '2026-12-07', court: 'Leeds Youth Court', outcome: null, moves: [] });
    const now = await view(ep.id);
    expect(now.nextHearing.id).toBe(hearing.id);
    expect(now.hearings.map((h: any) => h.id)).toEqual([hearing.id]);
    expect(hearingDeadlines(now)).toEqual({
      HEARING_ACCOMMODATION_OPTION_IDENTIFIED: { dueDate: '2026-11-30', status: 'PENDING' },
      HEARING_CHILDRENS_SERVICES_INFORMED: { dueDate: '2026-11-30', status: 'PENDING' },
      HEARING_ETE_ARRANGEMENTS: { dueDate: '2026-12-02', status: 'PENDING' },
      HEARING_HEALTH_ARRANGEMENTS: { dueDate: '2026-12-02', status: 'PENDING' },
    });
    expect(now.history.at(-1)).toMatchObject({ type: 'HEARING_SCHEDULED' });
    // The deadline engine is told in the same transaction.
    const [outbox] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'milestones.schedule' AND job_id LIKE $1`,
      [`schedule:${ep.id}:%`],
    );
    expect(outbox.n).toBeGreaterThanOrEqual(2);
  });

  it('moving the hearing, with the reason, plans its deadlines again (the establishment may move it too)', async () => {
    const { ep, hearing } = await withHearing('2026-12-07');
    const res = await move(
      {
        hearingId: hearing.id,
        expectedVersion: hearing.version,
        hearingDate: '2026-12-14',
        reason: 'Listed for trial by the court',
      },
      wetherby,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.moveHearing).toMatchObject({
      hearingDate: '2026-12-14',
      version: hearing.version + 1,
      moves: [{ from: '2026-12-07', to: '2026-12-14', reason: 'Listed for trial by the court' }],
    });
    const now = await view(ep.id);
    expect(hearingDeadlines(now)).toMatchObject({
      HEARING_ACCOMMODATION_OPTION_IDENTIFIED: { dueDate: '2026-12-07' },
      HEARING_ETE_ARRANGEMENTS: { dueDate: '2026-12-09' },
    });
    expect(now.history.at(-1).summary).toContain('moved from 2026-12-07 to 2026-12-14: Listed for trial by the court');
    // A stale version is refused, and changes nothing.
    const stale = await move({
      hearingId: hearing.id,
      expectedVersion: hearing.version,
      hearingDate: '2026-12-21',
      reason: 'Again',
    });
    expectError(stale, 'CONFLICT');
    expect((await view(ep.id)).nextHearing.hearingDate).toBe('2026-12-14');
  });

  it('cancelling a hearing: its open deadlines are waived with the reason, and the next hearing plans them again', async () => {
    const { ep, hearing } = await withHearing('2026-12-07');
    // One deadline met before the cancellation: an ETE place (the fact it is met by) stays met.
    const { id: planId } = (
      await leeds.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, { id: ep.id })
    ).resettlementPlan;
    await leeds.ok(`mutation($input: RecordEtePlacementInput!) { recordEtePlacement(input: $input) { id } }`, {
      input: {
        planId,
        provider: 'Leeds College',
        startDate: '2027-01-04',
        hoursPerWeek: 16,
        confirmedBy: 'J Patel, admissions',
      },
    });
    expect(hearingDeadlines(await view(ep.id)).HEARING_ETE_ARRANGEMENTS.status).toBe('MET');

    const res = await cancel(
      { hearingId: hearing.id, expectedVersion: hearing.version, reason: '  The court vacated the listing  ' },
      wetherby,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelHearing).toMatchObject({
      id: hearing.id,
      version: hearing.version + 1,
      outcome: null,
      cancellationReason: 'The court vacated the listing',
    });
    expect(res.data!.cancelHearing.cancelledAt).not.toBeNull();
    let now = await view(ep.id);
    expect(now.status).toBe('REMANDED');
    expect(now.nextHearing).toBeNull();
    const waived = now.milestones.filter((m: any) => HEARING_KEYS.includes(m.key) && m.status === 'WAIVED');
    expect(waived.map((m: any) => m.key).sort()).toEqual([
      'HEARING_ACCOMMODATION_OPTION_IDENTIFIED',
      'HEARING_CHILDRENS_SERVICES_INFORMED',
      'HEARING_HEALTH_ARRANGEMENTS',
    ]);
    for (const m of waived) expect(m.waivedReason).toBe('Hearing cancelled: The court vacated the listing');
    expect(hearingDeadlines(now).HEARING_ETE_ARRANGEMENTS.status).toBe('MET');
    expect(now.history.at(-1)).toMatchObject({
      type: 'HEARING_CANCELLED',
      summary: 'Hearing at Leeds Youth Court on 2026-12-07 cancelled: The court vacated the listing',
    });
    // Audited as a change of the episode, by the establishment.
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event
        WHERE outcome = 'SUCCEEDED' AND action = 'cancelHearing' AND resource_type = 'CustodialEpisode'
          AND resource_id = $1 AND actor_user_id = $2 AND detail->>'event' = 'HEARING_CANCELLED'`,
      [ep.id, wetherby.userId],
    );
    expect(audit.n).toBe(1);

    // A cancelled hearing is neither moved, given an outcome, nor cancelled again.
    const cancelled = res.data!.cancelHearing;
    const c = { hearingId: hearing.id, expectedVersion: cancelled.version };
    expectError(await cancel({ ...c, reason: 'Again' }), 'CONFLICT');
    expectError(await move({ ...c, hearingDate: '2026-12-14', reason: 'Relisted' }), 'CONFLICT');

    // The court lists it again: a new hearing may be scheduled, and its deadlines count back from it.
    const again = await schedule({
      episodeId: ep.id,
      expectedVersion: now.version,
      hearingDate: '2026-12-14',
      court: 'Leeds Youth Court',
      purpose: 'Plea and trial preparation',
    });
    expect(again.errors).toBeUndefined();
    now = await view(ep.id);
    expect(now.nextHearing.id).toBe(again.data!.scheduleHearing.id);
    expect(now.hearings.map((h: any) => h.cancellationReason)).toEqual(['The court vacated the listing', null]);
    expect(hearingDeadlines(now)).toEqual({
      HEARING_ACCOMMODATION_OPTION_IDENTIFIED: { dueDate: '2026-12-07', status: 'PENDING' },
      HEARING_CHILDRENS_SERVICES_INFORMED: { dueDate: '2026-12-07', status: 'PENDING' },
      HEARING_ETE_ARRANGEMENTS: { dueDate: '2026-12-09', status: 'MET' },
      HEARING_HEALTH_ARRANGEMENTS: { dueDate: '2026-12-09', status: 'PENDING' },
    });
  });

  it('cancelling: bad input names the field, a stale version is CONFLICT, another organisation NOT_FOUND; nothing written', async () => {
    const { ep, hearing } = await withHearing('2026-12-07');
    const snapshot = async () => ({
      hearing: (
        await t.dataSource.query(`SELECT version, cancelled_at FROM court_hearing WHERE id = $1`, [hearing.id])
      )[0],
      events: (await view(ep.id)).history.length,
    });
    const start = await snapshot();
    const c = { hearingId: hearing.id, expectedVersion: hearing.version };
    expectError(await cancel({ ...c, reason: 'x' }), 'BAD_USER_INPUT', 'reason');
    expectError(await cancel({ ...c, reason: '     ' }), 'BAD_USER_INPUT', 'reason');
    expectError(await cancel({ ...c, reason: 'y'.repeat(1001) }), 'BAD_USER_INPUT', 'reason');
    expectError(await cancel({ ...c, hearingId: 'not-a-uuid', reason: 'Vacated' }), 'BAD_USER_INPUT', 'hearingId');
    expectError(await cancel({ ...c, expectedVersion: 0, reason: 'Vacated' }), 'BAD_USER_INPUT', 'expectedVersion');
    expectError(await cancel({ ...c, expectedVersion: hearing.version + 1, reason: 'Vacated' }), 'CONFLICT');
    expectError(await cancel({ ...c, reason: 'Vacated' }, kent), 'NOT_FOUND');
    expect(await snapshot()).toEqual(start);
    expect((await view(ep.id)).nextHearing.id).toBe(hearing.id);
    // One with its outcome recorded has taken place: it cannot be cancelled.
    const { hearing: today } = await withHearing('2026-11-23');
    const bailed = await outcome({
      hearingId: today.id,
      expectedVersion: today.version,
      outcome: 'RELEASED_ON_BAIL',
      wentTo: 'Home',
    });
    expect(bailed.errors).toBeUndefined();
    expectError(
      await cancel({ hearingId: today.id, expectedVersion: bailed.data!.recordHearingOutcome.version, reason: 'Late' }),
      'CONFLICT',
    );
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const { ep } = await remandedChild();
    const base = { episodeId: ep.id, expectedVersion: ep.version, court: 'Leeds Youth Court', purpose: 'Trial' };
    expectError(await schedule({ ...base, hearingDate: '2026-11-20' }), 'BAD_USER_INPUT', 'hearingDate');
    expectError(await schedule({ ...base, hearingDate: '2026-13-40' }), 'BAD_USER_INPUT', 'hearingDate');
    expectError(await schedule({ ...base, hearingDate: '2026-12-07', court: '' }), 'BAD_USER_INPUT', 'court');
    expect(await rowCount(ep.id)).toBe(0);

    const { ep: ep2, hearing } = await withHearing('2026-11-23');
    // One next hearing at a time.
    expectError(
      await schedule({
        ...base,
        episodeId: ep2.id,
        expectedVersion: (await view(ep2.id)).version,
        hearingDate: '2026-12-20',
      }),
      'CONFLICT',
    );
    const o = { hearingId: hearing.id, expectedVersion: hearing.version };
    expectError(await outcome({ ...o, outcome: 'REMANDED' }), 'BAD_USER_INPUT', 'nextHearingDate');
    expectError(await outcome({ ...o, outcome: 'RELEASED_ON_BAIL' }), 'BAD_USER_INPUT', 'wentTo');
    expectError(await outcome({ ...o, outcome: 'SENTENCED' }), 'BAD_USER_INPUT', 'sentence');
    expectError(
      await move({ ...o, hearingDate: '2026-11-01', reason: 'Typed the wrong date' }),
      'BAD_USER_INPUT',
      'hearingDate',
    );
    const after = await view(ep2.id);
    expect(after.status).toBe('REMANDED');
    expect(after.hearings).toHaveLength(1);
    expect(after.nextHearing).toMatchObject({ hearingDate: '2026-11-23', outcome: null });

    // An outcome before the hearing's day is refused.
    const { hearing: later } = await withHearing('2026-12-01');
    expectError(
      await outcome({
        hearingId: later.id,
        expectedVersion: later.version,
        outcome: 'RELEASED_ON_BAIL',
        wentTo: 'Home',
      }),
      'BAD_USER_INPUT',
      'outcome',
    );
  });

  it('another organisation is told NOT_FOUND, and nothing is written', async () => {
    const { ep, hearing } = await withHearing('2026-12-07');
    const refused = await schedule(
      { episodeId: ep.id, expectedVersion: ep.version, hearingDate: '2026-12-20', court: 'Leeds', purpose: 'Trial' },
      kent,
    );
    expectError(refused, 'NOT_FOUND');
    expectError(
      await move(
        { hearingId: hearing.id, expectedVersion: hearing.version, hearingDate: '2026-12-21', reason: 'x x' },
        kent,
      ),
      'NOT_FOUND',
    );
    expectError(
      await outcome(
        { hearingId: hearing.id, expectedVersion: hearing.version, outcome: 'RELEASED_ON_BAIL', wentTo: 'Home' },
        kent,
      ),
      'NOT_FOUND',
    );
    expect((await view(ep.id)).nextHearing).toMatchObject({ id: hearing.id, hearingDate: '2026-12-07' });
    const [audit] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'DENIED' AND actor_user_id = $1`,
      [kent.userId],
    );
    expect(audit.n).toBeGreaterThanOrEqual(3);
  });

  it('remanded again: the next hearing is scheduled and the deadlines follow it', async () => {
    const { ep, hearing } = await withHearing('2026-11-23');
    const res = await outcome({
      hearingId: hearing.id,
      expectedVersion: hearing.version,
      outcome: 'REMANDED',
      nextHearingDate: '2026-12-21',
    });
    expect(res.errors).toBeUndefined();
    const now = await view(ep.id);
    expect(now.status).toBe('REMANDED');
    expect(now.hearings).toHaveLength(2);
    expect(now.hearings[0]).toMatchObject({ outcome: 'REMANDED', nextHearingId: now.nextHearing.id });
    expect(now.nextHearing).toMatchObject({ hearingDate: '2026-12-21', court: 'Leeds Youth Court', outcome: null });
    // Monday 21 December: 5 working days before is the 14th, 3 the 16th.
    expect(hearingDeadlines(now)).toMatchObject({
      HEARING_CHILDRENS_SERVICES_INFORMED: { dueDate: '2026-12-14', status: 'PENDING' },
      HEARING_HEALTH_ARRANGEMENTS: { dueDate: '2026-12-16', status: 'PENDING' },
    });
  });

  it('released on bail: the episode ends with where the child went; the hearing deadlines no longer apply', async () => {
    const { ep, hearing } = await withHearing('2026-11-23');
    const res = await outcome(
      {
        hearingId: hearing.id,
        expectedVersion: hearing.version,
        outcome: 'RELEASED_ON_BAIL',
        wentTo: 'Home to their mother, with a curfew',
      },
      wetherby,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordHearingOutcome).toMatchObject({
      outcome: 'RELEASED_ON_BAIL',
      wentTo: 'Home to their mother, with a curfew',
    });
    const now = await view(ep.id);
    expect(now.status).toBe('RELEASED');
    expect(now.releasedAt).not.toBeNull();
    expect(now.nextHearing).toBeNull();
    for (const m of now.milestones.filter((m: any) => HEARING_KEYS.includes(m.key))) {
      expect(m).toMatchObject({ status: 'WAIVED', waivedReason: 'Does not apply: the child is no longer on remand' });
    }
    expect(now.history.at(-1).summary).toContain('released on bail; went to Home to their mother, with a curfew');
  });

  describe('the sentence page (recordSentence) while a hearing waits for its outcome', () => {
    const recordSentence = (input: Record<string, unknown>) =>
      leeds.graphql(`mutation($input: RecordSentenceInput!) { recordSentence(input: $input) { id version status } }`, {
        input,
      });
    const dto = (sentenceDate: string) => ({
      sentenceType: 'DTO',
      sentenceDate,
      termMonths: 12,
      taggedBailDays: 0,
      qualifyingSeriousOffence: false,
      excludedFromFortyPercentRelease: false,
    });

    it('sentenced on the hearing day or later: that hearing’s outcome is recorded as SENTENCED, not left waiting', async () => {
      const { ep, hearing } = await withHearing('2026-11-23');
      const before = await view(ep.id);
      const res = await recordSentence({
        episodeId: ep.id,
        expectedVersion: before.version,
        sentence: dto('2026-11-23'),
      });
      expect(res.errors).toBeUndefined();
      const now = await view(ep.id);
      expect(now.status).toBe('SENTENCED');
      expect(now.nextHearing).toBeNull();
      expect(now.hearings).toEqual([
        expect.objectContaining({ id: hearing.id, outcome: 'SENTENCED', version: hearing.version + 1 }),
      ]);
      for (const m of now.milestones.filter((m: any) => HEARING_KEYS.includes(m.key))) {
        expect(m).toMatchObject({ status: 'WAIVED', waivedReason: 'Does not apply: the child was sentenced' });
      }
      expect(now.history.at(-1)).toMatchObject({ type: 'SENTENCE_RECORDED' });
      expect(now.history.at(-1).summary).toMatch(
        /^Hearing at Leeds Youth Court on 2026-11-23: sentenced\. Sentence recorded: DTO 12 months from 2026-11-23/,
      );
      const [row] = await t.dataSource.query(
        `SELECT outcome_recorded_at IS NOT NULL AS recorded, outcome_recorded_by_id FROM court_hearing WHERE id = $1`,
        [hearing.id],
      );
      expect(row).toEqual({ recorded: true, outcome_recorded_by_id: leeds.userId });
    });

    it('sentenced before the hearing waiting: refused naming the sentence date, and nothing is written', async () => {
      const { ep, hearing } = await withHearing('2026-12-07');
      const before = await view(ep.id);
      const sentences = async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM sentence WHERE episode_id = $1`, [ep.id]))[0].n;
      const res = await recordSentence({
        episodeId: ep.id,
        expectedVersion: before.version,
        sentence: dto('2026-11-20'),
      });
      expectError(res, 'BAD_USER_INPUT', 'sentence.sentenceDate');
      expect(res.errors![0].message).toContain(
        'The hearing at Leeds Youth Court on 2026-12-07 is still waiting for its outcome, and the sentence date 2026-11-20 is before it',
      );
      const now = await view(ep.id);
      expect(now).toMatchObject({ status: 'REMANDED', version: before.version });
      expect(now.history).toHaveLength(before.history.length);
      expect(now.nextHearing).toMatchObject({ id: hearing.id, outcome: null, version: hearing.version });
      expect(await sentences()).toBe(0);
      // Cancelled with the reason (the listing was brought forward), the sentence is recorded.
      const cancelled = await cancel({
        hearingId: hearing.id,
        expectedVersion: hearing.version,
        reason: 'Brought forward: sentenced at Leeds Youth Court on 2026-11-20',
      });
      expect(cancelled.errors).toBeUndefined();
      const ok = await recordSentence({
        episodeId: ep.id,
        expectedVersion: (await view(ep.id)).version,
        sentence: dto('2026-11-20'),
      });
      expect(ok.errors).toBeUndefined();
      expect((await view(ep.id)).hearings).toEqual([
        expect.objectContaining({ id: hearing.id, outcome: null, cancellationReason: expect.any(String) }),
      ]);
    });
  });

  it('sentenced: into the sentence flow, and the hearing deadlines no longer apply', async () => {
    const { ep, hearing } = await withHearing('2026-11-23');
    const res = await outcome({
      hearingId: hearing.id,
      expectedVersion: hearing.version,
      outcome: 'SENTENCED',
      sentence: {
        sentenceType: 'DTO',
        sentenceDate: '2026-11-23',
        termMonths: 12,
        taggedBailDays: 0,
        qualifyingSeriousOffence: false,
        excludedFromFortyPercentRelease: false,
      },
    });
    expect(res.errors).toBeUndefined();
    const now = await view(ep.id);
    expect(now.status).toBe('SENTENCED');
    expect(now.nextHearing).toBeNull();
    for (const m of now.milestones.filter((m: any) => HEARING_KEYS.includes(m.key))) {
      expect(m).toMatchObject({ status: 'WAIVED', waivedReason: 'Does not apply: the child was sentenced' });
    }
    expect(now.history.at(-1)).toMatchObject({ type: 'HEARING_OUTCOME_RECORDED' });
    expect(now.history.at(-1).summary).toContain('Sentence recorded: DTO 12 months from 2026-11-23');
    void dir;
  });
  describe("children's services informed of the hearing: a recorded fact, never a pathway's status", () => {
    const INFORM = `mutation($input: RecordChildrensServicesInformedInput!) {
      recordChildrensServicesInformed(input: $input) { id hearingId hearingDate localAuthorityId informedOn informedBy informedWhom } }`;
    const PLAN = `query($id: ID!) { resettlementPlan(episodeId: $id) { id
      pathways { id type version }
      childrensServicesInformed { id hearingId informedOn }
      history { type summary } } }`;
    const planOf = async (episodeId: string) => (await leeds.ok(PLAN, { id: episodeId })).resettlementPlan;
    const informedDeadline = async (episodeId: string, as: Session = leeds) =>
      (
        await as.ok(`query($id: ID!) { milestones(episodeId: $id) { key status evidence escalationLevel } }`, {
          id: episodeId,
        })
      ).milestones.find((m: any) => m.key === 'HEARING_CHILDRENS_SERVICES_INFORMED');
    /** A remanded child whose home authority is Leeds, with a hearing on `hearingDate`. */
    async function childWithHearing(
      hearingDate: string,
      child: Record<string, unknown> = { homeAuthorityId: dir.leeds.id },
    ) {
      const { id: childId } = await world.registerChild(child);
      const ep = await world.mutateOk('startCustodialEpisode', {
        childId,
        establishmentId: dir.wetherby.id,
        supervisingServiceId: dir.leedsYjs.id,
        remandDate: '2026-11-02',
      });
      const res = await schedule({
        episodeId: ep.id,
        expectedVersion: ep.version,
        hearingDate,
        court: 'Leeds Youth Court',
        purpose: 'Bail application',
      });
      expect(res.errors).toBeUndefined();
      return { ep, hearing: res.data!.scheduleHearing, plan: await planOf(ep.id) };
    }

    it('is met by the record of the hearing waiting, with who and when as evidence; a further remand needs it again', async () => {
      const { ep, hearing, plan } = await childWithHearing('2026-11-24');
      // The family pathway owned and started is a status: it meets nothing now.
      const family = plan.pathways.find((p: any) => p.type === 'FAMILY_AND_RELATIONSHIPS');
      await leeds.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
        input: {
          pathwayId: family.id,
          expectedVersion: family.version,
          responsibleOrganisationId: dir.leeds.id,
          status: 'IN_PROGRESS',
        },
      });
      expect(await informedDeadline(ep.id)).toMatchObject({ status: 'PENDING', evidence: null });

      const { recordChildrensServicesInformed: told } = await leeds.ok(INFORM, {
        input: {
          planId: plan.id,
          hearingId: hearing.id,
          informedOn: '2026-11-20',
          informedBy: '  Priya Tester, case manager ',
          informedWhom: 'Leeds duty social work team',
        },
      });
      expect(told).toMatchObject({
        hearingId: hearing.id,
        hearingDate: '2026-11-24',
        localAuthorityId: dir.leeds.id,
        informedOn: '2026-11-20',
        informedBy: 'Priya Tester, case manager',
        informedWhom: 'Leeds duty social work team',
      });
      expect(await informedDeadline(ep.id)).toMatchObject({
        status: 'MET',
        evidence: {
          type: 'ChildrensServicesInformed',
          id: told.id,
          hearingId: hearing.id,
          hearingDate: '2026-11-24',
          localAuthorityId: dir.leeds.id,
          informedOn: '2026-11-20',
          informedBy: 'Priya Tester, case manager',
        },
      });
      const after = await planOf(ep.id);
      expect(after.childrensServicesInformed).toEqual([
        { id: told.id, hearingId: hearing.id, informedOn: '2026-11-20' },
      ]);
      expect(after.history.at(-1)).toMatchObject({
        type: 'CHILDRENS_SERVICES_INFORMED',
        summary:
          "Children's services (Leeds City Council) told of the hearing on 2026-11-24 at Leeds Youth Court, on 2026-11-20 by Priya Tester, case manager (told: Leeds duty social work team)",
      });
      const [audit] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'recordChildrensServicesInformed' AND outcome = 'SUCCEEDED'
            AND resource_type = 'ChildrensServicesInformed' AND resource_id = $1 AND child_id = $2`,
        [told.id, ep.childId],
      );
      expect(audit.n).toBe(1);

      // The hearing day: remanded again to another hearing, which children's services must be told of in turn.
      const before = t.clock.now();
      try {
        t.clock.set('2026-11-24T15:00:00Z');
        // Access tokens last 15 minutes of the api's clock: sign in again on the hearing day.
        const later = await t.signIn('leeds.manager@example.com', TestApp.TEST_PASSWORD);
        const fresh = (await view(ep.id, later)).nextHearing;
        const remanded = await outcome(
          { hearingId: fresh.id, expectedVersion: fresh.version, outcome: 'REMANDED', nextHearingDate: '2026-12-21' },
          later,
        );
        expect(remanded.errors).toBeUndefined();
        expect(await informedDeadline(ep.id, later)).toMatchObject({
          status: 'PENDING',
          evidence: null,
          escalationLevel: 0,
        });
        const next = (await view(ep.id, later)).nextHearing;
        await later.ok(INFORM, {
          input: { planId: plan.id, hearingId: next.id, informedOn: '2026-11-24', informedBy: 'Priya Tester' },
        });
        expect(await informedDeadline(ep.id, later)).toMatchObject({
          status: 'MET',
          evidence: { hearingId: next.id, hearingDate: '2026-12-21', informedWhom: null },
        });
      } finally {
        t.clock.set(before);
      }
    });

    it.each<[string, Record<string, unknown>, string, string | null]>([
      ['a day in the future', { informedOn: '2026-11-24' }, 'BAD_USER_INPUT', 'informedOn'],
      ['a day before custody began', { informedOn: '2026-11-01' }, 'BAD_USER_INPUT', 'informedOn'],
      ['the hearing day itself (not before it)', { informedOn: 'HEARING_DAY' }, 'BAD_USER_INPUT', 'informedOn'],
      ['a malformed day', { informedOn: '20/11/2026' }, 'BAD_USER_INPUT', 'informedOn'],
      ['no one named as telling them', { informedBy: '' }, 'BAD_USER_INPUT', 'informedBy'],
      ["another child's hearing", { hearingId: 'OTHER' }, 'BAD_USER_INPUT', 'hearingId'],
      ['a hearing already cancelled', { hearingId: 'CANCELLED' }, 'CONFLICT', null],
      ['a child with no local authority recorded', { child: 'NO_AUTHORITY' }, 'CONFLICT', null],
    ])('refuses %s (%s), and writes nothing', async (_case, bad, code, field) => {
      const hearingDate = bad.informedOn === 'HEARING_DAY' ? '2026-11-23' : '2026-12-07';
      const { ep, hearing, plan } = await childWithHearing(
        hearingDate,
        bad.child === 'NO_AUTHORITY' ? {} : { homeAuthorityId: dir.leeds.id },
      );
      const input: Record<string, unknown> = {
        planId: plan.id,
        hearingId: hearing.id,
        informedOn: '2026-11-20',
        informedBy: 'Priya Tester',
        ...bad,
      };
      delete input.child;
      if (input.informedOn === 'HEARING_DAY') input.informedOn = hearingDate;
      if (input.hearingId === 'OTHER') input.hearingId = (await childWithHearing('2026-12-07')).hearing.id;
      if (input.hearingId === 'CANCELLED') {
        input.hearingId = hearing.id;
        const res = await cancel({ hearingId: hearing.id, expectedVersion: hearing.version, reason: 'Vacated' });
        expect(res.errors).toBeUndefined();
      }
      expectError(await leeds.graphql(INFORM, { input }), code, field ?? undefined);
      expect((await planOf(ep.id)).childrensServicesInformed).toEqual([]);
      expect((await informedDeadline(ep.id))?.status).not.toBe('MET');
    });

    it('only the supervising service records it: the establishment holding the child, and Kent, are told NOT_FOUND', async () => {
      const { ep, hearing, plan } = await childWithHearing('2026-12-07');
      const input = { planId: plan.id, hearingId: hearing.id, informedOn: '2026-11-20', informedBy: 'Someone' };
      expectError(await wetherby.graphql(INFORM, { input }), 'NOT_FOUND');
      expectError(await kent.graphql(INFORM, { input }), 'NOT_FOUND');
      expect((await planOf(ep.id)).childrensServicesInformed).toEqual([]);
    });
  });
});
