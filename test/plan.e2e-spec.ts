import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * The resettlement plan built through GraphQL by the people who really build it: the youth justice case manager
 * with the child, the establishment for education and health in custody, a partner for the pathway it owns.
 */
describe('the resettlement plan', () => {
  let t: TestApp;
  let w: AccessWorld;
  let yjs: Session;
  let establishment: Session;
  let plan: { id: string; version: number; pathways: { id: string; type: string; version: number }[] };

  const PLAN = `id version status
    childVoice { selfAssessment aspirations strengths learningStyle communicationAdaptations }
    agreement { explainedOn explainedHow childAgreement childAgreementWords agreedAt blockers }
    pathways { id type version needLevel needSummary status childView childViewUnavailableReason ownerName notes
      responsibleOrganisation { id } actions { id description intervention dueDate doneOn version } }
    circumstances { kind detail response }
    priorInterventions { name orderDescription }
    history { type summary recordedById recordedByName details }`;

  const loadPlan = async (session: Session = yjs) =>
    (await session.ok(`query($id: ID!) { resettlementPlan(episodeId: $id) { ${PLAN} } }`, { id: w.a.episode.id }))
      .resettlementPlan;
  const pathway = (type: string) => plan.pathways.find((p) => p.type === type)!;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    yjs = w.sessions.YJS_CASE_MANAGER;
    establishment = w.sessions.ESTABLISHMENT_STAFF;
    plan = await loadPlan();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('starts with the custodial episode: a draft with all nine pathways, not started', async () => {
    expect((plan as any).status).toBe('DRAFT');
    expect(plan.pathways.map((p) => p.type)).toEqual([
      'ACCOMMODATION',
      'EDUCATION_TRAINING_EMPLOYMENT',
      'PHYSICAL_HEALTH',
      'MENTAL_HEALTH',
      'SUBSTANCE_MISUSE',
      'SPEECH_LANGUAGE_COMMUNICATION',
      'FAMILY_AND_RELATIONSHIPS',
      'FINANCE_BENEFITS_ID',
      'CONSTRUCTIVE_ACTIVITIES',
    ]);
    expect((plan as any).pathways.every((p: any) => p.status === 'NOT_STARTED')).toBe(true);
    const [created] = (plan as any).history;
    expect(created).toMatchObject({ type: 'PLAN_CREATED' });
    // The episode and its plan commit together: no episode exists without one.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM custodial_episode e WHERE NOT EXISTS (SELECT 1 FROM resettlement_plan p WHERE p.episode_id = e.id)`,
    );
    expect(n).toBe(0);
  });

  it('records the child’s voice in their words, keeping what was not sent', async () => {
    const first = await yjs.ok(
      `mutation($input: UpdateChildVoiceInput!) { updateChildVoice(input: $input) { version } }`,
      {
        input: {
          planId: plan.id,
          expectedVersion: plan.version,
          selfAssessment: 'I need somewhere that isn’t near my old mates',
          aspirations: 'Be a mechanic',
        },
      },
    );
    await yjs.ok(`mutation($input: UpdateChildVoiceInput!) { updateChildVoice(input: $input) { version } }`, {
      input: {
        planId: plan.id,
        expectedVersion: first.updateChildVoice.version,
        strengths: 'Good with my hands',
        learningStyle: 'Shown, not told',
        communicationAdaptations: 'Short sessions, pictures',
      },
    });
    const now = await loadPlan();
    expect(now.childVoice).toEqual({
      selfAssessment: 'I need somewhere that isn’t near my old mates',
      aspirations: 'Be a mechanic',
      strengths: 'Good with my hands',
      learningStyle: 'Shown, not told',
      communicationAdaptations: 'Short sessions, pictures',
    });
    plan = now;
  });

  it('works each pathway: need, who is responsible, status and the child’s view', async () => {
    const accommodation = pathway('ACCOMMODATION');
    const res = await yjs.ok(
      `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { version status needLevel childView } }`,
      {
        input: {
          pathwayId: accommodation.id,
          expectedVersion: accommodation.version,
          needLevel: 'HIGH',
          needSummary: 'No safe address',
          status: 'SUPPORT_REQUIRED',
          responsibleOrganisationId: w.a.localAuthority.id,
          ownerName: 'Housing officer',
          childView: 'I want to live with my nan',
        },
      },
    );
    expect(res.updatePathway).toMatchObject({
      status: 'SUPPORT_REQUIRED',
      needLevel: 'HIGH',
      childView: 'I want to live with my nan',
      version: accommodation.version + 1,
    });
  });

  it('lets the establishment work the pathways it owns while it holds the child, but no other, nor the plan as a whole', async () => {
    plan = await loadPlan();
    // Not yet theirs: nobody is named responsible for education or health.
    const notYet = await establishment.graphql(
      `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { status } }`,
      { input: { pathwayId: pathway('EDUCATION_TRAINING_EMPLOYMENT').id, expectedVersion: 1, notes: 'Not yet' } },
    );
    expect(notYet.errors?.[0].extensions.code).toBe('NOT_FOUND');
    // The case manager names the establishment responsible for education and physical health in custody.
    for (const type of ['EDUCATION_TRAINING_EMPLOYMENT', 'PHYSICAL_HEALTH']) {
      await yjs.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { id } }`, {
        input: {
          pathwayId: pathway(type).id,
          expectedVersion: pathway(type).version,
          responsibleOrganisationId: w.a.establishment.id,
        },
      });
    }
    plan = await loadPlan();
    const ete = pathway('EDUCATION_TRAINING_EMPLOYMENT');
    const mental = pathway('MENTAL_HEALTH');
    const notTheirs = await establishment.graphql(
      `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { status } }`,
      { input: { pathwayId: mental.id, expectedVersion: mental.version, notes: 'Not theirs' } },
    );
    expect(notTheirs.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const ok = await establishment.graphql(
      `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { status } }`,
      {
        input: {
          pathwayId: ete.id,
          expectedVersion: ete.version,
          status: 'IN_PROGRESS',
          needSummary: 'Level 1 maths in custody',
        },
      },
    );
    expect(ok.errors).toBeUndefined();
    const refused = await establishment.graphql(
      `mutation($input: UpdateChildVoiceInput!) { updateChildVoice(input: $input) { version } }`,
      {
        input: { planId: plan.id, expectedVersion: plan.version, aspirations: 'Not theirs to write' },
      },
    );
    expect(refused.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('warns when an action repeats an intervention the child did on an earlier order', async () => {
    await yjs.ok(`mutation($input: RecordPriorInterventionInput!) { recordPriorIntervention(input: $input) { id } }`, {
      input: {
        childId: w.a.child.id,
        name: 'Knife Crime Awareness',
        orderDescription: 'a referral order in 2024',
        completedOn: '2024-06-30',
      },
    });
    const family = pathway('FAMILY_AND_RELATIONSHIPS');
    const fresh = await yjs.ok(
      `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { warnings action { id } } }`,
      {
        input: {
          pathwayId: family.id,
          description: 'Family group conference',
          ownerName: 'Case manager',
          dueDate: '2026-12-10',
        },
      },
    );
    expect(fresh.addPathwayAction.warnings).toEqual([]);
    const repeat = await yjs.ok(
      `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { warnings action { intervention } } }`,
      {
        input: {
          pathwayId: pathway('CONSTRUCTIVE_ACTIVITIES').id,
          description: 'Group work',
          intervention: 'knife crime awareness',
        },
      },
    );
    expect(repeat.addPathwayAction.warnings).toEqual([
      'Knife Crime Awareness was already done on a referral order in 2024 (completed 2024-06-30): children say repeating an intervention is demotivating',
    ]);
    const now = await loadPlan();
    expect(now.priorInterventions).toEqual([
      { name: 'Knife Crime Awareness', orderDescription: 'a referral order in 2024' },
    ]);
    const action = now.pathways.find((p: any) => p.type === 'FAMILY_AND_RELATIONSHIPS').actions[0];
    const done = await yjs.ok(
      `mutation($input: UpdatePathwayActionInput!) { updatePathwayAction(input: $input) { doneOn version } }`,
      {
        input: { actionId: action.id, expectedVersion: action.version, doneOn: '2026-11-20' },
      },
    );
    expect(done.updatePathwayAction).toEqual({ doneOn: '2026-11-20', version: action.version + 1 });
  });

  it('records circumstances and what is being done about each', async () => {
    const { recordCircumstance: first } = await yjs.ok(
      `mutation($input: RecordCircumstanceInput!) { recordCircumstance(input: $input) { id version } }`,
      {
        input: {
          planId: plan.id,
          kind: 'LOOKED_AFTER',
          detail: 'Section 20, Authority A',
          response: 'Social worker invited to every meeting',
        },
      },
    );
    // Changing it needs the version read (circumstances.e2e-spec.ts: a stale one is refused).
    await yjs.ok(`mutation($input: RecordCircumstanceInput!) { recordCircumstance(input: $input) { id } }`, {
      input: {
        planId: plan.id,
        kind: 'LOOKED_AFTER',
        expectedVersion: first.version,
        detail: 'Section 20, Authority A',
        response: 'Social worker at every meeting; leaving-care plan started',
      },
    });
    const now = await loadPlan();
    expect(now.circumstances).toEqual([
      {
        kind: 'LOOKED_AFTER',
        detail: 'Section 20, Authority A',
        response: 'Social worker at every meeting; leaving-care plan started',
      },
    ]);
  });

  it('cannot be agreed while an active pathway lacks the child’s view, and says which', async () => {
    plan = await loadPlan();
    const explained = await yjs.ok(
      `mutation($input: RecordPlanExplanationInput!) { recordPlanExplanation(input: $input) { version } }`,
      {
        input: {
          planId: plan.id,
          expectedVersion: plan.version,
          explainedOn: '2026-11-20',
          explainedHow: 'Easy-read version, with her advocate',
          childAgreement: 'PARTLY_AGREES',
          childAgreementWords: 'Most of it is fine but I don’t want a hostel',
          parentCarerAgreement: 'AGREES',
        },
      },
    );
    const refused = await yjs.graphql(
      `mutation($input: MarkPlanAgreedInput!) { markPlanAgreed(input: $input) { status } }`,
      {
        input: { planId: plan.id, expectedVersion: explained.recordPlanExplanation.version },
      },
    );
    expect(refused.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(refused.errors?.[0].extensions.blockers).toEqual([
      'Record the child’s view on the education training employment pathway, or why it could not be had',
    ]);
    expect((await loadPlan()).status).toBe('DRAFT');

    const ete = (await loadPlan()).pathways.find((p: any) => p.type === 'EDUCATION_TRAINING_EMPLOYMENT');
    // The same blocker, with the pathway it is fixed on, for a page to link to.
    const { resettlementPlan } = await yjs.ok(
      `query($id: ID!) { resettlementPlan(episodeId: $id) { agreement { blockerDetails { text pathwayId } } } }`,
      { id: w.a.episode.id },
    );
    expect(resettlementPlan.agreement.blockerDetails).toEqual([
      {
        text: 'Record the child’s view on the education training employment pathway, or why it could not be had',
        pathwayId: ete.id,
      },
    ]);
    await yjs.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { version } }`, {
      input: { pathwayId: ete.id, expectedVersion: ete.version, childView: 'College for motor vehicle, not school' },
    });
    const agreed = await yjs.ok(
      `mutation($input: MarkPlanAgreedInput!) { markPlanAgreed(input: $input) { status agreement { agreedAt blockers childAgreementWords } } }`,
      {
        input: { planId: plan.id, expectedVersion: explained.recordPlanExplanation.version },
      },
    );
    expect(agreed.markPlanAgreed).toEqual({
      status: 'AGREED',
      agreement: {
        agreedAt: '2026-11-23T10:00:00.000Z',
        blockers: [],
        childAgreementWords: 'Most of it is fine but I don’t want a hostel',
      },
    });
  });

  it('never loses an update when two agencies edit at once', async () => {
    plan = await loadPlan();
    const health = pathway('PHYSICAL_HEALTH');
    const send = (session: Session, notes: string) =>
      session.graphql(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { version notes } }`, {
        input: { pathwayId: health.id, expectedVersion: health.version, notes },
      });
    const [a, b] = await Promise.all([
      send(yjs, 'GP registration started'),
      send(establishment, 'Dental appointment booked'),
    ]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0].errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      expectedVersion: health.version,
      currentVersion: health.version + 1,
    });
    // The loser is told the current state, so they can merge rather than overwrite.
    expect((losers[0].errors![0].extensions.current as any).notes).toBe(winners[0].data!.updatePathway.notes);
    const now = (await loadPlan()).pathways.find((p: any) => p.type === 'PHYSICAL_HEALTH');
    expect(now.notes).toBe(winners[0].data!.updatePathway.notes);
    expect(now.version).toBe(health.version + 1);
  });

  it('refuses bad input with nothing written', async () => {
    plan = await loadPlan();
    const p = pathway('MENTAL_HEALTH');
    const res = await yjs.graphql(
      `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { version } }`,
      {
        input: {
          pathwayId: p.id,
          expectedVersion: p.version,
          responsibleOrganisationId: '00000000-0000-4000-8000-000000000000',
          notes: 'x',
        },
      },
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { responsibleOrganisationId: ['No such organisation'] },
    });
    const after = (await loadPlan()).pathways.find((x: any) => x.type === 'MENTAL_HEALTH');
    expect(after.version).toBe(p.version);
    expect(after.notes).toBeNull();
  });

  it('keeps every step in the history, with who did it', async () => {
    const { history } = await loadPlan();
    const types = history.map((e: any) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'PLAN_CREATED',
        'CHILD_VOICE_UPDATED',
        'PATHWAY_UPDATED',
        'PATHWAY_ACTION_ADDED',
        'PATHWAY_ACTION_UPDATED',
        'PRIOR_INTERVENTION_RECORDED',
        'CIRCUMSTANCE_RECORDED',
        'PLAN_EXPLAINED',
        'PLAN_AGREED',
      ]),
    );
    const byEstablishment = history.find(
      (e: any) => e.type === 'PATHWAY_UPDATED' && e.recordedById === establishment.userId,
    );
    // Named, not only by id (the identity feature's user).
    const [person] = await t.dataSource.query(`SELECT given_name, family_name FROM app_user WHERE id = $1`, [
      establishment.userId,
    ]);
    expect(byEstablishment.recordedByName).toBe(`${person.given_name} ${person.family_name}`);
    expect(byEstablishment.details).toMatchObject({
      before: { status: 'NOT_STARTED' },
      after: { status: 'IN_PROGRESS' },
    });
    const audited = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE child_id = $1 AND outcome = 'SUCCEEDED'`,
      [w.a.child.id],
    );
    expect(audited[0].n).toBeGreaterThanOrEqual(history.length);
  });

  describe('a partner responsible for a pathway', () => {
    it('sees the child’s summary and that pathway only, and may work it', async () => {
      plan = await loadPlan();
      const ete = pathway('EDUCATION_TRAINING_EMPLOYMENT');
      const education = w.sessions.EDUCATION_PROVIDER;
      // Before: nothing of this child is theirs.
      const before = await education.graphql(`query($id: ID!) { child(id: $id) { id } }`, { id: w.a.child.id });
      expect(before.errors?.[0].extensions.code).toBe('NOT_FOUND');

      await yjs.ok(`mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { version } }`, {
        input: {
          pathwayId: ete.id,
          expectedVersion: ete.version,
          responsibleOrganisationId: w.a.educationProvider.id,
          ownerName: 'College admissions',
        },
      });

      const child = await education.ok(
        `query($id: ID!) { child(id: $id) { givenName age ethnicity disabilities parentsCarers { name } episodes { id } } }`,
        { id: w.a.child.id },
      );
      expect(child.child).toEqual({
        givenName: 'ChildA',
        age: 16,
        ethnicity: null,
        disabilities: ['Dyslexia'],
        parentsCarers: null,
        episodes: [],
      });
      const seen = await loadPlan(education);
      expect(seen.pathways.map((p: any) => p.type)).toEqual(['EDUCATION_TRAINING_EMPLOYMENT']);
      expect(seen).toMatchObject({
        childVoice: null,
        agreement: null,
        circumstances: null,
        priorInterventions: null,
        history: null,
      });

      const mine = seen.pathways[0];
      const worked = await education.graphql(
        `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { status } }`,
        {
          input: {
            pathwayId: mine.id,
            expectedVersion: mine.version,
            status: 'ARRANGED',
            notes: 'Place confirmed from January',
          },
        },
      );
      expect(worked.errors).toBeUndefined();
      const other = pathway('ACCOMMODATION');
      const refused = await education.graphql(
        `mutation($input: UpdatePathwayInput!) { updatePathway(input: $input) { status } }`,
        {
          input: { pathwayId: other.id, expectedVersion: 99, notes: 'Not ours' },
        },
      );
      expect(refused.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('another provider of the same kind still sees nothing', async () => {
      const elsewhere = await t.userSession({
        organisationId: w.b.educationProvider.id,
        roles: [Role.EDUCATION_PROVIDER],
        email: 'teacher.b@example.com',
      });
      const res = await elsewhere.graphql(`query($id: ID!) { resettlementPlan(episodeId: $id) { id } }`, {
        id: w.a.episode.id,
      });
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });
});
