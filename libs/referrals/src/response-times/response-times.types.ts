import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_TARGET_DAYS, MIN_TARGET_DAYS, ResponseStep } from '../rules/response-due';

registerEnumType(ResponseStep, {
  name: 'ReferralResponseStep',
  description:
    'A step the partner owes on a referral (a council on an accommodation referral, a provider on an education or health one): acknowledge it, answer the information it asked for, make an offer, confirm the placement or place.',
});

/** What the council owes on an accommodation referral now, and by when. */
@ObjectType()
export class ReferralResponseDue {
  @Field(() => ResponseStep) step: ResponseStep;
  @Field({ description: 'YYYY-MM-DD: the last working day to answer by.' }) dueDate: string;
  @Field(() => Int, { description: 'The council’s target for the step, in working days.' }) targetWorkingDays: number;
  @Field(() => Int, { description: 'Working days past the due date (0 until then).' }) overdueWorkingDays: number;
}

/** One step's target for a council. */
@ObjectType()
export class ReferralResponseTargetType {
  @Field(() => ResponseStep) step: ResponseStep;
  @Field(() => Int, { description: 'The target that applies: the council’s own, else the national default.' })
  workingDays: number;
  @Field({
    description:
      'True when the council set its own figure; false when the step uses the national default (so a later change of the default applies to it). Always true for the national defaults themselves.',
  })
  ownTarget: boolean;
  @Field(() => Int, { description: 'The national default for the step, shown beside the council’s figure.' })
  nationalWorkingDays: number;
  @Field(() => Int, {
    description:
      'The version of the council’s targets as a whole (the same on every step; 0 before it ever saved any), or of the national defaults. Send it as expectedVersion when changing them.',
  })
  version: number;
}

@InputType()
export class ReferralResponseTargetInput {
  @Field(() => ResponseStep)
  @IsEnum(ResponseStep)
  step: ResponseStep;

  @Field(() => Int, {
    nullable: true,
    description: `Working days, ${MIN_TARGET_DAYS} to ${MAX_TARGET_DAYS}; null for a council: use the national default for this step (its own figure is removed, and a later change of the default applies). The national defaults themselves always need a figure.`,
  })
  @IsOptional()
  @IsInt({ message: 'Enter the target as a whole number of working days' })
  @Min(MIN_TARGET_DAYS, { message: `The target must be at least ${MIN_TARGET_DAYS} working day` })
  @Max(MAX_TARGET_DAYS, { message: `The target must be at most ${MAX_TARGET_DAYS} working days` })
  workingDays?: number | null;
}

@InputType()
export class SetReferralResponseTargetsInput {
  @Field(() => String, {
    nullable: true,
    description: 'The council; omitted by a national admin for the national defaults.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'Choose a council' })
  organisationId?: string | null;

  @Field(() => Int, {
    description:
      'The version of the targets the change was made against (ReferralResponseTargetType.version). A stale one is CONFLICT, with the targets as they are now, and nothing is written.',
  })
  @IsInt({ message: 'Send the version of the targets you loaded' })
  @Min(0, { message: 'Send the version of the targets you loaded' })
  expectedVersion: number;

  @Field(() => [ReferralResponseTargetInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => ReferralResponseTargetInput)
  targets: ReferralResponseTargetInput[];
}

/** One partner's (or every partner's) times for one step, published with small numbers suppressed. */
@ObjectType()
export class ReferralResponseTimeMeasure {
  @Field(() => String, {
    nullable: true,
    description: 'The council (or the provider); null for all councils (or all providers) together.',
  })
  organisationId: string | null;
  @Field(() => String, { nullable: true }) organisationName: string | null;
  @Field(() => ResponseStep) step: ResponseStep;
  @Field(() => Int, { nullable: true, description: 'Steps answered in the period; null when fewer than 5.' })
  answered: number | null;
  @Field(() => Number, { nullable: true, description: 'Median working days taken; null when suppressed.' })
  medianWorkingDays: number | null;
  @Field(() => Int, { nullable: true, description: '90th percentile of working days taken; null when suppressed.' })
  p90WorkingDays: number | null;
  @Field({ description: 'Shown as published: the figures, or "fewer than 5".' }) display: string;
}
