import { validateForm } from '../forms/form-errors';
import {
  deadlineChanges,
  earlyReleaseApplies,
  EarlyReleaseForm,
  mayChangeCustody,
  sentenceDateProblem,
  SentenceForm,
  sentenceInput,
} from './establishment-forms';

describe('the sentence form', () => {
  const valid = {
    sentenceType: 'DTO',
    sentenceDateDay: '1',
    sentenceDateMonth: '9',
    sentenceDateYear: '2026',
    termMonths: '12',
  };

  it.each([
    [
      {},
      {
        sentenceType: 'Select the type of sentence',
        sentenceDateDay: 'Enter the date of the sentence',
        termMonths: 'Enter the length of the sentence in months',
      },
    ],
    [valid, null],
    [
      { ...valid, sentenceDateDay: '30', sentenceDateMonth: '2' },
      { sentenceDateDay: 'The date of the sentence must be a real date' },
    ],
    [{ ...valid, sentenceDateYear: '' }, { sentenceDateDay: 'The date of the sentence must include a year' }],
    [
      { ...valid, termMonths: 'twelve' },
      { termMonths: 'The length of the sentence must be a whole number of months, like 12' },
    ],
    [{ ...valid, termMonths: '0' }, { termMonths: 'The length of the sentence must be between 1 and 1200 months' }],
    [{ ...valid, remandDays: '-3' }, { remandDays: 'Days on remand must be a whole number, like 31' }],
    [{ ...valid, remandDays: '', taggedBailDays: '' }, null],
    [{ ...valid, sentenceType: 'EXTENDED' }, { extensionMonths: 'Enter the extended licence period in months' }],
    [{ ...valid, sentenceType: 'DHMP', termMonths: '' }, null],
  ])('%j → %j', (body, expected) => {
    const { errors } = validateForm(SentenceForm, body);
    expect(errors && Object.fromEntries(Object.entries(errors.byField).map(([k, v]) => [k, v.text]))).toEqual(expected);
  });

  it.each([
    [valid, { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 0, taggedBailDays: 0 }],
    [
      { ...valid, remandDays: '31', taggedBailDays: ' 4 ', extensionMonths: '9' },
      { sentenceType: 'DTO', sentenceDate: '2026-09-01', termMonths: 12, remandDays: 31, taggedBailDays: 4 },
    ],
    [
      { ...valid, sentenceType: 'EXTENDED', termMonths: '36', extensionMonths: '24' },
      {
        sentenceType: 'EXTENDED',
        sentenceDate: '2026-09-01',
        termMonths: 36,
        extensionMonths: 24,
        remandDays: 0,
        taggedBailDays: 0,
      },
    ],
    [
      { ...valid, sentenceType: 'S250', qualifyingSeriousOffence: 'yes' },
      {
        sentenceType: 'S250',
        sentenceDate: '2026-09-01',
        termMonths: 12,
        remandDays: 0,
        taggedBailDays: 0,
        qualifyingSeriousOffence: true,
        excludedFromFortyPercentRelease: false,
      },
    ],
    [
      { ...valid, sentenceType: 'DHMP', termMonths: '' },
      { sentenceType: 'DHMP', sentenceDate: '2026-09-01', remandDays: 0, taggedBailDays: 0 },
    ],
  ])('sentenceInput(%j) is %j', (values, expected) => {
    expect(sentenceInput(values)).toEqual(expected);
  });

  it.each([
    // An empty box credits the days known on remand in the episode; a number typed is kept.
    [{ ...valid, remandDays: '' }, 31, 31],
    [{ ...valid, remandDays: '45' }, 31, 45],
    [{ ...valid, remandDays: '' }, null, 0],
  ])('sentenceInput(%j, known %j) credits %i days on remand', (values, known, credited) => {
    expect(sentenceInput(values, known).remandDays).toBe(credited);
  });
});

describe('sentenceDateProblem: what the api would refuse, said before the preview', () => {
  it.each([
    ['2026-12-06', null],
    ['2026-11-01', null],
    ['2026-12-07', 'The date of the sentence must be today or in the past'],
    ['2026-10-31', 'The date of the sentence must be on or after the day custody began, 1 November 2026'],
  ])('%s → %s', (date, expected) => {
    expect(sentenceDateProblem(date, '2026-12-06', '2026-11-01')).toBe(expected);
  });
});

describe('the early release form', () => {
  it.each([
    [{}, 'Enter the day early release is granted for'],
    [
      { releaseOnDay: '31', releaseOnMonth: '4', releaseOnYear: '2027' },
      'The day early release is granted for must be a real date',
    ],
    [{ releaseOnDay: '15', releaseOnMonth: '1', releaseOnYear: '2027' }, null],
  ])('%j → %s', (body, expected) => {
    expect(validateForm(EarlyReleaseForm, body).errors?.byField.releaseOnDay?.text ?? null).toBe(expected);
  });
});

describe('who is shown the custody forms', () => {
  const episode = { status: 'SENTENCED', currentEstablishment: { id: 'yoi' }, supervisingService: { id: 'yjs' } };
  it.each([
    [{ roles: ['ESTABLISHMENT_STAFF'], organisationId: 'yoi' }, episode, true],
    [{ roles: ['ESTABLISHMENT_MANAGER'], organisationId: 'yoi' }, episode, true],
    [{ roles: ['YJS_CASE_MANAGER'], organisationId: 'yjs' }, episode, true],
    [{ roles: ['ESTABLISHMENT_STAFF'], organisationId: 'another-yoi' }, episode, false],
    [{ roles: ['LA_CHILDRENS_SERVICES'], organisationId: 'yjs' }, episode, false],
    [{ roles: ['ESTABLISHMENT_STAFF'], organisationId: 'yoi' }, { ...episode, status: 'RELEASED' }, false],
    [undefined, episode, false],
  ])('%j on %j → %s', (me, ep, expected) => {
    expect(mayChangeCustody(me, ep)).toBe(expected);
  });

  it.each([
    [{ sentenceType: 'DTO', earliestReleaseDate: '2027-01-01', midTermDate: '2027-02-01' }, true],
    [{ sentenceType: 'DTO', earliestReleaseDate: null, midTermDate: '2027-02-01' }, false],
    [{ sentenceType: 'S250', earliestReleaseDate: '2027-01-01', midTermDate: null }, false],
    [{ sentenceType: null, earliestReleaseDate: null, midTermDate: null }, false],
  ])('early release applies to %j: %s', (ep, expected) => {
    expect(earlyReleaseApplies(ep)).toBe(expected);
  });
});

describe('deadlineChanges: what a sentence did to the plan’s deadlines', () => {
  const m = (key: string, dueDate: string | null, status = 'PENDING') => ({ key, dueDate, status });
  it.each([
    [[], [], { moved: [], added: [], removed: [], unchanged: 0 }],
    [[m('A', '2027-01-01')], [m('A', '2027-01-01')], { moved: [], added: [], removed: [], unchanged: 1 }],
    [
      [m('A', '2027-01-01'), m('B', null), m('C', '2027-02-01')],
      [m('B', '2027-03-01'), m('A', '2027-01-05'), m('D', '2027-04-01')],
      {
        moved: [
          { key: 'B', from: null, to: '2027-03-01' },
          { key: 'A', from: '2027-01-01', to: '2027-01-05' },
        ],
        added: [m('D', '2027-04-01')],
        removed: [m('C', '2027-02-01')],
        unchanged: 0,
      },
    ],
  ])('%j → %j', (before, after, expected) => {
    expect(deadlineChanges(before, after)).toEqual(expected);
  });
});
