import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsLocalDate, IsOptionalNotNull, PageArgs } from '@resettle/common';
import { PathwayType } from '../../planning-enums';
import { MeetingAttendance, MeetingParticipation, MeetingType } from '../meeting-enums';

const TEXT = 5000;
const VERSION = 'The version you loaded; a stale one is refused with CONFLICT and the current state.';
const KEEP = 'Leave out to keep; null to clear.';
const MAX_INVITEES = 50;

@InputType({ description: 'An organisation, a person at one, or a person outside the directory.' })
export class MeetingInviteeInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The organisation invited (or the person’s); defaults to the user’s organisation.',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A user of the service: their name and email are filled in from their account.',
  })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A person’s name; leave out to invite the organisation as a whole.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Their email: a user with this email sees the meeting in their meetings and calendar feed.',
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Their part at the meeting: chair, education lead, advocate, …' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  role?: string | null;
}

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID) @IsUUID() planId: string;
  @Field(() => MeetingType) @IsEnum(MeetingType) type: MeetingType;
  @Field(() => Date) @Type(() => Date) @IsDate() startsAt: Date;
  @Field(() => Date, { description: 'After startsAt; at most 12 hours later.' })
  @Type(() => Date)
  @IsDate()
  endsAt: Date;
  @Field(() => String, { nullable: true, description: 'Where: a location, a call link, or both.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
  @Field(() => String, { nullable: true, description: 'An https link to the video call.' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'callLink must be an https link' })
  @MaxLength(2000)
  callLink?: string | null;

  @Field(() => [MeetingInviteeInput], { nullable: true, description: `Up to ${MAX_INVITEES}; default none.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES)
  @ValidateNested({ each: true })
  @Type(() => MeetingInviteeInput)
  invitees?: MeetingInviteeInput[] | null;

  @Field(() => MeetingParticipation, { description: 'How the child is to take part: planning it is the point.' })
  @IsEnum(MeetingParticipation)
  childParticipation: MeetingParticipation;
  @Field(() => String, {
    nullable: true,
    description: 'Support the child needs to take part (advocate, easy-read agenda, …).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  childParticipationNotes?: string | null;
  @Field(() => MeetingParticipation, { nullable: true, description: 'Null when no parent/carer is involved.' })
  @IsOptional()
  @IsEnum(MeetingParticipation)
  parentCarerParticipation?: MeetingParticipation | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) parentCarerParticipationNotes?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Agenda or arrangements.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string | null;
}

/** A new time (required) and, optionally, a new place, invitees and participation. Fields left out are kept. */
@InputType()
export class RescheduleMeetingInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => Date) @Type(() => Date) @IsDate() startsAt: Date;
  @Field(() => Date) @Type(() => Date) @IsDate() endsAt: Date;
  @Field(() => String, { nullable: true, description: KEEP }) @IsOptional() @IsString() @MaxLength(500) location?:
    string | null;
  @Field(() => String, { nullable: true, description: KEEP })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'callLink must be an https link' })
  @MaxLength(2000)
  callLink?: string | null;

  @Field(() => [MeetingInviteeInput], {
    nullable: true,
    description: 'The whole new list of invitees; leave out to keep the list.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES)
  @ValidateNested({ each: true })
  @Type(() => MeetingInviteeInput)
  invitees?: MeetingInviteeInput[] | null;

  @Field(() => MeetingParticipation, { nullable: true, description: 'Leave out to keep.' })
  @IsOptionalNotNull()
  @IsEnum(MeetingParticipation)
  childParticipation?: MeetingParticipation;
  @Field(() => String, { nullable: true, description: KEEP })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  childParticipationNotes?: string | null;
  @Field(() => MeetingParticipation, { nullable: true, description: KEEP })
  @IsOptional()
  @IsEnum(MeetingParticipation)
  parentCarerParticipation?: MeetingParticipation | null;
  @Field(() => String, { nullable: true, description: KEEP })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  parentCarerParticipationNotes?: string | null;
  @Field(() => String, { nullable: true, description: KEEP }) @IsOptional() @IsString() @MaxLength(TEXT) notes?:
    string | null;
}

@InputType()
export class CancelMeetingInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field({ description: 'Why it was cancelled: kept with the meeting.' }) @IsString() @Length(3, 1000) reason: string;
}

@InputType()
export class InviteeAttendanceInput {
  @Field(() => ID) @IsUUID() inviteeId: string;
  @Field(() => MeetingAttendance) @IsEnum(MeetingAttendance) attendance: MeetingAttendance;
}

@InputType({ description: 'An action agreed at the meeting: added to that pathway of the plan.' })
export class MeetingActionInput {
  @Field(() => PathwayType) @IsEnum(PathwayType) pathwayType: PathwayType;
  @Field() @IsString() @Length(1, 1000) description: string;
  @Field(() => String, {
    nullable: true,
    description: 'A named intervention; one the child has done before gives a warning.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  intervention?: string | null;
  @Field(() => ID, { description: 'The organisation that owns the action.' }) @IsUUID() ownerOrganisationId: string;
  @Field(() => String, { nullable: true, description: 'The person who owns it.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string | null;
  @Field({ description: 'YYYY-MM-DD; not before the meeting.' }) @IsLocalDate() dueDate: string;
}

@InputType()
export class RecordMeetingOutcomeInput {
  @Field(() => ID) @IsUUID() meetingId: string;
  @Field(() => Int, { description: VERSION }) @IsInt() @Min(1) expectedVersion: number;
  @Field(() => Date, { nullable: true, description: 'When it was held; default its start.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  heldAt?: Date | null;

  @Field(() => [InviteeAttendanceInput], {
    nullable: true,
    description: 'The attendance of every invitee (required when there are invitees).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_INVITEES)
  @ValidateNested({ each: true })
  @Type(() => InviteeAttendanceInput)
  attendance?: InviteeAttendanceInput[] | null;

  @Field(() => MeetingParticipation, { description: 'How the child took part.' })
  @IsEnum(MeetingParticipation)
  childParticipation: MeetingParticipation;
  @Field(() => String, {
    nullable: true,
    description: 'The child’s views as they gave them, or why they did not take part.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  childParticipationNotes?: string | null;
  @Field(() => MeetingParticipation, { nullable: true })
  @IsOptional()
  @IsEnum(MeetingParticipation)
  parentCarerParticipation?: MeetingParticipation | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) parentCarerParticipationNotes?:
    string | null;

  @Field(() => [String], { nullable: true, description: 'The decisions made, one per entry; default none.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, TEXT, { each: true })
  decisions?: string[] | null;

  @Field(() => [MeetingActionInput], {
    nullable: true,
    description: 'Actions agreed: each is added to its pathway of the plan; default none.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MeetingActionInput)
  actions?: MeetingActionInput[] | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(TEXT) outcomeNotes?: string | null;
}

@ArgsType()
export class MyMeetingsArgs extends PageArgs {
  @Field(() => Date, {
    nullable: true,
    description: 'Meetings that end after this; default now (what is still to come or under way).',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Meetings that start before this; default no limit.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Include cancelled meetings; default false.' })
  @IsOptional()
  @IsBoolean()
  includeCancelled?: boolean | null;
}
