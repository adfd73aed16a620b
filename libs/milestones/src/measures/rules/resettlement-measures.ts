import { MilestoneKey } from '../../milestone-enums';
import { hidden, PublishedCount, shown, suppressSmallNumbers, suppressTableWithTotals } from './suppress-small-numbers';

/** The headline figures, each a set of the children released (the list behind a figure is `figureChildren`). */
export const MEASURE_FIGURES = [
  'ADDRESS_28_DAYS',
  'ADDRESS_14_DAYS',
  'ADDRESS_BY_RELEASE',
  'ADDRESS_NOT_BY_RELEASE',
  'TOLD_14_DAYS',
  'NOT_TOLD_14_DAYS',
  'ETE_BY_RELEASE',
  'ETE_NOT_BY_RELEASE',
  'PLAN_VIEWS_EVERY_PATHWAY',
  'PLAN_VIEWS_NOT_EVERY_PATHWAY',
  'PLAN_EXPLAINED',
  'PLAN_NOT_EXPLAINED',
  'PLAN_AGREED',
  'PLAN_NOT_AGREED',
  'INITIAL_MEETING_IN_TIME',
  'INITIAL_MEETING_NOT_IN_TIME',
  'PRE_RELEASE_MEETING_IN_TIME',
  'PRE_RELEASE_MEETING_NOT_IN_TIME',
  'CASE_MANAGER_NONE',
  'CASE_MANAGER_NO_CHANGE',
  'CASE_MANAGER_ONE_CHANGE',
  'CASE_MANAGER_TWO_OR_MORE_CHANGES',
  'INTERVENTION_REPEATED',
  'INTERVENTION_NOT_REPEATED',
  'FIRST_NIGHT_AS_PLANNED',
  'FIRST_NIGHT_NOT_AS_PLANNED',
  'ETE_STARTED_AS_PLANNED',
  'ETE_NOT_STARTED_AS_PLANNED',
  'HEALTH_HANDOVER_BY_RELEASE',
  'HEALTH_HANDOVER_NOT_BY_RELEASE',
  'RELEASE_DAY_PLAN_CONFIRMED',
  'RELEASE_DAY_PLAN_NOT_CONFIRMED',
] as const;
export type MeasureFigure = (typeof MEASURE_FIGURES)[number];

/** What PostgreSQL counted for the children released in a period (`MeasuresService`). */
export interface MeasureCounts {
  released: number;
  /** Address confirmed 28 days or more before release, 14 to 27, 0 to 13 (by the day of release), not by then. */
  address: [atLeast28: number, from14To27: number, under14: number, notByRelease: number];
  /** Child told where they will live at least 14 days before release. */
  toldAtLeast14: number;
  /** ETE place confirmed by the day of release. */
  eteByRelease: number;
  /** Of their plans, by the day of release (the views: as the plan stands), and the two planning meetings in time. */
  plan: {
    viewsEveryPathway: number;
    explained: number;
    agreed: number;
    initialMeetingInTime: number;
    preReleaseMeetingInTime: number;
  };
  /** Nobody allocated by the day of release, then no change of case manager to it, one change, two or more. */
  caseManagerChanges: [none: number, noChange: number, oneChange: number, twoOrMore: number];
  /** The plan names an intervention the child already did on an earlier order (as the plan stands). */
  interventionRepeated: number;
  /**
   * What happened at release: the first night at the accommodation planned (the release record), education, training
   * or work started as planned (the release record, with a place recorded by the day of release), every health
   * pathway needing one handed over by the day of release, the release-day plan confirmed by then.
   */
  release: {
    firstNightAsPlanned: number;
    eteStartedAsPlanned: number;
    healthHandoverByRelease: number;
    releaseDayPlanConfirmed: number;
  };
  deadlines: {
    key: MilestoneKey;
    metOnTime: number;
    metLate: number;
    notMet: number;
    waived: number;
    /** The deadlines by the highest level of the escalation ladder they reached: none, 1, 2, 3 (or more). */
    escalated: [none: number, level1: number, level2: number, level3: number];
  }[];
}

interface Figure {
  key: string;
  label: string;
  numerator: PublishedCount;
  denominator: PublishedCount;
  /** Whole per cent, only when both counts are shown. */
  percentage: number | null;
}

interface DeadlineRow {
  key: MilestoneKey;
  metOnTime: PublishedCount;
  metLate: PublishedCount;
  notMet: PublishedCount;
  waived: PublishedCount;
  total: PublishedCount;
}

interface EscalationRow {
  /** The kind of deadline; null for all kinds together. */
  key: MilestoneKey | null;
  notEscalated: PublishedCount;
  level1: PublishedCount;
  level2: PublishedCount;
  level3: PublishedCount;
  total: PublishedCount;
}

export interface PublishedMeasures {
  released: PublishedCount;
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
  deadlines: DeadlineRow[];
  escalations: EscalationRow[];
}

/** The headline's rows of figures, each partitioning the children released (`headlineRows`). */
export const HEADLINE_ROWS = [
  'accommodation',
  'childTold',
  'ete',
  'planViews',
  'planExplained',
  'planAgreed',
  'initialMeeting',
  'preReleaseMeeting',
  'caseManagerChanges',
  'interventionRepeated',
  'firstNight',
  'eteStarted',
  'healthHandover',
  'releaseDayPlan',
] as const;
export type HeadlineRow = (typeof HEADLINE_ROWS)[number];

/** Each headline row's counts, in the order of its figures: they add up to the children released. */
export function headlineRows(counts: MeasureCounts): Record<HeadlineRow, number[]> {
  const n = counts.released;
  const yesNo = (yes: number) => [yes, n - yes];
  return {
    accommodation: [...counts.address],
    childTold: yesNo(counts.toldAtLeast14),
    ete: yesNo(counts.eteByRelease),
    planViews: yesNo(counts.plan.viewsEveryPathway),
    planExplained: yesNo(counts.plan.explained),
    planAgreed: yesNo(counts.plan.agreed),
    initialMeeting: yesNo(counts.plan.initialMeetingInTime),
    preReleaseMeeting: yesNo(counts.plan.preReleaseMeetingInTime),
    caseManagerChanges: [...counts.caseManagerChanges],
    interventionRepeated: yesNo(counts.interventionRepeated),
    firstNight: yesNo(counts.release.firstNightAsPlanned),
    eteStarted: yesNo(counts.release.eteStartedAsPlanned),
    healthHandover: yesNo(counts.release.healthHandoverByRelease),
    releaseDayPlan: yesNo(counts.release.releaseDayPlanConfirmed),
  };
}

/** A headline row's cells as `suppressSmallNumbers` hides them (all of them when the children released are under 5). */
export function headlineRowHidden(cells: readonly number[], total: number): boolean[] {
  const [row] = suppressSmallNumbers([{ cells, total }]);
  return row.cells.map((c) => c.suppressed);
}

function figures(
  keys: readonly (readonly [MeasureFigure, string])[],
  cells: number[],
  total: number,
  hide?: readonly boolean[],
): Figure[] {
  const [row] = suppressSmallNumbers([{ cells, total }]);
  const denominator = row.total!;
  return keys.map(([key, label], i) => {
    const numerator = hide && !denominator.suppressed ? (hide[i] ? hidden : shown(cells[i])) : row.cells[i];
    const percentage =
      numerator.value !== null && denominator.value ? Math.round((100 * numerator.value) / denominator.value) : null;
    return { key, label, numerator, denominator, percentage };
  });
}

/**
 * The measures as published: each a row whose cells partition the children released (so each row is suppressed
 * with its total, and no figure is the difference of two others), and each kind of deadline a row of its own.
 * Bands rather than "at least 14 days" as well as "at least 28": a cumulative figure beside a band would give a
 * hidden band away by subtraction. `hides`: a row's cells hidden as the page decides instead (`publishMeasuresPage`,
 * for the sums its other tables give away), the row's total still as its own suppression has it.
 */
export function publishMeasures(
  counts: MeasureCounts,
  hides: Partial<Record<HeadlineRow, readonly boolean[]>> = {},
): PublishedMeasures {
  const released = suppressSmallNumbers([{ cells: [], total: counts.released }])[0].total!;
  const n = counts.released;
  const rows = headlineRows(counts);
  // A figure and its complement: the children released, in two.
  const yesNo = (yes: readonly [MeasureFigure, string], no: readonly [MeasureFigure, string], row: HeadlineRow) =>
    figures([yes, no], rows[row], n, hides[row]);
  return {
    released,
    accommodation: figures(
      [
        ['ADDRESS_28_DAYS', 'Address confirmed 28 days or more before release'],
        ['ADDRESS_14_DAYS', 'Address confirmed 14 to 27 days before release'],
        ['ADDRESS_BY_RELEASE', 'Address confirmed fewer than 14 days before release, by the day of release'],
        ['ADDRESS_NOT_BY_RELEASE', 'No address confirmed by the day of release'],
      ],
      rows.accommodation,
      n,
      hides.accommodation,
    ),
    childTold: figures(
      [
        ['TOLD_14_DAYS', 'Child told where they will live at least 14 days before release'],
        ['NOT_TOLD_14_DAYS', 'Child not told at least 14 days before release'],
      ],
      rows.childTold,
      n,
      hides.childTold,
    ),
    ete: figures(
      [
        ['ETE_BY_RELEASE', 'Education, training or employment place confirmed by the day of release'],
        ['ETE_NOT_BY_RELEASE', 'No place confirmed by the day of release'],
      ],
      rows.ete,
      n,
      hides.ete,
    ),
    planViews: yesNo(
      ['PLAN_VIEWS_EVERY_PATHWAY', 'Plan with the child’s own view on every active pathway'],
      ['PLAN_VIEWS_NOT_EVERY_PATHWAY', 'Plan without the child’s view on every active pathway'],
      'planViews',
    ),
    planExplained: yesNo(
      ['PLAN_EXPLAINED', 'Plan explained to the child by the day of release'],
      ['PLAN_NOT_EXPLAINED', 'Plan not explained to the child by the day of release'],
      'planExplained',
    ),
    planAgreed: yesNo(
      ['PLAN_AGREED', 'Plan agreed by the day of release'],
      ['PLAN_NOT_AGREED', 'Plan not agreed by the day of release'],
      'planAgreed',
    ),
    initialMeeting: yesNo(
      ['INITIAL_MEETING_IN_TIME', 'Initial planning meeting held within 10 working days'],
      ['INITIAL_MEETING_NOT_IN_TIME', 'Initial planning meeting not held within 10 working days'],
      'initialMeeting',
    ),
    preReleaseMeeting: yesNo(
      ['PRE_RELEASE_MEETING_IN_TIME', 'Pre-release planning meeting held in time'],
      ['PRE_RELEASE_MEETING_NOT_IN_TIME', 'Pre-release planning meeting not held in time'],
      'preReleaseMeeting',
    ),
    caseManagerChanges: figures(
      [
        ['CASE_MANAGER_NONE', 'No case manager allocated by the day of release'],
        ['CASE_MANAGER_NO_CHANGE', 'One case manager throughout, to the day of release'],
        ['CASE_MANAGER_ONE_CHANGE', 'Case manager changed once by the day of release'],
        ['CASE_MANAGER_TWO_OR_MORE_CHANGES', 'Case manager changed twice or more by the day of release'],
      ],
      rows.caseManagerChanges,
      n,
      hides.caseManagerChanges,
    ),
    interventionRepeated: yesNo(
      ['INTERVENTION_REPEATED', 'Plan repeats an intervention the child did on an earlier order'],
      ['INTERVENTION_NOT_REPEATED', 'Plan repeats no intervention of an earlier order'],
      'interventionRepeated',
    ),
    firstNight: yesNo(
      ['FIRST_NIGHT_AS_PLANNED', 'First night at the accommodation planned'],
      ['FIRST_NIGHT_NOT_AS_PLANNED', 'First night not at the accommodation planned, or not recorded'],
      'firstNight',
    ),
    eteStarted: yesNo(
      ['ETE_STARTED_AS_PLANNED', 'Education, training or employment started as planned'],
      ['ETE_NOT_STARTED_AS_PLANNED', 'Education, training or employment not started as planned, or not recorded'],
      'eteStarted',
    ),
    healthHandover: yesNo(
      ['HEALTH_HANDOVER_BY_RELEASE', 'Health handover arranged by the day of release'],
      ['HEALTH_HANDOVER_NOT_BY_RELEASE', 'Health handover not arranged by the day of release'],
      'healthHandover',
    ),
    releaseDayPlan: yesNo(
      ['RELEASE_DAY_PLAN_CONFIRMED', 'Release-day plan confirmed by the day of release'],
      ['RELEASE_DAY_PLAN_NOT_CONFIRMED', 'Release-day plan not confirmed by the day of release'],
      'releaseDayPlan',
    ),
    deadlines: counts.deadlines.map((d) => {
      const cells = [d.metOnTime, d.metLate, d.notMet, d.waived];
      const [row] = suppressSmallNumbers([{ cells, total: cells.reduce((a, b) => a + b, 0) }]);
      const [metOnTime, metLate, notMet, waived] = row.cells;
      return { key: d.key, metOnTime, metLate, notMet, waived, total: row.total! };
    }),
    // The highest level each deadline reached: bands that add up to the deadlines of the kind, as the address is
    // published (a level reached beside the next would give the deadlines that stopped at it away by subtraction),
    // then all kinds together (key null), each band the kinds' cells added up: suppressed as one table, so neither
    // the all-kinds row nor a column of it gives a hidden cell away.
    escalations: escalationRows(counts.deadlines),
  };
}

function escalationRows(deadlines: MeasureCounts['deadlines']): EscalationRow[] {
  const table = suppressTableWithTotals(deadlines.map((d) => d.escalated));
  return [...table.rows, table.totals].map((row, i) => {
    const [notEscalated, level1, level2, level3] = row.cells;
    return { key: deadlines[i]?.key ?? null, notEscalated, level1, level2, level3, total: row.total! };
  });
}
