import { Field, ObjectType } from '@nestjs/graphql';
import { Connection } from '@resettle/common';
import { PathwayAction } from '../entities/pathway-action.entity';
import { PlanningMeeting } from './entities/planning-meeting.entity';
import { MeetingParticipation } from './meeting-enums';

@ObjectType({
  description: 'What happened at a held meeting. Attendance is on each invitee; actions are on the pathways.',
})
export class MeetingOutcome {
  @Field(() => Date)
  heldAt: Date;

  @Field(() => MeetingParticipation, { description: 'How the child took part.' })
  childParticipation: MeetingParticipation;

  @Field(() => String, {
    nullable: true,
    description: 'The child’s views as they gave them, or why they did not take part.',
  })
  childParticipationNotes: string | null;

  @Field(() => MeetingParticipation, { nullable: true })
  parentCarerParticipation: MeetingParticipation | null;

  @Field(() => String, { nullable: true })
  parentCarerParticipationNotes: string | null;

  @Field(() => [String])
  decisions: string[];

  @Field(() => String, { nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true })
  recordedById: string | null;
}

@ObjectType()
export class RecordMeetingOutcomePayload {
  @Field(() => PlanningMeeting)
  meeting: PlanningMeeting;

  @Field(() => [PathwayAction], { description: 'The actions added to the plan’s pathways, in the order given.' })
  actions: PathwayAction[];

  @Field(() => [String], { description: 'For instance: the child already did an intervention on an earlier order.' })
  warnings: string[];
}

@ObjectType({
  description: 'Your secret calendar feed of planning meetings. Anyone with the URL can read it: keep it private.',
})
export class CalendarFeed {
  @Field({ description: 'The feed’s full URL, to subscribe to in a calendar app. Shown only now: it is not stored.' })
  url: string;

  @Field({ description: 'The same, as webcal://, which opens the calendar app to subscribe.' })
  webcalUrl: string;

  @Field({ description: 'The URL’s path: `/calendar/<token>.ics`.' })
  path: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When the secret was last replaced (the old URL then stopped working).',
  })
  rotatedAt: Date | null;
}

@ObjectType()
export class PlanningMeetingConnection extends Connection(PlanningMeeting, 'PlanningMeeting') {}
