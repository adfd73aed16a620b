import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { renderPage } from '../http/page';
import { MILESTONE_LABELS } from '../plans/plan-labels';
import { signedInUser } from '../session/portal-session';
import {
  breakdownTable,
  chosenPeriod,
  figureLabel,
  isPlanFigure,
  Measures,
  measuresCsvRows,
  measuresPeriods,
  meetingFigures,
  planFigures,
  trendPeriod,
  trendTable,
} from './measures-view';
import { trendChartSvg, TrendMonth } from './trend-chart';

interface MeasureChildrenPage {
  total: number;
  page: number;
  pageSize: number;
  children: {
    episodeId: string;
    name: string;
    releasedOn: string;
    addressConfirmedOn: string | null;
    toldOn: string | null;
    etePlaceConfirmedOn: string | null;
    viewsOnEveryPathway: boolean;
    planExplainedOn: string | null;
    planAgreedOn: string | null;
    initialMeetingOn: string | null;
    initialMeetingDue: string | null;
    preReleaseMeetingOn: string | null;
    preReleaseMeetingDue: string | null;
  }[];
}

/** The portal offers the list only to those the api would give it to (it still decides). */
function mayListChildren(request: FastifyRequest): boolean {
  const user = signedInUser(request);
  return !!user && mayPerform({ roles: user.roles as Role[] }, Capability.READ_MEASURE_CHILDREN);
}

const COUNT = `{ display }`;
const FIGURE = `{ key label numerator ${COUNT} denominator ${COUNT} percentage }`;
const MEASURES = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
  youthJusticeServiceId released ${COUNT}
  accommodation ${FIGURE} childTold ${FIGURE} ete ${FIGURE}
  planViews ${FIGURE} planExplained ${FIGURE} planAgreed ${FIGURE} initialMeeting ${FIGURE} preReleaseMeeting ${FIGURE}
  deadlines { key metOnTime ${COUNT} metLate ${COUNT} notMet ${COUNT} waived ${COUNT} total ${COUNT} }
  breakdowns { dimension label baseGroup
    groups { group label released ${COUNT} figures { measure label numerator ${COUNT} percentage relativeRate } } } } }`;

const CHILDREN = `query($input: MeasureChildrenInput!) { measureChildren(input: $input) {
  total page pageSize children { episodeId name releasedOn addressConfirmedOn toldOn etePlaceConfirmedOn
    viewsOnEveryPathway planExplainedOn planAgreedOn initialMeetingOn initialMeetingDue preReleaseMeetingOn
    preReleaseMeetingDue } } }`;

const TREND = `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) {
  byMonth { group label released ${COUNT} figures { measure label numerator ${COUNT} percentage } } } }`;

/**
 * The resettlement measures for a whole month (or 12): a youth justice manager's own service, a national admin's all
 * of England and Wales. Counts only, suppressed by the api; the api decides who may see them.
 */
@Controller('measures')
export class MeasuresController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  private async read(request: FastifyRequest, period: unknown) {
    const chosen = chosenPeriod(period, this.clock.today());
    const { resettlementMeasures: measures } = await this.api.asUser<{
      resettlementMeasures: Measures & { youthJusticeServiceId: string | null };
    }>(request, MEASURES, { input: { from: chosen.from, to: chosen.to } });
    // The trend: the 12 months to the end of the chosen period, one more read of the same aggregates.
    const { resettlementMeasures: trend } = await this.api.asUser<{ resettlementMeasures: { byMonth: TrendMonth[] } }>(
      request,
      TREND,
      { input: trendPeriod(chosen) },
    );
    const area = measures.youthJusticeServiceId
      ? (signedInUser(request)?.organisationName ?? 'your service')
      : 'all of England and Wales';
    return { chosen, measures, area, byMonth: trend.byMonth };
  }

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('period') period: unknown) {
    const { chosen, measures, area, byMonth } = await this.read(request, period);
    return renderPage(request, reply, 'measures/index.njk', {
      measures,
      planFigures: planFigures(measures),
      meetingFigures: meetingFigures(measures),
      area,
      trend: { chart: await trendChartSvg(byMonth, 'trend-title'), ...trendTable(byMonth) },
      breakdowns: measures.breakdowns.map((b) => ({
        id: `breakdown-${b.dimension.toLowerCase()}`,
        ...breakdownTable(b),
      })),
      period: chosen,
      periodOptions: measuresPeriods(this.clock.today()).map((p) => ({
        value: p.value,
        text: p.text,
        selected: p.value === chosen.value,
      })),
      deadlineLabels: MILESTONE_LABELS,
      // The children behind a figure: for those who may see them (a youth justice manager's own service).
      childrenHref: mayListChildren(request)
        ? (figure: string) => `/measures/children?${new URLSearchParams({ period: chosen.value, figure })}`
        : null,
      csvHref: `/measures/download?${new URLSearchParams({ period: chosen.value })}`,
    });
  }

  /** The children behind one figure, 50 a page: names link to their plans. The api refuses anyone else. */
  @Get('children')
  async children(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('period') period: unknown,
    @Query('figure') figure: unknown,
    @Query('page') page: unknown,
  ) {
    const chosen = chosenPeriod(period, this.clock.today());
    const known = figureLabel(figure);
    if (!known) return reply.redirect(`/measures?${new URLSearchParams({ period: chosen.value })}`, 303);
    const pageNumber = /^[1-9]\d{0,3}$/.test(String(page)) ? Number(page) : 1;
    const { measureChildren: list } = await this.api.asUser<{ measureChildren: MeasureChildrenPage }>(
      request,
      CHILDREN,
      { input: { from: chosen.from, to: chosen.to, figure, page: pageNumber } },
    );
    const href = (n: number) =>
      `/measures/children?${new URLSearchParams({ period: chosen.value, figure: String(figure), page: String(n) })}`;
    const lastPage = Math.max(1, Math.ceil(list.total / list.pageSize));
    return renderPage(request, reply, 'measures/children.njk', {
      list,
      figureLabel: known,
      planColumns: isPlanFigure(String(figure)),
      period: chosen,
      backHref: `/measures?${new URLSearchParams({ period: chosen.value })}`,
      previousHref: pageNumber > 1 ? href(pageNumber - 1) : null,
      nextHref: pageNumber < lastPage ? href(pageNumber + 1) : null,
    });
  }

  /** The same suppressed figures as CSV; cells beginning = + - @ neutralised so a spreadsheet never runs them. */
  @Get('download')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('period') period: unknown) {
    const { chosen, measures, area, byMonth } = await this.read(request, period);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="resettlement-measures-${chosen.value}.csv"`)
      .send(stringify(measuresCsvRows(measures, chosen, area, byMonth), { escape_formulas: true }));
  }
}
