import { addCalendarMonths, monthAndYear } from '@resettle/common';
import { FEWER_THAN_5, PublishedCount, suppressSmallNumbers } from './suppress-small-numbers';

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
 * headline figures of the same key: the release figures, then the plan's).
 */
export const BREAKDOWN_MEASURES = [
  'ADDRESS_14_DAYS',
  'TOLD_14_DAYS',
  'ETE_BY_RELEASE',
  'PLAN_VIEWS_EVERY_PATHWAY',
  'PLAN_EXPLAINED',
  'PLAN_AGREED',
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
  ADDRESS_14_DAYS: 'Address confirmed at least 14 days before release',
  TOLD_14_DAYS: 'Child told where they will live at least 14 days before release',
  ETE_BY_RELEASE: 'Education, training or employment place confirmed by the day of release',
  PLAN_VIEWS_EVERY_PATHWAY: 'Plan with the child’s own view on every active pathway',
  PLAN_EXPLAINED: 'Plan explained to the child by the day of release',
  PLAN_AGREED: 'Plan agreed by the day of release',
};

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

const shown = (value: number): PublishedCount => ({ value, suppressed: false, display: String(value) });
const hidden: PublishedCount = { value: null, suppressed: true, display: FEWER_THAN_5 };

/**
 * Suppression of a table whose rows and columns both add up to totals a reader may know (a group's size down the
 * side, the measure's yes and no across all groups along the bottom). Primary: every cell under the threshold, and
 * every cell of a hidden row. Secondary, on rows and columns alike until nothing changes: a line with exactly one
 * hidden cell, or hidden cells adding up to under the threshold, hides its smallest cell still shown.
 */
export function suppressTable(cells: number[][], hiddenRows: boolean[], threshold = 5): boolean[][] {
  const hide = cells.map((row, r) => row.map((n) => hiddenRows[r] || n < threshold));
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
 * One dimension's breakdown as published: the groups' sizes suppressed as a row adding up to the children released,
 * then for each measure the groups' yes and no suppressed as a table (`suppressTable`), so no hidden count is the
 * difference of shown ones, across the groups or within one. Groups are in the dimension's own order; a group with
 * no children is left out (its absence says nothing a "0" would not).
 */
export function publishBreakdown(dimension: BreakdownDimension, counts: readonly GroupCounts[]): PublishedBreakdown {
  const { label, groups: labels } = BREAKDOWN_LABELS[dimension];
  return { dimension, label, ...publishGroups(labels, counts, true) };
}

/**
 * The same measures month by month (the trend), suppressed the same way: the months are groups whose sizes add up to
 * the children released in the period. `months` is every month of the period, `YYYY-MM`, with its name. A month
 * nobody was released in is kept (a gap in a trend is worth showing) as "fewer than 5" with no figures, but it takes
 * no part in the secondary suppression: like a breakdown's empty group, its zero gives nobody away, and counting it
 * would hide a whole other month of a small service.
 */
export function publishByMonth(
  months: readonly { month: string; label: string }[],
  counts: readonly GroupCounts[],
): PublishedGroup[] {
  const labels = Object.fromEntries(months.map((m) => [m.month, m.label]));
  const { groups } = publishGroups(labels, counts, false);
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

function publishGroups(
  labels: Record<string, string>,
  counts: readonly GroupCounts[],
  compare: boolean,
): { baseGroup: string | null; groups: PublishedGroup[] } {
  const order = Object.keys(labels);
  const present = order
    .map((group) => counts.find((c) => c.group === group))
    .filter((c): c is GroupCounts => !!c && c.released > 0);
  const total = present.reduce((s, g) => s + g.released, 0);
  const [sizes] = suppressSmallNumbers([{ cells: present.map((g) => g.released), total }]);
  const base = [...present].sort(
    (a, b) => b.released - a.released || order.indexOf(a.group) - order.indexOf(b.group),
  )[0];
  const rate = (g: GroupCounts, m: BreakdownMeasure) => g.yes[m] / g.released;
  const figures = BREAKDOWN_MEASURES.map((measure) => {
    const hide = suppressTable(
      present.map((g) => [g.yes[measure], g.released - g.yes[measure]]),
      sizes.cells.map((c) => c.suppressed),
    );
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
