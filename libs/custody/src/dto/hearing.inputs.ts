import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsString, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { IsLocalDate, IsOptionalNotNull } from '@resettle/common';
import { HearingOutcome } from '../custody-enums';
import { EpisodeChangeInput, SentenceInput } from './episode.inputs';

@InputType()
export class ScheduleHearingInput extends EpisodeChangeInput {
  @Field({ description: 'YYYY-MM-DD: today or later.' })
  @IsLocalDate()
  hearingDate: string;

  @Field({ description: 'The court, e.g. "Leeds Youth Court".' })
  @IsString()
  @Length(3, 200)
  court: string;

  @Field({ description: 'What the hearing is for, e.g. "Plea and trial preparation".' })
  @IsString()
  @Length(3, 500)
  purpose: string;
}

@InputType({ isAbstract: true })
abstract class HearingChangeInput {
  @Field(() => ID)
  @IsUUID()
  hearingId: string;

  @Field(() => Int, { description: 'The hearing version you loaded; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion: number;
}

@InputType()
export class MoveHearingInput extends HearingChangeInput {
  @Field({ description: 'YYYY-MM-DD: the new date, today or later.' })
  @IsLocalDate()
  hearingDate: string;

  @Field({ description: 'Why the date changed (e.g. "Listed for trial by the court").' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

@InputType()
export class CancelHearingInput extends HearingChangeInput {
  @Field({
    description: 'Why the hearing is cancelled (e.g. "The court vacated the listing", "Entered in error").',
  })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

@InputType()
export class RecordHearingOutcomeInput extends HearingChangeInput {
  @Field(() => HearingOutcome)
  @IsEnum(HearingOutcome)
  outcome: HearingOutcome;

  @Field({ nullable: true, description: 'REMANDED: the date of the next hearing (after this one, not past).' })
  @IsOptionalNotNull()
  @IsLocalDate()
  nextHearingDate?: string;

  @Field({ nullable: true, description: 'REMANDED: the next hearing’s court, if not this one’s.' })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 200)
  nextHearingCourt?: string;

  @Field({ nullable: true, description: 'REMANDED: what the next hearing is for, if not what this one was.' })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 500)
  nextHearingPurpose?: string;

  @Field(() => SentenceInput, { nullable: true, description: 'SENTENCED: the sentence the court passed.' })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => SentenceInput)
  sentence?: SentenceInput;

  @Field({
    nullable: true,
    description: 'RELEASED_ON_BAIL or REMANDED_TO_LOCAL_AUTHORITY: where the child went (the address or placement).',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(3, 1000)
  wentTo?: string;
}
