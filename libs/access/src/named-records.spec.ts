import { auditTargets, idsNamedIn } from './named-records';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

describe('idsNamedIn', () => {
  it.each<[string, unknown, string[]]>([
    ['a top-level argument', { id: A }, [A]],
    [
      'an input, whatever its fields are called',
      { input: { referralId: A, expectedVersion: 3, reason: 'Moved' } },
      [A],
    ],
    ['several, in order, once each', { input: { pathwayId: A, toOrganisationId: B, again: A } }, [A, B]],
    [
      'inside lists and nested inputs',
      { input: { planId: A, invitees: [{ userId: B }, { organisationId: C }] } },
      [A, B, C],
    ],
    ['any case, as lower case', { id: A.toUpperCase() }, [A]],
    [
      'nothing that is not an id',
      { id: 'not-an-id', first: 5, filter: { releaseWithinDays: 90 }, note: `${A} in words` },
      [],
    ],
    ['no arguments', undefined, []],
  ])('%s', (_what, args, ids) => {
    expect(idsNamedIn(args)).toEqual(ids);
  });

  it('stops at a limit, so a flood of ids is not looked up', () => {
    const many = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(idsNamedIn({ input: { ids: many } })).toEqual(many.slice(0, 20));
  });
});

describe('auditTargets', () => {
  it.each([
    ['no child’s record: the operation', [], [{ type: 'Operation', id: null, childId: null }]],
    ['one record', [{ type: 'Referral', id: A, childId: C }], [{ type: 'Referral', id: A, childId: C }]],
    [
      'two records of one child: the first',
      [
        { type: 'Pathway', id: A, childId: C },
        { type: 'ResettlementPlan', id: B, childId: C },
      ],
      [{ type: 'Pathway', id: A, childId: C }],
    ],
    [
      'records of two children: one each',
      [
        { type: 'CustodialEpisode', id: A, childId: C },
        { type: 'Child', id: B, childId: B },
      ],
      [
        { type: 'CustodialEpisode', id: A, childId: C },
        { type: 'Child', id: B, childId: B },
      ],
    ],
  ])('%s', (_what, records, targets) => {
    expect(auditTargets(records)).toEqual(targets);
  });
});
