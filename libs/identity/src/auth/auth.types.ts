import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

@ObjectType({
  description: 'What a sign-in or refresh gives: send `accessToken` as `Authorization: Bearer <accessToken>`.',
})
export class AuthTokens {
  @Field({ description: 'A short-lived signed token (JWT) for the Authorization header.' })
  accessToken: string;

  @Field(() => Date, { description: 'When the access token stops working; refresh before then.' })
  expiresAt: Date;

  @Field({ description: 'Use once, with `refresh`, for new tokens; keep it secret. `logout` revokes it.' })
  refreshToken: string;
}

@InputType()
export class LoginInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(320)
  email: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password: string;
}

@InputType()
export class RefreshInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

@InputType()
export class LogoutInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @Field({ description: 'At least 12 characters, and not your email address.' })
  @IsString()
  @MaxLength(1024)
  newPassword: string;
}
