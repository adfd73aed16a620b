import { dateFromParts, dateProblem } from '../forms/date-input';
import { FormErrors, toFormErrors } from '../forms/form-errors';
import { dateTimeFrom } from '../meetings/meeting-forms';

type Values = Record<string, string>;
type Parsed = { input: Record<string, unknown> | null; errors: FormErrors | null };

export const APPOINTMENT_KIND_LABELS: Record<string, string> = {
  YJS: 'Youth justice service',
  HEALTH: 'Health',
  EDUCATION: 'Education, training or work',
  ACCOMMODATION: 'Accommodation',
  OTHER: 'Something else',
};
export const OUTCOME_LABELS: Record<string, string> = {
  PLANNED: 'Planned',
  KEPT: 'Kept',
  MISSED: 'Missed',
  RESCHEDULED: 'Rescheduled',
};
/** The barriers case managers meet most; the api takes the barrier in words, so "something else" is typed. */
export const BARRIERS = [
  'Accommodation',
  'Education, training or employment',
  'Health',
  'Money',
  'Travel',
  'Relationships',
] as const;
export const COMPLIANCE_LABELS: Record<string, string> = {
  COMPLIANT: 'Compliant',
  PARTLY_COMPLIANT: 'Partly compliant',
  NON_COMPLIANT: 'Not compliant',
};

const text = (values: Values, name: string) => values[name]?.trim() ?? '';

/** recordAppointment from the form: an appointment that has happened, kept or missed (why, when missed). */
export function appointmentInput(planId: string, values: Values): Parsed {
  const problems: [string, string][] = [];
  if (!(text(values, 'kind') in APPOINTMENT_KIND_LABELS)) problems.push(['kind', 'Select what the appointment was']);
  const at = dateTimeFrom(values, 'at', 'the date of the appointment');
  if ('field' in at) problems.push([at.field, at.message]);
  if (!text(values, 'withWhom')) problems.push(['withWhom', 'Enter who the appointment was with']);
  const outcome = text(values, 'outcome');
  if (outcome !== 'KEPT' && outcome !== 'MISSED') problems.push(['outcome', 'Select whether it was kept or missed']);
  if (outcome === 'MISSED' && !text(values, 'notes')) problems.push(['notes', 'Say why the appointment was missed']);
  if (problems.length) return { input: null, errors: toFormErrors(problems) };
  return {
    input: {
      planId,
      kind: text(values, 'kind'),
      at: 'iso' in at ? at.iso : null,
      withWhom: text(values, 'withWhom'),
      place: text(values, 'place') || null,
      outcome,
      notes: text(values, 'notes') || null,
    },
    errors: null,
  };
}

/** recordEngagementBarrier from the form: one of the usual barriers or one in the case manager's words. */
export function barrierInput(planId: string, values: Values): Parsed {
  const problems: [string, string][] = [];
  const chosen = text(values, 'barrier');
  const barrier = chosen === 'OTHER' ? text(values, 'otherBarrier') : chosen;
  if (!chosen) problems.push(['barrier', 'Select the barrier to engagement']);
  else if (chosen === 'OTHER' && !barrier) problems.push(['otherBarrier', 'Enter the barrier to engagement']);
  if (!text(values, 'assessment')) problems.push(['assessment', 'Enter how the barrier was assessed']);
  if (!text(values, 'planToAddress')) problems.push(['planToAddress', 'Enter the plan to address it']);
  if (problems.length) return { input: null, errors: toFormErrors(problems) };
  return {
    input: { planId, barrier, assessment: text(values, 'assessment'), planToAddress: text(values, 'planToAddress') },
    errors: null,
  };
}

/** recordSupervisionCheck from the form: the period's last day, how the child complied, and notes unless fully. */
export function supervisionInput(planId: string, values: Values): Parsed {
  const problems: [string, string][] = [];
  const [d, m, y] = ['Day', 'Month', 'Year'].map((p) => values[`periodEnding${p}`]);
  const dateWrong = dateProblem('the last day of the period', d, m, y);
  if (dateWrong) problems.push(['periodEndingDay', dateWrong]);
  const compliance = text(values, 'compliance');
  if (!(compliance in COMPLIANCE_LABELS)) problems.push(['compliance', 'Select how the child complied']);
  else if (compliance !== 'COMPLIANT' && !text(values, 'supervisionNotes'))
    problems.push(['supervisionNotes', 'Say what happened when the child was not fully compliant']);
  if (problems.length) return { input: null, errors: toFormErrors(problems) };
  return {
    input: {
      planId,
      periodEnding: dateFromParts(d, m, y),
      compliance,
      notes: text(values, 'supervisionNotes') || null,
    },
    errors: null,
  };
}

/** Where on the page an api refusal's field is answered, per form. */
export function afterReleaseFieldOf(form: 'appointment' | 'barrier' | 'supervision', path: string): string {
  const field = path.split('.').pop() ?? '';
  if (form === 'appointment')
    return field === 'at' ? 'atDay' : field in { outcome: 1, notes: 1, withWhom: 1 } ? field : 'kind';
  if (form === 'barrier') return field in { assessment: 1, planToAddress: 1 } ? field : 'barrier';
  return field === 'periodEnding' ? 'periodEndingDay' : field === 'notes' ? 'supervisionNotes' : 'compliance';
}
