import { Role } from '@resettle/access';
import { validateForm } from '../forms/form-errors';
import {
  blockerLinks,
  ChildVoiceForm,
  childVoiceInput,
  ExplanationForm,
  explanationInput,
  mayChangePlan,
} from './child-voice-forms';

const PLAN = '00000000-0000-4000-8000-000000000001';
const messages = (errors: { byField: Record<string, { text: string }> } | null | undefined) =>
  Object.fromEntries(Object.entries(errors?.byField ?? {}).map(([f, e]) => [f, e.text]));

describe('the child’s voice form', () => {
  it.each([
    [{ expectedVersion: '2' }, {}],
    [{ expectedVersion: '2', strengths: ' Football ', learningStyle: '' }, {}],
    [{ expectedVersion: '' }, { expectedVersion: 'The page was out of date: reload it and try again' }],
    [
      { expectedVersion: '2', aspirations: 'x'.repeat(4001) },
      { aspirations: 'Hopes must be 4000 characters or fewer' },
    ],
  ])('case %# → %j', (body, expected) => {
    expect(messages(validateForm(ChildVoiceForm, body).errors)).toEqual(expected);
  });

  it('sends every field trimmed, an empty box as null (cleared)', () => {
    const { value } = validateForm(ChildVoiceForm, { expectedVersion: '2', strengths: ' Football ', interests: '' });
    expect(childVoiceInput(PLAN, value!)).toEqual({
      planId: PLAN,
      expectedVersion: 2,
      selfAssessment: null,
      aspirations: null,
      strengths: 'Football',
      interests: null,
      learningStyle: null,
      communicationNeeds: null,
      communicationAdaptations: null,
    });
  });
});

describe('the explanation form', () => {
  const good = {
    expectedVersion: '3',
    explainedOnDay: '4',
    explainedOnMonth: '3',
    explainedOnYear: '2027',
    explainedHow: 'Easy-read version, by Sam Example',
    childAgreement: 'AGREES',
    childAgreementWords: 'It is fair',
  };
  it.each([
    [{}, {}],
    [
      { explainedOnDay: '31', explainedOnMonth: '2' },
      { explainedOnDay: 'Enter the date the plan was explained, a real date' },
    ],
    [{ explainedOnYear: '' }, { explainedOnDay: 'Enter the date the plan was explained, a real date' }],
    [{ explainedHow: ' ' }, { explainedHow: 'Enter how the plan was explained, and by whom' }],
    [{ childAgreement: '' }, { childAgreement: 'Select whether the child agrees with the plan' }],
    [{ childAgreementWords: '' }, { childAgreementWords: 'Enter what the child said, in their own words' }],
    [
      { parentCarerAgreement: 'MAYBE' },
      { parentCarerAgreement: 'Select whether the parent or carer agrees with the plan' },
    ],
    [{ parentCarerAgreement: '' }, {}],
  ])('case %# %j → %j', (change, expected) => {
    expect(messages(validateForm(ExplanationForm, { ...good, ...change }).errors)).toEqual(expected);
  });

  it('makes the api’s input: the date from three boxes, no parent or carer as null', () => {
    const { value } = validateForm(ExplanationForm, {
      ...good,
      parentCarerAgreement: '',
      parentCarerAgreementWords: '',
    });
    expect(explanationInput(PLAN, value!)).toEqual({
      planId: PLAN,
      expectedVersion: 3,
      explainedOn: '2027-03-04',
      explainedHow: 'Easy-read version, by Sam Example',
      childAgreement: 'AGREES',
      childAgreementWords: 'It is fair',
      parentCarerAgreement: null,
      parentCarerAgreementWords: null,
    });
  });
});

describe('who is offered to change the plan as a whole', () => {
  const episode = { supervisingService: { id: 'yjs' } };
  it.each([
    [{ roles: [Role.YJS_CASE_MANAGER], organisationId: 'yjs' }, true],
    [{ roles: [Role.YJS_CASE_MANAGER], organisationId: 'other' }, false],
    [{ roles: [Role.NATIONAL_ADMIN], organisationId: 'yjs' }, false],
    [undefined, false],
  ])('%j → %s', (me, expected) => {
    expect(mayChangePlan(me as { roles: string[]; organisationId: string } | undefined, episode)).toBe(expected);
  });
});

describe('what blocks agreement, linked to where it is fixed', () => {
  it('links a pathway’s blocker to its page and the rest to the agreement form', () => {
    expect(
      blockerLinks(
        [
          { text: 'Record when and how the plan was explained to the child', pathwayId: null },
          {
            text: 'Record the child’s view on the accommodation pathway, or why it could not be had',
            pathwayId: 'p2',
          },
        ],
        'e1',
      ),
    ).toEqual([
      { text: 'Record when and how the plan was explained to the child', href: '/plans/e1/agreement' },
      {
        text: 'Record the child’s view on the accommodation pathway, or why it could not be had',
        href: '/plans/e1/pathways/p2',
      },
    ]);
  });
});
