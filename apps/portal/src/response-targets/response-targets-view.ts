/** The steps a council owes on an accommodation referral, in the order they come, with the words a council uses. */
export const RESPONSE_STEPS = [
  { step: 'ACKNOWLEDGE', field: 'acknowledge', label: 'Acknowledge a new referral' },
  { step: 'ANSWER', field: 'answer', label: 'Answer a referral sent again with the information you asked for' },
  { step: 'OFFER', field: 'offer', label: 'Make an offer (or decline) after acknowledging' },
  { step: 'CONFIRM', field: 'confirm', label: 'Confirm a placement after offering it' },
] as const;

type Values = Record<string, string>;

/** One step as the api gives it. */
export interface StepTarget {
  step: string;
  workingDays: number;
  ownTarget: boolean;
  nationalWorkingDays: number;
  version: number;
}

/** The form field of the api's `targets.<n>.…` path, given the steps in the order they were sent. */
export function fieldOfTargetPath(path: string): string | undefined {
  const n = /(?:^|\.)targets\.(\d+)\./.exec(`${path}.`)?.[1];
  return n === undefined ? undefined : RESPONSE_STEPS[Number(n)]?.field;
}

/** "2 working days", "1 working day". */
export function workingDaysText(days: number): string {
  return `${days} working day${days === 1 ? '' : 's'}`;
}

/**
 * The form's answers for the targets as they are: for a council, each step's choice (its own figure, or the national
 * default, with no figure typed); for the national defaults, the figures. With the version they were loaded at.
 */
export function valuesOfTargets(targets: readonly StepTarget[], isDefaults: boolean): Values {
  const values: Values = { expectedVersion: String(targets[0]?.version ?? 0) };
  for (const s of RESPONSE_STEPS) {
    const t = targets.find((x) => x.step === s.step);
    if (isDefaults) {
      values[s.field] = t ? String(t.workingDays) : '';
      continue;
    }
    const own = !!t?.ownTarget;
    values[`${s.field}Choice`] = own ? 'own' : 'default';
    values[s.field] = own && t ? String(t.workingDays) : '';
  }
  return values;
}

/** Whether a council's step uses the national default in these answers (never for the national defaults). */
export function usesDefault(values: Values, field: string, isDefaults: boolean): boolean {
  return !isDefaults && values[`${field}Choice`] === 'default';
}

/** The api's `targets` from checked answers: a figure, or null where a council's step uses the national default. */
export function targetsInput(values: Values, isDefaults: boolean): { step: string; workingDays: number | null }[] {
  return RESPONSE_STEPS.map((s) => ({
    step: s.step,
    workingDays: usesDefault(values, s.field, isDefaults) ? null : Number(values[s.field]),
  }));
}

/**
 * A step's answer in words: "National default: 2 working days" or "Your council’s own: 4 working days" (the national
 * defaults' page: just the figure). What was typed is shown as typed when it is not a whole number.
 */
export function answerText(values: Values, field: string, nationalDays: number, isDefaults: boolean): string {
  if (usesDefault(values, field, isDefaults)) return `National default: ${workingDaysText(nationalDays)}`;
  const typed = values[field]?.trim() ?? '';
  const figure = /^\d+$/.test(typed) ? workingDaysText(Number(typed)) : typed;
  return isDefaults ? figure : `Your council’s own: ${figure}`;
}

/** Each step's answer in words, keyed by its field: for showing what was typed beside what is there now. */
export function answerTexts(values: Values, national: Record<string, number>, isDefaults: boolean): Values {
  return Object.fromEntries(
    RESPONSE_STEPS.map((s) => [s.field, answerText(values, s.field, national[s.field] ?? 0, isDefaults)]),
  );
}
