import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Connection, IsOptionalNotNull, PageArgs } from '@resettle/common';
import { Milestone } from '../entities/milestone.entity';
import { MilestoneAnchor, MilestoneKey } from '../milestone-enums';

export enum MilestoneOffsetUnit {
  DAYS = 'DAYS',
  WORKING_DAYS = 'WORKING_DAYS',
}
registerEnumType(MilestoneOffsetUnit, {
  name: 'MilestoneOffsetUnit',
  description: 'Calendar days (a result on a weekend or bank holiday moves to the working day before) or working days.',
});

export enum MilestoneOffsetDirection {
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
}
registerEnumType(MilestoneOffsetDirection, { name: 'MilestoneOffsetDirection' });

@ObjectType()
export class MilestoneOffsetType {
  @Field(() => Int) amount: number;
  @Field(() => MilestoneOffsetUnit) unit: MilestoneOffsetUnit;
  @Field(() => MilestoneOffsetDirection) direction: MilestoneOffsetDirection;
}

@ObjectType()
export class MilestoneEscalationStep {
  @Field(() => Int, { description: '1 owner, 2 their manager, 3 head of service.' }) level: number;
  @Field(() => Int, { description: 'Working days after the due date.' }) afterWorkingDays: number;
  @Field(() => [String], { description: 'OWNER, OWNER_MANAGER, HEAD_OF_SERVICE, PARTNER_LEAD.' }) notify: string[];
}

@ObjectType({
  description: 'How one milestone is worked out for a youth justice service: the default, or the service’s override.',
})
export class MilestonePolicyEntryType {
  @Field(() => MilestoneKey) key: MilestoneKey;
  @Field(() => MilestoneAnchor) anchor: MilestoneAnchor;
  @Field(() => MilestoneOffsetType) offset: MilestoneOffsetType;
  @Field({ description: 'REMAND_ONLY (began on remand), ON_REMAND (while on remand: the hearing deadlines) or ALL.' })
  appliesTo: string;
  @Field(() => [MilestoneOffsetType], { description: 'Reminders before the due date.' })
  reminders: MilestoneOffsetType[];
  @Field(() => [MilestoneEscalationStep]) escalation: MilestoneEscalationStep[];
  @Field(() => [String], { description: 'Pathways whose responsible organisation’s lead joins the escalation.' })
  partnerPathways: string[];
  @Field() disabled: boolean;
  @Field({ description: 'Whether the service has changed this milestone from the default.' }) overridden: boolean;
  @Field() description: string;
  @Field() metBy: string;
}

export enum MilestoneNoticeKindEnum {
  REMINDER = 'REMINDER',
  ESCALATION = 'ESCALATION',
}
registerEnumType(MilestoneNoticeKindEnum, { name: 'MilestoneNoticeKind' });

@ObjectType({
  description:
    'A reminder or escalation the deadline engine sent about a milestone, to one person: what the engine recorded.',
})
export class MilestoneNotice {
  @Field(() => MilestoneNoticeKindEnum) kind: MilestoneNoticeKindEnum;
  @Field(() => Int, {
    description:
      'The reminder’s number (1 the first) or the escalation’s level (1 owner, 2 managers, 3 head of service).',
  })
  step: number;
  @Field({ description: 'YYYY-MM-DD: the due date it was about (a milestone whose date moved starts again).' })
  forDueDate: string;
  @Field(() => Date) sentAt: Date;
  @Field(() => String, { nullable: true, description: 'Who was told, by name (null if the account is gone).' })
  recipientName: string | null;
}

@ObjectType()
export class MilestonePolicyType {
  @Field(() => ID) youthJusticeServiceId: string;
  @Field(() => [MilestonePolicyEntryType]) milestones: MilestonePolicyEntryType[];
}

@InputType()
export class MilestoneOffsetInput {
  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(365)
  amount: number;

  @Field(() => MilestoneOffsetUnit)
  @IsEnum(MilestoneOffsetUnit)
  unit: MilestoneOffsetUnit;

  @Field(() => MilestoneOffsetDirection, {
    nullable: true,
    description: 'Defaults to BEFORE (required for the due-date offset).',
  })
  @IsOptionalNotNull()
  @IsEnum(MilestoneOffsetDirection)
  direction?: MilestoneOffsetDirection;
}

@InputType()
export class SetMilestonePolicyInput {
  @Field(() => ID)
  @IsUUID()
  youthJusticeServiceId: string;

  @Field(() => MilestoneKey)
  @IsEnum(MilestoneKey)
  key: MilestoneKey;

  @Field(() => MilestoneOffsetInput, {
    nullable: true,
    description: 'The due date: this far before or after the anchor.',
  })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => MilestoneOffsetInput)
  offset?: MilestoneOffsetInput;

  @Field(() => [MilestoneOffsetInput], {
    nullable: true,
    description: 'Reminders before the due date (direction ignored).',
  })
  @IsOptionalNotNull()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => MilestoneOffsetInput)
  reminders?: MilestoneOffsetInput[];

  @Field({ nullable: true, description: 'Turn the milestone off for the service’s new episodes.' })
  @IsOptionalNotNull()
  @IsBoolean()
  disabled?: boolean;

  @Field({ nullable: true, description: 'Drop the override: back to the default.' })
  @IsOptionalNotNull()
  @IsBoolean()
  resetToDefault?: boolean;
}

@InputType()
export class WaiveMilestoneInput {
  @Field(() => ID)
  @IsUUID()
  milestoneId: string;

  @Field(() => Int)
  @IsInt()
  expectedVersion: number;

  @Field({ description: 'Why the deadline no longer applies, in words the child’s record can keep.' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class MilestonesAtRiskFilter {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 14,
    description: 'Unmet and due within this many days (0 to 365; default 14).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  withinDays?: number;

  @Field({ nullable: true, defaultValue: true, description: 'Include missed ones (first). Default true.' })
  @IsOptional()
  @IsBoolean()
  includeMissed?: boolean;

  @Field(() => ID, { nullable: true, description: 'Only this youth justice service’s children (within your slice).' })
  @IsOptional()
  @IsUUID()
  youthJusticeServiceId?: string;

  @Field(() => ID, { nullable: true, description: 'Only children held by this establishment (within your slice).' })
  @IsOptional()
  @IsUUID()
  establishmentId?: string;

  @Field(() => ID, { nullable: true, description: 'Only children this person is the case manager of.' })
  @IsOptional()
  @IsUUID()
  caseManagerId?: string;

  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Only the missed ones (those the deadline engine has marked missed). Not with includeMissed: false.',
  })
  @IsOptional()
  @IsBoolean()
  onlyMissed?: boolean;

  @Field(() => [MilestoneKey], { nullable: true, description: 'Only these kinds of deadline.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(MilestoneKey, { each: true })
  keys?: MilestoneKey[];
}

@ObjectType({
  description:
    'How many of the filtered deadlines fall to one case manager (whatever the caseManagerId filter): for grouping.',
})
export class AtRiskCaseManager {
  @Field(() => ID, { nullable: true, description: 'Null for children with no case manager.' })
  caseManagerId: string | null;

  @Field(() => String, { nullable: true, description: 'By name; null for no case manager (or an account gone).' })
  name: string | null;

  @Field(() => Int, { description: 'Deadlines at risk or missed, as filtered.' })
  count: number;

  @Field(() => Int, { description: 'Of them, missed.' })
  missedCount: number;
}

@ArgsType()
export class MilestonesAtRiskArgs extends PageArgs {
  @Field(() => MilestonesAtRiskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => MilestonesAtRiskFilter)
  filter?: MilestonesAtRiskFilter;
}

@ObjectType()
export class MilestoneConnection extends Connection(Milestone, 'Milestone') {
  @Field(() => [AtRiskCaseManager], {
    nullable: true,
    description:
      'milestonesAtRisk only: every case manager with deadlines in the list, by name (no case manager last), counted across all pages under every filter but caseManagerId.',
  })
  caseManagers?: AtRiskCaseManager[];
}
