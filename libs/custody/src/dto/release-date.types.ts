import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsString, Max, Min } from 'class-validator';
import { IsOptionalNotNull } from '@resettle/common';
import { SentenceTypeEnum } from '../custody-enums';

/**
 * Input of the public release-date calculator. Dates are plain strings here: the calculator itself checks them and
 * names the bad field, together with the rules that need more than one field (e.g. credit before 28 June 2022).
 */
@InputType()
export class ReleaseDateInput {
  @Field(() => SentenceTypeEnum)
  @IsEnum(SentenceTypeEnum)
  sentenceType: SentenceTypeEnum;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptionalNotNull()
  @IsString()
  sentenceDate?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Term in months; for EXTENDED the custodial term; for DHMP the minimum term.',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1200)
  termMonths?: number;

  @Field(() => Int, { nullable: true, description: 'EXTENDED only: the extended licence period in months.' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(240)
  extensionMonths?: number;

  @Field(() => Int, { nullable: true, description: 'Days spent on remand that count as credit.' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  remandDays?: number;

  @Field(() => Int, { nullable: true, description: 'Qualifying tagged-bail days that count as credit.' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  taggedBailDays?: number;

  @Field({
    nullable: true,
    description: 'YYYY-MM-DD; needed for further supervision (18 or over at the mid-term date).',
  })
  @IsOptionalNotNull()
  @IsString()
  dateOfBirth?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptionalNotNull()
  @IsString()
  offenceDate?: string;

  @Field({
    nullable: true,
    description: 'S250: a most serious violent or sexual offence (two-thirds release for 7 years or more).',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  qualifyingSeriousOffence?: boolean;

  @Field({ nullable: true, description: 'S250: offence excluded from the 40% release scheme.' })
  @IsOptionalNotNull()
  @IsBoolean()
  excludedFromFortyPercentRelease?: boolean;
}

@ObjectType()
export class ReleaseDates {
  @Field(() => String, { nullable: true }) sentenceEndDate: string | null;
  @Field(() => String, { nullable: true }) midTermDate: string | null;
  @Field(() => String, { nullable: true }) earliestReleaseDate: string | null;
  @Field(() => String, { nullable: true }) latestReleaseDate: string | null;
  @Field(() => String, { nullable: true }) paroleEligibilityDate: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The statutory release date moved back to a working day: the day the child is expected to leave.',
  })
  releaseDate: string | null;
  @Field({ description: 'The release day is a Friday or the day before a bank holiday.' })
  fridayOrPreHolidayRelease: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The day release may be brought forward to (Offenders (Day of Release from Detention) Act 2023).',
  })
  broughtForwardDate: string | null;
  @Field(() => String, { nullable: true }) furtherSupervisionEndDate: string | null;
  @Field() immediateRelease: boolean;
  @Field(() => [String]) notes: string[];
}

@ObjectType({ description: 'The day the child is expected to leave, with what it means for the first nights out.' })
export class ExpectedReleaseDay {
  @Field() releaseDate: string;
  @Field({
    description: 'The day after is not a working day (a Friday, or the day before a bank holiday): risk peaks then.',
  })
  fridayOrPreHolidayRelease: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'The day release may be brought forward to (Offenders (Day of Release from Detention) Act 2023).',
  })
  broughtForwardDate: string | null;
}
