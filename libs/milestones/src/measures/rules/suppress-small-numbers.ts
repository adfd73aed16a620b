/** Counts under this are shown as "fewer than 5": small numbers identify children. */
const SUPPRESSION_THRESHOLD = 5;

export const FEWER_THAN_5 = 'fewer than 5';

/** A count as published: its value, or null when suppressed. */
export interface PublishedCount {
  value: number | null;
  suppressed: boolean;
  /** What a person reads: the number, or "fewer than 5" (for every suppressed cell, primary or secondary alike). */
  display: string;
}

/**
 * One row of a table of counts: cells that partition `total` when it is given (each child counted in exactly one
 * cell), or independent counts when it is not.
 */
export interface CountRow {
  cells: readonly number[];
  total?: number;
}

export interface PublishedRow {
  cells: PublishedCount[];
  total?: PublishedCount;
}

/** A count as published when shown, and one hidden. */
export const shown = (value: number): PublishedCount => ({ value, suppressed: false, display: String(value) });
export const hidden: PublishedCount = { value: null, suppressed: true, display: FEWER_THAN_5 };

/**
 * Small-number suppression for one table. Primary: every count under 5 (zero too) is "fewer than 5", the row's total
 * as well. Secondary, in a row with a total: the hidden cells could be worked out from the total and the cells shown,
 * so while exactly one cell is hidden, or the hidden cells add up to under 5 (their sum is then itself a small number,
 * and zero gives each away), the smallest cell still shown is hidden too; when no cell is left to hide, the total is
 * hidden. A hidden total hides every cell (each is then at most a small number, or the rest give it away).
 * A pure function: the same counts always publish the same way.
 */
export function suppressSmallNumbers(rows: readonly CountRow[], threshold = SUPPRESSION_THRESHOLD): PublishedRow[] {
  return rows.map((row) => suppressRow(row, threshold));
}

function suppressRow(row: CountRow, threshold: number): PublishedRow {
  for (const n of [...row.cells, ...(row.total === undefined ? [] : [row.total])]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count is a whole number, not ${n}`);
  }
  const hide = row.cells.map((n) => n < threshold);
  if (row.total === undefined) return { cells: row.cells.map((n, i) => (hide[i] ? hidden : shown(n))) };
  let totalHidden = row.total < threshold;
  const hiddenSum = () => row.cells.reduce((sum, n, i) => sum + (hide[i] ? n : 0), 0);
  const hiddenCount = () => hide.filter(Boolean).length;
  while (!totalHidden && hiddenCount() > 0 && (hiddenCount() === 1 || hiddenSum() < threshold)) {
    const next = row.cells
      .map((n, i) => ({ n, i }))
      .filter(({ i }) => !hide[i])
      .sort((a, b) => a.n - b.n || a.i - b.i)[0];
    if (next) hide[next.i] = true;
    else totalHidden = true;
  }
  if (totalHidden) return { cells: row.cells.map(() => hidden), total: hidden };
  return { cells: row.cells.map((n, i) => (hide[i] ? hidden : shown(n))), total: shown(row.total) };
}

/** A table suppressed with its totals both ways: its rows (each with its total), then the row of column totals. */
export interface PublishedTable {
  rows: PublishedRow[];
  /** Each column's total over the rows, and the grand total as the row's `total`. */
  totals: PublishedRow;
}

/**
 * Small-number suppression for a table whose rows each partition their total (each thing counted in one cell of its
 * row) with a row of totals beneath: each column's cells add up to the column's total, and the rows' totals to the
 * grand total. Every count under 5 is hidden (primary); then, as `suppressSmallNumbers` does for a row, every line of
 * the table (each row with its total, each column with its total, the rows' totals with the grand total) is made
 * safe, over and over until none changes: a line whose total is shown may not have exactly one count hidden, nor
 * hidden counts adding up to under 5; one whose total is hidden and that shows a count may not have hidden counts
 * adding up to under 5 (none at all, the counts shown would add up to it; a few, the total would be known but for
 * them, and so whatever it was hidden to protect). To make a line safe the smallest count it still shows is hidden
 * (the first of equals), else its total.
 * The rows' own totals are published as a row alone would be (hidden only when under 5), because the same counts
 * stand in other tables: where the rows' totals would give a hidden one away, the grand total is hidden instead.
 * Pure and deterministic. `threshold` as `suppressSmallNumbers`'.
 */
export function suppressTableWithTotals(
  rows: readonly (readonly number[])[],
  threshold = SUPPRESSION_THRESHOLD,
): PublishedTable {
  const width = rows[0]?.length ?? 0;
  for (const row of rows) {
    if (row.length !== width) throw new RangeError('Every row of a table has the same number of cells');
    for (const n of row) if (!Number.isInteger(n) || n < 0) throw new RangeError(`A count is a whole number, not ${n}`);
  }
  const sum = (ns: readonly number[]) => ns.reduce((a, b) => a + b, 0);
  // The table with its totals: each row then its total; the last row the columns' totals, then the grand total.
  const withTotals = rows.map((row) => [...row, sum(row)]);
  withTotals.push(Array.from({ length: width + 1 }, (_, c) => sum(withTotals.map((row) => row[c]))));
  const hide = withTotals.map((row) => row.map((n) => n < threshold));
  type At = readonly [row: number, column: number];
  const last = rows.length;
  const lines: { parts: At[]; total: At; partsFixed: boolean }[] = [
    ...withTotals.map((_, r) => ({
      parts: Array.from({ length: width }, (_, c) => [r, c] as const),
      total: [r, width] as const,
      partsFixed: false,
    })),
    ...Array.from({ length: width + 1 }, (_, c) => ({
      parts: rows.map((_, r) => [r, c] as const),
      total: [last, c] as const,
      partsFixed: c === width,
    })),
  ];
  const valueAt = ([r, c]: At) => withTotals[r][c];
  const isHidden = ([r, c]: At) => hide[r][c];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenParts = line.parts.filter(isHidden);
      // A hidden total is at least the counts shown beside it: hidden counts adding up to under 5 would all but give
      // it away (and with it what it was hidden for).
      const exposed = isHidden(line.total)
        ? hiddenParts.length < line.parts.length && sum(hiddenParts.map(valueAt)) < threshold
        : hiddenParts.length > 0 && (hiddenParts.length === 1 || sum(hiddenParts.map(valueAt)) < threshold);
      if (!exposed) continue;
      const [next] = line.partsFixed
        ? []
        : line.parts
            .filter((at) => !isHidden(at))
            .sort((a, b) => valueAt(a) - valueAt(b) || a[0] - b[0] || a[1] - b[1]);
      const chosen = next ?? (isHidden(line.total) ? null : line.total);
      if (!chosen) continue;
      hide[chosen[0]][chosen[1]] = true;
      changed = true;
    }
  }
  const published = withTotals.map((row, r) => {
    const counts = row.map((n, c) => (hide[r][c] ? hidden : shown(n)));
    return { cells: counts.slice(0, width), total: counts[width] };
  });
  return { rows: published.slice(0, last), totals: published[last] };
}

/** A part of a row whose sum a reader knows: cells `from` to `to - 1`, between two sums of first cells known. */
export interface RowSegment {
  from: number;
  to: number;
}

/**
 * A row already suppressed (`hide`, its total shown) made safe against sums of its first cells that a reader knows
 * from elsewhere (`known`: how many first cells each adds up, between 1 and the row's length less 1; the row's total
 * is known too). Those sums cut the row into segments, each with a known total: within each, as for a row, while
 * exactly one cell is hidden or the hidden cells add up to under the threshold, the smallest cell still shown (the
 * first of equals) is hidden too. A segment of one cell is known whatever the row shows: at the threshold or over it
 * is shown (hiding it protects nothing); under it, or a segment all hidden adding up to under it, cannot be made safe
 * here and is returned as `exposed` for the caller to make one of its known sums unknown again.
 * Pure: the same row and sums always give the same answer.
 */
export function suppressWithKnownSums(
  cells: readonly number[],
  hide: readonly boolean[],
  known: readonly number[],
  threshold = SUPPRESSION_THRESHOLD,
): { hide: boolean[]; exposed: RowSegment | null } {
  const out = [...hide];
  const cuts = [...new Set([0, ...known.filter((k) => k > 0 && k < cells.length), cells.length])].sort((a, b) => a - b);
  let exposed: RowSegment | null = null;
  for (let s = 0; s + 1 < cuts.length; s++) {
    const [from, to] = [cuts[s], cuts[s + 1]];
    const at = Array.from({ length: to - from }, (_, i) => from + i);
    for (;;) {
      const hidden = at.filter((i) => out[i]);
      const sum = hidden.reduce((a, i) => a + cells[i], 0);
      if (hidden.length === 0 || (hidden.length > 1 && sum >= threshold)) break;
      const next = at.filter((i) => !out[i]).sort((a, b) => cells[a] - cells[b] || a - b)[0];
      if (next !== undefined) {
        out[next] = true;
        continue;
      }
      if (at.length === 1 && sum >= threshold) out[from] = false;
      else exposed ??= { from, to };
      break;
    }
  }
  return { hide: out, exposed };
}
