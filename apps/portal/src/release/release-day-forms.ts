import { ESTABLISHMENT_RELEASE_DAY_FIELDS } from '@resettle/access';
import { dateFromParts, dateProblem } from '../forms/date-input';
import { FormErrors, toFormErrors } from '../forms/form-errors';

type Values = Record<string, string>;

/** The release-day plan's text answers, as the api names them (each cleared when left empty). */
const PLAN_TEXT_FIELDS = [
  'metByName',
  'metByRelationship',
  'travelArrangements',
  'firstDestination',
  'firstAppointmentWith',
  'firstAppointmentPlace',
  'medication',
  'idDocuments',
  'phone',
  'moneyAndProperty',
  'supervisionExplainedByName',
] as const;
const PLAN_DATES = {
  meetingDate: 'the day of release',
  firstAppointmentDate: 'the date of the first appointment',
  supervisionExplainedOn: 'the date the supervision requirements were explained',
} as const;
const PLAN_TIMES = {
  meetingTime: 'The time the child is met',
  firstAppointmentTime: 'The time of the first appointment',
};

export const PLACEMENT_TYPES = [
  'FAMILY_HOME',
  'FOSTER_CARE',
  'CHILDRENS_HOME',
  'SUPPORTED_ACCOMMODATION',
  'OTHER',
  'NO_FIXED_ABODE',
] as const;
export const PLACEMENT_LABELS: Record<string, string> = {
  FAMILY_HOME: 'Family home',
  FOSTER_CARE: 'Foster care',
  CHILDRENS_HOME: 'Children’s home',
  SUPPORTED_ACCOMMODATION: 'Supported accommodation',
  OTHER: 'Somewhere else',
  NO_FIXED_ABODE: 'No fixed abode',
};

/** The plan's answers as the form labels them, for what was not saved when someone else changed it meanwhile. */
export const PLAN_LABELS: Record<string, string> = {
  metByName: 'Who meets the child',
  metByRelationship: 'Their relationship to the child',
  appropriateAdult: 'Appropriate adult',
  meetingDate: 'Day of release',
  meetingTime: 'Time the child is met',
  travelArrangements: 'Travel',
  firstDestination: 'Where the child goes first',
  firstAppointmentDate: 'Date of the first appointment',
  firstAppointmentTime: 'Time of the first appointment',
  firstAppointmentWith: 'First appointment with',
  firstAppointmentPlace: 'First appointment where',
  medication: 'Medication and prescriptions',
  idDocuments: 'ID',
  phone: 'Phone',
  moneyAndProperty: 'Money and property',
  supervisionExplainedByName: 'Who explained the supervision requirements',
  supervisionExplainedOn: 'When they explained them',
};
export const RECORD_LABELS: Record<string, string> = {
  metAtGate: 'Met at the gate',
  recordMetByName: 'Who met the child',
  recordMetByRelationship: 'Their relationship to the child',
  firstNightAddress: 'Where the child slept the first night',
  firstNightPlacementType: 'What kind of place it was',
  firstNightAsPlanned: 'The accommodation planned',
  notes: 'Anything else about the day',
};

/** Where on the page an api field (a gap, or a refusal's input path) is answered: a date's day box, else its own id. */
export function pageFieldOf(apiField: string): string {
  if (apiField === 'planReleaseDay') return 'metByName';
  return apiField in PLAN_DATES ? `${apiField}Day` : apiField;
}

/** HH:MM (24-hour) from what was typed ("9:30", "09.30", "0930"), or null when it is not a time. */
export function timeOf(text: string): string | null {
  const match = /^(\d{1,2})[:.]?(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h <= 23 && m <= 59 ? `${String(h).padStart(2, '0')}:${match[2]}` : null;
}

function yesNo(value: string | undefined): boolean | null {
  return value === 'yes' ? true : value === 'no' ? false : null;
}

/**
 * The planReleaseDay input from the posted form: every answer sent (an empty one clears it; the plan may be saved
 * part done, the gaps say what is missing), or what is wrong with a date or a time, against its field.
 */
export function releaseDayPlanInput(
  planId: string,
  values: Values,
): { input: Record<string, unknown> | null; errors: FormErrors | null } {
  const problems: [string, string][] = [];
  const input: Record<string, unknown> = { planId };
  const version = Number(values.expectedVersion);
  if (Number.isInteger(version) && version >= 1) input.expectedVersion = version;
  for (const field of PLAN_TEXT_FIELDS) input[field] = values[field]?.trim() || null;
  input.appropriateAdult = yesNo(values.appropriateAdult);
  for (const [field, label] of Object.entries(PLAN_DATES)) {
    const [d, m, y] = [values[`${field}Day`], values[`${field}Month`], values[`${field}Year`]];
    if (![d, m, y].some((v) => v?.trim())) input[field] = null;
    else {
      const problem = dateProblem(label, d, m, y);
      if (problem) problems.push([`${field}Day`, problem]);
      else input[field] = dateFromParts(d, m, y);
    }
  }
  for (const [field, label] of Object.entries(PLAN_TIMES)) {
    const typed = values[field]?.trim() ?? '';
    const time = typed ? timeOf(typed) : null;
    if (typed && !time) problems.push([field, `${label} must be a time written like 09:30 (24-hour)`]);
    input[field] = time;
  }
  const errors = problems.length ? toFormErrors(problems) : null;
  if (errors) return { input: null, errors };
  // Starting the plan: what is left empty is left out, so the api's defaults (the day of release) apply.
  if (!input.expectedVersion) for (const [k, v] of Object.entries(input)) if (v === null) delete input[k];
  return { input, errors: null };
}

/** The plan as the form shows it: text as is, dates in their three boxes. */
export function planValues(plan: Record<string, unknown> | null): Values {
  const values: Values = { expectedVersion: plan?.version ? String(plan.version) : '' };
  if (!plan) return values;
  for (const field of [...PLAN_TEXT_FIELDS, 'meetingTime', 'firstAppointmentTime'])
    values[field] = typeof plan[field] === 'string' ? (plan[field] as string) : '';
  values.appropriateAdult = plan.appropriateAdult === true ? 'yes' : plan.appropriateAdult === false ? 'no' : '';
  for (const field of Object.keys(PLAN_DATES)) {
    const [y, m, d] = typeof plan[field] === 'string' ? (plan[field] as string).split('-') : ['', '', ''];
    Object.assign(values, {
      [`${field}Day`]: d ? String(Number(d)) : '',
      [`${field}Month`]: m ? String(Number(m)) : '',
      [`${field}Year`]: y ?? '',
    });
  }
  return values;
}

/**
 * The establishment's part of the release-day plan (the policy's `ESTABLISHMENT_RELEASE_DAY_FIELDS`: medication, ID,
 * money and property) as a planReleaseDay input naming those fields alone, which the api decides as
 * ARRANGE_RELEASE_DAY. An empty box clears the answer; the version is sent once the plan exists.
 */
export function arrangementsInput(planId: string, values: Values): Record<string, unknown> {
  const input: Record<string, unknown> = { planId };
  const version = Number(values.expectedVersion);
  if (Number.isInteger(version) && version >= 1) input.expectedVersion = version;
  for (const field of ESTABLISHMENT_RELEASE_DAY_FIELDS) input[field] = values[field]?.trim() || null;
  return input;
}

/** The labels of the establishment's part, for what was not saved when the plan changed meanwhile. */
export const ARRANGEMENT_LABELS: Record<string, string> = Object.fromEntries(
  ESTABLISHMENT_RELEASE_DAY_FIELDS.map((field) => [field, PLAN_LABELS[field]]),
);

/**
 * The recordReleaseDay input from the posted form: whether the child was met (and by whom), the first night's
 * address, its kind and whether it was the one planned, and notes; or what is missing, against its field.
 */
export function releaseRecordInput(
  planId: string,
  values: Values,
): { input: Record<string, unknown> | null; errors: FormErrors | null } {
  const problems: [string, string][] = [];
  const metAtGate = yesNo(values.metAtGate);
  if (metAtGate === null) problems.push(['metAtGate', 'Select whether anyone met the child at the gate']);
  const metByName = values.recordMetByName?.trim() || null;
  if (metAtGate && !metByName) problems.push(['recordMetByName', 'Enter who met the child']);
  const firstNightAddress = values.firstNightAddress?.trim() || null;
  if (!firstNightAddress) problems.push(['firstNightAddress', 'Enter where the child slept the first night']);
  const placement = values.firstNightPlacementType;
  if (!(PLACEMENT_TYPES as readonly string[]).includes(placement))
    problems.push(['firstNightPlacementType', 'Select what kind of place it was']);
  const asPlanned = yesNo(values.firstNightAsPlanned);
  if (asPlanned === null) problems.push(['firstNightAsPlanned', 'Select whether it was the accommodation planned']);
  const errors = problems.length ? toFormErrors(problems) : null;
  if (errors) return { input: null, errors };
  const input: Record<string, unknown> = {
    planId,
    metAtGate,
    metByName: metAtGate ? metByName : null,
    metByRelationship: metAtGate ? values.recordMetByRelationship?.trim() || null : null,
    firstNightAddress,
    firstNightPlacementType: placement,
    firstNightAsPlanned: asPlanned,
    notes: values.notes?.trim() || null,
  };
  const version = Number(values.recordVersion);
  if (Number.isInteger(version) && version >= 1) input.expectedVersion = version;
  return { input, errors: null };
}

/** The release record as the form shows it. */
export function recordValues(record: Record<string, unknown> | null): Values {
  if (!record) return {};
  const yn = (v: unknown) => (v === true ? 'yes' : v === false ? 'no' : '');
  return {
    recordVersion: String(record.version),
    metAtGate: yn(record.metAtGate),
    recordMetByName: (record.metByName as string) ?? '',
    recordMetByRelationship: (record.metByRelationship as string) ?? '',
    firstNightAddress: (record.firstNightAddress as string) ?? '',
    firstNightPlacementType: (record.firstNightPlacementType as string) ?? '',
    firstNightAsPlanned: yn(record.firstNightAsPlanned),
    notes: (record.notes as string) ?? '',
  };
}

/** An api field path (`input.metByName`) as the page's field; the record form's met-by fields have their own ids. */
export function recordFieldOf(path: string): string | undefined {
  const field = path.split('.').pop() ?? '';
  if (field === 'metByName') return 'recordMetByName';
  if (field === 'metByRelationship') return 'recordMetByRelationship';
  return ['metAtGate', 'firstNightAddress', 'firstNightPlacementType', 'firstNightAsPlanned', 'notes'].includes(field)
    ? field
    : undefined;
}
