import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChildRecordsRegistry } from '@resettle/access';
import { AuditModule } from '@resettle/audit';
import { ChildrenModule } from '@resettle/children';
import { IdentityModule } from '@resettle/identity';
import { OrganisationsModule } from '@resettle/organisations';
import { PlanAccessModule } from '../plan-access.module';
import { PlanningModule } from '../planning.module';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarFeedSecret } from './entities/calendar-feed.entity';
import { MeetingInvitee } from './entities/meeting-invitee.entity';
import { PlanningMeeting } from './entities/planning-meeting.entity';
import { MeetingInviteeResolver, MeetingsResolver, PlanMeetingsResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

/**
 * Planning meetings and the calendar feed: the GraphQL resolvers and the `GET /calendar/<token>.ics` route. Imported
 * by PlanningGraphqlModule (the api only; the worker has no HTTP server).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([PlanningMeeting, MeetingInvitee, CalendarFeedSecret]),
    PlanningModule,
    PlanAccessModule,
    AuditModule,
    ChildrenModule,
    IdentityModule,
    OrganisationsModule,
  ],
  controllers: [CalendarFeedController],
  providers: [MeetingsService, CalendarFeedService, MeetingsResolver, PlanMeetingsResolver, MeetingInviteeResolver],
  exports: [MeetingsService],
})
export class MeetingsModule implements OnModuleInit {
  constructor(private readonly records: ChildRecordsRegistry) {}

  /** Whose each meeting and invitee is, for the audit rows of operations that name one. */
  onModuleInit(): void {
    this.records.register(
      'PlanningMeeting',
      (ids) => `SELECT m.id, m.child_id FROM planning_meeting m WHERE m.id = ANY(${ids})`,
    );
    this.records.register(
      'MeetingInvitee',
      (ids) =>
        `SELECT i.id, m.child_id FROM meeting_invitee i JOIN planning_meeting m ON m.id = i.meeting_id WHERE i.id = ANY(${ids})`,
    );
  }
}
