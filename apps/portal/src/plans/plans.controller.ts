import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { isOverdue, nextMilestone } from '../caseload/caseload-view';
import { earlyReleaseApplies, mayChangeCustody } from '../establishment/establishment-forms';
import { hearingsOf } from '../establishment/hearing-forms';
import { mayRecall, mayTransferSupervision } from '../establishment/movement-forms';
import { FACT_LINKS, mayRecordFacts, Me } from '../facts/fact-specs';
import { renderPage } from '../http/page';
import { referralTypeFor } from '../referrals/referral-actions';
import { STATUS_LABELS, TYPE_LABELS, URGENCY_LABELS } from '../referrals/referral-labels';
import { signedInUser } from '../session/portal-session';
import { blockerLinks, mayChangePlan } from './child-voice-forms';
import { myPlanOf, PlanData } from './my-plan';
import {
  EPISODE_STATUS_LABELS,
  MEETING_LABELS,
  MILESTONE_LABELS,
  MILESTONE_STATUS_LABELS,
  PATHWAY_LABELS,
  PATHWAY_STATUS_LABELS,
} from './plan-labels';
import { PLAN } from './plan-queries';

/** A child's plan for staff, and "My plan", the same plan in the child's words. Read as the signed-in person. */
@Controller('plans')
export class PlansController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get(':episodeId')
  async plan(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    const { custodialEpisode: episode, me } = await this.api.asUser<{ custodialEpisode: any; me: Me }>(request, PLAN, {
      id: episodeId,
    });
    const next = nextMilestone(episode.milestones as { key: string; dueDate: string | null; status: string }[]);
    const user = signedInUser(request);
    const maySend = user !== undefined && mayPerform({ roles: user.roles as Role[] }, Capability.SEND_REFERRAL);
    return renderPage(request, reply, 'plans/show.njk', {
      episode,
      referable: maySend
        ? (episode.resettlementPlan?.pathways ?? [])
            .filter((p: { type: string }) => referralTypeFor(p.type))
            .map((p: { id: string }) => p.id)
        : [],
      plan: episode.resettlementPlan,
      // The child's voice and the agreement: the supervising service changes them (the api decides).
      mayChangePlan: mayChangePlan(me, episode),
      // What still blocks agreement, each linking to where it is fixed.
      blockers: blockerLinks(episode.resettlementPlan?.agreement?.blockerDetails ?? [], episode.id),
      // Pathways the policy lets the person change (`mayChange`, the api's answer; it decides each change again).
      changeable: (episode.resettlementPlan?.pathways ?? [])
        .filter((p: { mayChange: boolean }) => p.mayChange)
        .map((p: { id: string }) => p.id),
      // The facts deadlines are met by: links only for those the api lets record them.
      recordLinks: episode.resettlementPlan && mayRecordFacts(me, episode) ? FACT_LINKS : [],
      // The custody record: links only for those the api lets change it (the establishment holding the child, or
      // the supervising service).
      custodyLinks: mayChangeCustody(me, episode)
        ? [
            { href: `/episodes/${episode.id}/sentence`, text: 'Record a sentence' },
            ...(earlyReleaseApplies(episode)
              ? [{ href: `/episodes/${episode.id}/early-release`, text: 'Record early release' }]
              : []),
            ...(earlyReleaseApplies(episode) && episode.status === 'SENTENCED'
              ? [{ href: `/episodes/${episode.id}/late-release`, text: 'Record a late release order' }]
              : []),
            { href: `/episodes/${episode.id}/transfer`, text: 'Record a transfer to another establishment' },
            { href: `/episodes/${episode.id}/release`, text: 'Record the release' },
          ]
        : mayRecall(me, episode)
          ? [{ href: `/episodes/${episode.id}/recall`, text: 'Record a recall to custody' }]
          : [],
      // The supervision handed to another youth justice service: for a manager of the supervising service.
      supervisionLink: mayTransferSupervision(me, episode)
        ? { href: `/episodes/${episode.id}/transfer-supervision`, text: 'Move to another youth justice service' }
        : null,
      // A remanded child's court hearings: changed by those who may change custody, while on remand (the api decides).
      // Children's services told of each hearing: recorded, like the other facts, by the supervising service.
      hearings: hearingsOf(episode, mayChangeCustody(me, episode), {
        mayRecord: !!episode.resettlementPlan && mayRecordFacts(me, episode),
        told: episode.resettlementPlan?.childrensServicesInformed ?? null,
      }),
      next: next
        ? { label: MILESTONE_LABELS[next.key], dueDate: next.dueDate, overdue: isOverdue(next, this.clock.today()) }
        : null,
      labels: {
        pathway: PATHWAY_LABELS,
        pathwayStatus: PATHWAY_STATUS_LABELS,
        milestone: MILESTONE_LABELS,
        milestoneStatus: MILESTONE_STATUS_LABELS,
        meeting: MEETING_LABELS,
        episodeStatus: EPISODE_STATUS_LABELS,
        referralStatus: STATUS_LABELS,
        referralType: TYPE_LABELS,
        urgency: URGENCY_LABELS,
      },
    });
  }

  @Get(':episodeId/my-plan')
  async myPlan(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('episodeId', ParseUUIDPipe) episodeId: string,
  ) {
    const { custodialEpisode: episode } = await this.api.asUser<{ custodialEpisode: PlanData & { id: string } }>(
      request,
      PLAN,
      { id: episodeId },
    );
    return renderPage(request, reply, 'plans/my-plan.njk', {
      episodeId: episode.id,
      mine: myPlanOf(episode, this.clock.now()),
    });
  }
}
