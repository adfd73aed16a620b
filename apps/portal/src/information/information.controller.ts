import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderPage } from '../http/page';

/** The pages the law and GOV.UK ask every service for, linked from the footer: open to everyone, signed in or not. */
@Controller()
export class InformationController {
  @Get('accessibility')
  accessibility(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return renderPage(request, reply, 'information/accessibility.njk');
  }

  @Get('privacy')
  privacy(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return renderPage(request, reply, 'information/privacy.njk');
  }

  @Get('cookies')
  cookies(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return renderPage(request, reply, 'information/cookies.njk');
  }

  @Get('feedback')
  feedback(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return renderPage(request, reply, 'information/feedback.njk');
  }
}
