import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { ApiError } from '../api/api-error';

/** Errors shaped for GOV.UK Frontend: the error summary's list, and each field's own message. */
export interface FormErrors {
  list: { text: string; href: string }[];
  byField: Record<string, { text: string }>;
}

/** Validates a posted form against its class (class-validator): the value, or the errors to show with nothing sent. */
export function validateForm<T extends object>(
  cls: new () => T,
  body: unknown,
): { value: T; errors: FormErrors | null } {
  const value = plainToInstance(cls, body ?? {}, { exposeDefaultValues: true });
  const failures = validateSync(value, { whitelist: true, forbidUnknownValues: false });
  return { value, errors: failures.length ? toFormErrors(failures.map((f) => [f.property, firstMessage(f)])) : null };
}

/**
 * The api's own refusal of what was typed (BAD_USER_INPUT with `fieldErrors` by input path, e.g.
 * `input.offer.startDate`), put against the form's fields; a message for no known field goes against `fallback`.
 */
export function apiFormErrors(
  error: ApiError,
  fieldOf: (path: string) => string | undefined,
  fallback: string,
): FormErrors {
  const entries = Object.entries(error.fieldErrors).map(([path, messages]): [string, string] => [
    fieldOf(path) ?? fallback,
    messages[0],
  ]);
  return toFormErrors(entries.length ? entries : [[fallback, error.message]]);
}

export function formError(field: string, text: string): FormErrors {
  return toFormErrors([[field, text]]);
}

/** Errors from (field, message) pairs, in order: a field's first message wins. */
export function toFormErrors(entries: [string, string][]): FormErrors {
  const byField: FormErrors['byField'] = {};
  for (const [field, text] of entries) byField[field] ??= { text };
  return { list: Object.entries(byField).map(([field, { text }]) => ({ text, href: `#${field}` })), byField };
}

/** The message to show: "Enter …" for an empty answer before any message about its format (GOV.UK's order). */
export function firstMessage(failure: Pick<ValidationError, 'property' | 'constraints'>): string {
  const constraints = failure.constraints ?? {};
  return constraints.isNotEmpty ?? Object.values(constraints)[0] ?? `${failure.property} is not valid`;
}
