import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, MaxLength, Min, Validate, ValidateIf } from 'class-validator';
import { dateFromParts, RealDate } from '../forms/date-input';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const STALE_PAGE = 'The page was out of date: reload it and try again';
const typed = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** An intervention done on an earlier order; the day it was completed only if known. */
export class InterventionForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter the intervention' })
  @MaxLength(200, { message: 'The intervention must be 200 characters or fewer' })
  name: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(500, { message: 'The order it was done on must be 500 characters or fewer' })
  orderDescription?: string;

  // Optional: checked only once any of its boxes is filled in.
  @Transform(trim)
  @ValidateIf((form: InterventionForm) =>
    [form.completedOnDay, form.completedOnMonth, form.completedOnYear].some(typed),
  )
  @Validate(RealDate, ['completedOn', 'the day it was completed'])
  completedOnDay?: string;

  @Transform(trim) @IsOptional() completedOnMonth?: string;
  @Transform(trim) @IsOptional() completedOnYear?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(500, { message: 'Who delivered it must be 500 characters or fewer' })
  deliveredBy?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(4000, { message: 'How it went must be 4000 characters or fewer' })
  outcome?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: STALE_PAGE })
  @Min(1, { message: STALE_PAGE })
  expectedVersion?: number;
}

/** The fields the api's record and update inputs share, from the form (an empty one is null: cleared). */
export function interventionFields(form: InterventionForm) {
  return {
    name: form.name,
    orderDescription: form.orderDescription || null,
    completedOn: dateFromParts(form.completedOnDay, form.completedOnMonth, form.completedOnYear),
    deliveredBy: form.deliveredBy || null,
    outcome: form.outcome || null,
  };
}

/** The api's field (last part of its input path) → the form's field, for its BAD_USER_INPUT messages. */
export const INTERVENTION_FIELD_OF: Record<string, string> = {
  name: 'name',
  orderDescription: 'orderDescription',
  completedOn: 'completedOnDay',
  deliveredBy: 'deliveredBy',
  outcome: 'outcome',
};
