import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@resettle/access';
import { Capability, mayPerform } from '@resettle/access';
import { Clock } from '@resettle/common';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { renderPage } from '../http/page';
import { MILESTONE_LABELS } from '../plans/plan-labels';
import { signedInUser } from '../session/portal-session';
import {
  breakdownTables,
  chosenPeriod,
  chosenScope,
  continuityFigures,
  escalationsTable,
  figureLabel,
  isContinuityFigure,
  isPlanFigure,
  isReleaseFigure,
  Measures,
  MEASURES_REGIONS,
  measuresCsvRows,
  measuresPeriods,
  MeasuresScopeChoice,
  meetingFigures,
  planFigures,
  releaseFigures,
  responseTimeTables,
  scopeQuery,
  trendPeriod,
  trendTables,
} from './measures-view';
import { trendChartSvg, TrendMonth, trendOf } from './trend-chart';

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
    caseManagerChanges: number | null;
    interventionRepeated: boolean;
    firstNightAsPlanned: boolean | null;
    eteStartedAsPlanned: boolean | null;
    eteStartDate: string | null;
    healthHandoverOn: string | null;
    releaseDayPlanConfirmedOn: string | null;
  }[];
}

/** A council's people: the api shows a council's measures to its lead only. */
function isCouncil(request: FastifyRequest): boolean {
  return !!signedInUser(request)?.roles.some((role) => role.startsWith('LA_'));
}

/** The portal offers the list only to those the api would give it to (it still decides). */
function mayListChildren(request: FastifyRequest): boolean {
  const user = signedInUser(request);
  return !!user && mayPerform({ roles: user.roles as Role[] }, Capability.READ_MEASURE_CHILDREN);
}

/** Only a national admin chooses whose measures: everyone else's page is their own scope (the api's default). */
function isNationalAdmin(request: FastifyRequest): boolean {
  return !!signedInUser(request)?.roles.includes('NATIONAL_ADMIN');
}

const ORGANISATIONS = `query($filter: OrganisationFilter, $after: String) {
  organisations(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } }`;

/** The kinds of scope in the national admin's chooser, with the organisations' types each lists. */
const SCOPE_CHOICES = [
  {
    kind: 'YOUTH_JUSTICE_SERVICE',
    text: 'A youth justice service',
    field: 'service',
    types: ['YOUTH_JUSTICE_SERVICE'],
  },
  {
    kind: 'ESTABLISHMENT',
    text: 'A secure establishment (the children released from it)',
    field: 'establishment',
    types: ['YOI', 'STC', 'SCH', 'SECURE_SCHOOL'],
  },
  {
    kind: 'LOCAL_AUTHORITY',
    text: 'A local authority (the children whose home it is)',
    field: 'council',
    types: ['LOCAL_AUTHORITY'],
  },
  { kind: 'REGION', text: 'A region', field: 'region', types: null },
  { kind: 'ENGLAND_AND_WALES', text: 'England and Wales', field: null, types: null },
] as const;

const COUNT = `{ display }`;
const FIGURE = `{ key label numerator ${COUNT} denominator ${COUNT} percentage }`;
/** The measures as read: `fields` of `resettlementMeasures` for the input. */
const measuresQuery = (fields: string) =>
  `query($input: ResettlementMeasuresInput!) { resettlementMeasures(input: $input) { ${fields} } }`;
/** The page's figures: the headline tables, escalations, response times and breakdowns. */
const FIGURES_FIELDS = `  scope { kind name } released ${COUNT}
  accommodation ${FIGURE} childTold ${FIGURE} ete ${FIGURE}
  planViews ${FIGURE} planExplained ${FIGURE} planAgreed ${FIGURE} initialMeeting ${FIGURE} preReleaseMeeting ${FIGURE}
  caseManagerChanges ${FIGURE} interventionRepeated ${FIGURE}
  firstNight ${FIGURE} eteStarted ${FIGURE} healthHandover ${FIGURE} releaseDayPlan ${FIGURE}
  deadlines { key metOnTime ${COUNT} metLate ${COUNT} notMet ${COUNT} waived ${COUNT} total ${COUNT} }
  escalations { key notEscalated ${COUNT} level1 ${COUNT} level2 ${COUNT} level3 ${COUNT} total ${COUNT} }
  responseTimes { organisationName step answered medianWorkingDays p90WorkingDays }
  providerResponseTimes { organisationName step answered medianWorkingDays p90WorkingDays }
  breakdowns { dimension label baseGroup
    groups { group label released ${COUNT} figures { measure label numerator ${COUNT} percentage relativeRate } } }`;
const MEASURES = measuresQuery(FIGURES_FIELDS);

const CHILDREN = `query($input: MeasureChildrenInput!) { measureChildren(input: $input) {
  total page pageSize children { episodeId name releasedOn addressConfirmedOn toldOn etePlaceConfirmedOn
    viewsOnEveryPathway planExplainedOn planAgreedOn initialMeetingOn initialMeetingDue preReleaseMeetingOn
    preReleaseMeetingDue caseManagerChanges interventionRepeated firstNightAsPlanned eteStartedAsPlanned eteStartDate
    healthHandoverOn releaseDayPlanConfirmedOn } } }`;

const TREND_FIELDS = `byMonth { group label released ${COUNT} figures { measure label numerator ${COUNT} percentage } }`;
const TREND = measuresQuery(TREND_FIELDS);
/** The figures and the trend in one read, when the trend's 12 months are the period chosen. */
const MEASURES_AND_TREND = measuresQuery(`${FIGURES_FIELDS} ${TREND_FIELDS}`);

/**
 * The resettlement measures for a whole month (or 12): a youth justice manager's own service, an establishment
 * manager's establishment, a council lead's local authority; a national admin chooses a service, an establishment, a
 * local authority, a region or England and Wales (a plain GET form). Counts only, suppressed by the api; the api
 * decides who may see them.
 */
@Controller('measures')
export class MeasuresController {
  constructor(
    private readonly api: ApiClient,
    private readonly clock: Clock,
  ) {}

  private async read(request: FastifyRequest, query: Record<string, unknown>) {
    const chosen = chosenPeriod(query.period, this.clock.today());
    const scope = isNationalAdmin(request) ? chosenScope(query) : null;
    type Read = { resettlementMeasures: Measures & { scope: { kind: string; name: string } } };
    // The trend: the 12 months to the end of the chosen period. The api counts the headline, the breakdowns and the
    // months together whichever is asked (they are suppressed together), so when the chosen period is those 12
    // months one read gives both; otherwise the two reads run side by side.
    const trend = trendPeriod(chosen);
    if (trend.from === chosen.from && trend.to === chosen.to) {
      const { resettlementMeasures: measures } = await this.api.asUser<{
        resettlementMeasures: Read['resettlementMeasures'] & { byMonth: TrendMonth[] };
      }>(request, MEASURES_AND_TREND, {
        input: { from: chosen.from, to: chosen.to, scope },
      });
      return { chosen, scope, measures, area: measures.scope.name, byMonth: measures.byMonth };
    }
    const [{ resettlementMeasures: measures }, { resettlementMeasures: months }] = await Promise.all([
      this.api.asUser<Read>(request, MEASURES, { input: { from: chosen.from, to: chosen.to, scope } }),
      this.api.asUser<{ resettlementMeasures: { byMonth: TrendMonth[] } }>(request, TREND, {
        input: { ...trend, scope },
      }),
    ]);
    return { chosen, scope, measures, area: measures.scope.name, byMonth: months.byMonth };
  }

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const read = await this.read(request, query).catch((error: unknown) => {
      // A council's officer who is not its lead: the page says whose the measures are, rather than "you cannot".
      if (error instanceof ApiError && error.code === 'FORBIDDEN' && isCouncil(request)) return null;
      throw error;
    });
    if (!read) return renderPage(request, reply, 'measures/council-lead-only.njk', {}, 403);
    const { chosen, scope, measures, area, byMonth } = read;
    const keep = scopeQuery(scope);
    return renderPage(request, reply, 'measures/index.njk', {
      measures,
      planFigures: planFigures(measures),
      releaseFigures: releaseFigures(measures),
      meetingFigures: meetingFigures(measures),
      continuityFigures: continuityFigures(measures),
      escalations: escalationsTable(measures),
      responseTimes: responseTimeTables(measures.responseTimes),
      providerResponseTimes: responseTimeTables(measures.providerResponseTimes, 'PROVIDER'),
      area,
      // The trend a section at a time: a chart (named by its heading) and the table of its numbers.
      trend: await Promise.all(
        trendTables(byMonth).map(async (table) => ({
          ...table,
          titleId: `trend-${table.section.id}-title`,
          chart: await trendChartSvg(trendOf(byMonth, table.section.measures), `trend-${table.section.id}-title`),
        })),
      ),
      breakdowns: measures.breakdowns.map((b) => ({
        id: `breakdown-${b.dimension.toLowerCase()}`,
        label: b.label,
        tables: breakdownTables(b),
      })),
      period: chosen,
      periodOptions: measuresPeriods(this.clock.today()).map((p) => ({
        value: p.value,
        text: p.text,
        selected: p.value === chosen.value,
      })),
      scopeChooser: scope ? await this.scopeChooser(request, scope) : null,
      deadlineLabels: MILESTONE_LABELS,
      // The children behind a figure: for those who may see them (a youth justice manager's own service).
      childrenHref:
        mayListChildren(request) && measures.scope.kind === 'YOUTH_JUSTICE_SERVICE'
          ? (figure: string) => `/measures/children?${new URLSearchParams({ period: chosen.value, figure })}`
          : null,
      csvHref: `/measures/download?${new URLSearchParams({ period: chosen.value, ...keep })}`,
    });
  }

  /** The national admin's choice of scope: a radio a kind, each organisation kind with the list to choose from. */
  private async scopeChooser(request: FastifyRequest, scope: MeasuresScopeChoice) {
    const lists = await Promise.all(
      SCOPE_CHOICES.map((choice) =>
        choice.types
          ? this.organisations(request, choice.types)
          : choice.kind === 'REGION'
            ? MEASURES_REGIONS.map((region) => ({ id: region, name: region }))
            : [],
      ),
    );
    const chosenId = scope.organisationId ?? scope.region;
    return SCOPE_CHOICES.map((choice, i) => ({
      value: choice.kind,
      text: choice.text,
      checked: scope.kind === choice.kind,
      field: choice.field,
      options: lists[i].map((o) => ({
        value: o.id,
        text: o.name,
        selected: scope.kind === choice.kind && o.id === chosenId,
      })),
    }));
  }

  /** Every organisation of these types, by name (a youth justice service or council each: about 150, two pages). */
  private async organisations(
    request: FastifyRequest,
    types: readonly string[],
  ): Promise<{ id: string; name: string }[]> {
    const all: { id: string; name: string }[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { organisations } = await this.api.asUser<{
        organisations: {
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string; name: string } }[];
        };
      }>(request, ORGANISATIONS, { filter: { types }, after });
      all.push(...organisations.edges.map((e) => e.node));
      if (!organisations.pageInfo.hasNextPage || !organisations.pageInfo.endCursor) break;
      after = organisations.pageInfo.endCursor;
    }
    return all.sort((a, b) => a.name.localeCompare(b.name));
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
      continuityColumns: isContinuityFigure(String(figure)),
      releaseColumns: isReleaseFigure(String(figure)),
      period: chosen,
      backHref: `/measures?${new URLSearchParams({ period: chosen.value })}`,
      previousHref: pageNumber > 1 ? href(pageNumber - 1) : null,
      nextHref: pageNumber < lastPage ? href(pageNumber + 1) : null,
    });
  }

  /** The same suppressed figures as CSV; cells beginning = + - @ neutralised so a spreadsheet never runs them. */
  @Get('download')
  async download(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() query: Record<string, unknown>) {
    const { chosen, measures, area, byMonth } = await this.read(request, query);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="resettlement-measures-${chosen.value}.csv"`)
      .send(stringify(measuresCsvRows(measures, chosen, area, byMonth), { escape_formulas: true }));
  }
}
