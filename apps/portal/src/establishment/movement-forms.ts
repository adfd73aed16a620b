import { Transform } from 'class-transformer';
import {
  Allow,
  IsNotEmpty,
  IsUUID,
  Length,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { Capability, mayPerform, Role } from '@resettle/access';
import { addDays } from '@resettle/common';
import { releaseDeparture } from '@resettle/custody';
import { dateFromParts, RealDate } from '../forms/date-input';
import { govukDate } from '../http/view-filters';
import { londonDateTime, parseTime } from '../meetings/meeting-forms';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
type Values = Record<string, string>;

/** A time of day as people type it ("10:30", "2pm"); its label in the constraints. */
@ValidatorConstraint({ name: 'timeOfDay' })
class TimeOfDay implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return parseTime(value) !== null;
  }
  defaultMessage(args: ValidationArguments): string {
    const [label] = args.constraints as [string];
    return typeof args.value === 'string' && args.value.trim()
      ? `${label[0].toUpperCase()}${label.slice(1)} must be a time, like 10:30 or 2pm`
      : `Enter ${label}, like 10:30`;
  }
}

/** The day the youth court ordered the child released late (a DTO). */
export class LateReleaseForm {
  @Transform(trim) @Validate(RealDate, ['releaseOn', 'the day of late release']) releaseOnDay: string;
  @Transform(trim) @Allow() releaseOnMonth: string;
  @Transform(trim) @Allow() releaseOnYear: string;
  @Allow() expectedVersion: string;
}

/** A child moving out to another secure establishment, with the reason. */
export class TransferForm {
  @IsUUID('all', { message: 'Select the establishment the child is moving to' }) toEstablishmentId: string;
  @Transform(trim) @Validate(RealDate, ['transferDate', 'the day of the transfer']) transferDateDay: string;
  @Transform(trim) @Allow() transferDateMonth: string;
  @Transform(trim) @Allow() transferDateYear: string;
  @Transform(trim)
  @Length(3, 1000, { message: 'The reason for the transfer must be 3 to 1000 characters' })
  @IsNotEmpty({ message: 'Enter the reason for the transfer' })
  reason: string;
  @Allow() expectedVersion: string;
}

/** The child left custody: when, and why on another day than expected when it was. */
export class ReleaseForm {
  @Transform(trim) @Validate(RealDate, ['releasedAt', 'the day the child left']) releasedAtDay: string;
  @Transform(trim) @Allow() releasedAtMonth: string;
  @Transform(trim) @Allow() releasedAtYear: string;
  @Transform(trim) @Validate(TimeOfDay, ['the time the child left']) releasedAtTime: string;
  @Transform(trim)
  @ValidateIf((form: ReleaseForm) => !!form.reasonForDifferentDay)
  @Length(3, 1000, { message: 'The reason for leaving on another day must be 3 to 1000 characters' })
  reasonForDifferentDay?: string;
  @Allow() expectedVersion: string;
}

/** The child's supervision moving to another youth justice service (the child moved area), and why. */
export class SupervisionTransferForm {
  @IsUUID('all', { message: 'Select the youth justice service taking over the supervision' }) toServiceId: string;
  @Transform(trim) @Validate(RealDate, ['effectiveDate', 'the day the move takes effect']) effectiveDateDay: string;
  @Transform(trim) @Allow() effectiveDateMonth: string;
  @Transform(trim) @Allow() effectiveDateYear: string;
  @Transform(trim)
  @Length(3, 1000, { message: 'The reason for the move must be 3 to 1000 characters' })
  @IsNotEmpty({ message: 'Enter the reason for the move' })
  reason: string;
  /** Optional: a case manager of the receiving service (offered once the service is chosen); none leaves it to them. */
  @ValidateIf((form: SupervisionTransferForm) => !!form.caseManagerId)
  @IsUUID('all', { message: 'Select a case manager of the receiving service, or no one yet' })
  caseManagerId?: string;
  @Allow() expectedVersion: string;
}

/** The child back in custody after release, at which establishment, and why. */
export class RecallForm {
  @Transform(trim) @Validate(RealDate, ['recalledOn', 'the day the child returned to custody']) recalledOnDay: string;
  @Transform(trim) @Allow() recalledOnMonth: string;
  @Transform(trim) @Allow() recalledOnYear: string;
  @IsUUID('all', { message: 'Select the establishment the child returned to' }) establishmentId: string;
  @Transform(trim)
  @Length(3, 1000, { message: 'The reason for the recall must be 3 to 1000 characters' })
  @IsNotEmpty({ message: 'Enter the reason for the recall' })
  reason: string;
  @Allow() expectedVersion: string;
}

/** The form's field for an api input path (`input.releaseOn`, `input.reasonForDifferentDay`). */
export const MOVEMENT_FIELD_OF: Record<string, string> = {
  releaseOn: 'releaseOnDay',
  toEstablishmentId: 'toEstablishmentId',
  transferDate: 'transferDateDay',
  releasedAt: 'releasedAtDay',
  reasonForDifferentDay: 'reasonForDifferentDay',
  recalledOn: 'recalledOnDay',
  establishmentId: 'establishmentId',
  reason: 'reason',
  toServiceId: 'toServiceId',
  effectiveDate: 'effectiveDateDay',
  caseManagerId: 'caseManagerId',
};

const date = (values: Values, prefix: string) =>
  dateFromParts(values[`${prefix}Day`], values[`${prefix}Month`], values[`${prefix}Year`]) ?? '';

export function lateReleaseInput(values: Values): Record<string, unknown> {
  return { releaseOn: date(values, 'releaseOn') };
}

export function transferInput(values: Values): Record<string, unknown> {
  return {
    toEstablishmentId: values.toEstablishmentId,
    transferDate: date(values, 'transferDate'),
    reason: values.reason,
  };
}

/** The release as the api takes it: the London wall-clock time as an instant; the reason only when one was typed. */
export function releaseInput(values: Values): Record<string, unknown> {
  const time = parseTime(values.releasedAtTime);
  return {
    releasedAt: time ? londonDateTime(date(values, 'releasedAt'), time.hour, time.minute) : null,
    ...(values.reasonForDifferentDay?.trim() && { reasonForDifferentDay: values.reasonForDifferentDay.trim() }),
  };
}

/** The move as the api takes it: the receiving case manager only when one was chosen. */
export function supervisionTransferInput(values: Values): Record<string, unknown> {
  return {
    toServiceId: values.toServiceId,
    effectiveDate: date(values, 'effectiveDate'),
    reason: values.reason,
    ...(values.caseManagerId && { caseManagerId: values.caseManagerId }),
  };
}

export function recallInput(values: Values): Record<string, unknown> {
  return { recalledOn: date(values, 'recalledOn'), establishmentId: values.establishmentId, reason: values.reason };
}

/**
 * What the api would refuse about a movement's day, said before the check step rather than after it: a day after
 * today, or before custody began. Null when neither.
 */
export function movementDayProblem(
  day: string,
  today: string,
  episodeStart: string,
  what: string,
  maxDaysBack?: number,
): string | null {
  if (day > today) return `${what} must be today or in the past`;
  const earliest = maxDaysBack === undefined ? '' : addDays(today, -maxDaysBack);
  if (day < earliest) return `${what} must be at most ${maxDaysBack} days ago, ${govukDate(earliest)} or later`;
  if (day < episodeStart) return `${what} must be on or after the day custody began, ${govukDate(episodeStart)}`;
  return null;
}

/**
 * How a release departs from the expected day, in words for the page ("120 days before the expected release day,
 * 29 March 2027"), by the api's own rule (more than RELEASE_DAY_TOLERANCE_DAYS either way); null when it does not.
 */
export function releaseDepartureWords(expectedReleaseDate: string | null, leftOn: string): string | null {
  const departure = releaseDeparture(expectedReleaseDate, leftOn);
  if (!departure || !expectedReleaseDate) return null;
  const n = Math.abs(departure.days);
  return `${n} ${n === 1 ? 'day' : 'days'} ${departure.days < 0 ? 'before' : 'after'} the expected release day, ${govukDate(expectedReleaseDate)}`;
}

/** A recall is recorded by the supervising service, once the child has been released (the api decides). */
export function mayRecall(
  me: { roles: string[]; organisationId: string | null } | undefined,
  episode: { status: string; supervisingService: { id: string } },
): boolean {
  return (
    !!me &&
    mayPerform({ roles: me.roles as Role[] }, Capability.CHANGE_CUSTODY) &&
    episode.status === 'RELEASED' &&
    me.organisationId === episode.supervisingService.id
  );
}

/** A manager of the supervising service hands the supervision on, while the child is in custody (the api decides). */
export function mayTransferSupervision(
  me: { roles: string[]; organisationId: string | null } | undefined,
  episode: { status: string; supervisingService: { id: string } },
): boolean {
  return (
    !!me &&
    mayPerform({ roles: me.roles as Role[] }, Capability.TRANSFER_SUPERVISION) &&
    ['REMANDED', 'SENTENCED', 'RECALLED'].includes(episode.status) &&
    me.organisationId === episode.supervisingService.id
  );
}
