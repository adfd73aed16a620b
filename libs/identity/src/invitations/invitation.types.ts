import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

export enum InvitationLinkStatus {
  /** The link works: choose a password with it. */
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
  /** A newer invitation replaced it. */
  SUPERSEDED = 'SUPERSEDED',
  /** The account has been disabled since. */
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  /** No invitation has this token. */
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(InvitationLinkStatus, {
  name: 'InvitationLinkStatus',
  description: 'What state an invitation link is in.',
});

@ObjectType({ description: 'An invitation link, as the person holding it sees it. Who it is for only while it works.' })
export class InvitationLink {
  @Field(() => InvitationLinkStatus)
  status: InvitationLinkStatus;

  @Field(() => String, { nullable: true, description: 'Why it no longer works, and what to do; null while it works.' })
  problem: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  givenName: string | null;

  @Field(() => String, { nullable: true })
  organisationName: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;
}

@ObjectType('UserInvitation', { description: 'The latest invitation of an account, for those who manage it.' })
export class UserInvitationView {
  @Field(() => InvitationLinkStatus)
  status: InvitationLinkStatus;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  expiresAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the worker emailed the link; null while it is still to go.' })
  emailedAt: Date | null;

  @Field(() => Date, { nullable: true })
  acceptedAt: Date | null;
}

@InputType()
export class AcceptInvitationInput {
  @Field({ description: 'The token from the emailed link.' })
  @IsString()
  @MaxLength(200)
  token: string;

  @Field({ description: 'The password they choose: at least 12 characters, and not their email address.' })
  @IsString()
  @MaxLength(1024)
  password: string;
}

@ObjectType()
export class AcceptedInvitation {
  @Field({ description: 'The account’s email: sign in with it and the password just chosen.' })
  email: string;
}
