import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, IsOptionalNotNull } from '@resettle/common';
// Fields with a default are nullable in the schema and defaulted again in the service: graphql-jit (Mercurius JIT)
// does not apply schema defaults of non-null input fields once a query is compiled (graphql-jit issue 142).
import { Gender } from '../child-enums';

@InputType()
export class ParentCarerInput {
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @Field()
  @IsString()
  @Length(1, 100)
  relationship: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsEmail()
  email?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptionalNotNull()
  @IsBoolean()
  hasParentalResponsibility?: boolean;
}

@InputType()
export class RegisterChildInput {
  @Field()
  @IsString()
  @Length(1, 100)
  givenName: string;

  @Field()
  @IsString()
  @Length(1, 100)
  familyName: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsString()
  @Length(1, 100)
  preferredName?: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  dateOfBirth: string;

  @Field(() => Gender)
  @IsEnum(Gender)
  gender: Gender;

  @Field({ nullable: true, description: 'ONS 2021 ethnic group key' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(60)
  ethnicity?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptionalNotNull()
  @IsBoolean()
  lookedAfter?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptionalNotNull()
  @IsUUID()
  responsibleAuthorityId?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptionalNotNull()
  @IsBoolean()
  careLeaver?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptionalNotNull()
  @IsUUID()
  homeAuthorityId?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptionalNotNull()
  @IsBoolean()
  hasEhcp?: boolean;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  disabilities?: string[];

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  communicationNeeds?: string;

  @Field(() => [ParentCarerInput], { nullable: true, defaultValue: [] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ParentCarerInput)
  parentsCarers?: ParentCarerInput[];

  @Field(() => [ID], {
    nullable: true,
    defaultValue: [],
    description:
      'The possible duplicates (`possibleDuplicateChildren`) the user saw and judged to be other children: needed, ' +
      'naming every one of them, only when there are any; they are kept in the audit of the registration.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  duplicatesSetAside?: string[];
}
