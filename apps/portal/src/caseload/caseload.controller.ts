import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { renderPage } from '../http/page';
import { MILESTONE_LABELS, MILESTONE_STATUS_LABELS, PATHWAY_LABELS, PATHWAY_STATUS_LABELS } from '../plans/plan-labels';
import { signedInUser } from '../session/portal-session';
import { isOverdue, missedMilestones, nextMilestone } from './caseload-view';

const CASELOAD = `query($first: Int, $after: String, $filter: CaseloadFilter) {
  caseload(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id daysToRelease expectedReleaseDate status
      child { givenName familyName preferredName }
      currentEstablishment { name }
      caseManager { id givenName familyName }
      resettlementPlan { pathways { type status } }
      milestones { key dueDate status } } } } }`;

const PAGE_SIZE = 25;
const WINDOWS = [30, 90, 180, 365];

/** The case manager's list: children by days to release, each pathway's status, the next deadline and any missed. */
@Controller('caseload')
export class CaseloadController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async caseload(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('mine') mine?: string,
    @Query('within') within?: string,
    @Query('after') after?: string,
  ) {
    const user = signedInUser(request);
    const releaseWithinDays = WINDOWS.includes(Number(within)) ? Number(within) : undefined;
    const onlyMine = mine === '1' && user !== undefined;
    const filter = { releaseWithinDays, caseManagerId: onlyMine ? user!.id : undefined };
    const { caseload } = await this.api.asUser<{ caseload: any }>(request, CASELOAD, {
      first: PAGE_SIZE,
      after: after || undefined,
      filter,
    });
    const today = this.clock.today();
    const rows = caseload.edges.map(({ node }: { node: any }) => {
      const next = nextMilestone(node.milestones as { key: string; dueDate: string | null; status: string }[]);
      return {
        ...node,
        pathways: (node.resettlementPlan?.pathways ?? []).map((p: { type: string; status: string }) => ({
          label: PATHWAY_LABELS[p.type] ?? p.type,
          tag: PATHWAY_STATUS_LABELS[p.status],
        })),
        next: next
          ? { label: MILESTONE_LABELS[next.key] ?? next.key, dueDate: next.dueDate, overdue: isOverdue(next, today) }
          : null,
        missed: missedMilestones(node.milestones).map((m) => ({
          label: MILESTONE_LABELS[m.key] ?? m.key,
          dueDate: m.dueDate,
        })),
      };
    });
    const params = (extra: Record<string, string>) =>
      new URLSearchParams({
        ...(onlyMine ? { mine: '1' } : {}),
        ...(releaseWithinDays ? { within: String(releaseWithinDays) } : {}),
        ...extra,
      }).toString();
    return renderPage(request, reply, 'caseload/index.njk', {
      rows,
      totalCount: caseload.totalCount,
      onlyMine,
      windowOptions: [
        { value: '', text: 'Any time' },
        ...WINDOWS.map((d) => ({ value: String(d), text: `Within ${d} days`, selected: releaseWithinDays === d })),
      ],
      nextHref: caseload.pageInfo.hasNextPage ? `/caseload?${params({ after: caseload.pageInfo.endCursor })}` : null,
      firstHref: after ? `/caseload?${params({})}` : null,
      milestoneStatus: MILESTONE_STATUS_LABELS,
    });
  }
}
