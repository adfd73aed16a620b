import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** The GOV.UK date input (three boxes: day, month, year), as every form in the portal reads and checks it. */

/** YYYY-MM-DD from a GOV.UK date input's three boxes, or null when they do not make a real date. */
export function dateFromParts(day: unknown, month: unknown, year: unknown): string | null {
  const [d, m, y] = [day, month, year].map((v) =>
    typeof v === 'string' && /^\d{1,4}$/.test(v.trim()) ? Number(v) : NaN,
  );
  if (!(y >= 2000 && y <= 2100) || !(m >= 1 && m <= 12) || !(d >= 1)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
}

/**
 * What is wrong with a GOV.UK date input, in GOV.UK's words: nothing typed ("Enter …"), a box left empty ("… must
 * include a month"), or no such day ("… must be a real date"); null when it is a real date.
 */
export function dateProblem(label: string, day: unknown, month: unknown, year: unknown): string | null {
  const parts = { day, month, year };
  const empty = Object.entries(parts)
    .filter(([, v]) => typeof v !== 'string' || !v.trim())
    .map(([k]) => k);
  const Label = label[0].toUpperCase() + label.slice(1);
  if (empty.length === 3) return `Enter ${label}`;
  if (empty.length) return `${Label} must include a ${empty.join(' and ')}`;
  return dateFromParts(day, month, year) ? null : `${Label} must be a real date`;
}

/** A date input named `<prefix>Day`, `<prefix>Month`, `<prefix>Year`, checked on its day box (the first). */
@ValidatorConstraint({ name: 'realDate' })
export class RealDate implements ValidatorConstraintInterface {
  private problem(args: ValidationArguments): string | null {
    const [prefix, label] = args.constraints as [string, string];
    const form = args.object as Record<string, unknown>;
    return dateProblem(label, form[`${prefix}Day`], form[`${prefix}Month`], form[`${prefix}Year`]);
  }
  validate(_: unknown, args: ValidationArguments): boolean {
    return this.problem(args) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return this.problem(args) ?? '';
  }
}
