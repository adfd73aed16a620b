import { PathwayType } from '../planning-enums';
import { EarlierIntervention, PlannedAction, repeatedInterventions, repeatWarning } from './repeated-interventions';

const knife: EarlierIntervention = {
  id: 'p1',
  name: 'Knife Crime Awareness',
  orderDescription: 'a referral order in 2024',
  completedOn: '2024-06-30',
};
const anger: EarlierIntervention = { id: 'p2', name: 'Anger management', orderDescription: null, completedOn: null };
const action = (id: string, intervention: string | null, doneOn: string | null = null): PlannedAction => ({
  id,
  pathwayId: 'w1',
  pathwayType: PathwayType.CONSTRUCTIVE_ACTIVITIES,
  description: 'Group work',
  intervention,
  doneOn,
});

describe('repeatedInterventions', () => {
  it.each<[string, EarlierIntervention[], PlannedAction[], [string, string][]]>([
    ['nothing done before', [], [action('a1', 'Knife crime awareness')], []],
    ['nothing planned', [knife], [], []],
    ['an action naming no intervention', [knife], [action('a1', null)], []],
    ['a blank intervention', [knife], [action('a1', '  ')], []],
    ['a different intervention', [knife], [action('a1', 'Victim awareness')], []],
    ['the same, typed in other case', [knife], [action('a1', 'knife crime awareness')], [['p1', 'a1']]],
    ['the same, other spacing and punctuation', [knife], [action('a1', ' Knife-crime  awareness. ')], [['p1', 'a1']]],
    ['a part of the name is not the same', [knife], [action('a1', 'Knife crime')], []],
    [
      'done already on this plan: no longer planned',
      [knife],
      [action('a1', 'Knife crime awareness', '2026-11-01')],
      [],
    ],
    [
      'two actions, two earlier interventions',
      [knife, anger],
      [action('a1', 'Anger Management'), action('a2', 'Knife crime awareness'), action('a3', 'Boxing')],
      [
        ['p2', 'a1'],
        ['p1', 'a2'],
      ],
    ],
    [
      'done twice before: both said',
      [knife, { ...knife, id: 'p3', orderDescription: 'a youth rehabilitation order in 2025' }],
      [action('a1', 'Knife crime awareness')],
      [
        ['p1', 'a1'],
        ['p3', 'a1'],
      ],
    ],
  ])('%s', (_, earlier, actions, expected) => {
    expect(repeatedInterventions(earlier, actions).map((r) => [r.priorInterventionId, r.actionId])).toEqual(expected);
  });

  it('names the earlier intervention as it was recorded, with the pathway it is planned on', () => {
    expect(repeatedInterventions([knife], [action('a1', 'knife crime awareness')])).toEqual([
      {
        priorInterventionId: 'p1',
        actionId: 'a1',
        pathwayId: 'w1',
        pathwayType: PathwayType.CONSTRUCTIVE_ACTIVITIES,
        name: 'Knife Crime Awareness',
        text: 'Knife Crime Awareness was already done on a referral order in 2024 (completed 2024-06-30): children say repeating an intervention is demotivating',
      },
    ]);
  });
});

describe('repeatWarning', () => {
  it.each<[Omit<EarlierIntervention, 'id'>, string]>([
    [
      knife,
      'Knife Crime Awareness was already done on a referral order in 2024 (completed 2024-06-30): children say repeating an intervention is demotivating',
    ],
    [
      anger,
      'Anger management was already done on an earlier order: children say repeating an intervention is demotivating',
    ],
  ])('%s', (earlier, text) => {
    expect(repeatWarning(earlier)).toBe(text);
  });
});
