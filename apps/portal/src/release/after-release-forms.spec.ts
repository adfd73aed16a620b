import { afterReleaseFieldOf, appointmentInput, barrierInput, supervisionInput } from './after-release-forms';

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
    ['supervision', 'input.notes', 'supervisionNotes'],
    ['supervision', 'input.periodEnding', 'periodEndingDay'],
    ['barrier', 'input.assessment', 'assessment'],
  ] as const)('puts the api’s %s refusal of %s against %s', (form, path, field) => {
    expect(afterReleaseFieldOf(form, path)).toBe(field);
  });
});
