import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiClient } from '../api/api-client';
import { renderPage } from '../http/page';

const CREATE_FEED = `mutation { createCalendarFeed { url webcalUrl } }`;

/**
 * "Subscribe to your calendar" on the account page: the api's `createCalendarFeed` makes (or replaces) the person's
 * secret feed URL, shown on this one page and never again (the api keeps only its hash).
 */
@Controller('account/calendar-feed')
export class CalendarFeedController {
  constructor(private readonly api: ApiClient) {}

  @Post()
  async create(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { createCalendarFeed: feed } = await this.api.asUser<{
      createCalendarFeed: { url: string; webcalUrl: string };
    }>(request, CREATE_FEED);
    // The secret must not be cached anywhere on the way back.
    reply.header('Cache-Control', 'no-store');
    return renderPage(request, reply, 'meetings/calendar-feed.njk', { feed });
  }
}
