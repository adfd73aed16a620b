import {
  BREAKDOWN_DIMENSIONS,
  BreakdownDimension,
  BreakdownMeasure,
  dimensionGroups,
  GroupCounts,
  publishBreakdown,
  publishByMonth,
  PublishedBreakdown,
  SuppressedGroups,
  suppressGroups,
  wholeColumns,
} from './measure-breakdowns';
import {
  HEADLINE_ROWS,
  HeadlineRow,
  headlineRowHidden,
  headlineRows,
  MeasureCounts,
  PublishedMeasures,
  publishMeasures,
} from './resettlement-measures';
import { suppressWithKnownSums } from './suppress-small-numbers';

/**
 * Each breakdown measure's total over the groups (of a dimension, or the months of the trend) is a headline figure,
 * or the sum of a headline row's first figures: the address at least 28 days before release is the first band (28
 * days or more), at least 14 days the first two (28 or more, 14 to 27); each yes measure its row's first cell.
 */
const BREAKDOWN_TOTALS: Record<BreakdownMeasure, { row: HeadlineRow; cells: number }> = {
  ADDRESS_28_DAYS: { row: 'accommodation', cells: 1 },
  ADDRESS_14_DAYS: { row: 'accommodation', cells: 2 },
  TOLD_14_DAYS: { row: 'childTold', cells: 1 },
  ETE_BY_RELEASE: { row: 'ete', cells: 1 },
  PLAN_VIEWS_EVERY_PATHWAY: { row: 'planViews', cells: 1 },
  PLAN_EXPLAINED: { row: 'planExplained', cells: 1 },
  PLAN_AGREED: { row: 'planAgreed', cells: 1 },
  INITIAL_MEETING_IN_TIME: { row: 'initialMeeting', cells: 1 },
  PRE_RELEASE_MEETING_IN_TIME: { row: 'preReleaseMeeting', cells: 1 },
  FIRST_NIGHT_AS_PLANNED: { row: 'firstNight', cells: 1 },
  ETE_STARTED_AS_PLANNED: { row: 'eteStarted', cells: 1 },
  HEALTH_HANDOVER_BY_RELEASE: { row: 'healthHandover', cells: 1 },
  RELEASE_DAY_PLAN_CONFIRMED: { row: 'releaseDayPlan', cells: 1 },
};

/** What PostgreSQL counted for a period: the headline, each dimension's groups, each month's. */
export interface MeasuresPageCounts {
  headline: MeasureCounts;
  breakdowns: ReadonlyMap<BreakdownDimension, readonly GroupCounts[]>;
  /** Every month of the period (`monthsOfPeriod`). */
  months: readonly { month: string; label: string }[];
  monthly: readonly GroupCounts[];
}

export interface PublishedMeasuresPage {
  headline: PublishedMeasures;
  breakdowns: PublishedBreakdown[];
  byMonth: ReturnType<typeof publishByMonth>;
}

const TREND = 'MONTHS';

/**
 * The measures page of a period as published: the headline, the breakdowns and the trend, each suppressed as its
 * own table (`publishMeasures`, `publishBreakdown`, `publishByMonth`), and then made safe together, for they are the
 * same children counted in different ways.
 *
 * What one table gives away about another: a breakdown's measure shown for every group (a column shown whole) adds up
 * to a headline figure, or to the sum of a row's first figures (the address at least 14 days: the bands 28 days or
 * more and 14 to 27, `BREAKDOWN_TOTALS`); so does the trend's, its months adding up to the period. Each breakdown and
 * the trend already assume their columns' totals known (their secondary suppression protects their own counts against
 * them), but the headline did not assume its rows' first sums known. So each headline row is suppressed again with
 * the sums the other tables show (`suppressWithKnownSums`): they cut the row into segments each with a known total,
 * and in each the hidden figures must be none, or two or more adding up to 5 or more; otherwise the smallest figure
 * still shown in the segment is hidden (the headline hides one more figure rather than every breakdown a column). A
 * segment of one figure known and 5 or more is shown (hiding it protected nothing). A segment that hiding in the
 * headline cannot make safe (the band 14 to 27 days under 5, when one table shows the address at least 28 days whole
 * and another at least 14) has one of its sums made unknown: each table showing that column whole hides its smallest
 * count there (and so its secondary suppression more), of the two sums the one leaving fewer headline figures to hide;
 * then all again, until nothing changes. Hiding only ever grows, so it ends.
 *
 * The trend of a period within one month is one row, the same children as the headline: what it shows is kept (any
 * trend with that month in it, such as the portal's 12 months to it, shows no more of it, `publishByMonth`), and the
 * headline is made safe against it. A trend over months is a table like a breakdown's.
 *
 * Protected: no hidden figure of the page (headline, breakdown, trend) is the difference of figures shown on it, and
 * hidden figures of a line with a known total add up to 5 or more. Not protected: ranges (a hidden figure is still
 * known to be at most a shown total less the figures shown beside it); figures of different periods against each other
 * (a period less the months or the days it is made of, two overlapping periods); sums across two dimensions' groups
 * (the children by gender and by age are not one table); the response times, deadlines and escalations, which are
 * not broken down.
 * Pure and deterministic: the same counts always publish the same way, whichever of the tables is asked for.
 */
export function publishMeasuresPage(counts: MeasuresPageCounts): PublishedMeasuresPage {
  const tables = [
    ...BREAKDOWN_DIMENSIONS.map((dimension) => ({
      key: dimension as string,
      order: dimensionGroups(dimension),
      counts: counts.breakdowns.get(dimension) ?? [],
      byMonth: false,
    })),
    { key: TREND, order: counts.months.map((m) => m.month), counts: counts.monthly, byMonth: true },
  ];
  const monthsPresent = counts.monthly.filter(
    (g) => g.released > 0 && counts.months.some((m) => m.month === g.group),
  ).length;
  // One month's row: the same children in every trend it is in, its figures as it shows them alone.
  const fixed = (table: string) => table === TREND && monthsPresent <= 1;
  const forced = new Map(tables.map((t) => [t.key, new Map<BreakdownMeasure, Set<string>>()]));
  const rows = headlineRows(counts.headline);
  const base = Object.fromEntries(
    HEADLINE_ROWS.map((row) => [row, headlineRowHidden(rows[row], counts.headline.released)]),
  ) as Record<HeadlineRow, boolean[]>;
  // Each table suppressed with its cells forced so far: worked out again only after a pass forces more of it (the
  // others' are as they were, `suppressGroups` is pure), and published as the last pass, which forced none, left it
  // (in the order `publishBreakdown` and `publishByMonth` would use: the dimension's groups, the months, each once).
  const suppressed = new Map<string, SuppressedGroups>();
  const suppressedOf = (key: string) => {
    if (!suppressed.has(key)) {
      const table = tables.find((t) => t.key === key)!;
      suppressed.set(key, suppressGroups(table.order, table.counts, forced.get(key)!, table.byMonth));
    }
    return suppressed.get(key)!;
  };
  let hides: Partial<Record<HeadlineRow, boolean[]>> = {};
  for (let changed = true; changed;) {
    changed = false;
    hides = {};
    // Per headline row, per sum of its first cells shown elsewhere: the tables showing it, and their group to hide.
    const known = new Map<HeadlineRow, Map<number, { table: string; measure: BreakdownMeasure; group: string }[]>>();
    for (const table of tables) {
      for (const [measure, group] of wholeColumns(suppressedOf(table.key))) {
        const { row, cells } = BREAKDOWN_TOTALS[measure];
        const sums = known.get(row) ?? new Map();
        known.set(row, sums.set(cells, [...(sums.get(cells) ?? []), { table: table.key, measure, group }]));
      }
    }
    for (const row of HEADLINE_ROWS) {
      // Under 5 released: every figure is hidden, every table's too.
      if (counts.headline.released < 5 || !known.has(row)) continue;
      const sums = known.get(row)!;
      const { hide, exposed } = suppressWithKnownSums(rows[row], base[row], [...sums.keys()]);
      hides[row] = hide;
      if (!exposed || changed) continue;
      // Of the sums bounding it that can be made unknown, the one leaving the row fewest figures to hide (the sum of
      // fewer first figures of equals).
      const cost = (k: number) => {
        const left = suppressWithKnownSums(
          rows[row],
          base[row],
          [...sums.keys()].filter((other) => other !== k),
        );
        return left.hide.filter(Boolean).length + (left.exposed ? rows[row].length : 0);
      };
      const [cut] = [exposed.from, exposed.to]
        .filter((k) => sums.has(k) && !sums.get(k)!.some((s) => fixed(s.table)))
        .sort((a, b) => cost(a) - cost(b) || a - b);
      // None: cannot happen, a month's row never shows both sums of a band under 5 (`publishByMonth`).
      for (const { table, measure, group } of cut === undefined ? [] : sums.get(cut)!) {
        const byMeasure = forced.get(table)!;
        byMeasure.set(measure, new Set([...(byMeasure.get(measure) ?? []), group]));
        suppressed.delete(table);
        changed = true;
      }
    }
  }
  const forcedOf = (table: string) => forced.get(table)!;
  return {
    headline: publishMeasures(counts.headline, hides),
    breakdowns: BREAKDOWN_DIMENSIONS.map((dimension) =>
      publishBreakdown(dimension, counts.breakdowns.get(dimension) ?? [], forcedOf(dimension), suppressedOf(dimension)),
    ),
    byMonth: publishByMonth(counts.months, counts.monthly, forcedOf(TREND), suppressedOf(TREND)),
  };
}
