import { validateForm } from '../forms/form-errors';
import { interventionFields, InterventionForm } from './intervention-forms';

describe('the earlier intervention form', () => {
  it.each([
    [{ name: 'Knife Crime Awareness' }, {}],
    [{ name: ' Knife Crime Awareness ', completedOnDay: '', completedOnMonth: '', completedOnYear: '' }, {}],
    [{ name: 'ETE', completedOnDay: '30', completedOnMonth: '6', completedOnYear: '2024' }, {}],
    [{ name: '  ' }, { name: 'Enter the intervention' }],
    [
      { name: 'ETE', completedOnDay: '31', completedOnMonth: '2', completedOnYear: '2024' },
      { completedOnDay: 'The day it was completed must be a real date' },
    ],
    [
      { name: 'ETE', completedOnMonth: '2', completedOnYear: '2024' },
      { completedOnDay: 'The day it was completed must include a day' },
    ],
    [{ name: 'x'.repeat(201) }, { name: 'The intervention must be 200 characters or fewer' }],
    [
      { name: 'ETE', deliveredBy: 'x'.repeat(501) },
      { deliveredBy: 'Who delivered it must be 500 characters or fewer' },
    ],
    [{ name: 'ETE', outcome: 'x'.repeat(4001) }, { outcome: 'How it went must be 4000 characters or fewer' }],
    [{ name: 'ETE', expectedVersion: 'x' }, { expectedVersion: 'The page was out of date: reload it and try again' }],
  ])('case %#', (body, expected) => {
    const { errors } = validateForm(InterventionForm, body);
    expect(Object.fromEntries(Object.entries(errors?.byField ?? {}).map(([f, e]) => [f, e.text]))).toEqual(expected);
  });

  it('sends every field: an empty box clears it, the date as the api keeps it', () => {
    const { value } = validateForm(InterventionForm, {
      name: ' Knife Crime Awareness ',
      orderDescription: '',
      completedOnDay: '3',
      completedOnMonth: '6',
      completedOnYear: '2024',
      deliveredBy: ' YJS ',
      outcome: '',
    });
    expect(interventionFields(value)).toEqual({
      name: 'Knife Crime Awareness',
      orderDescription: null,
      completedOn: '2024-06-03',
      deliveredBy: 'YJS',
      outcome: null,
    });
    expect(interventionFields(validateForm(InterventionForm, { name: 'ETE' }).value).completedOn).toBeNull();
  });
});
