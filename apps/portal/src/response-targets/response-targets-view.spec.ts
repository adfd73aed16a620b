import { fieldOfTargetPath, workingDaysText } from './response-targets-view';

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
});
