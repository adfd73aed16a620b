import { Args, Info, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AccessService, Allow, Caller, Capability, CurrentCaller, selectedFieldPaths } from '@resettle/access';
import { NotificationsService } from '../notifications.service';
import {
  MarkNotificationsReadAtInput,
  MarkNotificationsReadInput,
  NotificationConnection,
  NotificationPreferences,
  NotificationsArgs,
  SetNotificationPreferencesInput,
} from './notification.types';

/**
 * The signed-in person's own notifications and email preferences. Every operation is scoped to the caller in SQL:
 * there is no way to name someone else's, and ids that are not yours are ignored, never reported.
 */
@Resolver()
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly access: AccessService,
  ) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  async notifications(
    @Args() args: NotificationsArgs,
    @CurrentCaller() caller: Caller,
    @Info() info: GraphQLResolveInfo,
  ) {
    const page = await this.service.list(caller.actor.userId, args);
    // A notification about a child tells of them: one audit row per such notification on the page, as myMeetings.
    await this.access.recordListRead(
      caller,
      page.edges
        .filter(({ node }) => node.childId)
        .map(({ node }) => ({ childId: node.childId!, resource: { type: 'Notification', id: node.id } })),
      selectedFieldPaths(info).map((path) => path.replace(/^edges\.node\./, '')),
    );
    return page;
  }

  @Query(() => Int, { description: 'How many of your notifications you have not read.' })
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  unreadNotificationCount(@CurrentCaller() caller: Caller) {
    return this.service.unreadCount(caller.actor.userId);
  }

  @Mutation(() => Int, {
    description: 'Marks these of your notifications read; returns how many were unread and are now read.',
  })
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  markNotificationsRead(@Args('input') input: MarkNotificationsReadInput, @CurrentCaller() caller: Caller) {
    return this.service.markRead(caller, input.ids);
  }

  @Mutation(() => Int, {
    description:
      'Marks read your notifications that link to this page or a page above it: the portal calls it when you open the ' +
      'page a notification sends you to, or one of its forms (or an action brings you back there). Returns how many ' +
      'were unread.',
  })
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  markNotificationsReadAt(@Args('input') input: MarkNotificationsReadAtInput, @CurrentCaller() caller: Caller) {
    return this.service.markReadAt(caller, input.link);
  }

  @Mutation(() => Int, { description: 'Marks all your notifications read; returns how many were unread.' })
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  markAllNotificationsRead(@CurrentCaller() caller: Caller) {
    return this.service.markAllRead(caller);
  }

  @Query(() => NotificationPreferences)
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  notificationPreferences(@CurrentCaller() caller: Caller) {
    return this.service.preferencesOf(caller.actor.userId);
  }

  @Mutation(() => NotificationPreferences, {
    description:
      'IMMEDIATE: an email per notification; DAILY_DIGEST: one email a day of those unread; NONE: in-app only.',
  })
  @Allow(Capability.READ_OWN_NOTIFICATIONS)
  setNotificationPreferences(@Args('input') input: SetNotificationPreferencesInput, @CurrentCaller() caller: Caller) {
    return this.service.setPreferences(caller, input.emailMode, input.emailOffKinds);
  }
}
