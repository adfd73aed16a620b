import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { formError, FormErrors } from '../forms/form-errors';
import { renderPage } from '../http/page';
import { govukDate } from '../http/view-filters';
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

interface DeadlinesEpisode {
  id: string;
  expectedReleaseDate: string | null;
  child: { givenName: string; preferredName: string | null; familyName: string };
}

const childNameOf = (child: DeadlinesEpisode['child']) =>
  `${child.preferredName || child.givenName} ${child.familyName}`;

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

  /**
   * Waiving, in two steps on one address (`step`): the reason is checked and the page says what will be waived for
   * whom (check), then the manager confirms it (confirm) or goes back to change the reason (change). The reason and
   * version ride in hidden fields, so it works without JavaScript.
   */
  @Post(':milestoneId/waive')
  async waive(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() body: { reason?: string; expectedVersion?: string; step?: string },
  ) {
    const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
    const expectedVersion = Number(body?.expectedVersion);
    const field = `reason-${milestoneId}`;
    const values = { milestoneId, reason };
    if (body?.step === 'change') return this.render(request, reply, episodeId, undefined, values);
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
    const changed = () =>
      this.render(
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
    if (body?.step !== 'confirm') {
      // The check step: what will be waived, for whom, as it is now.
      const { episode, milestones } = await this.load(request, episodeId);
      const milestone = milestones.find((m) => m.id === milestoneId);
      if (!milestone || !OPEN.has(milestone.status) || milestone.version !== expectedVersion) return changed();
      return renderPage(request, reply, 'milestones/waive-check.njk', {
        episode,
        childName: childNameOf(episode.child),
        label: MILESTONE_LABELS[milestone.key] ?? 'Deadline',
        due: [
          milestone.dueDate ? govukDate(milestone.dueDate) : 'No date yet',
          overdueText(milestone, this.clock.today()),
        ]
          .filter(Boolean)
          .join(', '),
        milestoneId,
        reason,
        expectedVersion,
      });
    }
    try {
      await this.api.asUser(request, WAIVE, { input: { milestoneId, expectedVersion, reason } });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') return changed();
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT')
        return this.render(request, reply, episodeId, formError(field, error.message), values, 400);
      throw error;
    }
    flash(request, 'Deadline waived');
    return reply.redirect(`/episodes/${episodeId}/milestones`, 303);
  }

  /** The episode and its deadlines, as the person may see them (another area's: the api's NOT_FOUND). */
  private async load(request: FastifyRequest, episodeId: string) {
    const { custodialEpisode: episode, milestones } = await this.api.asUser<{
      custodialEpisode: DeadlinesEpisode;
      milestones: MilestoneData[];
    }>(request, DEADLINES, { id: episodeId });
    return { episode, milestones };
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    episodeId: string,
    errors?: FormErrors,
    values?: { milestoneId: string; reason: string },
    status = 200,
  ) {
    const { episode, milestones } = await this.load(request, episodeId);
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
