import { addCalendarMonths, addDays, endOfMonth, type IsoDate, monthAndYear } from '@resettle/common';
import { govukDate } from '../http/view-filters';
import { MILESTONE_LABELS } from '../plans/plan-labels';

export interface MeasuresPeriodChoice {
  /** The query string's value: `2026-10` for a month, `12m-2026-10` for the 12 months to the end of that month. */
  value: string;
  text: string;
  from: IsoDate;
  to: IsoDate;
}

/**
 * The periods a person can choose: each of the last 12 whole months (last month first, the default), and the 12
 * months to the end of last month. Whole months only: a month still running would change under the reader.
 */
export function measuresPeriods(today: IsoDate): MeasuresPeriodChoice[] {
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: 12 }, (_, i) => {
    const from = addCalendarMonths(thisMonth, -(i + 1));
    return { value: from.slice(0, 7), text: monthAndYear(from), from, to: endOfMonth(from) };
  });
  const last = months[0];
  const yearFrom = addCalendarMonths(addDays(last.to, 1), -12);
  return [
    ...months,
    {
      value: `12m-${last.value}`,
      text: `12 months to ${last.text}`,
      from: yearFrom,
      to: last.to,
    },
  ];
}

/** The period asked for in the query string; anything unknown is last month. */
export function chosenPeriod(value: unknown, today: IsoDate): MeasuresPeriodChoice {
  const periods = measuresPeriods(today);
  return periods.find((p) => p.value === value) ?? periods[0];
}

/** The regions a national admin can choose (the api's list: the nine English regions and Wales). */
export const MEASURES_REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Wales',
] as const;

/** Whose measures a national admin chose: the api's `MeasuresScopeInput`. */
export interface MeasuresScopeChoice {
  kind: 'YOUTH_JUSTICE_SERVICE' | 'ESTABLISHMENT' | 'LOCAL_AUTHORITY' | 'REGION' | 'ENGLAND_AND_WALES';
  organisationId?: string;
  region?: string;
}

/** The query string's field naming the organisation of each kind (the form's select for it). */
const ORGANISATION_FIELD = {
  YOUTH_JUSTICE_SERVICE: 'service',
  ESTABLISHMENT: 'establishment',
  LOCAL_AUTHORITY: 'council',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The scope a national admin chose in the query string (`scope` and the field of its kind: `service`,
 * `establishment`, `council` or `region`); anything missing or unknown is England and Wales.
 */
export function chosenScope(query: Record<string, unknown>): MeasuresScopeChoice {
  const kind = query.scope;
  if (kind === 'REGION') {
    const region = MEASURES_REGIONS.find((r) => r === query.region);
    return region ? { kind, region } : { kind: 'ENGLAND_AND_WALES' };
  }
  if (kind === 'YOUTH_JUSTICE_SERVICE' || kind === 'ESTABLISHMENT' || kind === 'LOCAL_AUTHORITY') {
    const id = query[ORGANISATION_FIELD[kind]];
    return typeof id === 'string' && UUID.test(id) ? { kind, organisationId: id } : { kind: 'ENGLAND_AND_WALES' };
  }
  return { kind: 'ENGLAND_AND_WALES' };
}

/** The query string's fields of a scope, to keep it in the page's links (the CSV, another period). */
export function scopeQuery(scope: MeasuresScopeChoice | null): Record<string, string> {
  if (!scope) return {};
  if (scope.kind === 'REGION') return { scope: scope.kind, region: scope.region! };
  if (scope.kind === 'ENGLAND_AND_WALES') return { scope: scope.kind };
  return { scope: scope.kind, [ORGANISATION_FIELD[scope.kind]]: scope.organisationId! };
}

interface Count {
  display: string;
}
interface Figure {
  key: string;
  label: string;
  numerator: Count;
  denominator: Count;
  percentage: number | null;
}
interface BreakdownFigure {
  measure: string;
  label: string;
  numerator: Count;
  percentage: number | null;
  relativeRate: number | null;
}
export interface Breakdown {
  dimension: string;
  label: string;
  baseGroup: string | null;
  groups: { group: string; label: string; released: Count; figures: BreakdownFigure[] }[];
}
export interface Measures {
  released: Count;
  breakdowns: Breakdown[];
  accommodation: Figure[];
  childTold: Figure[];
  ete: Figure[];
  planViews: Figure[];
  planExplained: Figure[];
  planAgreed: Figure[];
  initialMeeting: Figure[];
  preReleaseMeeting: Figure[];
  caseManagerChanges: Figure[];
  interventionRepeated: Figure[];
  firstNight: Figure[];
  eteStarted: Figure[];
  healthHandover: Figure[];
  releaseDayPlan: Figure[];
  deadlines: { key: string; metOnTime: Count; metLate: Count; notMet: Count; waived: Count; total: Count }[];
  escalations: {
    /** The kind of deadline; null for all kinds together. */
    key: string | null;
    notEscalated: Count;
    level1: Count;
    level2: Count;
    level3: Count;
    total: Count;
  }[];
  responseTimes: ResponseTime[];
  providerResponseTimes: ResponseTime[];
}

/**
 * The deadlines by the highest level of the escalation ladder each reached, a row a kind of deadline, then all kinds
 * together (the api's row with no kind, suppressed with the others as one table).
 */
export function escalationsTable(m: Pick<Measures, 'escalations'>): CountsTable {
  return {
    id: 'measures-escalations',
    caption: 'How far missed deadlines were escalated',
    head: [
      'Deadline',
      'Not escalated',
      'Level 1: the owner only',
      'Level 2: their manager',
      'Level 3: the head of service',
      'Total',
    ],
    rows: m.escalations.map((e) => [
      e.key === null ? ALL_KINDS : (MILESTONE_LABELS[e.key] ?? e.key),
      ...[e.notEscalated, e.level1, e.level2, e.level3, e.total].map((c) => c.display),
    ]),
  };
}

const ALL_KINDS = 'All kinds of deadline';

/**
 * One partner's (or all partners') working days for one step, as the api publishes it (null: hidden): a council's on
 * accommodation referrals, a provider's on education and health referrals.
 */
export interface ResponseTime {
  organisationName: string | null;
  step: string;
  answered: number | null;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
}

/** Whose response times: councils' (accommodation referrals) or providers' (education and health referrals). */
export type ResponsePartner = 'COUNCIL' | 'PROVIDER';

/** What each step of a partner's response clock is, as a table's caption, and what the partners are called. */
const RESPONSE_TABLES: Record<
  ResponsePartner,
  { idPrefix: string; partner: string; all: string; captions: Record<string, string> }
> = {
  COUNCIL: {
    idPrefix: 'response-times',
    partner: 'Council',
    all: 'All councils',
    captions: {
      ACKNOWLEDGE: 'Acknowledging a new accommodation referral',
      ANSWER: 'Answering a referral sent again with the information asked for',
      OFFER: 'Making an offer (or declining) after acknowledging',
      CONFIRM: 'Confirming a placement after offering it',
    },
  },
  PROVIDER: {
    idPrefix: 'provider-response-times',
    partner: 'Provider',
    all: 'All providers',
    captions: {
      ACKNOWLEDGE: 'Providers acknowledging a new education or health referral',
      ANSWER: 'Providers answering a referral sent again with the information asked for',
      OFFER: 'Providers offering a place or appointment (or declining) after acknowledging',
      CONFIRM: 'Providers confirming a place or appointment after offering it',
    },
  },
};

/** A table of counts: its caption, its head, and rows whose first cell names the row. */
export interface CountsTable {
  id: string;
  caption: string;
  head: string[];
  rows: string[][];
}

/**
 * Partners' response times as tables (councils', or providers'), one a step in the clock's order: all of them first,
 * then each, with the steps answered, the median and the 90th percentile in working days. A hidden count (the api
 * sends null, and no figures with it) reads "fewer than 5", its figures "Not shown".
 */
export function responseTimeTables(
  times: readonly ResponseTime[],
  partner: ResponsePartner = 'COUNCIL',
): CountsTable[] {
  const { idPrefix, partner: column, all, captions } = RESPONSE_TABLES[partner];
  return Object.entries(captions).map(([step, caption]) => ({
    id: `${idPrefix}-${step.toLowerCase()}`,
    caption,
    head: [column, 'Steps answered', 'Median working days', '90th percentile working days'],
    rows: times
      .filter((t) => t.step === step)
      .map((t) => [
        t.organisationName ?? all,
        t.answered === null ? FEWER_THAN_5 : String(t.answered),
        t.medianWorkingDays === null ? NOT_SHOWN : String(t.medianWorkingDays),
        t.p90WorkingDays === null ? NOT_SHOWN : String(t.p90WorkingDays),
      ]),
  }));
}

const FEWER_THAN_5 = 'fewer than 5';
const NOT_SHOWN = 'Not shown';

function countsTableCsvRows(table: CountsTable): string[][] {
  return [[], [table.caption], table.head, ...table.rows];
}

const percent = (f: { percentage: number | null }) => (f.percentage === null ? '' : `${f.percentage}%`);

/**
 * The CSV of the measures: the same suppressed counts as the page (the api never sends a hidden count), one line a
 * figure, then one a kind of deadline.
 */
export function measuresCsvRows(
  m: Measures,
  period: MeasuresPeriodChoice,
  area: string,
  trend: readonly TrendRow[] = [],
): string[][] {
  const heading = [`Children released ${govukDate(period.from)} to ${govukDate(period.to)}, ${area}`];
  const figures = [
    ...m.accommodation,
    ...m.childTold,
    ...m.ete,
    ...releaseFigures(m),
    ...planFigures(m),
    ...meetingFigures(m),
    ...continuityFigures(m),
  ].map((f) => [f.label, f.numerator.display, f.denominator.display, percent(f)]);
  const deadlines = m.deadlines.map((d) => [
    MILESTONE_LABELS[d.key] ?? d.key,
    d.metOnTime.display,
    d.metLate.display,
    d.notMet.display,
    d.waived.display,
    d.total.display,
  ]);
  return [
    heading,
    ['Measure', 'Children', 'Of children released', 'Per cent'],
    ...figures,
    [],
    ['Deadline', 'Met on time', 'Met late', 'Not met', 'Waived', 'Total'],
    ...deadlines,
    ...(m.escalations.length ? countsTableCsvRows(escalationsTable(m)) : []),
    ...(m.responseTimes.length
      ? [
          [],
          ['Councils’ response times on accommodation referrals, in working days'],
          ...responseTimeTables(m.responseTimes).flatMap(countsTableCsvRows),
        ]
      : []),
    ...(m.providerResponseTimes.length
      ? [
          [],
          ['Providers’ response times on education and health referrals, in working days'],
          ...responseTimeTables(m.providerResponseTimes, 'PROVIDER').flatMap(countsTableCsvRows),
        ]
      : []),
    ...m.breakdowns.flatMap((b) => [[], ...breakdownCsvRows(b)]),
    ...(trend.length ? trendCsvRows(trend) : []),
  ];
}

/** The figures of what happened at release: the first night, ETE started, health handover, release-day plan. */
export function releaseFigures(
  m: Pick<Measures, 'firstNight' | 'eteStarted' | 'healthHandover' | 'releaseDayPlan'>,
): Figure[] {
  return [...m.firstNight, ...m.eteStarted, ...m.healthHandover, ...m.releaseDayPlan];
}

/** The figures of the children's plans: the child's views, explained, agreed (one table on the page). */
export function planFigures(m: Measures): Figure[] {
  return [...m.planViews, ...m.planExplained, ...m.planAgreed];
}

/** The figures of the planning meetings: initial and pre-release, each held in time or not. */
export function meetingFigures(m: Measures): Figure[] {
  return [...m.initialMeeting, ...m.preReleaseMeeting];
}

/** The figures of who the child worked with: case-manager changes, and interventions of an earlier order repeated. */
export function continuityFigures(m: Pick<Measures, 'caseManagerChanges' | 'interventionRepeated'>): Figure[] {
  return [...m.caseManagerChanges, ...m.interventionRepeated];
}

/** What each headline figure counts, for the page of the children behind it; null for anything else. */
const FIGURE_LABELS: Record<string, string> = {
  ADDRESS_28_DAYS: 'Address confirmed 28 days or more before release',
  ADDRESS_14_DAYS: 'Address confirmed 14 to 27 days before release',
  ADDRESS_BY_RELEASE: 'Address confirmed fewer than 14 days before release, by the day of release',
  ADDRESS_NOT_BY_RELEASE: 'No address confirmed by the day of release',
  TOLD_14_DAYS: 'Child told where they will live at least 14 days before release',
  NOT_TOLD_14_DAYS: 'Child not told at least 14 days before release',
  ETE_BY_RELEASE: 'Education, training or employment place confirmed by the day of release',
  ETE_NOT_BY_RELEASE: 'No place confirmed by the day of release',
  PLAN_VIEWS_EVERY_PATHWAY: 'Plan with the child’s own view on every active pathway',
  PLAN_VIEWS_NOT_EVERY_PATHWAY: 'Plan without the child’s view on every active pathway',
  PLAN_EXPLAINED: 'Plan explained to the child by the day of release',
  PLAN_NOT_EXPLAINED: 'Plan not explained to the child by the day of release',
  PLAN_AGREED: 'Plan agreed by the day of release',
  PLAN_NOT_AGREED: 'Plan not agreed by the day of release',
  INITIAL_MEETING_IN_TIME: 'Initial planning meeting held within 10 working days',
  INITIAL_MEETING_NOT_IN_TIME: 'Initial planning meeting not held within 10 working days',
  PRE_RELEASE_MEETING_IN_TIME: 'Pre-release planning meeting held in time',
  PRE_RELEASE_MEETING_NOT_IN_TIME: 'Pre-release planning meeting not held in time',
  CASE_MANAGER_NONE: 'No case manager allocated by the day of release',
  CASE_MANAGER_NO_CHANGE: 'One case manager throughout, to the day of release',
  CASE_MANAGER_ONE_CHANGE: 'Case manager changed once by the day of release',
  CASE_MANAGER_TWO_OR_MORE_CHANGES: 'Case manager changed twice or more by the day of release',
  INTERVENTION_REPEATED: 'Plan repeats an intervention the child did on an earlier order',
  INTERVENTION_NOT_REPEATED: 'Plan repeats no intervention of an earlier order',
  FIRST_NIGHT_AS_PLANNED: 'First night at the accommodation planned',
  FIRST_NIGHT_NOT_AS_PLANNED: 'First night not at the accommodation planned, or not recorded',
  ETE_STARTED_AS_PLANNED: 'Education, training or employment started as planned',
  ETE_NOT_STARTED_AS_PLANNED: 'Education, training or employment not started as planned, or not recorded',
  HEALTH_HANDOVER_BY_RELEASE: 'Health handover arranged by the day of release',
  HEALTH_HANDOVER_NOT_BY_RELEASE: 'Health handover not arranged by the day of release',
  RELEASE_DAY_PLAN_CONFIRMED: 'Release-day plan confirmed by the day of release',
  RELEASE_DAY_PLAN_NOT_CONFIRMED: 'Release-day plan not confirmed by the day of release',
};

/** Whether a figure is one of the plan's (its children are listed with their plan's days, not their addresses'). */
export function isPlanFigure(figure: string): boolean {
  return /^(PLAN_|INITIAL_MEETING_|PRE_RELEASE_MEETING_)/.test(figure);
}

/** Whether a figure is of what happened at release (its children are listed with the release's facts). */
export function isReleaseFigure(figure: string): boolean {
  return /^(FIRST_NIGHT_|ETE_STARTED_|ETE_NOT_STARTED_|HEALTH_HANDOVER_|RELEASE_DAY_PLAN_)/.test(figure);
}

/** Whether a figure is about case managers or repeated interventions (its children are listed with those). */
export function isContinuityFigure(figure: string): boolean {
  return /^(CASE_MANAGER_|INTERVENTION_)/.test(figure);
}

export function figureLabel(figure: unknown): string | null {
  return typeof figure === 'string' && Object.hasOwn(FIGURE_LABELS, figure) ? FIGURE_LABELS[figure] : null;
}

/** The trend's months of a period: the 12 months to the end of the chosen one (a 12-month choice is itself). */
export function trendPeriod(chosen: MeasuresPeriodChoice): { from: IsoDate; to: IsoDate } {
  return { from: addCalendarMonths(`${chosen.to.slice(0, 7)}-01`, -11), to: chosen.to };
}

interface TrendRow {
  label: string;
  released: Count;
  figures: { measure: string; label: string; numerator: Count; percentage: number | null }[];
}

/** A section of the measures broken down and in the trend: a table each (and a chart each in the trend). */
export interface MeasureSection {
  id: string;
  title: string;
  measures: readonly string[];
  /** What its trend chart draws (the chart's figcaption). */
  drawn: string;
}

/**
 * The measures the api breaks down and gives month by month, in the page's sections: before release, the plan, at
 * release. One table of 13 measures, two columns each, would be unreadable.
 */
export const MEASURE_SECTIONS: readonly MeasureSection[] = [
  {
    id: 'before-release',
    title: 'Before release',
    measures: ['ADDRESS_28_DAYS', 'ADDRESS_14_DAYS', 'TOLD_14_DAYS', 'ETE_BY_RELEASE'],
    drawn:
      'The per cent of the children released each month who had their address confirmed at least 28 and at least 14 ' +
      'days before release, were told where they would live at least 14 days before, and had an education, training ' +
      'or employment place confirmed by the day of release.',
  },
  {
    id: 'plan',
    title: 'The plan',
    measures: [
      'PLAN_VIEWS_EVERY_PATHWAY',
      'PLAN_EXPLAINED',
      'PLAN_AGREED',
      'INITIAL_MEETING_IN_TIME',
      'PRE_RELEASE_MEETING_IN_TIME',
    ],
    drawn:
      'The per cent of the children released each month whose plan had their own view on every active pathway, was ' +
      'explained to them and was agreed by the day of release, and whose initial and pre-release planning meetings ' +
      'were held in time.',
  },
  {
    id: 'at-release',
    title: 'At release',
    measures: [
      'FIRST_NIGHT_AS_PLANNED',
      'ETE_STARTED_AS_PLANNED',
      'HEALTH_HANDOVER_BY_RELEASE',
      'RELEASE_DAY_PLAN_CONFIRMED',
    ],
    drawn:
      'The per cent of the children released each month who spent the first night at the accommodation planned, ' +
      'started education, training or employment as planned, and had a health handover arranged and the release-day ' +
      'plan confirmed by the day of release.',
  },
];

/**
 * The sections of these measures (the api's), each with those of its measures the api sent; a measure of no section
 * (one the api added since) in a section of its own at the end rather than left off the page.
 */
export function sectionsOf(measures: readonly string[]): MeasureSection[] {
  const other = measures.filter((m) => !MEASURE_SECTIONS.some((s) => s.measures.includes(m)));
  return [
    ...MEASURE_SECTIONS.map((s) => ({ ...s, measures: s.measures.filter((m) => measures.includes(m)) })),
    {
      id: 'other',
      title: 'Other measures',
      measures: other,
      drawn: 'The per cent of the children released each month who had each of these measures.',
    },
  ].filter((s) => s.measures.length > 0);
}

/** The figures of `measures` (all of them when not given), in the api's order: one choice for tables and charts. */
export function figuresOf<F extends { measure: string }>(figures: readonly F[], measures?: readonly string[]): F[] {
  return figures.filter((f) => !measures || measures.includes(f.measure));
}

/** The trend as a table: a row a month, each measure's children (per cent); only `measures`' when given. */
export function trendTable(
  months: readonly TrendRow[],
  measures?: readonly string[],
): { head: string[]; rows: string[][] } {
  const of = (m: TrendRow) => figuresOf(m.figures, measures);
  return {
    head: ['Month', 'Children released', ...(months[0] ? of(months[0]) : []).map((f) => f.label)],
    rows: months.map((m) => [
      m.label,
      m.released.display,
      ...of(m).map((f) => (f.percentage === null ? f.numerator.display : `${f.numerator.display} (${f.percentage}%)`)),
    ]),
  };
}

/** The trend as tables, one a section (the page's and the CSV's). */
export function trendTables(months: readonly TrendRow[]): (CountsTable & { section: MeasureSection })[] {
  return sectionsOf(months[0]?.figures.map((f) => f.measure) ?? []).map((section) => ({
    id: `measures-trend-${section.id}`,
    caption: `${section.title}, month by month`,
    section,
    ...trendTable(months, section.measures),
  }));
}

/**
 * A group's rate against the largest group's, as the reader sees it: the largest group says so, a hidden count behind
 * it says "Not shown" (the api sends null), others two places (under 1: fewer of this group had it).
 */
export function relativeRateText(rate: number | null, isBaseGroup: boolean): string {
  if (rate === null) return 'Not shown';
  return isBaseGroup ? 'Largest group' : rate.toFixed(2);
}

/**
 * One breakdown as a table: a row a group, and for each measure the children (per cent) and the relative rate; only
 * `measures`' when given.
 */
export function breakdownTable(b: Breakdown, measures?: readonly string[]): { head: string[]; rows: string[][] } {
  const of = (figures: BreakdownFigure[]) => figuresOf(figures, measures);
  return {
    head: [
      b.label,
      'Children released',
      ...of(b.groups[0]?.figures ?? []).flatMap((f) => [f.label, `${f.label}: rate against the largest group`]),
    ],
    rows: b.groups.map((g) => [
      g.label,
      g.released.display,
      ...of(g.figures).flatMap((f) => [
        f.percentage === null ? f.numerator.display : `${f.numerator.display} (${f.percentage}%)`,
        relativeRateText(f.relativeRate, g.group === b.baseGroup),
      ]),
    ]),
  };
}

/**
 * One breakdown as tables, one a section ("By gender: before release"); none when nobody was released (no groups).
 */
export function breakdownTables(b: Breakdown): (CountsTable & { measures: string[] })[] {
  return sectionsOf(b.groups[0]?.figures.map((f) => f.measure) ?? []).map((section) => ({
    id: `breakdown-${b.dimension.toLowerCase()}-${section.id}`,
    caption: `By ${b.label.toLowerCase()}: ${section.title.toLowerCase()}`,
    // The measures' names, for the page's head: each over its two columns, the children and the rate.
    measures: figuresOf(b.groups[0].figures, section.measures).map((f) => f.label),
    ...breakdownTable(b, section.measures),
  }));
}

function trendCsvRows(trend: readonly TrendRow[]): string[][] {
  return [[], ['Month by month'], ...trendTables(trend).flatMap((t) => [[t.caption], t.head, ...t.rows])];
}

function breakdownCsvRows(b: Breakdown): string[][] {
  const tables = breakdownTables(b);
  return tables.length
    ? tables.flatMap((t, i) => [...(i ? [[]] : []), [t.caption], t.head, ...t.rows])
    : [[`By ${b.label.toLowerCase()}`], ['No children released in the period']];
}
