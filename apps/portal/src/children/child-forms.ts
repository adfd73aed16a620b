import { dateFromParts, dateProblem } from '../forms/date-input';
import { type FormErrors, toFormErrors } from '../forms/form-errors';
import { govukDate } from '../http/view-filters';

/**
 * The register-a-child and start-custody forms as plain functions: the posted answers (text only, so they travel in
 * hidden fields through the check step) to the api's input, or the errors to show against the fields, GOV.UK's words.
 * The api checks everything again; these only spare a round trip and say it plainly.
 */
export type Values = Record<string, string>;

export const GENDERS = ['FEMALE', 'MALE', 'OTHER'] as const;
export const GENDER_LABELS: Record<string, string> = { FEMALE: 'Female', MALE: 'Male', OTHER: 'Other' };
export const SENTENCE_TYPES = ['DTO', 'S250', 'EXTENDED', 'DHMP'] as const;
export const SENTENCE_LABELS: Record<string, string> = {
  DTO: 'Detention and training order (DTO)',
  S250: 'Detention under section 250',
  EXTENDED: 'Extended sentence of detention',
  DHMP: 'Detention at His Majesty’s Pleasure',
};
const NAME = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The posted answers, trimmed, without the CSRF token, the step and the duplicates ticked (text only). */
export function formValues(body: unknown): Values {
  const values: Values = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (['_csrf', 'step', 'setAside'].includes(name) || typeof value !== 'string' || value.length > 2000) continue;
    values[name] = value.trim();
  }
  return values;
}

/** The ids ticked as "not the same child" (one checkbox sends a string, several an array). */
export function setAsideIds(body: unknown): string[] {
  const raw = (body as Record<string, unknown> | null)?.setAside;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && UUID.test(v)))];
}

function name(values: Values, field: string, label: string, required: boolean): [string, string] | null {
  const value = values[field] ?? '';
  if (!value) return required ? [field, `Enter the child’s ${label}`] : null;
  const Label = label[0].toUpperCase() + label.slice(1);
  return value.length > NAME ? [field, `${Label} must be ${NAME} characters or fewer`] : null;
}

/** A date that is a real date and not after today (a date of birth must be before it). */
function pastDate(values: Values, prefix: string, label: string, today: string, strictlyBefore = false) {
  const [d, m, y] = [values[`${prefix}Day`], values[`${prefix}Month`], values[`${prefix}Year`]];
  const problem = dateProblem(label, d, m, y);
  if (problem) return { error: [`${prefix}Day`, problem] as [string, string], date: null };
  const date = dateFromParts(d, m, y)!;
  const Label = label[0].toUpperCase() + label.slice(1);
  if (strictlyBefore ? date >= today : date > today) {
    const error = `${Label} must be ${strictlyBefore ? 'in the past' : 'today or in the past'}`;
    return { error: [`${prefix}Day`, error] as [string, string], date: null };
  }
  return { error: null, date };
}

export interface RegisterChildInput {
  givenName: string;
  familyName: string;
  preferredName?: string;
  dateOfBirth: string;
  gender: string;
  homeAuthorityId?: string;
  lookedAfter: boolean;
  responsibleAuthorityId?: string;
}

/** The register-a-child form: the api's `RegisterChildInput` (less the duplicates set aside), or the errors. */
export function parseRegisterChild(
  values: Values,
  today: string,
): { input: RegisterChildInput | null; errors: FormErrors | null } {
  const errors: [string, string][] = [];
  const push = (e: [string, string] | null) => e && errors.push(e);
  push(name(values, 'givenName', 'first name', true));
  push(name(values, 'familyName', 'last name', true));
  push(name(values, 'preferredName', 'preferred name', false));
  const dob = pastDate(values, 'dob', 'date of birth', today, true);
  push(dob.error);
  if (!GENDERS.includes(values.gender as (typeof GENDERS)[number])) push(['gender', 'Select the child’s gender']);
  if (values.homeAuthorityId && !UUID.test(values.homeAuthorityId))
    push(['homeAuthorityId', 'Select the local authority the child comes from']);
  if (values.lookedAfter !== 'yes' && values.lookedAfter !== 'no')
    push(['lookedAfter', 'Select whether the child is looked after by a local authority']);
  const lookedAfter = values.lookedAfter === 'yes';
  if (lookedAfter && !UUID.test(values.responsibleAuthorityId ?? ''))
    push(['responsibleAuthorityId', 'Select the local authority responsible for the child']);
  if (errors.length) return { input: null, errors: toFormErrors(errors) };
  return {
    input: {
      givenName: values.givenName,
      familyName: values.familyName,
      preferredName: values.preferredName || undefined,
      dateOfBirth: dob.date!,
      gender: values.gender,
      homeAuthorityId: values.homeAuthorityId || undefined,
      lookedAfter,
      responsibleAuthorityId: lookedAfter ? values.responsibleAuthorityId : undefined,
    },
    errors: null,
  };
}

export interface StartCustodyFields {
  establishmentId: string;
  court: string;
  remandDate?: string;
  sentence?: {
    sentenceType: string;
    sentenceDate: string;
    termMonths?: number;
    extensionMonths?: number;
    remandDays?: number;
  };
}

function wholeNumber(
  values: Values,
  field: string,
  label: string,
  required: boolean,
): [string, string] | number | null {
  const value = values[field] ?? '';
  if (!value) return required ? [field, `Enter ${label}`] : null;
  if (!/^\d{1,5}$/.test(value))
    return [field, `${label[0].toUpperCase()}${label.slice(1)} must be a whole number, like 12`];
  return Number(value);
}

/**
 * The start-custody form: remanded (the day of remand) or sentenced (the sentence, its date and term), and where the
 * child is held; the api's `StartCustodialEpisodeInput` less the child and the supervising service, or the errors.
 */
export function parseStartCustody(
  values: Values,
  today: string,
): { input: StartCustodyFields | null; errors: FormErrors | null } {
  const errors: [string, string][] = [];
  if (!UUID.test(values.establishmentId ?? '')) errors.push(['establishmentId', 'Select where the child is held']);
  let remandDate: string | undefined;
  let sentence: StartCustodyFields['sentence'];
  if (values.kind === 'REMAND') {
    const remand = pastDate(values, 'remandDate', 'the date of remand', today);
    if (remand.error) errors.push(remand.error);
    remandDate = remand.date ?? undefined;
  } else if (values.kind === 'SENTENCE') {
    const type = values.sentenceType;
    if (!SENTENCE_TYPES.includes(type as (typeof SENTENCE_TYPES)[number]))
      errors.push(['sentenceType', 'Select the sentence']);
    const date = pastDate(values, 'sentenceDate', 'the date of sentence', today);
    if (date.error) errors.push(date.error);
    const numbers: Record<string, number | undefined> = {};
    const fields: [string, string, boolean][] = [
      ['termMonths', type === 'DHMP' ? 'the minimum term in months' : 'the term in months', type !== 'DHMP'],
      ['extensionMonths', 'the extension period in months', type === 'EXTENDED'],
      ['remandDays', 'the days spent on remand', false],
    ];
    for (const [field, label, required] of fields) {
      if (field === 'extensionMonths' && type !== 'EXTENDED') continue;
      const n = wholeNumber(values, field, label, required);
      if (Array.isArray(n)) errors.push(n);
      else if (n !== null) numbers[field] = n;
    }
    sentence = { sentenceType: type, sentenceDate: date.date ?? '', ...numbers };
  } else {
    errors.push(['kind', 'Select whether the child was remanded or sentenced']);
  }
  const court = values.court ?? '';
  if (!court) errors.push(['court', 'Enter the court that remanded or sentenced the child']);
  else if (court.length < 2 || court.length > 200) errors.push(['court', 'The court must be 2 to 200 characters']);
  // In the order of the page, so the error summary reads from top to bottom.
  errors.sort((a, b) => FIELD_ORDER.indexOf(a[0]) - FIELD_ORDER.indexOf(b[0]));
  if (errors.length) return { input: null, errors: toFormErrors(errors) };
  return {
    input: { establishmentId: values.establishmentId, court, ...(remandDate ? { remandDate } : { sentence }) },
    errors: null,
  };
}

const FIELD_ORDER = [
  'kind',
  'court',
  'remandDateDay',
  'sentenceType',
  'sentenceDateDay',
  'termMonths',
  'extensionMonths',
  'remandDays',
  'establishmentId',
];

/** A check-your-answers row. */
export interface Row {
  key: string;
  value: string;
}

/** The check-your-answers rows of a registration. */
export function registerRows(values: Values, authorityName: (id: string) => string): Row[] {
  const dob = dateFromParts(values.dobDay, values.dobMonth, values.dobYear);
  return [
    { key: 'First name', value: values.givenName },
    { key: 'Last name', value: values.familyName },
    { key: 'Preferred name', value: values.preferredName || 'None given' },
    { key: 'Date of birth', value: dob ? govukDate(dob) : '' },
    { key: 'Gender', value: GENDER_LABELS[values.gender] ?? '' },
    {
      key: 'Local authority the child comes from',
      value: values.homeAuthorityId ? authorityName(values.homeAuthorityId) : 'Not known',
    },
    {
      key: 'Looked after',
      value: values.lookedAfter === 'yes' ? `Yes, by ${authorityName(values.responsibleAuthorityId)}` : 'No',
    },
  ];
}

/** The check-your-answers rows of the start of custody. */
export function startCustodyRows(values: Values, establishmentName: (id: string) => string): Row[] {
  const date = (prefix: string) => {
    const iso = dateFromParts(values[`${prefix}Day`], values[`${prefix}Month`], values[`${prefix}Year`]);
    return iso ? govukDate(iso) : '';
  };
  const rows =
    values.kind === 'REMAND'
      ? [
          { key: 'Custody', value: 'Remanded to youth detention accommodation' },
          { key: 'Date of remand', value: date('remandDate') },
        ]
      : [
          { key: 'Sentence', value: SENTENCE_LABELS[values.sentenceType] ?? '' },
          { key: 'Date of sentence', value: date('sentenceDate') },
          {
            key: values.sentenceType === 'DHMP' ? 'Minimum term' : 'Term',
            value: values.termMonths ? `${values.termMonths} months` : 'Not given',
          },
          ...(values.sentenceType === 'EXTENDED'
            ? [{ key: 'Extension period', value: `${values.extensionMonths} months` }]
            : []),
          { key: 'Days on remand', value: values.remandDays || '0' },
        ];
  return [
    rows[0],
    { key: 'Court', value: values.court },
    ...rows.slice(1),
    { key: 'Where the child is held', value: establishmentName(values.establishmentId) },
  ];
}
