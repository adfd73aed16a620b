import { dateFromParts, dateProblem } from '../forms/date-input';
import { FormErrors, toFormErrors } from '../forms/form-errors';
import { dateTimeFrom, dateTimeValues } from '../meetings/meeting-forms';

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
    return field === 'at' ? 'atDay' : field in { outcome: 1, notes: 1, withWhom: 1, place: 1 } ? field : 'kind';
  if (form === 'barrier') return field in { assessment: 1, planToAddress: 1 } ? field : 'barrier';
  return field === 'periodEnding' ? 'periodEndingDay' : field === 'notes' ? 'supervisionNotes' : 'compliance';
}

export type AfterReleaseForm = 'appointment' | 'barrier' | 'supervision';

export const BARRIER_STATUS_LABELS: Record<string, string> = { OPEN: 'Open', ADDRESSED: 'Addressed' };

const STALE_PAGE = 'The page was out of date: reload it and try again';

/** The version the change page showed, or the problem to show against `field`. */
function versionOf(values: Values, field: string, problems: [string, string][]): number {
  const version = Number(values.expectedVersion);
  if (!Number.isInteger(version) || version < 1) problems.push([field, STALE_PAGE]);
  return version;
}

/**
 * updateAppointmentOutcome from the change form, at the version shown: what the appointment was, when, with whom
 * and where (a correction of what was recorded wrongly; an empty place clears it), what happened (why, when missed)
 * and notes.
 */
export function appointmentChangeInput(appointmentId: string, values: Values): Parsed {
  const problems: [string, string][] = [];
  if (!(text(values, 'kind') in APPOINTMENT_KIND_LABELS)) problems.push(['kind', 'Select what the appointment was']);
  const at = dateTimeFrom(values, 'at', 'the date of the appointment');
  if ('field' in at) problems.push([at.field, at.message]);
  if (!text(values, 'withWhom')) problems.push(['withWhom', 'Enter who the appointment was with']);
  const outcome = text(values, 'outcome');
  if (!(outcome in OUTCOME_LABELS)) problems.push(['outcome', 'Select what happened to the appointment']);
  if (outcome === 'MISSED' && !text(values, 'notes')) problems.push(['notes', 'Say why the appointment was missed']);
  const expectedVersion = versionOf(values, 'kind', problems);
  if (problems.length) return { input: null, errors: toFormErrors(problems) };
  return {
    input: {
      appointmentId,
      expectedVersion,
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

/** updateEngagementBarrier from the change form: the barrier in words, how assessed, the plan, open or addressed. */
export function barrierChangeInput(barrierId: string, values: Values): Parsed {
  const problems: [string, string][] = [];
  if (!text(values, 'barrier')) problems.push(['barrier', 'Enter the barrier to engagement']);
  if (!text(values, 'assessment')) problems.push(['assessment', 'Enter how the barrier was assessed']);
  if (!text(values, 'planToAddress')) problems.push(['planToAddress', 'Enter the plan to address it']);
  const status = text(values, 'status');
  if (!(status in BARRIER_STATUS_LABELS)) problems.push(['status', 'Select whether the barrier is open or addressed']);
  const expectedVersion = versionOf(values, 'barrier', problems);
  if (problems.length) return { input: null, errors: toFormErrors(problems) };
  return {
    input: {
      barrierId,
      expectedVersion,
      barrier: text(values, 'barrier'),
      assessment: text(values, 'assessment'),
      planToAddress: text(values, 'planToAddress'),
      status,
    },
    errors: null,
  };
}

/** recordSupervisionCheck correcting a period already recorded: the whole record again, at the version shown. */
export function supervisionChangeInput(planId: string, periodEnding: string, values: Values): Parsed {
  const problems: [string, string][] = [];
  const compliance = text(values, 'compliance');
  if (!(compliance in COMPLIANCE_LABELS)) problems.push(['compliance', 'Select how the child complied']);
  else if (compliance !== 'COMPLIANT' && !text(values, 'supervisionNotes'))
    problems.push(['supervisionNotes', 'Say what happened when the child was not fully compliant']);
  const expectedVersion = versionOf(values, 'compliance', problems);
  if (problems.length) return { input: null, errors: toFormErrors(problems) };
  return {
    input: { planId, expectedVersion, periodEnding, compliance, notes: text(values, 'supervisionNotes') || null },
    errors: null,
  };
}

/** The answers of a form in words, in order, for the check step (new records) and for "not saved" (changes). */
export function answersOf(
  form: AfterReleaseForm,
  values: Values,
  changing: boolean,
): { label: string; text: string }[] {
  const label = (labels: Record<string, string>, key: string) => labels[text(values, key)] ?? text(values, key);
  const date = (field: string) => ['Day', 'Month', 'Year'].map((p) => text(values, `${field}${p}`)).join('/');
  const rows: [string, string][] =
    form === 'appointment'
      ? [
          ['What the appointment was', label(APPOINTMENT_KIND_LABELS, 'kind')],
          ['When', `${date('at')} at ${text(values, 'atTime')}`],
          ['Who it was with', text(values, 'withWhom')],
          ['Where', text(values, 'place')],
          [changing ? 'What happened' : 'Kept or missed', label(OUTCOME_LABELS, 'outcome')],
          ['Notes, and why it was missed', text(values, 'notes')],
        ]
      : form === 'barrier'
        ? [
            [
              'The barrier',
              !changing && text(values, 'barrier') === 'OTHER' ? text(values, 'otherBarrier') : text(values, 'barrier'),
            ],
            ['How it was assessed', text(values, 'assessment')],
            ['The plan to address it', text(values, 'planToAddress')],
            ...(changing ? [['Open or addressed', label(BARRIER_STATUS_LABELS, 'status')] as [string, string]] : []),
          ]
        : [
            ...(changing ? [] : [['Last day of the period', date('periodEnding')] as [string, string]]),
            ['How the child complied', label(COMPLIANCE_LABELS, 'compliance')],
            ['What happened', text(values, 'supervisionNotes')],
          ];
  return rows.map(([l, t]) => ({ label: l, text: t }));
}

/** A record's answers as its change form holds them. */
export function changeValuesOf(form: AfterReleaseForm, record: Record<string, unknown>): Values {
  const s = (key: string) => (record[key] == null ? '' : String(record[key]));
  const base = { expectedVersion: s('version') };
  if (form === 'appointment')
    return {
      ...base,
      kind: s('kind'),
      ...(record.at ? dateTimeValues('at', s('at')) : {}),
      withWhom: s('withWhom'),
      place: s('place'),
      outcome: s('outcome'),
      notes: s('notes'),
    };
  if (form === 'barrier')
    return {
      ...base,
      barrier: s('barrier'),
      assessment: s('assessment'),
      planToAddress: s('planToAddress'),
      status: s('status'),
    };
  return { ...base, compliance: s('compliance'), supervisionNotes: s('notes') };
}
