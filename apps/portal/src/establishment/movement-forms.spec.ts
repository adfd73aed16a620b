import { validateForm } from '../forms/form-errors';
import {
  mayRecall,
  mayTransferSupervision,
  movementDayProblem,
  releaseDepartureWords,
  ReleaseForm,
  releaseInput,
  SupervisionTransferForm,
  supervisionTransferInput,
  TransferForm,
} from './movement-forms';

describe('the movement forms', () => {
  it.each([
    [{}, ['releasedAtDay', 'releasedAtTime']],
    [{ releasedAtDay: '23', releasedAtMonth: '11', releasedAtYear: '2026', releasedAtTime: '9' }, ['releasedAtTime']],
    [{ releasedAtDay: '23', releasedAtMonth: '11', releasedAtYear: '2026', releasedAtTime: '10:30' }, []],
    [
      {
        releasedAtDay: '23',
        releasedAtMonth: '11',
        releasedAtYear: '2026',
        releasedAtTime: '2pm',
        reasonForDifferentDay: 'x',
      },
      ['reasonForDifferentDay'],
    ],
  ])('a release %j has errors on %j', (values, fields) => {
    const { errors } = validateForm(ReleaseForm, values);
    expect(Object.keys(errors?.byField ?? {})).toEqual(fields);
  });

  it('a transfer needs where to, the day and the reason', () => {
    const { errors } = validateForm(TransferForm, {});
    expect(errors?.list.map((e) => e.text)).toEqual([
      'Select the establishment the child is moving to',
      'Enter the day of the transfer',
      'Enter the reason for the transfer',
    ]);
  });

  it.each([
    // London time: 00:30 on a summer day is 23:30 UTC the day before.
    [
      { releasedAtDay: '1', releasedAtMonth: '7', releasedAtYear: '2026', releasedAtTime: '00:30' },
      '2026-06-30T23:30:00.000Z',
    ],
    [
      { releasedAtDay: '23', releasedAtMonth: '11', releasedAtYear: '2026', releasedAtTime: '2pm' },
      '2026-11-23T14:00:00.000Z',
    ],
  ])('the release %j is at %s', (values, instant) => {
    expect(releaseInput(values)).toEqual({ releasedAt: instant });
  });

  it.each([
    [null, '2026-11-23', null],
    ['2026-11-25', '2026-11-23', null],
    ['2027-03-29', '2026-11-29', '120 days before the expected release day, 29 March 2027'],
    ['2026-11-18', '2026-11-23', '5 days after the expected release day, 18 November 2026'],
  ])('expected %s, left %s: %s', (expected, left, words) => {
    expect(releaseDepartureWords(expected, left)).toBe(words);
  });

  it.each([
    ['2026-11-24', 'The day of the transfer must be today or in the past'],
    ['2026-07-31', 'The day of the transfer must be on or after the day custody began, 1 August 2026'],
    ['2026-11-23', null],
  ])('a transfer on %s: %s', (day, problem) => {
    expect(movementDayProblem(day, '2026-11-23', '2026-08-01', 'The day of the transfer')).toBe(problem);
  });

  it.each([
    ['RELEASED', 'yjs', ['YJS_CASE_MANAGER'], true],
    ['SENTENCED', 'yjs', ['YJS_CASE_MANAGER'], false],
    ['RELEASED', 'yoi', ['ESTABLISHMENT_STAFF'], false],
    ['RELEASED', 'other', ['YJS_MANAGER'], false],
  ])('recall of a %s episode by %s (%j): %s', (status, organisationId, roles, may) => {
    expect(mayRecall({ roles, organisationId }, { status, supervisingService: { id: 'yjs' } })).toBe(may);
  });

  it.each([
    ['2026-11-24', 'The day the move takes effect must be today or in the past'],
    ['2026-10-25', 'The day the move takes effect must be at most 28 days ago, 26 October 2026 or later'],
    ['2026-10-26', null],
    ['2026-11-23', null],
  ])('a move of supervision taking effect on %s: %s', (day, problem) => {
    expect(movementDayProblem(day, '2026-11-23', '2026-08-01', 'The day the move takes effect', 28)).toBe(problem);
  });

  it.each([
    ['REMANDED', 'yjs', ['YJS_MANAGER'], true],
    ['SENTENCED', 'yjs', ['YJS_MANAGER'], true],
    ['SENTENCED', 'yjs', ['YJS_CASE_MANAGER'], false],
    ['RELEASED', 'yjs', ['YJS_MANAGER'], false],
    ['SENTENCED', 'other', ['YJS_MANAGER'], false],
  ])('moving the supervision of a %s episode by %s (%j): %s', (status, organisationId, roles, may) => {
    expect(mayTransferSupervision({ roles, organisationId }, { status, supervisingService: { id: 'yjs' } })).toBe(may);
  });

  it.each([
    ['none chosen', '', []],
    ['one chosen', '7d1e6f8a-1b2c-4d3e-8f9a-0b1c2d3e4f5a', []],
    ['not an id', 'someone', ['caseManagerId']],
  ])('the receiving case manager is optional (%s)', (_case, caseManagerId, fields) => {
    const values = {
      toServiceId: '1d1e6f8a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
      effectiveDateDay: '20',
      effectiveDateMonth: '11',
      effectiveDateYear: '2026',
      reason: 'Moved to live with an aunt',
      caseManagerId,
    };
    expect(Object.keys(validateForm(SupervisionTransferForm, values).errors?.byField ?? {})).toEqual(fields);
    const input = supervisionTransferInput(values);
    expect(input).toEqual({
      toServiceId: values.toServiceId,
      effectiveDate: '2026-11-20',
      reason: 'Moved to live with an aunt',
      ...(caseManagerId && { caseManagerId }),
    });
  });
});
