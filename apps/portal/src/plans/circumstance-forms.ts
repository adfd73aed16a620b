import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, MaxLength, Min } from 'class-validator';
import { CIRCUMSTANCE_LABELS } from './plan-labels';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TEXT = 4000;
const STALE_PAGE = 'The page was out of date: reload it and try again';

/** A circumstance and what is done about it; the version only when changing one already recorded. */
export class CircumstanceForm {
  @IsIn(Object.keys(CIRCUMSTANCE_LABELS), { message: 'Select the circumstance' })
  kind: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `What it is for this child must be ${TEXT} characters or fewer` })
  detail?: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter what is being done about it' })
  @MaxLength(TEXT, { message: `What is being done about it must be ${TEXT} characters or fewer` })
  response: string;

  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @IsInt({ message: STALE_PAGE })
  @Min(1, { message: STALE_PAGE })
  expectedVersion?: number;
}

/** The api's RecordCircumstanceInput from the form (an empty detail clears it). */
export function circumstanceInput(planId: string, form: CircumstanceForm) {
  return {
    planId,
    kind: form.kind,
    detail: form.detail || null,
    response: form.response,
    ...(form.expectedVersion ? { expectedVersion: form.expectedVersion } : {}),
  };
}

/** The api's field (last part of its input path) → the form's field, for its BAD_USER_INPUT messages. */
export const CIRCUMSTANCE_FIELD_OF: Record<string, string> = { kind: 'kind', detail: 'detail', response: 'response' };
