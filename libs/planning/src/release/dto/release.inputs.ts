import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { IsLocalDate } from '@resettle/common';
import {
  AppointmentKind,
  AppointmentOutcome,
  BarrierStatus,
  FirstNightPlacementType,
  SupervisionCompliance,
} from '../release-enums';

const TEXT = 5000;
const NAME = 200;
const VERSION = 'The version you loaded; a stale one is refused with CONFLICT and the current state.';
const CREATE_OR_CHANGE =
  'Leave out to create it (CONFLICT, with the current one, if it already exists); the version you loaded to change it.';
const KEEP = 'Leave out to keep; null to clear.';
const MISSED_REASON = 'Why it was missed: required when the outcome is MISSED.';
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_MESSAGE = (field: string) => `${field} must be a clock time written HH:MM (24-hour)`;

/**
 * Starts the day-of-release plan (without expectedVersion) or changes it (with the version you loaded). Fields left
 * out are kept; fields sent as null are cleared. A change to a confirmed plan withdraws the confirmation.
 */
@InputType()
export class PlanReleaseDayInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { nullable: true, description: CREATE_OR_CHANGE }) @IsOptional() @IsInt() @Min(1) expectedVersion?:
    number | null;

  @Field(() => String, { nullable: true, description: `Who meets the child at the gate. ${KEEP}` })
  @IsOptional()
  @IsString()
  @MaxLength(NAME)
  metByName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(NAME) metByRelationship?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether they are an appropriate adult (required to confirm).' })
  @IsOptional()
  @IsBoolean()
  appropriateAdult?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: the day of release; by default the episode’s expected release date.',
  })
  @IsOptional()
  @IsLocalDate()
  meetingDate?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM' })
  @IsOptional()
  @Matches(HH_MM, { message: HH_MM_MESSAGE('meetingTime') })
  meetingTime?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) travelArrangements?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Where the child goes first.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  firstDestination?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD: by default the day of release (and it follows that day while left at it).',
  })
  @IsOptional()
  @IsLocalDate()
  firstAppointmentDate?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM' })
  @IsOptional()
  @Matches(HH_MM, { message: HH_MM_MESSAGE('firstAppointmentTime') })
  firstAppointmentTime?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(NAME) firstAppointmentWith?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) firstAppointmentPlace?:
    string | null;

  @Field(() => String, { nullable: true, description: 'Medication and prescriptions, or "None".' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  medication?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) idDocuments?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) moneyAndProperty?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The user who explained the supervision requirements, when they are one.',
  })
  @IsOptional()
  @IsUUID()
  supervisionExplainedById?: string | null;
  @Field(() => String, { nullable: true, description: 'Who explained them, by name.' })
  @IsOptional()
  @IsString()
  @MaxLength(NAME)
  supervisionExplainedByName?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; not in the future.' })
  @IsOptional()
  @IsLocalDate()
  supervisionExplainedOn?: string | null;
}

@InputType()
export class ConfirmReleaseDayPlanInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { description: `The release-day plan's version. ${VERSION}` })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

/**
 * What happened on the day of release. Without expectedVersion it creates the record, and metAtGate,
 * firstNightAddress, firstNightPlacementType and firstNightAsPlanned are required; with the version you loaded it
 * changes it (fields left out are kept).
 */
@InputType()
export class RecordReleaseDayInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { nullable: true, description: CREATE_OR_CHANGE }) @IsOptional() @IsInt() @Min(1) expectedVersion?:
    number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the child left; by default the release recorded on the episode. Not in the future.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  releasedAt?: Date | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether anyone met the child at the gate (required when creating).',
  })
  @IsOptional()
  @IsBoolean()
  metAtGate?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Required when someone met the child.' })
  @IsOptional()
  @IsString()
  @MaxLength(NAME)
  metByName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(NAME) metByRelationship?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Where the child slept the first night (required when creating).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  firstNightAddress?: string | null;
  @Field(() => FirstNightPlacementType, { nullable: true, description: 'Required when creating.' })
  @IsOptional()
  @IsEnum(FirstNightPlacementType)
  firstNightPlacementType?: FirstNightPlacementType | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether that was the accommodation planned (required when creating).',
  })
  @IsOptional()
  @IsBoolean()
  firstNightAsPlanned?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: `Whether education, training or work started as planned; null while not known. ${KEEP}`,
  })
  @IsOptional()
  @IsBoolean()
  eteStartedAsPlanned?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: `Whether the first appointments were kept; null while not known. ${KEEP}`,
  })
  @IsOptional()
  @IsBoolean()
  firstAppointmentsKept?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) notes?: string | null;
}

/**
 * An appointment after release. It may be planned (PLANNED, the default) before the child leaves; KEPT and MISSED
 * need the release recorded on the episode and the appointment's time passed.
 */
@InputType()
export class RecordAppointmentInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => AppointmentKind) @IsEnum(AppointmentKind) kind: AppointmentKind;
  @Field(() => Date) @Type(() => Date) @IsDate() at: Date;
  @Field({ description: 'With whom (a person, a service).' }) @IsString() @Length(1, NAME) withWhom: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) place?: string | null;
  @Field(() => AppointmentOutcome, { nullable: true, description: 'PLANNED when left out.' })
  @IsOptional()
  @IsEnum(AppointmentOutcome)
  outcome?: AppointmentOutcome | null;
  @Field(() => String, { nullable: true, description: MISSED_REASON })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string | null;
}

/**
 * An appointment's outcome, and a correction of what was recorded wrongly: its kind, time, with whom and where (left
 * out, each is kept; the place alone can be cleared).
 */
@InputType()
export class UpdateAppointmentOutcomeInput {
  @Field(() => ID) @IsUUID() appointmentId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => AppointmentOutcome) @IsEnum(AppointmentOutcome) outcome: AppointmentOutcome;
  @Field(() => AppointmentKind, { nullable: true, description: 'A correction: leave out to keep.' })
  @IsOptional()
  @IsEnum(AppointmentKind)
  kind?: AppointmentKind | null;
  @Field(() => Date, { nullable: true, description: 'A correction of when it was: leave out to keep.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  at?: Date | null;
  @Field(() => String, { nullable: true, description: 'A correction of with whom: leave out to keep.' })
  @IsOptional()
  @IsString()
  @Length(1, NAME)
  withWhom?: string | null;
  @Field(() => String, { nullable: true, description: `A correction of where. ${KEEP}` })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  place?: string | null;
  @Field(() => String, { nullable: true, description: `${KEEP} ${MISSED_REASON}` })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string | null;
}

/** A barrier to the child engaging, how it was assessed, and the plan to address it. Possible before release too. */
@InputType()
export class RecordEngagementBarrierInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field() @IsString() @Length(1, 1000) barrier: string;
  @Field() @IsString() @Length(1, TEXT) assessment: string;
  @Field() @IsString() @Length(1, TEXT) planToAddress: string;
}

/** Fields left out are kept (none of them can be cleared). */
@InputType()
export class UpdateEngagementBarrierInput {
  @Field(() => ID) @IsUUID() barrierId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 1000) barrier?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, TEXT) assessment?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, TEXT) planToAddress?: string | null;
  @Field(() => BarrierStatus, { nullable: true }) @IsOptional() @IsEnum(BarrierStatus) status?: BarrierStatus | null;
}

/**
 * Compliance with supervision over a period after release, one record per period end: without expectedVersion it
 * records the period, with the version you loaded it corrects it (the whole record: notes left out are cleared).
 * Notes are required unless COMPLIANT.
 */
@InputType()
export class RecordSupervisionCheckInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { nullable: true, description: CREATE_OR_CHANGE }) @IsOptional() @IsInt() @Min(1) expectedVersion?:
    number | null;
  @Field({ description: 'YYYY-MM-DD: the last day of the period; not in the future, not before the release.' })
  @IsLocalDate()
  periodEnding: string;
  @Field(() => SupervisionCompliance) @IsEnum(SupervisionCompliance) compliance: SupervisionCompliance;
  @Field(() => String, {
    nullable: true,
    description:
      'What happened; required unless COMPLIANT. A correction replaces the whole record, so send the notes again.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string | null;
}
