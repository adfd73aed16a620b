import { AgreementResponse, PathwayStatus, PathwayType } from '../planning-enums';
import { agreementBlockerDetails, agreementBlockers, AgreementFacts } from './plan-agreement';

const pathway = (status: PathwayStatus, childView: string | null = null, reason: string | null = null) => ({
  type: PathwayType.ACCOMMODATION,
  status,
  childView,
  childViewUnavailableReason: reason,
});
const ready: AgreementFacts = { explainedOn: '2026-11-20', childAgreement: AgreementResponse.AGREES, pathways: [] };

describe('agreementBlockers', () => {
  it.each<[string, Partial<AgreementFacts>, string[]]>([
    ['explained and agreed, no active pathway', {}, []],
    ['partly agrees is enough', { childAgreement: AgreementResponse.PARTLY_AGREES }, []],
    ['not explained', { explainedOn: null }, ['Record when and how the plan was explained to the child']],
    [
      'no answer from the child',
      { childAgreement: null },
      ['Record whether the child agrees with the plan, in their own words'],
    ],
    [
      'not asked',
      { childAgreement: AgreementResponse.NOT_ASKED },
      ['Record whether the child agrees with the plan, in their own words'],
    ],
    [
      'the child disagrees',
      { childAgreement: AgreementResponse.DISAGREES },
      ['The child disagrees with the plan: revisit it with them'],
    ],
    [
      'an active pathway without the child’s view',
      { pathways: [pathway(PathwayStatus.IN_PROGRESS)] },
      ['Record the child’s view on the accommodation pathway, or why it could not be had'],
    ],
    [
      'a blank view does not count',
      { pathways: [pathway(PathwayStatus.SUPPORT_REQUIRED, '   ')] },
      ['Record the child’s view on the accommodation pathway, or why it could not be had'],
    ],
    ['the view given', { pathways: [pathway(PathwayStatus.ARRANGED, 'I want to live with my nan')] }, []],
    [
      'the reason it could not be had',
      { pathways: [pathway(PathwayStatus.SUPPORT_DECLINED, null, 'Declined to discuss it')] },
      [],
    ],
    ['a pathway not started needs no view', { pathways: [pathway(PathwayStatus.NOT_STARTED)] }, []],
    ['support not required needs no view', { pathways: [pathway(PathwayStatus.SUPPORT_NOT_REQUIRED)] }, []],
  ])('%s', (_name, change, expected) => {
    expect(agreementBlockers({ ...ready, ...change })).toEqual(expected);
  });

  it('lists every blocker at once', () => {
    expect(
      agreementBlockers({
        explainedOn: null,
        childAgreement: null,
        pathways: [pathway(PathwayStatus.IN_PROGRESS), pathway(PathwayStatus.ARRANGED)],
      }),
    ).toHaveLength(4);
  });
});

describe('agreementBlockerDetails', () => {
  it('names the pathway a blocker is fixed on, and no pathway for the plan-wide ones', () => {
    expect(
      agreementBlockerDetails({
        explainedOn: null,
        childAgreement: AgreementResponse.AGREES,
        pathways: [
          { ...pathway(PathwayStatus.IN_PROGRESS), id: 'p-accommodation' },
          {
            ...pathway(PathwayStatus.ARRANGED, 'Back to college'),
            id: 'p-ete',
            type: PathwayType.EDUCATION_TRAINING_EMPLOYMENT,
          },
          { ...pathway(PathwayStatus.SUPPORT_REQUIRED), id: 'p-health', type: PathwayType.PHYSICAL_HEALTH },
        ],
      }),
    ).toEqual([
      { text: 'Record when and how the plan was explained to the child', pathwayId: null },
      {
        text: 'Record the child’s view on the accommodation pathway, or why it could not be had',
        pathwayId: 'p-accommodation',
      },
      {
        text: 'Record the child’s view on the physical health pathway, or why it could not be had',
        pathwayId: 'p-health',
      },
    ]);
  });
});
