import { validateForm } from '../forms/form-errors';
import { ActionForm, actionInput, mayBeResponsible, PathwayForm, pathwayHistory, pathwayInput } from './pathway-forms';

const PATHWAY = '00000000-0000-4000-8000-000000000001';

describe('the pathway form', () => {
  it.each([
    [{ expectedVersion: '3', status: 'IN_PROGRESS' }, {}],
    [{ expectedVersion: '3', status: 'ARRANGED', needLevel: 'HIGH', ownerName: ' Sam ', childView: 'x' }, {}],
    [{ expectedVersion: '3', status: '' }, { status: 'Select the status' }],
    [{ expectedVersion: '3', status: 'DONE' }, { status: 'Select the status' }],
    [{ expectedVersion: '3', status: 'IN_PROGRESS', needLevel: 'HUGE' }, { needLevel: 'Select the need level' }],
    [{ expectedVersion: '3', status: 'IN_PROGRESS', responsibleOrganisationId: '' }, {}],
    [
      { expectedVersion: '3', status: 'IN_PROGRESS', responsibleOrganisationId: 'not-an-id' },
      { responsibleOrganisationId: 'Select the organisation responsible' },
    ],
    [
      { expectedVersion: '', status: 'IN_PROGRESS' },
      { expectedVersion: 'The page was out of date: reload it and try again' },
    ],
    [
      { expectedVersion: '3', status: 'IN_PROGRESS', ownerName: 'x'.repeat(201) },
      { ownerName: 'Named person must be 200 characters or fewer' },
    ],
    [
      { expectedVersion: '3', status: 'IN_PROGRESS', childView: 'x'.repeat(4001) },
      { childView: 'The child’s view must be 4000 characters or fewer' },
    ],
  ])('case %# → %j', (body, expected) => {
    const { errors } = validateForm(PathwayForm, body);
    expect(Object.fromEntries(Object.entries(errors?.byField ?? {}).map(([f, e]) => [f, e.text]))).toEqual(expected);
  });

  it('sends every field: an empty box clears it, the status alone is only a status', () => {
    const { value } = validateForm(PathwayForm, {
      expectedVersion: '4',
      status: 'ARRANGED',
      needLevel: '',
      responsibleOrganisationId: '',
      ownerName: '  ',
      childView: ' I want to go to college ',
    });
    expect(pathwayInput(PATHWAY, value)).toEqual({
      pathwayId: PATHWAY,
      expectedVersion: 4,
      status: 'ARRANGED',
      needLevel: null,
      responsibleOrganisationId: null,
      ownerName: null,
      childView: 'I want to go to college',
    });
  });
});

describe('the action form', () => {
  it.each([
    [{ description: 'Apply for a bus pass' }, {}, null],
    [{ description: 'Apply', dueDateDay: '3', dueDateMonth: '2', dueDateYear: '2027' }, {}, '2027-02-03'],
    [{ description: '  ' }, { description: 'Enter what is to be done' }, null],
    [
      { description: 'Apply', dueDateDay: '30', dueDateMonth: '2', dueDateYear: '2027' },
      { dueDateDay: 'Due date must be a real date, or leave it empty' },
      null,
    ],
    [
      { description: 'Apply', dueDateMonth: '2' },
      { dueDateDay: 'Due date must be a real date, or leave it empty' },
      null,
    ],
    [
      { description: 'Apply', actionOwnerName: 'x'.repeat(201) },
      { actionOwnerName: 'Who will do it must be 200 characters or fewer' },
      null,
    ],
  ])('case %# → %j, due %s', (body, expected, dueDate) => {
    const { value, errors } = validateForm(ActionForm, body);
    expect(Object.fromEntries(Object.entries(errors?.byField ?? {}).map(([f, e]) => [f, e.text]))).toEqual(expected);
    if (!errors) expect(actionInput(PATHWAY, value).dueDate).toBe(dueDate);
  });

  it('names the owner, or no one', () => {
    const { value } = validateForm(ActionForm, { description: ' Bus pass ', actionOwnerName: ' Sam Example ' });
    expect(actionInput(PATHWAY, value)).toEqual({
      pathwayId: PATHWAY,
      description: 'Bus pass',
      ownerName: 'Sam Example',
      dueDate: null,
    });
  });
});

describe('whom a pathway can be the responsibility of', () => {
  it.each([
    ['EDUCATION_TRAINING_EMPLOYMENT', true],
    ['PHYSICAL_HEALTH', true],
    ['MENTAL_HEALTH', true],
    ['SUBSTANCE_MISUSE', true],
    ['SPEECH_LANGUAGE_COMMUNICATION', true],
    ['ACCOMMODATION', false],
    ['FAMILY_AND_RELATIONSHIPS', false],
    ['FINANCE_BENEFITS_ID', false],
    ['CONSTRUCTIVE_ACTIVITIES', false],
  ])('the establishment holding the child, for %s: %s', (type, expected) => {
    expect(mayBeResponsible(type)).toBe(expected);
  });
});

describe('a pathway’s history', () => {
  const event = (type: string, id: string) => ({ details: { record: { type, id } }, id: `${type}-${id}` });
  it('keeps the pathway’s own changes and its actions’, newest first', () => {
    const events = [
      event('ResettlementPlan', 'plan'),
      event('Pathway', PATHWAY),
      event('Pathway', 'another'),
      event('PathwayAction', 'a1'),
      event('PathwayAction', 'elsewhere'),
    ];
    expect(pathwayHistory(events, PATHWAY, ['a1']).map((e) => e.id)).toEqual([
      'PathwayAction-a1',
      `Pathway-${PATHWAY}`,
    ]);
    expect(pathwayHistory(null, PATHWAY, [])).toEqual([]);
  });
});
