import { Role } from '@resettle/access';
import { AccessWorld, buildAccessWorld } from './support/access-world';
import { Session, TestApp } from './support/test-app';

/**
 * A child's circumstances and earlier interventions, changed and removed (issue 20): a change made on a stale page is
 * refused with CONFLICT and writes nothing, bad input is refused naming the field, another organisation's child is
 * not found, and every change is a named line in the plan's history. The warning when an earlier intervention is
 * planned again is `repeatedInterventions` (its cases in repeated-interventions.spec.ts).
 */
describe('circumstances and earlier interventions', () => {
  let t: TestApp;
  let w: AccessWorld;
  let yjs: Session;
  let other: Session;
  let planId: string;

  const PLAN = `query($id: ID!) { resettlementPlan(episodeId: $id) { id
    pathways { id type }
    circumstances { id kind detail response version }
    priorInterventions { id name completedOn deliveredBy outcome version }
    repeatedInterventions { name actionId text }
    history { type summary recordedByName } } }`;
  const load = async () => (await yjs.ok(PLAN, { id: w.a.episode.id })).resettlementPlan;
  const RECORD = `mutation($input: RecordCircumstanceInput!) { recordCircumstance(input: $input) { id version response } }`;
  const REMOVE = `mutation($input: RemoveCircumstanceInput!) { removeCircumstance(input: $input) { id kind } }`;
  const RECORD_PRIOR = `mutation($input: RecordPriorInterventionInput!) { recordPriorIntervention(input: $input) { id version } }`;
  const UPDATE_PRIOR = `mutation($input: UpdatePriorInterventionInput!) { updatePriorIntervention(input: $input) { id version outcome } }`;
  const REMOVE_PRIOR = `mutation($input: RemovePriorInterventionInput!) { removePriorIntervention(input: $input) { id name } }`;
  const codeOf = (res: { errors?: { extensions: { code: string } }[] }) => res.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    t = await TestApp.start();
    w = await buildAccessWorld(t);
    yjs = w.sessions[Role.YJS_CASE_MANAGER];
    other = await t.userSession({ organisationId: w.b.youthJusticeService.id, roles: [Role.YJS_CASE_MANAGER] });
    planId = (await load()).id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('records, changes at the version read, refuses a stale change and writes nothing, then removes', async () => {
    const { recordCircumstance: first } = await yjs.ok(RECORD, {
      input: { planId, kind: 'YOUNG_CARER', detail: 'Cares for his mum', response: 'Young carers service told' },
    });
    expect(first.version).toBe(1);
    // Recording the same kind again without its version would overwrite it: refused.
    const again = await yjs.graphql(RECORD, { input: { planId, kind: 'YOUNG_CARER', response: 'Overwritten' } });
    expect(codeOf(again)).toBe('CONFLICT');
    const changed = await yjs.ok(RECORD, {
      input: { planId, kind: 'YOUNG_CARER', expectedVersion: 1, detail: 'Cares for his mum', response: 'Respite' },
    });
    expect(changed.recordCircumstance).toMatchObject({ id: first.id, version: 2, response: 'Respite' });
    // A page still showing version 1.
    const stale = await yjs.graphql(RECORD, {
      input: { planId, kind: 'YOUNG_CARER', expectedVersion: 1, response: 'From a stale page' },
    });
    expect(codeOf(stale)).toBe('CONFLICT');
    const staleRemove = await yjs.graphql(REMOVE, { input: { circumstanceId: first.id, expectedVersion: 1 } });
    expect(codeOf(staleRemove)).toBe('CONFLICT');
    expect((await load()).circumstances).toEqual([
      { id: first.id, kind: 'YOUNG_CARER', detail: 'Cares for his mum', response: 'Respite', version: 2 },
    ]);

    expect(
      (await yjs.ok(REMOVE, { input: { circumstanceId: first.id, expectedVersion: 2 } })).removeCircumstance,
    ).toEqual({ id: first.id, kind: 'YOUNG_CARER' });
    // Changing one that has gone since the page was loaded: refused, not made again.
    const gone = await yjs.graphql(RECORD, {
      input: { planId, kind: 'YOUNG_CARER', expectedVersion: 2, response: 'After removal' },
    });
    expect(codeOf(gone)).toBe('CONFLICT');
    const now = await load();
    expect(now.circumstances).toEqual([]);
    const name = (
      await t.dataSource.query(`SELECT given_name || ' ' || family_name AS name FROM app_user WHERE id = $1`, [
        yjs.userId,
      ])
    )[0]?.name;
    expect(now.history.filter((e: { type: string }) => e.type.startsWith('CIRCUMSTANCE'))).toEqual([
      { type: 'CIRCUMSTANCE_RECORDED', summary: 'Circumstance recorded: young carer', recordedByName: name },
      { type: 'CIRCUMSTANCE_RECORDED', summary: 'Circumstance changed: young carer', recordedByName: name },
      { type: 'CIRCUMSTANCE_REMOVED', summary: 'Circumstance removed: young carer', recordedByName: name },
    ]);
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await load();
    const cases: [string, object, string][] = [
      [RECORD, { planId, kind: 'EHCP', response: '' }, 'response'],
      [RECORD, { planId, kind: 'EHCP', response: 'Ok', expectedVersion: 0 }, 'expectedVersion'],
      [RECORD_PRIOR, { childId: w.a.child.id, name: '' }, 'name'],
      [RECORD_PRIOR, { childId: w.a.child.id, name: 'Boxing', completedOn: '2031-01-01' }, 'completedOn'],
      [RECORD_PRIOR, { childId: w.a.child.id, name: 'Boxing', completedOn: '2024-02-30' }, 'completedOn'],
    ];
    for (const [mutation, input, field] of cases) {
      const res = await yjs.graphql(mutation, { input });
      expect({ field, code: codeOf(res), message: res.errors?.[0]?.message }).toMatchObject({
        field,
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining(field),
      });
    }
    const after = await load();
    expect([after.circumstances, after.priorInterventions]).toEqual([before.circumstances, before.priorInterventions]);
  });

  it('changes and removes an earlier intervention at its version, and warns while one is planned again', async () => {
    const { recordPriorIntervention: prior } = await yjs.ok(RECORD_PRIOR, {
      input: { childId: w.a.child.id, name: 'Knife Crime Awareness', completedOn: '2024-06-30', deliveredBy: 'YOT' },
    });
    const changed = await yjs.ok(UPDATE_PRIOR, {
      input: { priorInterventionId: prior.id, expectedVersion: 1, outcome: 'Finished it, said it did not help' },
    });
    expect(changed.updatePriorIntervention).toMatchObject({ version: 2, outcome: 'Finished it, said it did not help' });
    const stale = await yjs.graphql(UPDATE_PRIOR, {
      input: { priorInterventionId: prior.id, expectedVersion: 1, outcome: 'Stale' },
    });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect((await load()).priorInterventions).toEqual([
      {
        id: prior.id,
        name: 'Knife Crime Awareness',
        completedOn: '2024-06-30',
        deliveredBy: 'YOT',
        outcome: 'Finished it, said it did not help',
        version: 2,
      },
    ]);

    const pathwayId = (await load()).pathways.find((p: { type: string }) => p.type === 'CONSTRUCTIVE_ACTIVITIES').id;
    const { addPathwayAction } = await yjs.ok(
      `mutation($input: AddPathwayActionInput!) { addPathwayAction(input: $input) { action { id } } }`,
      { input: { pathwayId, description: 'Group work', intervention: 'knife crime awareness' } },
    );
    expect((await load()).repeatedInterventions).toEqual([
      {
        name: 'Knife Crime Awareness',
        actionId: addPathwayAction.action.id,
        text: 'Knife Crime Awareness was already done on an earlier order (completed 2024-06-30): children say repeating an intervention is demotivating',
      },
    ]);

    const staleRemove = await yjs.graphql(REMOVE_PRIOR, {
      input: { priorInterventionId: prior.id, expectedVersion: 1 },
    });
    expect(codeOf(staleRemove)).toBe('CONFLICT');
    await yjs.ok(REMOVE_PRIOR, { input: { priorInterventionId: prior.id, expectedVersion: 2 } });
    const now = await load();
    expect([now.priorInterventions, now.repeatedInterventions]).toEqual([[], []]);
    expect(
      now.history.filter((e: { type: string }) => e.type.startsWith('PRIOR_INTERVENTION')).map((e: any) => e.summary),
    ).toEqual([
      'Done on an earlier order: Knife Crime Awareness',
      'Earlier intervention changed: Knife Crime Awareness',
      'Earlier intervention removed: Knife Crime Awareness',
    ]);
    // Each change is audited against the child.
    const audited = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE resource_type = 'PriorIntervention' AND resource_id = $1 AND child_id = $2 AND outcome = 'SUCCEEDED'
        ORDER BY id`,
      [prior.id, w.a.child.id],
    );
    expect(audited.map((r: { action: string }) => r.action)).toEqual([
      'recordPriorIntervention',
      'updatePriorIntervention',
      'removePriorIntervention',
    ]);
  });

  it('refuses another organisation’s service, writing nothing', async () => {
    const { recordCircumstance: c } = await yjs.ok(RECORD, {
      input: { planId, kind: 'DISABILITY', response: 'Ramp at the YJS office' },
    });
    const { recordPriorIntervention: p } = await yjs.ok(RECORD_PRIOR, {
      input: { childId: w.a.child.id, name: 'Boxing club' },
    });
    const refused = [
      await other.graphql(RECORD, { input: { planId, kind: 'EHCP', response: 'Not theirs' } }),
      await other.graphql(REMOVE, { input: { circumstanceId: c.id, expectedVersion: c.version } }),
      await other.graphql(RECORD_PRIOR, { input: { childId: w.a.child.id, name: 'Not theirs' } }),
      await other.graphql(UPDATE_PRIOR, { input: { priorInterventionId: p.id, expectedVersion: 1, outcome: 'No' } }),
      await other.graphql(REMOVE_PRIOR, { input: { priorInterventionId: p.id, expectedVersion: 1 } }),
    ];
    expect(refused.map(codeOf)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    const now = await load();
    expect(now.circumstances.map((x: { kind: string }) => x.kind)).toEqual(['DISABILITY']);
    expect(now.priorInterventions.map((x: { name: string }) => x.name)).toEqual(['Boxing club']);
  });
});
