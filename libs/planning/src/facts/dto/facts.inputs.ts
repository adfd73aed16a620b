import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsLocalDate } from '@resettle/common';
import { AccommodationKind, HealthHandoverPathway, ToldHow } from '../facts-enums';

const ADDRESS = 500;
const NAME = 200;

/** Where the child will live when no referral is needed: the same facts a confirmed accommodation referral carries. */
@InputType()
export class RecordAccommodationArrangementInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field({ description: 'The full address.' }) @IsString() @Length(5, ADDRESS) address: string;
  @Field({ description: 'YYYY-MM-DD: from when; not in the past.' }) @IsLocalDate() startDate: string;
  @Field(() => AccommodationKind) @IsEnum(AccommodationKind) kind: AccommodationKind;
  @Field({ description: 'Who the child will live with.' }) @IsString() @Length(1, NAME) livingWith: string;
  @Field({ description: 'Who confirmed the child can live there (name and role).' })
  @IsString()
  @Length(1, NAME)
  confirmedBy: string;
}

/** The child told where they will live: the plan's confirmed address at the time is the one recorded as told. */
@InputType()
export class RecordChildToldWhereLivingInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field({ description: 'YYYY-MM-DD: not in the future, not before the address was confirmed.' })
  @IsLocalDate()
  toldOn: string;
  @Field({ description: 'Who told the child (name and role).' }) @IsString() @Length(1, NAME) toldBy: string;
  @Field(() => ToldHow) @IsEnum(ToldHow) how: ToldHow;
  @Field(() => Boolean, { nullable: true, description: 'Whether the child has visited or seen the place.' })
  @IsOptional()
  @IsBoolean()
  hasSeenIt?: boolean | null;
}

@InputType()
export class RecordEtePlacementInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field({ description: 'The school, college, training provider or employer.' })
  @IsString()
  @Length(1, NAME)
  provider: string;
  @Field({ description: 'YYYY-MM-DD: the first day; not in the past.' }) @IsLocalDate() startDate: string;
  @Field(() => Int, { description: 'Hours a week, 1 to 60.' }) @IsInt() @Min(1) @Max(60) hoursPerWeek: number;
  @Field({ description: 'Who confirmed the place (name and role).' }) @IsString() @Length(1, NAME) confirmedBy: string;
}

@InputType()
export class RecordHealthHandoverInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => HealthHandoverPathway) @IsEnum(HealthHandoverPathway) pathwayType: HealthHandoverPathway;
  @Field({ description: 'The GP practice, CAMHS team or substance misuse service taking the child on.' })
  @IsString()
  @Length(1, NAME)
  receivingProvider: string;
  @Field({ description: 'YYYY-MM-DD: the first appointment; not in the past.' })
  @IsLocalDate()
  firstAppointmentOn: string;
}

/** Children's services told of the child's next court hearing, before it (meets "children's services informed"). */
@InputType()
export class RecordChildrensServicesInformedInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => ID, { description: 'The hearing they were told of: the one the child waits for now.' })
  @IsUUID()
  hearingId: string;
  @Field({
    description: 'YYYY-MM-DD: the day they were told; not in the future, not before custody began, before the hearing.',
  })
  @IsLocalDate()
  informedOn: string;
  @Field({ description: 'Who told them (name and role).' }) @IsString() @Length(1, NAME) informedBy: string;
  @Field(() => String, { nullable: true, description: 'Whom at children’s services they told (name or team).' })
  @IsOptional()
  @IsString()
  @Length(1, NAME)
  informedWhom?: string | null;
}
