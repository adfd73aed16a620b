import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { csvRows, everyPage, sendCsv } from '../http/csv-download';
import { renderPage } from '../http/page';
import { MILESTONE_LABELS, PATHWAY_LABELS, PATHWAY_STATUS_LABELS } from '../plans/plan-labels';
import { signedInUser } from '../session/portal-session';
import { CASELOAD_SORTS, missedMilestones, nextMilestone, overdueBy, pathwaySummary } from './caseload-view';

/** The caseload page's query (the api reads it narrowly, part by part: test/caseload-narrow.e2e-spec.ts). */
export const CASELOAD = `query($first: Int, $after: String, $filter: CaseloadFilter, $orderBy: CaseloadOrder) {
  caseload(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id daysToRelease expectedReleaseDate status
      child { givenName familyName preferredName }
      currentEstablishment { name }
      resettlementPlan { pathways { type status } }
      milestones { key dueDate status }
      nextHearing { hearingDate } } } } }`;

const PAGE_SIZE = 25;
const CSV_PAGE_SIZE = 100;
const WINDOWS = [30, 90, 180, 365];
const LEGAL = { remand: 'REMANDED', sentenced: 'SENTENCED' } as Record<string, string>;

interface CaseloadQuery {
  mine?: string;
  within?: string;
  legal?: string;
  missed?: string;
  sort?: string;
  after?: string;
}

/** The case manager's list: one line a child, filtered, sorted and paged by the api, and its CSV download. */
@Controller('caseload')
export class CaseloadController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  /** The page's filters and order from its query string (anything unknown is left out). */
  private choices(request: FastifyRequest, query: CaseloadQuery) {
    const user = signedInUser(request);
    const releaseWithinDays = WINDOWS.includes(Number(query.within)) ? Number(query.within) : undefined;
    const onlyMine = query.mine === '1' && user !== undefined;
    const legal = query.legal && LEGAL[query.legal] ? query.legal : undefined;
    const missed = query.missed === '1';
    const sort = query.sort && CASELOAD_SORTS[query.sort] ? query.sort : 'release';
    const filter = {
      releaseWithinDays,
      caseManagerId: onlyMine ? user!.id : undefined,
      legalStatus: legal ? LEGAL[legal] : undefined,
      hasMissedDeadlines: missed ? true : undefined,
    };
    const params = (extra: Record<string, string>) =>
      new URLSearchParams({
        ...(onlyMine ? { mine: '1' } : {}),
        ...(releaseWithinDays ? { within: String(releaseWithinDays) } : {}),
        ...(legal ? { legal } : {}),
        ...(missed ? { missed: '1' } : {}),
        ...extra,
      }).toString();
    return { filter, orderBy: CASELOAD_SORTS[sort], sort, onlyMine, releaseWithinDays, legal, missed, params };
  }

  private row(node: any, today: string) {
    const next = nextMilestone(node.milestones as { key: string; dueDate: string | null; status: string }[]);
    const pathways = (node.resettlementPlan?.pathways ?? []) as { type: string; status: string }[];
    const summary = pathwaySummary(pathways);
    return {
      ...node,
      name: `${node.child.preferredName || node.child.givenName} ${node.child.familyName}`,
      pathwaySummary: summary,
      notArranged: summary.notArranged.map((t) => PATHWAY_LABELS[t] ?? t),
      // Each pathway and its status, for screen readers: one string, not a template loop (25 rows of 9 pathways).
      pathwayStatuses: pathways
        .map((p) => `${PATHWAY_LABELS[p.type] ?? p.type}: ${PATHWAY_STATUS_LABELS[p.status]?.text ?? p.status}`)
        .join(', '),
      next: next
        ? {
            label: MILESTONE_LABELS[next.key] ?? next.key,
            dueDate: next.dueDate,
            overdueBy: overdueBy(next.dueDate, today),
          }
        : null,
      missedCount: missedMilestones(node.milestones).length,
    };
  }

  @Get()
  async caseload(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: CaseloadQuery) {
    const c = this.choices(request, query);
    const { caseload } = await this.api.asUser<{ caseload: any }>(request, CASELOAD, {
      first: PAGE_SIZE,
      after: query.after || undefined,
      filter: c.filter,
      orderBy: c.orderBy,
    });
    const today = this.clock.today();
    const sortLink = (sort: string) => `/caseload?${c.params({ sort })}`;
    return renderPage(request, reply, 'caseload/index.njk', {
      rows: caseload.edges.map(({ node }: { node: any }) => this.row(node, today)),
      totalCount: caseload.totalCount,
      onlyMine: c.onlyMine,
      missed: c.missed,
      sort: c.sort,
      sortLinks: { release: sortLink('release'), name: sortLink('name'), deadline: sortLink('deadline') },
      windowOptions: [
        { value: '', text: 'Any time' },
        ...WINDOWS.map((d) => ({ value: String(d), text: `Within ${d} days`, selected: c.releaseWithinDays === d })),
      ],
      legalOptions: [
        { value: '', text: 'Remanded or sentenced' },
        { value: 'remand', text: 'On remand', selected: c.legal === 'remand' },
        { value: 'sentenced', text: 'Sentenced', selected: c.legal === 'sentenced' },
      ],
      sortOptions: [
        { value: 'release', text: 'Release date', selected: c.sort === 'release' },
        { value: 'name', text: 'Child’s name', selected: c.sort === 'name' },
        { value: 'deadline', text: 'Next deadline', selected: c.sort === 'deadline' },
      ],
      nextHref: caseload.pageInfo.hasNextPage
        ? `/caseload?${c.params({ sort: c.sort, after: caseload.pageInfo.endCursor })}`
        : null,
      firstHref: query.after ? `/caseload?${c.params({ sort: c.sort })}` : null,
      csvHref: `/caseload/download?${c.params({ sort: c.sort })}`,
    });
  }

  /**
   * The filtered list as CSV, every page of it (paged through the api, so its scope, filters, order and audit are
   * the page's); cells beginning = + - @ are neutralised so a spreadsheet never runs them.
   */
  @Get('download')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: CaseloadQuery) {
    const c = this.choices(request, query);
    const today = this.clock.today();
    const pages = everyPage(
      async (after) =>
        (
          await this.api.asUser<{ caseload: any }>(request, CASELOAD, {
            first: CSV_PAGE_SIZE,
            after,
            filter: c.filter,
            orderBy: c.orderBy,
          })
        ).caseload,
    );
    return sendCsv(
      reply,
      `caseload-${today}.csv`,
      [
        'Child',
        'Establishment',
        'Release date',
        'Days to release',
        'Next deadline',
        'Due',
        'Overdue',
        'Missed',
        'Pathways arranged',
        'Not yet arranged',
      ],
      csvRows(pages, (node: any) => {
        const r = this.row(node, today);
        return [
          r.name,
          r.currentEstablishment?.name ?? '',
          r.expectedReleaseDate ?? 'On remand',
          r.expectedReleaseDate ? r.daysToRelease : '',
          r.next?.label ?? '',
          r.next?.dueDate ?? '',
          r.next?.overdueBy ?? '',
          r.missedCount,
          `${r.pathwaySummary.arranged} of ${r.pathwaySummary.total}`,
          r.notArranged.join('; '),
        ];
      }),
    );
  }
}
