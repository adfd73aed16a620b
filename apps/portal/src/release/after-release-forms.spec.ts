import {
  afterReleaseFieldOf,
  answersOf,
  appointmentChangeInput,
  appointmentInput,
  barrierChangeInput,
  barrierInput,
  changeValuesOf,
  supervisionChangeInput,
  supervisionInput,
} from './after-release-forms';

const PLAN = 'plan-1';
const appointment = {
  kind: 'HEALTH',
  atDay: '5',
  atMonth: '1',
  atYear: '2027',
  atTime: '14:00',
  withWhom: 'GP',
  outcome: 'KEPT',
};

describe('the after-release forms', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['nothing', {}, ['kind', 'atDay', 'withWhom', 'outcome']],
    ['missed without why', { ...appointment, outcome: 'MISSED' }, ['notes']],
    ['missed with blanks for why', { ...appointment, outcome: 'MISSED', notes: '  ' }, ['notes']],
    ['no time', { ...appointment, atTime: '' }, ['atTime']],
    ['planned (not kept or missed)', { ...appointment, outcome: 'PLANNED' }, ['outcome']],
  ])('refuses an appointment with %s against %j', (_what, values, fields) => {
    expect(Object.keys(appointmentInput(PLAN, values).errors!.byField)).toEqual(fields);
  });

  it('sends a missed appointment with why, at London time (GMT in January)', () => {
    expect(appointmentInput(PLAN, { ...appointment, outcome: 'MISSED', notes: ' No fare ' }).input).toEqual({
      planId: PLAN,
      kind: 'HEALTH',
      at: '2027-01-05T14:00:00.000Z',
      withWhom: 'GP',
      place: null,
      outcome: 'MISSED',
      notes: 'No fare',
    });
  });

  it.each<[Record<string, string>, string | string[]]>([
    [{ barrier: 'Money', assessment: 'a', planToAddress: 'p' }, 'Money'],
    [{ barrier: 'OTHER', otherBarrier: ' Distrust ', assessment: 'a', planToAddress: 'p' }, 'Distrust'],
    [{ barrier: 'OTHER', assessment: 'a', planToAddress: 'p' }, ['otherBarrier']],
    [{}, ['barrier', 'assessment', 'planToAddress']],
  ])('a barrier from %j: %j', (values, expected) => {
    const { input, errors } = barrierInput(PLAN, values);
    if (typeof expected === 'string') expect(input?.barrier).toBe(expected);
    else expect(Object.keys(errors!.byField)).toEqual(expected);
  });

  it.each<[Record<string, string>, string[] | null]>([
    [{ periodEndingDay: '3', periodEndingMonth: '1', periodEndingYear: '2027', compliance: 'COMPLIANT' }, null],
    [
      { periodEndingDay: '3', periodEndingMonth: '1', periodEndingYear: '2027', compliance: 'NON_COMPLIANT' },
      ['supervisionNotes'],
    ],
    [{ periodEndingDay: '31', periodEndingMonth: '2', periodEndingYear: '2027' }, ['periodEndingDay', 'compliance']],
  ])('a supervision check from %j: errors %j', (values, fields) => {
    const { errors } = supervisionInput(PLAN, values);
    expect(errors ? Object.keys(errors.byField) : null).toEqual(fields);
  });

  it.each([
    ['appointment', 'input.notes', 'notes'],
    ['appointment', 'input.at', 'atDay'],
    ['appointment', 'input.planId', 'kind'],
    ['appointment', 'input.place', 'place'],
    ['supervision', 'input.notes', 'supervisionNotes'],
    ['supervision', 'input.periodEnding', 'periodEndingDay'],
    ['barrier', 'input.assessment', 'assessment'],
  ] as const)('puts the api’s %s refusal of %s against %s', (form, path, field) => {
    expect(afterReleaseFieldOf(form, path)).toBe(field);
  });

  describe('changing a record already there', () => {
    const change = { ...appointment, expectedVersion: '3' };
    it.each<[string, Record<string, string>, string[]]>([
      ['nothing but the version', { expectedVersion: '2' }, ['kind', 'atDay', 'withWhom', 'outcome']],
      ['missed without why', { ...change, outcome: 'MISSED', notes: ' ' }, ['notes']],
      ['no person', { ...change, withWhom: '  ' }, ['withWhom']],
      ['a time the clocks skip', { ...change, atDay: '28', atMonth: '3', atTime: '01:30' }, ['atTime']],
      ['no version (a page out of date)', { ...appointment }, ['kind']],
    ])('refuses an appointment change with %s', (_what, values, fields) => {
      expect(Object.keys(appointmentChangeInput('a-1', values).errors!.byField)).toEqual(fields);
    });

    it('sends the correction and the outcome at the version shown (an empty box clears the place and the notes)', () => {
      expect(
        appointmentChangeInput('a-1', { ...change, atMonth: '7', withWhom: ' Dr Shah ', place: ' ', notes: '' }).input,
      ).toEqual({
        appointmentId: 'a-1',
        expectedVersion: 3,
        kind: 'HEALTH',
        at: '2027-07-05T13:00:00.000Z',
        withWhom: 'Dr Shah',
        place: null,
        outcome: 'KEPT',
        notes: null,
      });
    });

    it('refuses a barrier change with nothing in it, and sends a whole one', () => {
      expect(Object.keys(barrierChangeInput('b-1', { expectedVersion: '1' }).errors!.byField)).toEqual([
        'barrier',
        'assessment',
        'planToAddress',
        'status',
      ]);
      const values = {
        expectedVersion: '1',
        barrier: ' Money ',
        assessment: 'a',
        planToAddress: 'p',
        status: 'ADDRESSED',
      };
      expect(barrierChangeInput('b-1', values).input).toEqual({
        barrierId: 'b-1',
        expectedVersion: 1,
        barrier: 'Money',
        assessment: 'a',
        planToAddress: 'p',
        status: 'ADDRESSED',
      });
    });

    it('corrects a supervision check for the same period, notes required unless compliant', () => {
      expect(
        Object.keys(
          supervisionChangeInput('p', '2027-01-31', { expectedVersion: '1', compliance: 'NON_COMPLIANT' }).errors!
            .byField,
        ),
      ).toEqual(['supervisionNotes']);
      expect(
        supervisionChangeInput('p', '2027-01-31', { expectedVersion: '2', compliance: 'COMPLIANT' }).input,
      ).toEqual({
        planId: 'p',
        expectedVersion: 2,
        periodEnding: '2027-01-31',
        compliance: 'COMPLIANT',
        notes: null,
      });
    });

    it('fills the change form from the record, and says the answers in words', () => {
      const values = changeValuesOf('appointment', {
        id: 'a-1',
        kind: 'HEALTH',
        at: '2027-07-05T13:00:00.000Z',
        withWhom: 'GP',
        place: null,
        outcome: 'MISSED',
        notes: 'No fare',
        version: 2,
      });
      // The time in London (BST in July).
      expect(values).toEqual({
        expectedVersion: '2',
        kind: 'HEALTH',
        atDay: '5',
        atMonth: '7',
        atYear: '2027',
        atTime: '14:00',
        withWhom: 'GP',
        place: '',
        outcome: 'MISSED',
        notes: 'No fare',
      });
      expect(answersOf('appointment', values, true)).toEqual([
        { label: 'What the appointment was', text: 'Health' },
        { label: 'When', text: '5/7/2027 at 14:00' },
        { label: 'Who it was with', text: 'GP' },
        { label: 'Where', text: '' },
        { label: 'What happened', text: 'Missed' },
        { label: 'Notes, and why it was missed', text: 'No fare' },
      ]);
      expect(changeValuesOf('supervision', { compliance: 'COMPLIANT', notes: null, version: 1 })).toEqual({
        expectedVersion: '1',
        compliance: 'COMPLIANT',
        supervisionNotes: '',
      });
    });
  });

  it('says a new record’s answers in words for the check step', () => {
    expect(
      answersOf('barrier', { barrier: 'OTHER', otherBarrier: 'Distrust', assessment: 'a', planToAddress: 'p' }, false),
    ).toEqual([
      { label: 'The barrier', text: 'Distrust' },
      { label: 'How it was assessed', text: 'a' },
      { label: 'The plan to address it', text: 'p' },
    ]);
    expect(answersOf('appointment', appointment, false)[1]).toEqual({ label: 'When', text: '5/1/2027 at 14:00' });
  });
});
