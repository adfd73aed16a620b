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

const shown = (value: number): PublishedCount => ({ value, suppressed: false, display: String(value) });
const hidden: PublishedCount = { value: null, suppressed: true, display: FEWER_THAN_5 };

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
