import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsLocalDate, IsOptionalNotNull, PageArgs } from '@resettle/common';

@InputType({ description: 'At least one of these; a child matches all that are given.' })
export class ChildrenFilter {
  @Field({
    nullable: true,
    description: 'Part of the given, family or preferred name (2 characters or more), ignoring accents and case.',
  })
  @IsOptionalNotNull()
  @IsString()
  @Length(2, 100, { message: 'nameContains must be 2 to 100 characters' })
  nameContains?: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD' })
  @IsOptionalNotNull()
  @IsLocalDate()
  dateOfBirth?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The child’s reference in this service: the record’s id (there is no other identifier yet).',
  })
  @IsOptionalNotNull()
  @IsUUID(undefined, { message: 'reference must be a child reference (a UUID)' })
  reference?: string;
}

@ArgsType()
export class SearchChildrenArgs extends PageArgs {
  @Field(() => ChildrenFilter)
  @ValidateNested()
  @Type(() => ChildrenFilter)
  filter: ChildrenFilter;
}

@InputType({ description: 'The child about to be registered.' })
export class PossibleDuplicatesInput {
  @Field()
  @IsString()
  @Length(1, 100)
  givenName: string;

  @Field()
  @IsString()
  @Length(1, 100)
  familyName: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsLocalDate()
  dateOfBirth: string;
}
