import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, MaxLength, Min } from 'class-validator';
import { IsLocalDate, IsOptionalNotNull } from '@resettle/common';
import { AgreementResponse, CircumstanceKind, NeedLevel, PathwayStatus } from '../planning-enums';

const TEXT = 5000;
const VERSION = 'The version you loaded; a stale one is refused with CONFLICT and the current state.';
const KEEP = 'Leave out to keep; null to clear.';

/** Fields left out are kept; fields sent as null are cleared. */
@InputType()
export class UpdateChildVoiceInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true, description: `What the child thinks matters and would help. ${KEEP}` })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  selfAssessment?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) aspirations?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) strengths?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) interests?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) learningStyle?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) communicationNeeds?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'How the plan is adapted to how the child learns and communicates.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  communicationAdaptations?: string | null;
}

/** Fields left out are kept; fields sent as null are cleared. */
@InputType()
export class UpdatePathwayInput {
  @Field(() => ID) @IsUUID() pathwayId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => NeedLevel, { nullable: true }) @IsOptional() @IsEnum(NeedLevel) needLevel?: NeedLevel | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) needSummary?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The organisation responsible: it may then see and change this pathway.',
  })
  @IsOptional()
  @IsUUID()
  responsibleOrganisationId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerName?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() ownerUserId?: string | null;
  @Field(() => PathwayStatus, { nullable: true, description: 'Leave out to keep (it cannot be cleared).' })
  @IsOptionalNotNull()
  @IsEnum(PathwayStatus)
  status?: PathwayStatus;
  @Field(() => String, { nullable: true, description: 'The child’s own view of this pathway, in their words.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  childView?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) childViewUnavailableReason?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) notes?: string | null;
}

@InputType()
export class AddPathwayActionInput {
  @Field(() => ID) @IsUUID() pathwayId: string;
  @Field() @IsString() @Length(1, 1000) description: string;
  @Field(() => String, {
    nullable: true,
    description: 'A named intervention; one the child has done before gives a warning.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  intervention?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() ownerOrganisationId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerName?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsLocalDate() dueDate?:
    string | null;
}

/** Fields left out are kept; fields sent as null are cleared. */
@InputType()
export class UpdatePathwayActionInput {
  @Field(() => ID) @IsUUID() actionId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptionalNotNull() @IsString() @Length(1, 1000) description?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() ownerOrganisationId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) ownerName?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsLocalDate() dueDate?:
    string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: when it was done; null to reopen.' })
  @IsOptional()
  @IsLocalDate()
  doneOn?: string | null;
}

@InputType({ description: 'Records a circumstance, or changes the one of that kind already recorded.' })
export class RecordCircumstanceInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => CircumstanceKind) @IsEnum(CircumstanceKind) kind: CircumstanceKind;
  @Field(() => Int, {
    nullable: true,
    description: `Leave out to record a new one; to change the one recorded, its version. ${VERSION}`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) detail?: string | null;
  @Field({ description: 'What is being done about it.' }) @IsString() @Length(1, TEXT) response: string;
}

@InputType()
export class RemoveCircumstanceInput {
  @Field(() => ID) @IsUUID() circumstanceId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
}

@InputType()
export class RecordPriorInterventionInput {
  @Field(() => ID) @IsUUID() childId: string;
  @Field() @IsString() @Length(1, 200) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) orderDescription?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsLocalDate() completedOn?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Who delivered it.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  deliveredBy?: string | null;
  @Field(() => String, { nullable: true, description: 'How it went.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  outcome?: string | null;
}

/** Fields left out are kept; fields sent as null are cleared. */
@InputType()
export class UpdatePriorInterventionInput {
  @Field(() => ID) @IsUUID() priorInterventionId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => String, { nullable: true }) @IsOptionalNotNull() @IsString() @Length(1, 200) name?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) orderDescription?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) @IsOptional() @IsLocalDate() completedOn?:
    string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) deliveredBy?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) outcome?: string | null;
}

@InputType()
export class RemovePriorInterventionInput {
  @Field(() => ID) @IsUUID() priorInterventionId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
}

@InputType()
export class RecordPlanExplanationInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field({ description: 'YYYY-MM-DD' }) @IsLocalDate() explainedOn: string;
  @Field({ description: 'How it was explained (easy-read version, with an advocate, …).' })
  @IsString()
  @Length(1, TEXT)
  explainedHow: string;
  @Field(() => AgreementResponse) @IsEnum(AgreementResponse) childAgreement: AgreementResponse;
  @Field({ description: 'The child’s agreement or disagreement in their own words.' })
  @IsString()
  @Length(1, TEXT)
  childAgreementWords: string;
  @Field(() => AgreementResponse, { nullable: true })
  @IsOptional()
  @IsEnum(AgreementResponse)
  parentCarerAgreement?: AgreementResponse | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) parentCarerAgreementWords?:
    string | null;
}

@InputType()
export class MarkPlanAgreedInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
}
