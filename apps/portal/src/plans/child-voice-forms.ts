import { Transform } from 'class-transformer';
import {
  Allow,
  IsIn,
  IsNotEmpty,
  IsOptional,
  MaxLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { offerStartDate, VersionedForm } from '../forms/portal-forms';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TEXT = 4000;

/** The child's voice, field by field: the form's name, its label and the hint (the api's field has the same name). */
export const CHILD_VOICE_FIELDS = [
  {
    name: 'selfAssessment',
    label: 'What the child thinks they need',
    hint: 'What matters to them and what would help',
  },
  { name: 'aspirations', label: 'Hopes', hint: 'What they hope for after release' },
  { name: 'strengths', label: 'Strengths', hint: '' },
  { name: 'interests', label: 'Interests', hint: '' },
  { name: 'learningStyle', label: 'How they learn best', hint: '' },
  { name: 'communicationNeeds', label: 'Communication needs', hint: 'For example, speech and language needs' },
  { name: 'communicationAdaptations', label: 'How the plan is adapted to how they learn and communicate', hint: '' },
] as const;

function tooLong(label: string) {
  return { message: `${label} must be ${TEXT} characters or fewer` };
}

/** The child's voice with the version the page showed; every box may be empty (an empty box clears the field). */
export class ChildVoiceForm extends VersionedForm {
  @Transform(trim) @IsOptional() @MaxLength(TEXT, tooLong('What the child thinks they need')) selfAssessment?: string;
  @Transform(trim) @IsOptional() @MaxLength(TEXT, tooLong('Hopes')) aspirations?: string;
  @Transform(trim) @IsOptional() @MaxLength(TEXT, tooLong('Strengths')) strengths?: string;
  @Transform(trim) @IsOptional() @MaxLength(TEXT, tooLong('Interests')) interests?: string;
  @Transform(trim) @IsOptional() @MaxLength(TEXT, tooLong('How they learn best')) learningStyle?: string;
  @Transform(trim) @IsOptional() @MaxLength(TEXT, tooLong('Communication needs')) communicationNeeds?: string;
  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, tooLong('How the plan is adapted'))
  communicationAdaptations?: string;
}

/** The api's UpdateChildVoiceInput: the form shows every field, so an empty box clears it (null). */
export function childVoiceInput(planId: string, form: ChildVoiceForm) {
  const input: Record<string, string | number | null> = { planId, expectedVersion: form.expectedVersion };
  for (const { name } of CHILD_VOICE_FIELDS) input[name] = form[name] || null;
  return input;
}

export const AGREEMENT_RESPONSES = ['AGREES', 'PARTLY_AGREES', 'DISAGREES', 'NOT_ASKED'] as const;
export const AGREEMENT_LABELS: Record<string, string> = {
  AGREES: 'Agrees',
  PARTLY_AGREES: 'Partly agrees',
  DISAGREES: 'Disagrees',
  NOT_ASKED: 'Not asked',
};

@ValidatorConstraint({ name: 'realExplainedOn' })
class RealExplainedOn implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    return explainedOn(args.object as ExplanationForm) !== null;
  }
  defaultMessage(): string {
    return 'Enter the date the plan was explained, a real date';
  }
}

/** How, when and by whom the plan was explained, and the child's and parent or carer's answers in their words. */
export class ExplanationForm extends VersionedForm {
  // Checked on the day box, the first of the three, which the error summary links to.
  @Transform(trim) @Validate(RealExplainedOn) explainedOnDay: string;
  @Transform(trim) @Allow() explainedOnMonth: string;
  @Transform(trim) @Allow() explainedOnYear: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter how the plan was explained, and by whom' })
  @MaxLength(TEXT, tooLong('How the plan was explained'))
  explainedHow: string;

  @IsIn(AGREEMENT_RESPONSES, { message: 'Select whether the child agrees with the plan' })
  childAgreement: string;

  @Transform(trim)
  @IsNotEmpty({ message: 'Enter what the child said, in their own words' })
  @MaxLength(TEXT, tooLong('What the child said'))
  childAgreementWords: string;

  @IsOptional()
  @IsIn(['', ...AGREEMENT_RESPONSES], { message: 'Select whether the parent or carer agrees with the plan' })
  parentCarerAgreement?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, tooLong('What the parent or carer said'))
  parentCarerAgreementWords?: string;
}

/** YYYY-MM-DD from the three boxes, or null when they do not make a real date. */
function explainedOn(form: Pick<ExplanationForm, 'explainedOnDay' | 'explainedOnMonth' | 'explainedOnYear'>) {
  return offerStartDate({
    startDateDay: form.explainedOnDay,
    startDateMonth: form.explainedOnMonth,
    startDateYear: form.explainedOnYear,
  });
}

/** The api's RecordPlanExplanationInput from the form. */
export function explanationInput(planId: string, form: ExplanationForm) {
  return {
    planId,
    expectedVersion: form.expectedVersion,
    explainedOn: explainedOn(form),
    explainedHow: form.explainedHow,
    childAgreement: form.childAgreement,
    childAgreementWords: form.childAgreementWords,
    parentCarerAgreement: form.parentCarerAgreement || null,
    parentCarerAgreementWords: form.parentCarerAgreementWords || null,
  };
}

/** The api's field (last part of its input path) → the form's field, for its BAD_USER_INPUT messages. */
export const EXPLANATION_FIELD_OF: Record<string, string> = {
  explainedOn: 'explainedOnDay',
  explainedHow: 'explainedHow',
  childAgreement: 'childAgreement',
  childAgreementWords: 'childAgreementWords',
  parentCarerAgreement: 'parentCarerAgreement',
  parentCarerAgreementWords: 'parentCarerAgreementWords',
};
export const CHILD_VOICE_FIELD_OF: Record<string, string> = Object.fromEntries(
  CHILD_VOICE_FIELDS.map(({ name }) => [name, name]),
);

/**
 * Who the portal offers to change the plan as a whole (the child's voice, the agreement): those who may change plans,
 * of the supervising service. The api decides each change.
 */
export function mayChangePlan(
  me: { roles: string[]; organisationId: string } | undefined,
  episode: { supervisingService: { id: string } },
): boolean {
  if (!me || !mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_PLAN)) return false;
  return episode.supervisingService.id === me.organisationId;
}

/**
 * What still blocks agreement (the api's words), each with where it is fixed: the pathway's page when the api says
 * it is a pathway's, otherwise the agreement form.
 */
export function blockerLinks(
  blockers: readonly { text: string; pathwayId: string | null }[],
  episodeId: string,
): { text: string; href: string }[] {
  return blockers.map(({ text, pathwayId }) => ({
    text,
    href: pathwayId ? `/plans/${episodeId}/pathways/${pathwayId}` : `/plans/${episodeId}/agreement`,
  }));
}
