import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { formError, FormErrors } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { MILESTONE_LABELS, MILESTONE_STATUS_LABELS } from '../plans/plan-labels';
import { flash, signedInUser } from '../session/portal-session';
import { evidenceInWords, MilestoneData, noticeWords, overdueText, RECORD_LINKS, whyDue } from './milestone-view';

const DEADLINES = `query($id: ID!) {
  custodialEpisode(id: $id) { id expectedReleaseDate child { givenName preferredName familyName } }
  milestones(episodeId: $id) {
    id key dueDate status metAt evidence waivedReason waivedByName version
    policy { anchor offset { amount unit direction } }
    notificationsSent { kind step forDueDate sentAt recipientName }
  } }`;
const WAIVE = `mutation($input: WaiveMilestoneInput!) { waiveMilestone(input: $input) { id status } }`;

const OPEN = new Set(['PENDING', 'MISSED']);

/**
 * A child's deadlines, where every deadline notification links: each milestone's due date and why, its status, the
 * fact that met it in words, and who was reminded and escalated to; a manager may waive an open one with a reason.
 * The api decides every record and refusal (another area's episode is NOT_FOUND, so the not-found page).
 */
@Controller('episodes/:episodeId/milestones')
export class MilestonesController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    return this.render(request, reply, episodeId);
  }

  @Post(':milestoneId/waive')
  async waive(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() body: { reason?: string; expectedVersion?: string },
  ) {
    const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
    const expectedVersion = Number(body?.expectedVersion);
    const field = `reason-${milestoneId}`;
    const values = { milestoneId, reason };
    if (reason.length < 5)
      return this.render(
        request,
        reply,
        episodeId,
        formError(
          field,
          reason ? 'The reason must be at least 5 characters' : 'Enter why the deadline no longer applies',
        ),
        values,
        400,
      );
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1)
      return this.render(
        request,
        reply,
        episodeId,
        formError(field, 'The page was out of date: try again'),
        values,
        400,
      );
    try {
      await this.api.asUser(request, WAIVE, { input: { milestoneId, expectedVersion, reason } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT')
        return this.render(
          request,
          reply,
          episodeId,
          formError(
            field,
            'This deadline changed while you were looking at it (it may have been met or waived): its current state is shown below. Nothing was waived.',
          ),
          values,
          409,
        );
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
        return this.render(request, reply, episodeId, formError(field, error.message), values, 400);
      throw error;
    }
    flash(request, 'Deadline waived');
    return reply.redirect(`/episodes/${episodeId}/milestones`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    episodeId: string,
    errors?: FormErrors,
    values?: { milestoneId: string; reason: string },
    status = 200,
  ) {
    const { custodialEpisode: episode, milestones } = await this.api.asUser<{
      custodialEpisode: {
        id: string;
        expectedReleaseDate: string | null;
        child: { givenName: string; preferredName: string | null; familyName: string };
      };
      milestones: MilestoneData[];
    }>(request, DEADLINES, { id: episodeId });
    const user = signedInUser(request);
    const mayWaive = user !== undefined && mayPerform({ roles: user.roles as Role[] }, Capability.WAIVE_MILESTONE);
    const today = this.clock.today();
    return renderPage(
      request,
      reply,
      'milestones/index.njk',
      {
        episode,
        errors,
        values,
        cards: milestones.map((m) => ({
          id: m.id,
          version: m.version,
          label: MILESTONE_LABELS[m.key] ?? m.key,
          status: MILESTONE_STATUS_LABELS[m.status],
          dueDate: m.dueDate,
          why: whyDue(m.policy),
          overdue: overdueText(m, today),
          metAt: m.status === 'MET' ? m.metAt : null,
          evidence: m.status === 'MET' ? evidenceInWords(m.evidence, episodeId) : null,
          waived: m.status === 'WAIVED' ? { reason: m.waivedReason, by: m.waivedByName } : null,
          notices: m.notificationsSent.map((n) => ({ text: noticeWords(n), sentAt: n.sentAt })),
          record:
            OPEN.has(m.status) && RECORD_LINKS[m.key]
              ? {
                  href: `/episodes/${episodeId}/${RECORD_LINKS[m.key].path}`,
                  text: RECORD_LINKS[m.key].text,
                }
              : null,
          waivable: mayWaive && OPEN.has(m.status),
        })),
      },
      status,
    );
  }
}
