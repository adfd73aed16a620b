import {
  answerText,
  fieldOfTargetPath,
  StepTarget,
  targetsInput,
  valuesOfTargets,
  workingDaysText,
} from './response-targets-view';

describe('response targets view', () => {
  it.each([
    ['input.targets.0.workingDays', 'acknowledge'],
    ['targets.1.workingDays', 'answer'],
    ['input.targets.3.step', 'confirm'],
    ['input.targets.7.workingDays', undefined],
    ['input.organisationId', undefined],
  ])('the field of %s is %s', (path, field) => {
    expect(fieldOfTargetPath(path)).toBe(field);
  });

  it.each([
    [1, '1 working day'],
    [2, '2 working days'],
    [60, '60 working days'],
  ])('%i reads %s', (days, text) => {
    expect(workingDaysText(days)).toBe(text);
  });

  const target = (step: string, workingDays: number, ownTarget: boolean, national: number): StepTarget => ({
    step,
    workingDays,
    ownTarget,
    nationalWorkingDays: national,
    version: 3,
  });
  const targets = [
    target('ACKNOWLEDGE', 2, false, 2),
    target('ANSWER', 3, false, 3),
    target('OFFER', 7, true, 10),
    target('CONFIRM', 3, true, 3),
  ];

  it('a council’s form starts from its choices: the default with nothing typed, or its own figure', () => {
    expect(valuesOfTargets(targets, false)).toEqual({
      expectedVersion: '3',
      acknowledgeChoice: 'default',
      acknowledge: '',
      answerChoice: 'default',
      answer: '',
      offerChoice: 'own',
      offer: '7',
      // Its own figure, though the same as the default: the council chose it, so it stays its own.
      confirmChoice: 'own',
      confirm: '3',
    });
  });

  it('the national defaults’ form has figures and no choices', () => {
    expect(valuesOfTargets(targets, true)).toEqual({
      expectedVersion: '3',
      acknowledge: '2',
      answer: '3',
      offer: '7',
      confirm: '3',
    });
  });

  it.each<[string, Record<string, string>, boolean, (number | null)[]]>([
    [
      'a council: null where a step uses the default, whatever was typed in its box',
      {
        acknowledgeChoice: 'default',
        acknowledge: '9',
        answerChoice: 'own',
        answer: '4',
        offerChoice: 'default',
        offer: '',
        confirmChoice: 'own',
        confirm: '3',
      },
      false,
      [null, 4, null, 3],
    ],
    [
      'the national defaults: every figure',
      { acknowledge: '2', answer: '3', offer: '10', confirm: '3' },
      true,
      [2, 3, 10, 3],
    ],
  ])('the api’s targets for %s', (_what, values, isDefaults, expected) => {
    expect(targetsInput(values, isDefaults).map((t) => t.workingDays)).toEqual(expected);
    expect(targetsInput(values, isDefaults).map((t) => t.step)).toEqual(['ACKNOWLEDGE', 'ANSWER', 'OFFER', 'CONFIRM']);
  });

  it.each<[Record<string, string>, boolean, string]>([
    [{ offerChoice: 'default', offer: '5' }, false, 'National default: 10 working days'],
    [{ offerChoice: 'own', offer: '5' }, false, 'Your council’s own: 5 working days'],
    [{ offerChoice: 'own', offer: 'five' }, false, 'Your council’s own: five'],
    [{ offer: '1' }, true, '1 working day'],
  ])('%j reads in words', (values, isDefaults, text) => {
    expect(answerText(values, 'offer', 10, isDefaults)).toBe(text);
  });
});
