import { EscalationRecipient } from '../rules/milestone-policy';
import { RecipientFacts, recipientsOf } from './escalation-recipients';

const facts = (over: Partial<RecipientFacts> = {}): RecipientFacts => ({
  caseManagerId: 'cm',
  managerIds: ['mgr1', 'mgr2'],
  headOfServiceId: 'head',
  partnerLeadIds: ['la-lead'],
  ...over,
});

describe('recipientsOf', () => {
  it.each<[string, EscalationRecipient[], Partial<RecipientFacts>, string[]]>([
    ['the owner is the case manager', ['OWNER'], {}, ['cm']],
    ['with no case manager, the owner is the managers', ['OWNER'], { caseManagerId: null }, ['mgr1', 'mgr2']],
    ['the owner manager is every manager', ['OWNER_MANAGER'], {}, ['mgr1', 'mgr2']],
    ['the head of service is the named lead', ['HEAD_OF_SERVICE'], {}, ['head']],
    [
      'with no active lead, the head of service is the managers',
      ['HEAD_OF_SERVICE'],
      { headOfServiceId: null },
      ['mgr1', 'mgr2'],
    ],
    ['partner leads join', ['OWNER_MANAGER', 'PARTNER_LEAD'], {}, ['mgr1', 'mgr2', 'la-lead']],
    ['no partner lead named: nobody extra', ['HEAD_OF_SERVICE', 'PARTNER_LEAD'], { partnerLeadIds: [] }, ['head']],
    [
      'each person once, though named twice',
      ['OWNER', 'OWNER_MANAGER', 'HEAD_OF_SERVICE'],
      { caseManagerId: 'mgr1', headOfServiceId: null },
      ['mgr1', 'mgr2'],
    ],
    [
      'a service with no managers and no case manager reaches nobody at level 1',
      ['OWNER'],
      { caseManagerId: null, managerIds: [] },
      [],
    ],
  ])('%s', (_name, notify, over, expected) => {
    expect(recipientsOf(notify, facts(over))).toEqual(expected);
  });
});
