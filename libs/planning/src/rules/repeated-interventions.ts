import { PathwayType } from '../planning-enums';

/** What the rule needs of an intervention done on an earlier order. */
export interface EarlierIntervention {
  id: string;
  name: string;
  orderDescription: string | null;
  completedOn: string | null;
}

/** What the rule needs of an action on the plan. */
export interface PlannedAction {
  id: string;
  pathwayId: string;
  pathwayType: PathwayType;
  description: string;
  intervention: string | null;
  doneOn: string | null;
}

export interface RepeatedIntervention {
  priorInterventionId: string;
  actionId: string;
  pathwayId: string;
  pathwayType: PathwayType;
  /** The intervention as the earlier order named it. */
  name: string;
  text: string;
}

/** The same intervention however it is typed: case, spacing and punctuation aside. */
function sameName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The warning for planning an earlier intervention again (children said repeating one was demotivating). */
export function repeatWarning(earlier: Omit<EarlierIntervention, 'id'>): string {
  const on = earlier.orderDescription ? ` on ${earlier.orderDescription}` : ' on an earlier order';
  const completed = earlier.completedOn ? ` (completed ${earlier.completedOn})` : '';
  return `${earlier.name} was already done${on}${completed}: children say repeating an intervention is demotivating`;
}

/**
 * Each open action on the plan that names an intervention the child already did on an earlier order, one line for
 * each pair, in the plan's order. A done action is no longer a plan, so it no longer warns.
 */
export function repeatedInterventions(
  earlier: readonly EarlierIntervention[],
  actions: readonly PlannedAction[],
): RepeatedIntervention[] {
  const repeats: RepeatedIntervention[] = [];
  for (const action of actions) {
    if (action.doneOn || !action.intervention || !sameName(action.intervention)) continue;
    for (const done of earlier) {
      if (sameName(done.name) !== sameName(action.intervention)) continue;
      repeats.push({
        priorInterventionId: done.id,
        actionId: action.id,
        pathwayId: action.pathwayId,
        pathwayType: action.pathwayType,
        name: done.name,
        text: repeatWarning(done),
      });
    }
  }
  return repeats;
}
