import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, IsOptionalNotNull } from '@resettle/common';
import { LegalStatus, SentenceTypeEnum } from '../custody-enums';
import { RELEASE_DAY_TOLERANCE_DAYS } from '../rules/release-departure';

@InputType()
export class SentenceInput {
  @Field(() => SentenceTypeEnum)
  @IsIn([SentenceTypeEnum.DTO, SentenceTypeEnum.S250, SentenceTypeEnum.EXTENDED, SentenceTypeEnum.DHMP], {
    message: 'sentenceType must be DTO, S250, EXTENDED or DHMP (a remand is recorded with remandDate)',
  })
  sentenceType: SentenceTypeEnum;

  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  sentenceDate: string;

  @Field(() => Int, { nullable: true })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1200)
  termMonths?: number;

  @Field(() => Int, { nullable: true })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(240)
  extensionMonths?: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Remand credit. On a sentence after remand, defaults to the days on remand known in this episode (from the ' +
      'remand date to the sentence date); a credit that differs needs reasonForDifferentRemandDays. Otherwise 0.',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  remandDays?: number;

  @Field(() => Int, { nullable: true, defaultValue: 0 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  taggedBailDays?: number;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsLocalDate()
  offenceDate?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptionalNotNull()
  @IsBoolean()
  qualifyingSeriousOffence?: boolean;

  @Field({ nullable: true, defaultValue: false })
  @IsOptionalNotNull()
  @IsBoolean()
  excludedFromFortyPercentRelease?: boolean;
}

@InputType()
export class StartCustodialEpisodeInput {
  @Field(() => ID)
  @IsUUID()
  childId: string;

  @Field(() => ID, { description: 'The secure establishment the child is placed in.' })
  @IsUUID()
  establishmentId: string;

  @Field(() => ID, { description: 'The youth justice service that supervises the child.' })
  @IsUUID()
  supervisingServiceId: string;

  @Field(() => ID, { nullable: true })
  @IsOptionalNotNull()
  @IsUUID()
  caseManagerId?: string;

  @Field({ nullable: true, description: 'For a remand: the day of remand. Give this or sentence, not both.' })
  @IsOptionalNotNull()
  @IsLocalDate()
  remandDate?: string;

  @Field({
    nullable: true,
    description:
      'The court that remanded or sentenced the child, e.g. Leeds Youth Court: kept in the episode’s history.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 200, { message: 'court must be 2 to 200 characters' })
  court?: string;

  @Field(() => SentenceInput, { nullable: true, description: 'For a child sentenced straight to custody.' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => SentenceInput)
  sentence?: SentenceInput;
}

/** Every change to an episode names the version it was made against (optimistic concurrency). */
@InputType({ isAbstract: true })
export abstract class EpisodeChangeInput {
  @Field(() => ID)
  @IsUUID()
  episodeId: string;

  @Field(() => Int, { description: 'The version you loaded; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType()
export class RecordSentenceInput extends EpisodeChangeInput {
  @Field(() => SentenceInput)
  @ValidateNested()
  @Type(() => SentenceInput)
  sentence: SentenceInput;

  @Field({
    nullable: true,
    description:
      'Why the remand credit differs from the days on remand known in this episode (for example, remand elsewhere): ' +
      'required when it does.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 1000)
  reasonForDifferentRemandDays?: string;
}

@InputType()
export class GrantEarlyReleaseInput extends EpisodeChangeInput {
  @Field({
    nullable: true,
    description:
      'A working day in England and Wales, from the earliest release date (or the working day before it) and before ' +
      'the mid-term date; a weekend or bank holiday is refused, naming the nearest earlier working day. Defaults to ' +
      'the earliest release date, or the working day before it when it is not one.',
  })
  @IsOptionalNotNull()
  @IsLocalDate()
  releaseOn?: string;
}

@InputType()
export class OrderLateReleaseInput extends EpisodeChangeInput {
  @Field({
    nullable: true,
    description: 'Defaults to the latest release date; must lie after the mid-term date and no later than it.',
  })
  @IsOptionalNotNull()
  @IsLocalDate()
  releaseOn?: string;
}

@InputType()
export class TransferEpisodeInput extends EpisodeChangeInput {
  @Field(() => ID)
  @IsUUID()
  toEstablishmentId: string;

  @Field()
  @IsLocalDate()
  transferDate: string;

  @Field()
  @IsString()
  @Length(3, 1000)
  reason: string;
}

@InputType()
export class TransferSupervisionInput extends EpisodeChangeInput {
  @Field(() => ID, { description: 'The youth justice service that supervises the child from the effective date.' })
  @IsUUID()
  toServiceId: string;

  @Field({ description: 'YYYY-MM-DD: today or up to 28 days back.' })
  @IsLocalDate()
  effectiveDate: string;

  @Field()
  @IsString()
  @Length(3, 1000)
  reason: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'An active case manager (YJS_CASE_MANAGER) of the receiving service (caseManagersOf lists them); else its manager assigns one.',
  })
  @IsOptionalNotNull()
  @IsUUID()
  caseManagerId?: string;
}

@InputType()
export class RecordReleaseInput extends EpisodeChangeInput {
  @Field(() => Date, { description: 'When the child left custody.' })
  @Type(() => Date)
  // A validator is what keeps the field: the global pipe's `whitelist` strips undecorated properties.
  @IsDate()
  releasedAt: Date;

  @Field({
    nullable: true,
    description:
      'Why the child left on another day than expected: required when the release is more than ' +
      `${RELEASE_DAY_TOLERANCE_DAYS} days from the expected release day.`,
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 1000)
  reasonForDifferentDay?: string;
}

@InputType()
export class RecordRecallInput extends EpisodeChangeInput {
  @Field({ description: 'The day the child returned to custody.' })
  @IsLocalDate()
  recalledOn: string;

  @Field(() => ID, { description: 'The secure establishment the child returns to.' })
  @IsUUID()
  establishmentId: string;

  @Field()
  @IsString()
  @Length(3, 1000)
  reason: string;
}

@InputType()
export class OverrideReleaseDateInput extends EpisodeChangeInput {
  @Field()
  @IsLocalDate()
  releaseDate: string;

  @Field({ description: 'Why the calculated date does not apply.' })
  @IsString()
  @Length(5, 1000)
  reason: string;
}

@InputType()
export class ClearReleaseDateOverrideInput extends EpisodeChangeInput {}

@InputType()
export class AssignCaseManagerInput extends EpisodeChangeInput {
  @Field(() => ID, { description: 'An active case manager (YJS_CASE_MANAGER) of the supervising service.' })
  @IsUUID()
  caseManagerId: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 1000)
  reason?: string;
}

@InputType()
export class CaseloadFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  youthJusticeServiceId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  establishmentId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  caseManagerId?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Only children expected to leave within this many days (from today).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  releaseWithinDays?: number;

  @Field(() => LegalStatus, { nullable: true, description: 'Only children on remand, or only those sentenced.' })
  @IsOptional()
  @IsEnum(LegalStatus)
  legalStatus?: LegalStatus;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only children with a deadline the deadline engine has marked missed; false: only those with none.',
  })
  @IsOptional()
  @IsBoolean()
  hasMissedDeadlines?: boolean;
}
