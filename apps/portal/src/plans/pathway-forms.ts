import { Transform } from 'class-transformer';
import {
  Allow,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  MaxLength,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ESTABLISHMENT_PATHWAY_TYPES } from '@resettle/access';
import { offerStartDate, VersionedForm } from '../forms/portal-forms';
import { PATHWAY_STATUS_LABELS } from './plan-labels';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const TEXT = 4000;

export const PATHWAY_STATUSES = Object.keys(PATHWAY_STATUS_LABELS);
export const NEED_LEVELS = ['NONE', 'LOW', 'MEDIUM', 'HIGH'] as const;
export const NEED_LEVEL_LABELS: Record<string, string> = {
  NONE: 'No need',
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
};

/** A pathway's status, need, named person and the child's view, with the version the page showed. */
export class PathwayForm extends VersionedForm {
  @IsIn(PATHWAY_STATUSES, { message: 'Select the status' })
  status: string;

  @IsOptional()
  @IsIn(['', ...NEED_LEVELS], { message: 'Select the need level' })
  needLevel?: string;

  @ValidateIf((form: PathwayForm) => !!form.responsibleOrganisationId)
  @IsUUID('all', { message: 'Select the organisation responsible' })
  responsibleOrganisationId?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(200, { message: 'Named person must be 200 characters or fewer' })
  ownerName?: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(TEXT, { message: `The child’s view must be ${TEXT} characters or fewer` })
  childView?: string;
}

/** The api's UpdatePathwayInput from the form: an empty box clears the field (the form shows every field). */
export function pathwayInput(pathwayId: string, form: PathwayForm) {
  return {
    pathwayId,
    expectedVersion: form.expectedVersion,
    status: form.status,
    needLevel: form.needLevel || null,
    responsibleOrganisationId: form.responsibleOrganisationId || null,
    ownerName: form.ownerName || null,
    childView: form.childView || null,
  };
}

/** The due date's three boxes: all empty (no due date) or a real date. */
@ValidatorConstraint({ name: 'optionalRealDate' })
class OptionalRealDate implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const form = args.object as ActionForm;
    return !(form.dueDateDay || form.dueDateMonth || form.dueDateYear) || actionDueDate(form) !== null;
  }
  defaultMessage(): string {
    return 'Due date must be a real date, or leave it empty';
  }
}

/** A new action on a pathway: what, who, and by when (optional). */
export class ActionForm {
  @Transform(trim)
  @IsNotEmpty({ message: 'Enter what is to be done' })
  @MaxLength(1000, { message: 'What is to be done must be 1000 characters or fewer' })
  description: string;

  @Transform(trim)
  @IsOptional()
  @MaxLength(200, { message: 'Who will do it must be 200 characters or fewer' })
  actionOwnerName?: string;

  // Checked on the day box, the first of the three, which the error summary links to.
  @Transform(trim) @Validate(OptionalRealDate) dueDateDay: string;
  @Transform(trim) @Allow() dueDateMonth: string;
  @Transform(trim) @Allow() dueDateYear: string;
}

/** YYYY-MM-DD from the three boxes, or null when they are empty or do not make a real date. */
function actionDueDate(form: Pick<ActionForm, 'dueDateDay' | 'dueDateMonth' | 'dueDateYear'>): string | null {
  return offerStartDate({
    startDateDay: form.dueDateDay,
    startDateMonth: form.dueDateMonth,
    startDateYear: form.dueDateYear,
  });
}

export function actionInput(pathwayId: string, form: ActionForm) {
  return {
    pathwayId,
    description: form.description,
    ownerName: form.actionOwnerName || null,
    dueDate: actionDueDate(form),
  };
}

/** The api's field (last part of its input path) → the form's field, for its BAD_USER_INPUT messages. */
export const PATHWAY_FIELD_OF: Record<string, string> = {
  status: 'status',
  needLevel: 'needLevel',
  responsibleOrganisationId: 'responsibleOrganisationId',
  ownerName: 'ownerName',
  childView: 'childView',
};
export const ACTION_FIELD_OF: Record<string, string> = {
  description: 'description',
  ownerName: 'actionOwnerName',
  dueDate: 'dueDateDay',
};

/**
 * Whether an establishment may be named responsible for a pathway of this type: education and health in custody, the
 * policy's `ESTABLISHMENT_PATHWAY_TYPES` (the api refuses the rest). Who may change a pathway is the api's answer
 * (`Pathway.mayChange`), not worked out here.
 */
export function mayBeResponsible(pathwayType: string): boolean {
  return ESTABLISHMENT_PATHWAY_TYPES.includes(pathwayType);
}

interface HistoryEvent {
  details: { record?: { type?: string; id?: string } };
}

/**
 * The plan's history narrowed to one pathway: its own changes and its actions' (by their ids: the history keeps only
 * the fields that changed), newest first.
 */
export function pathwayHistory<E extends HistoryEvent>(
  events: readonly E[] | null,
  pathwayId: string,
  actionIds: readonly string[],
): E[] {
  return (events ?? [])
    .filter(({ details: { record } }) =>
      record?.type === 'Pathway'
        ? record.id === pathwayId
        : record?.type === 'PathwayAction' && actionIds.includes(record.id ?? ''),
    )
    .reverse();
}
