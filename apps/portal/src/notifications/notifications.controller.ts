import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { renderPage } from '../http/page';
import { flash } from '../session/portal-session';

const NOTIFICATIONS = `query($after: String) {
  unreadNotificationCount
  notifications(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id kind title body link createdAt readAt } } } }`;
const READ_ALL = `mutation { markAllNotificationsRead }`;

/** Your notifications (referrals arriving and answered, deadlines), newest first: only your own, as the api says. */
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly api: ApiClient) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('after') after?: string) {
    const data = await this.api.asUser<{ unreadNotificationCount: number; notifications: any }>(
      request,
      NOTIFICATIONS,
      { after: after || undefined },
    );
    return renderPage(request, reply, 'notifications/index.njk', {
      unread: data.unreadNotificationCount,
      totalCount: data.notifications.totalCount,
      items: data.notifications.edges.map((e: { node: unknown }) => e.node),
      nextHref: data.notifications.pageInfo.hasNextPage
        ? `/notifications?after=${encodeURIComponent(data.notifications.pageInfo.endCursor)}`
        : null,
      firstHref: after ? '/notifications' : null,
    });
  }

  @Post('read-all')
  async readAll(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { markAllNotificationsRead: count } = await this.api.asUser<{ markAllNotificationsRead: number }>(
      request,
      READ_ALL,
    );
    flash(request, count === 1 ? '1 notification marked as read' : `${count} notifications marked as read`);
    return reply.redirect('/notifications', 303);
  }
}
