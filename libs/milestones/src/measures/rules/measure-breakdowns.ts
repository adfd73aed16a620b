import { addCalendarMonths, monthAndYear } from '@resettle/common';
import { hidden, PublishedCount, PublishedRow, shown, suppressSmallNumbers } from './suppress-small-numbers';

/** What the children released are broken down by (issue 23's disproportionality). */
export const BREAKDOWN_DIMENSIONS = [
  'ETHNIC_GROUP',
  'GENDER',
  'AGE_BAND',
  'LOOKED_AFTER',
  'CARE_LEAVER',
  'LEGAL_STATUS',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/**
 * The measures broken down: each a yes for some children released, counted per group (the same conditions as the
 * headline figures of the same key), in the order of the page's sections: before release (the address at least 28
 * and at least 14 days before, the child told, the ETE place), the plan (views, explained, agreed, the two planning
 * meetings in time), at release (the first night, ETE started, the health handover, the release-day plan). The
 * address figures are cumulative, not the headline's bands: at least 14 days counts those at least 28 days before.
 */
export const BREAKDOWN_MEASURES = [
  'ADDRESS_28_DAYS',
  'ADDRESS_14_DAYS',
  'TOLD_14_DAYS',
  'ETE_BY_RELEASE',
  'PLAN_VIEWS_EVERY_PATHWAY',
  'PLAN_EXPLAINED',
  'PLAN_AGREED',
  'INITIAL_MEETING_IN_TIME',
  'PRE_RELEASE_MEETING_IN_TIME',
  'FIRST_NIGHT_AS_PLANNED',
  'ETE_STARTED_AS_PLANNED',
  'HEALTH_HANDOVER_BY_RELEASE',
  'RELEASE_DAY_PLAN_CONFIRMED',
] as const;
export type BreakdownMeasure = (typeof BREAKDOWN_MEASURES)[number];

const BREAKDOWN_LABELS: Record<BreakdownDimension, { label: string; groups: Record<string, string> }> = {
  // ONS 2021 high-level ethnic groups; the child's own key (e.g. BLACK_CARIBBEAN) begins with its group.
  ETHNIC_GROUP: {
    label: 'Ethnic group',
    groups: {
      WHITE: 'White',
      MIXED: 'Mixed or multiple ethnic groups',
      ASIAN: 'Asian, Asian British or Asian Welsh',
      BLACK: 'Black, Black British, Black Welsh, Caribbean or African',
      OTHER: 'Other ethnic group',
      NOT_RECORDED: 'Not recorded',
    },
  },
  GENDER: { label: 'Gender', groups: { MALE: 'Boys', FEMALE: 'Girls', OTHER: 'Other' } },
  AGE_BAND: {
    label: 'Age on the day of release',
    groups: { '10_14': '10 to 14', '15': '15', '16': '16', '17_PLUS': '17 or over' },
  },
  LOOKED_AFTER: { label: 'Looked after', groups: { YES: 'Looked after', NO: 'Not looked after' } },
  CARE_LEAVER: { label: 'Care leaver', groups: { YES: 'Care leaver', NO: 'Not a care leaver' } },
  LEGAL_STATUS: {
    label: 'Remand or sentenced',
    groups: { SENTENCED: 'Released from a sentence', REMAND: 'Released from remand' },
  },
};

const BREAKDOWN_MEASURE_LABELS: Record<BreakdownMeasure, string> = {
  ADDRESS_28_DAYS: 'Address confirmed at least 28 days before release',
  ADDRESS_14_DAYS: 'Address confirmed at least 14 days before release',
  TOLD_14_DAYS: 'Child told where they will live at least 14 days before release',
  ETE_BY_RELEASE: 'Education, training or employment place confirmed by the day of release',
  PLAN_VIEWS_EVERY_PATHWAY: 'Plan with the child’s own view on every active pathway',
  PLAN_EXPLAINED: 'Plan explained to the child by the day of release',
  PLAN_AGREED: 'Plan agreed by the day of release',
  INITIAL_MEETING_IN_TIME: 'Initial planning meeting held within 10 working days',
  PRE_RELEASE_MEETING_IN_TIME: 'Pre-release planning meeting held in time',
  FIRST_NIGHT_AS_PLANNED: 'First night at the accommodation planned',
  ETE_STARTED_AS_PLANNED: 'Education, training or employment started as planned',
  HEALTH_HANDOVER_BY_RELEASE: 'Health handover arranged by the day of release',
  RELEASE_DAY_PLAN_CONFIRMED: 'Release-day plan confirmed by the day of release',
};

/**
 * Measures whose yes is within another's (`[inner, outer]`): a group's outer count less its inner is a band (the
 * address confirmed 14 to 27 days before release) that both shown would give away, so they are suppressed together.
 */
const NESTED_MEASURES: readonly (readonly [inner: BreakdownMeasure, outer: BreakdownMeasure])[] = [
  ['ADDRESS_28_DAYS', 'ADDRESS_14_DAYS'],
];

/** What PostgreSQL counted for one group of one dimension. */
export interface GroupCounts {
  group: string;
  released: number;
  /** How many of the group's children each measure counts (a yes). */
  yes: Record<BreakdownMeasure, number>;
}

interface PublishedGroupFigure {
  measure: BreakdownMeasure;
  label: string;
  numerator: PublishedCount;
  /** Whole per cent of the group; null when hidden. */
  percentage: number | null;
  /**
   * The group's rate over the largest group's (1 for the largest), to two places: under 1 means fewer of this group
   * had it. Null when either count is hidden or the largest group's rate is 0.
   */
  relativeRate: number | null;
}

interface PublishedGroup {
  group: string;
  label: string;
  released: PublishedCount;
  figures: PublishedGroupFigure[];
}

export interface PublishedBreakdown {
  dimension: BreakdownDimension;
  label: string;
  /** The largest group, the one each relative rate compares with. */
  baseGroup: string | null;
  groups: PublishedGroup[];
}

/**
 * Suppression of a table whose rows and columns both add up to totals a reader may know (a group's size down the
 * side, the measure's yes and no across all groups along the bottom). Primary: every cell under the threshold, and
 * every cell of a hidden row. Secondary, on rows and columns alike until nothing changes: a line with exactly one
 * hidden cell, or hidden cells adding up to under the threshold, hides its smallest cell still shown. `forced`: cells
 * hidden from the start for a reason of another table's (`suppressNested`).
 */
export function suppressTable(
  cells: number[][],
  hiddenRows: boolean[],
  threshold = 5,
  forced: readonly (readonly boolean[])[] = [],
): boolean[][] {
  const hide = cells.map((row, r) => row.map((n, c) => hiddenRows[r] || n < threshold || !!forced[r]?.[c]));
  const lines = [
    ...cells.map((row, r) => row.map((_, c) => [r, c] as const)),
    ...(cells[0] ?? []).map((_, c) => cells.map((_, r) => [r, c] as const)),
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenCells = line.filter(([r, c]) => hide[r][c]);
      const sum = hiddenCells.reduce((s, [r, c]) => s + cells[r][c], 0);
      if (hiddenCells.length === 0 || (hiddenCells.length > 1 && sum >= threshold)) continue;
      const next = line
        .filter(([r, c]) => !hide[r][c])
        .sort(([r1, c1], [r2, c2]) => cells[r1][c1] - cells[r2][c2] || r1 - r2 || c1 - c2)[0];
      if (!next) continue;
      hide[next[0]][next[1]] = true;
      changed = true;
    }
  }
  return hide;
}

/**
 * The inner measure of a nested pair (`NESTED_MEASURES`), suppressed with its outer one already published: its own
 * table (`suppressTable` of each group's yes and no), and then the bands between them, outer less inner, a group's
 * worked out when both its counts are shown. A band worked out under the threshold hides the group's inner count;
 * so does, for the smallest band still worked out, a column of bands (adding up to a total a reader may know) with
 * exactly one band not worked out, or bands not worked out adding up to under the threshold. Each time the inner
 * table is suppressed again, its secondary suppression with it, until nothing changes. The outer figures stay as
 * their own table left them, so adding the inner measure never hides more of the outer. `initial`: inner cells hidden
 * from the start (`suppressTable`'s `forced`).
 */
export function suppressNested(
  inner: number[][],
  bands: readonly number[],
  outerShown: readonly boolean[],
  hiddenRows: boolean[],
  threshold = 5,
  initial: readonly (readonly boolean[])[] = [],
): boolean[][] {
  const forced = inner.map((_, i) => [!!initial[i]?.[0], !!initial[i]?.[1]]);
  for (;;) {
    const hide = suppressTable(inner, hiddenRows, threshold, forced);
    const known = bands.map((_, i) => !hide[i][0] && outerShown[i]);
    const unknown = bands.filter((_, i) => !known[i]);
    const unknownSum = unknown.reduce((s, b) => s + b, 0);
    const column = unknown.length === 1 || (unknown.length > 1 && unknownSum < threshold);
    const next = bands
      .map((band, i) => ({ band, i }))
      .filter(({ band, i }) => known[i] && (band < threshold || column))
      .sort((a, b) => a.band - b.band || a.i - b.i)[0];
    if (!next) return hide;
    forced[next.i][0] = true;
  }
}

/**
 * Cells hidden from the start for a reason of another table's (`publishMeasuresPage`): for a measure, the groups whose
 * yes (and so no) count is hidden, so that the measure's column is not shown whole and its total stays unknown.
 */
export type ForcedCells = ReadonlyMap<BreakdownMeasure, ReadonlySet<string>>;

/**
 * One dimension's breakdown as published: the groups' sizes suppressed as a row adding up to the children released,
 * then for each measure the groups' yes and no suppressed as a table (`suppressTable`; a nested pair's inner measure
 * with the bands between them, `suppressNested`), so no hidden count is the difference of shown ones, across the
 * groups or within one. Groups are in the dimension's own order; a group with
 * no children is left out (its absence says nothing a "0" would not). `forced`: cells the page hides besides, so that
 * no column shown whole gives a hidden headline figure away (`publishMeasuresPage`). `suppressed`: the groups already
 * suppressed so (`suppressGroups` of the dimension's groups with `forced`), when the page has worked them out.
 */
export function publishBreakdown(
  dimension: BreakdownDimension,
  counts: readonly GroupCounts[],
  forced: ForcedCells = new Map(),
  suppressed?: SuppressedGroups,
): PublishedBreakdown {
  const { label, groups: labels } = BREAKDOWN_LABELS[dimension];
  return {
    dimension,
    label,
    ...publishGroups(labels, suppressed ?? suppressGroups(Object.keys(labels), counts, forced, false), true),
  };
}

/**
 * The same measures month by month (the trend), suppressed the same way: the months are groups whose sizes add up to
 * the children released in the period. `months` is every month of the period, `YYYY-MM`, with its name. A month
 * nobody was released in is kept (a gap in a trend is worth showing) as "fewer than 5" with no figures, but it takes
 * no part in the secondary suppression: like a breakdown's empty group, its zero gives nobody away, and counting it
 * would hide a whole other month of a small service.
 * A month is the same children in every trend it is in (the portal's 12 months to the chosen one, a month's own
 * page), each suppressing it among other months: so that no two trends show between them a month's address at least
 * 28 days in one and at least 14 in the other, a month whose band between them (14 to 27 days) is under 5 always
 * hides its address at least 28 days. What a month's row shows is then never more than it shows alone (a period of
 * that month only), which is what the headline of that month is made safe against (`publishMeasuresPage`).
 * `suppressed` as `publishBreakdown`'s (the months' groups).
 */
export function publishByMonth(
  months: readonly { month: string; label: string }[],
  counts: readonly GroupCounts[],
  forced: ForcedCells = new Map(),
  suppressed?: SuppressedGroups,
): PublishedGroup[] {
  const labels = Object.fromEntries(months.map((m) => [m.month, m.label]));
  const { groups } = publishGroups(
    labels,
    suppressed ?? suppressGroups(Object.keys(labels), counts, forced, true),
    false,
  );
  return months.map(
    (m) =>
      groups.find((g) => g.group === m.month) ?? {
        group: m.month,
        label: m.label,
        released: hidden,
        figures: BREAKDOWN_MEASURES.map((measure) => ({
          measure,
          label: BREAKDOWN_MEASURE_LABELS[measure],
          numerator: hidden,
          percentage: null,
          relativeRate: null,
        })),
      },
  );
}

/** A dimension's groups, in its order. */
export function dimensionGroups(dimension: BreakdownDimension): string[] {
  return Object.keys(BREAKDOWN_LABELS[dimension].groups);
}

/**
 * The measures a table of groups, as suppressed (`suppressGroups`), shows whole, every group's count shown, so that
 * their totals over the groups (the headline's figures) are known to a reader; each with the group whose count to
 * hide to make it not whole (the smallest, the first of equals).
 */
export function wholeColumns({ present, hides }: SuppressedGroups): Map<BreakdownMeasure, string> {
  const whole = new Map<BreakdownMeasure, string>();
  if (present.length === 0) return whole;
  for (const measure of BREAKDOWN_MEASURES) {
    const hide = hides.get(measure)!;
    if (hide.some((row) => row[0]) && hide.some((row) => row[1])) continue;
    const smallest = present
      .map((g, i) => ({ g, i }))
      .filter(({ i }) => !hide[i][0] || !hide[i][1])
      .sort((a, b) => a.g.yes[measure] - b.g.yes[measure] || a.i - b.i)[0];
    whole.set(measure, smallest.g.group);
  }
  return whole;
}

export interface SuppressedGroups {
  present: GroupCounts[];
  sizes: PublishedRow;
  /** Per measure, per present group, [yes, no] hidden. */
  hides: Map<BreakdownMeasure, boolean[][]>;
}

/**
 * A table of groups (a dimension's, in its order, or the months', `byMonth`) suppressed: the groups present, their
 * sizes, and each measure's yes and no (`publishBreakdown`, `publishByMonth`). `forced` as `publishBreakdown`'s. Pure:
 * the same arguments always suppress the same way (`publishMeasuresPage` works a table out again only when it forces
 * more of it).
 */
export function suppressGroups(
  order: readonly string[],
  counts: readonly GroupCounts[],
  forced: ForcedCells,
  byMonth: boolean,
): SuppressedGroups {
  const present = order
    .map((group) => counts.find((c) => c.group === group))
    .filter((c): c is GroupCounts => !!c && c.released > 0);
  const total = present.reduce((s, g) => s + g.released, 0);
  const [sizes] = suppressSmallNumbers([{ cells: present.map((g) => g.released), total }]);
  const table = (m: BreakdownMeasure) => present.map((g) => [g.yes[m], g.released - g.yes[m]]);
  const forcedOf = (m: BreakdownMeasure) =>
    present.map((g) => (forced.get(m)?.has(g.group) ? [true, true] : [false, false]));
  const hiddenRows = sizes.cells.map((c) => c.suppressed);
  const hides = new Map(BREAKDOWN_MEASURES.map((m) => [m, suppressTable(table(m), hiddenRows, 5, forcedOf(m))]));
  for (const [inner, outer] of NESTED_MEASURES) {
    const outerShown = hides.get(outer)!.map((row) => !row[0]);
    const bands = present.map((g) => g.yes[outer] - g.yes[inner]);
    // A month's small band hides its inner count whatever its outer one shows here (`publishByMonth`).
    const initial = forcedOf(inner).map((row, i) => (byMonth && bands[i] < 5 ? [true, true] : row));
    hides.set(inner, suppressNested(table(inner), bands, outerShown, hiddenRows, 5, initial));
  }
  return { present, sizes, hides };
}

function publishGroups(
  labels: Record<string, string>,
  { present, sizes, hides }: SuppressedGroups,
  compare: boolean,
): { baseGroup: string | null; groups: PublishedGroup[] } {
  const order = Object.keys(labels);
  const base = [...present].sort(
    (a, b) => b.released - a.released || order.indexOf(a.group) - order.indexOf(b.group),
  )[0];
  const rate = (g: GroupCounts, m: BreakdownMeasure) => g.yes[m] / g.released;
  const figures = BREAKDOWN_MEASURES.map((measure) => {
    const hide = hides.get(measure)!;
    return present.map((g, i): PublishedGroupFigure => {
      const baseIndex = present.indexOf(base);
      const known = compare && !hide[i][0] && !hide[baseIndex][0];
      const baseRate = rate(base, measure);
      return {
        measure,
        label: BREAKDOWN_MEASURE_LABELS[measure],
        numerator: hide[i][0] ? hidden : shown(g.yes[measure]),
        percentage: hide[i][0] ? null : Math.round((100 * g.yes[measure]) / g.released),
        relativeRate: known && baseRate > 0 ? Math.round((100 * rate(g, measure)) / baseRate) / 100 : null,
      };
    });
  });
  return {
    baseGroup: compare ? (base?.group ?? null) : null,
    groups: present.map((g, i) => ({
      group: g.group,
      label: labels[g.group],
      released: sizes.cells[i],
      figures: figures.map((perGroup) => perGroup[i]),
    })),
  };
}

/** Every month a period touches, first to last, as `YYYY-MM` with its name ("September 2026"). */
export function monthsOfPeriod(period: { from: string; to: string }): { month: string; label: string }[] {
  const months = [];
  for (let first = `${period.from.slice(0, 7)}-01`; first <= period.to; first = addCalendarMonths(first, 1)) {
    months.push({ month: first.slice(0, 7), label: monthAndYear(first) });
  }
  return months;
}
