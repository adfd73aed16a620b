import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { csvRows, everyPage, sendCsv } from '../http/csv-download';
import { renderPage } from '../http/page';
import { MILESTONE_LABELS } from '../plans/plan-labels';
import {
  AtRiskChoices,
  atRiskChoices,
  AtRiskNode,
  AtRiskQuery,
  atRiskRow,
  STATUS_CHOICES,
  WITHIN_CHOICES,
} from './at-risk-view';

const LINES = `totalCount pageInfo { hasNextPage endCursor }
    edges { node { id key status dueDate dueInDays episodeId
      episode { child { givenName familyName preferredName } caseManager { givenName familyName } } } }`;
const AT_RISK = `query($first: Int, $after: String, $filter: MilestonesAtRiskFilter) {
  milestonesAtRisk(first: $first, after: $after, filter: $filter) {
    ${LINES}
    caseManagers { caseManagerId name count missedCount } } }`;
const AT_RISK_CSV = `query($first: Int, $after: String, $filter: MilestonesAtRiskFilter) {
  milestonesAtRisk(first: $first, after: $after, filter: $filter) { ${LINES} } }`;

interface AtRiskPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: AtRiskNode }[];
  caseManagers?: { caseManagerId: string | null; name: string | null; count: number; missedCount: number }[];
}

const PAGE_SIZE = 25;
const CSV_PAGE_SIZE = 100;

/**
 * Deadlines at risk and missed across the person's service (issue 20): one line a deadline, from the api's
 * `milestonesAtRisk` (its slice, filters, order and audit), filtered by a plain GET form, grouped by case manager,
 * paged, and its CSV download.
 */
@Controller('deadlines')
export class AtRiskController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: AtRiskQuery) {
    const c = atRiskChoices(query);
    const { milestonesAtRisk: page } = await this.api.asUser<{ milestonesAtRisk: AtRiskPage }>(request, AT_RISK, {
      first: PAGE_SIZE,
      after: query.after || undefined,
      filter: c.filter,
    });
    const caseManagers = page.caseManagers ?? [];
    const named = caseManagers.filter((m) => m.caseManagerId);
    return renderPage(request, reply, 'deadlines/index.njk', {
      rows: page.edges.map(({ node }) => atRiskRow(node)),
      totalCount: page.totalCount,
      within: c.within,
      filtered: c.filtered,
      statusOptions: Object.entries(STATUS_CHOICES).map(([value, text]) => ({
        value,
        text,
        selected: c.status === value,
      })),
      caseManagerOptions: [
        { value: '', text: 'Everyone' },
        ...named.map((m) => ({
          value: m.caseManagerId,
          text: m.name ?? 'Someone whose account has gone',
          selected: c.caseManagerId === m.caseManagerId,
        })),
        // Chosen, but with nothing under the other filters: still the choice shown.
        ...(c.caseManagerId && !named.some((m) => m.caseManagerId === c.caseManagerId)
          ? [{ value: c.caseManagerId, text: 'The case manager chosen', selected: true }]
          : []),
      ],
      kindOptions: [
        { value: '', text: 'Every deadline' },
        ...Object.entries(MILESTONE_LABELS).map(([value, text]) => ({ value, text, selected: c.kind === value })),
      ],
      withinOptions: WITHIN_CHOICES.map((d) => ({ value: String(d), text: `${d} days`, selected: c.within === d })),
      // Grouped by case manager: each one's count under the other filters, linking to their lines.
      byCaseManager: caseManagers.map((m) => ({
        name: m.caseManagerId ? (m.name ?? 'Someone whose account has gone') : 'No case manager',
        count: m.count,
        missedCount: m.missedCount,
        href: m.caseManagerId ? listHref(c.params({ cm: m.caseManagerId })) : null,
        current: m.caseManagerId !== null && m.caseManagerId === c.caseManagerId,
      })),
      everyoneHref: c.caseManagerId ? listHref(paramsWithout(c, 'cm')) : null,
      nextHref: page.pageInfo.hasNextPage ? listHref(c.params({ after: page.pageInfo.endCursor! })) : null,
      firstHref: query.after ? listHref(c.params()) : null,
      csvHref: `/deadlines/download?${c.params()}`,
    });
  }

  /**
   * What is filtered, every page of it, as CSV (paged through the api, so its slice, filters and audit are the
   * page's); cells beginning = + - @ are neutralised so a spreadsheet never runs them.
   */
  @Get('download')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: AtRiskQuery) {
    const c = atRiskChoices(query);
    const pages = everyPage(
      async (after) =>
        (
          await this.api.asUser<{ milestonesAtRisk: AtRiskPage }>(request, AT_RISK_CSV, {
            first: CSV_PAGE_SIZE,
            after,
            filter: c.filter,
          })
        ).milestonesAtRisk,
    );
    return sendCsv(
      reply,
      `deadlines-at-risk-${this.clock.today()}.csv`,
      ['Child', 'Deadline', 'Due', 'Overdue or left', 'Case manager', 'Status'],
      csvRows(pages, (node) => {
        const r = atRiskRow(node);
        return [r.childName, r.label, r.dueDate ?? '', r.dueWords, r.caseManager, r.status.text];
      }),
    );
  }
}

const listHref = (query: string) => (query ? `/deadlines?${query}` : '/deadlines');

/** The choices' query string without one of them. */
function paramsWithout(c: AtRiskChoices, name: string): string {
  const params = new URLSearchParams(c.params());
  params.delete(name);
  return params.toString();
}
