import { isIP } from 'node:net';
import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * `GET /calendar/<token>.ics`: a user's planning meetings for a calendar app to subscribe to. Not GraphQL, and no
 * bearer token: calendar apps cannot send one, so the secret URL is the credential (see CalendarFeedService). The
 * global AccessGuard lets plain routes through; the rate limits still apply. Anything but a live token is 404.
 */
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':file')
  async feed(
    @Param('file') file: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const body = await this.feeds.calendarFor(token, {
      requestId: typeof request.id === 'string' ? request.id : null,
      clientIp: request.ip && isIP(request.ip) ? request.ip : null,
    });
    if (body === null) throw new NotFoundException('No such calendar');
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="resettle-meetings.ics"')
      // Personal data: no shared cache may keep it.
      .header('cache-control', 'private, no-store');
    return body;
  }
}
