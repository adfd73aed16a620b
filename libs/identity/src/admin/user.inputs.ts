import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsOptionalNotNull, PageArgs } from '@resettle/common';
import { Role } from '../role';
import { normaliseWorkPhone, UK_PHONE_MESSAGE, UK_PHONE_PATTERN } from '../rules/work-phone';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Whose users; national admins may omit it for everyone, managers get their own organisation.',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => ID)
  @IsUUID()
  organisationId: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName: string;

  @Field({ description: 'Their work email; stored lower-case, unique across the service.' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => [Role], {
    description: 'Roles suited to the organisation type (for example YJS_* in a youth justice service).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsEnum(Role, { each: true })
  roles: Role[];

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description:
      'Email them a one-time link to choose their own password (the default). False: they sign in only through their council’s OpenID Connect provider (nobody ever sets another person’s password).',
  })
  @IsOptional()
  @IsBoolean()
  sendInvitation?: boolean | null;

  @Field({
    nullable: true,
    description:
      'Their `sub` at the council’s OpenID Connect provider, where users are matched by subject (OIDC_USER_CLAIM=sub).',
  })
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  externalSubject?: string;
}

@InputType()
export class SetUserRolesInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;

  @Field(() => [Role], { description: 'The whole new set of roles (it replaces the old).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsEnum(Role, { each: true })
  roles: Role[];
}

@InputType()
export class DisableUserInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@InputType()
export class EnableUserInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@InputType()
export class ResendInvitationInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@InputType()
export class SetMyWorkPhoneInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Your work phone (UK: 0 or +44 then 9 or 10 digits, spaces or hyphens between), shown to the partners of your ' +
      'children’s referrals. Null or empty removes it.',
  })
  @Transform(({ value }) => (typeof value === 'string' ? normaliseWorkPhone(value) : value))
  @IsOptional()
  @IsString()
  @MaxLength(30)
  @Matches(UK_PHONE_PATTERN, { message: UK_PHONE_MESSAGE })
  workPhone: string | null;
}
