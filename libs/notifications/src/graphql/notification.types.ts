import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Connection, PAGE_LINK_MAX_LENGTH, PAGE_LINK_PATTERN, PageArgs } from '@resettle/common';
import { Notification } from '../entities/notification.entity';
import { EmailMode } from '../notification-enums';
import { MAX_MARK_READ_IDS } from '../notifications.service';

@ObjectType()
export class NotificationConnection extends Connection(Notification, 'Notification') {}

@ObjectType({ description: 'How your notifications reach you.' })
export class NotificationPreferences {
  @Field(() => EmailMode)
  emailMode: EmailMode;

  @Field(() => [String], {
    description: 'Kinds of notice (as `Notification.kind`) you get no email of; you still see them here.',
  })
  emailOffKinds: string[];

  @Field(() => Date, {
    nullable: true,
    description: 'When you last chose; null while the default (IMMEDIATE) applies.',
  })
  updatedAt: Date | null;
}

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only those not yet read; default false.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly?: boolean | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], {
    description: `Up to ${MAX_MARK_READ_IDS} of your notifications' ids. Ids that are not yours are ignored.`,
  })
  @ArrayMaxSize(MAX_MARK_READ_IDS)
  @IsUUID('all', { each: true })
  ids: string[];
}

@InputType()
export class MarkNotificationsReadAtInput {
  @Field({
    description: 'A page of this service, as a notification links to it (e.g. /referrals/<id>): a path, nothing else.',
  })
  @MaxLength(PAGE_LINK_MAX_LENGTH)
  @Matches(PAGE_LINK_PATTERN, { message: 'link must be a path of this service, such as /referrals/<id>' })
  link: string;
}

@InputType()
export class SetNotificationPreferencesInput {
  @Field(() => EmailMode)
  @IsEnum(EmailMode)
  emailMode: EmailMode;

  @Field(() => [String], {
    nullable: true,
    description: 'Kinds of notice to email never (e.g. REFERRAL_RESPONSE_REMINDER); omitted: unchanged.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^[A-Z][A-Z_]{0,59}$/, {
    each: true,
    message: 'emailOffKinds must be kinds of notice, such as MILESTONE_REMINDER',
  })
  emailOffKinds?: string[] | null;
}
