import { emailOffKindsAfter } from './email-choices';

describe('email kinds switched off after the account form', () => {
  it.each([
    ['nothing before, nothing ticked', [], undefined, []],
    ['one ticked (a lone checkbox posts a string)', [], 'MILESTONE_REMINDER', ['MILESTONE_REMINDER']],
    ['unticked turns back on', ['MILESTONE_REMINDER'], [], []],
    ['two ticked', [], ['REFERRAL_RECEIVED', 'MILESTONE_ESCALATION'], ['REFERRAL_RECEIVED', 'MILESTONE_ESCALATION']],
    [
      'a kind the form does not show stays off',
      ['SOMETHING_NEW'],
      ['MILESTONE_REMINDER'],
      ['SOMETHING_NEW', 'MILESTONE_REMINDER'],
    ],
    ['an unknown ticked value is dropped', [], ['NOT_A_KIND', 'MILESTONE_REMINDER'], ['MILESTONE_REMINDER']],
    ['ticked twice counts once', [], ['MILESTONE_REMINDER', 'MILESTONE_REMINDER'], ['MILESTONE_REMINDER']],
  ])('%s', (_case, before, ticked, after) => {
    expect(emailOffKindsAfter(before as string[], ticked)).toEqual(after);
  });
});
