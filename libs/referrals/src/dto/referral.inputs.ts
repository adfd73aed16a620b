import { ArgsType, Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, PageArgs } from '@resettle/common';
import { ReferralStatus, ReferralType } from '../referral-enums';
import { ReferralQueue } from '../rules/partner-queue';

registerEnumType(ReferralQueue, {
  name: 'ReferralQueue',
  description: "A tab of the partner's inbox, by whose move it is (rules/partner-queue.ts).",
});

/** The inbox's orders; each pages by its own cursor, ties broken by the referral id. */
export enum ReferralOrder {
  RELEASE_DATE = 'RELEASE_DATE',
  DEADLINE = 'DEADLINE',
  RECEIVED = 'RECEIVED',
  CHILD_NAME = 'CHILD_NAME',
}
registerEnumType(ReferralOrder, {
  name: 'ReferralOrder',
  valuesMap: {
    RELEASE_DATE: { description: 'Soonest expected release first; children on remand (no date) last. The default.' },
    DEADLINE: { description: 'Soonest deadline (the milestone the referral meets) first; none last.' },
    RECEIVED: { description: 'Newest sent first (drafts, never sent, last).' },
    CHILD_NAME: { description: "By the child's family name, then the name they are called by (from the summary)." },
  },
});

const TEXT = 5000;
const VERSION = 'The version you loaded; a stale one is refused with CONFLICT and the current state.';

@InputType()
export class CreateReferralInput {
  @Field(() => ID, { description: 'The pathway of the plan the referral is made from.' }) @IsUUID() pathwayId: string;
  @Field(() => ReferralType) @IsEnum(ReferralType) type: ReferralType;
  @Field(() => ID, {
    description: 'A local authority (ACCOMMODATION), an education provider (EDUCATION) or a health provider (HEALTH).',
  })
  @IsUUID()
  toOrganisationId: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) childWishes?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) familyViews?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) needsAndRisks?: string | null;
}

/** Fields left out are kept; fields sent as null are cleared. Only while DRAFT or INFORMATION_REQUESTED. */
@InputType()
export class UpdateReferralDraftInput {
  @Field(() => ID) @IsUUID() referralId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => ID, { nullable: true, description: 'Only while DRAFT.' }) @IsOptional() @IsUUID() toOrganisationId?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) childWishes?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) familyViews?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) needsAndRisks?: string | null;
}

/** A move that needs nothing but the referral and its version. */
@InputType()
export class ReferralMoveInput {
  @Field(() => ID) @IsUUID() referralId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
}

/** A move with a note (a request for information) or a reason (decline, withdraw, fell through). */
@InputType()
export class ReferralReasonInput {
  @Field(() => ID) @IsUUID() referralId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field() @IsString() @Length(1, TEXT) reason: string;
}

@InputType()
export class RequestReferralInformationInput {
  @Field(() => ID) @IsUUID() referralId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field({ description: 'What the partner needs to know.' }) @IsString() @Length(1, TEXT) note: string;
}

@InputType()
export class ReferralOfferInput {
  @Field({ description: 'The address of the placement, or the place (school, course, service).' })
  @IsString()
  @Length(1, 1000)
  addressOrPlace: string;
  @Field({ description: 'The type of placement or place.' }) @IsString() @Length(1, 200) placementType: string;
  @Field() @IsString() @Length(1, 300) provider: string;
  @Field() @IsLocalDate() startDate: string;
}

@InputType()
export class OfferReferralInput {
  @Field(() => ID) @IsUUID() referralId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => ReferralOfferInput) @ValidateNested() @Type(() => ReferralOfferInput) offer: ReferralOfferInput;
}

@InputType()
export class PostReferralMessageInput {
  @Field(() => ID) @IsUUID() referralId: string;
  @Field() @IsString() @Length(1, TEXT) body: string;
}

@InputType()
export class ReferralFilter {
  @Field(() => ReferralStatus, { nullable: true }) @IsOptional() @IsEnum(ReferralStatus) status?: ReferralStatus | null;
  @Field(() => ReferralType, { nullable: true }) @IsOptional() @IsEnum(ReferralType) type?: ReferralType | null;
  @Field(() => ReferralQueue, {
    nullable: true,
    description:
      'NEEDS_ACTION: SENT, OFFERED or FELL_THROUGH; IN_PROGRESS: ACKNOWLEDGED or INFORMATION_REQUESTED; CONFIRMED; CLOSED: DECLINED or WITHDRAWN.',
  })
  @IsOptional()
  @IsEnum(ReferralQueue)
  queue?: ReferralQueue | null;
  @Field(() => String, {
    nullable: true,
    description: "Part of the child's name (given, preferred or family), in any case and with or without accents.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  childName?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'True: only referrals past their deadline (missed, or due before today) with nothing confirmed, as urgency OVERDUE; false: the others.',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean | null;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralFilter)
  filter?: ReferralFilter | null;

  @Field(() => ReferralOrder, {
    nullable: true,
    description: 'The order (default RELEASE_DATE). A cursor pages only the order it came from.',
  })
  @IsOptional()
  @IsEnum(ReferralOrder)
  orderBy?: ReferralOrder | null;
}
