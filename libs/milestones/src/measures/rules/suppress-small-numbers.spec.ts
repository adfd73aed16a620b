import {
  FEWER_THAN_5,
  suppressSmallNumbers,
  suppressTableWithTotals,
  suppressWithKnownSums,
} from './suppress-small-numbers';

/** A published row as the reader sees it: each cell's display, then the total's. */
function read(cells: number[], total?: number): string[] {
  const [row] = suppressSmallNumbers([{ cells, total }]);
  return [...row.cells.map((c) => c.display), ...(row.total ? [`= ${row.total.display}`] : [])];
}

const F = FEWER_THAN_5;

describe('suppressSmallNumbers', () => {
  it.each<[string, number[], number | undefined, string[]]>([
    // Without a total each count stands alone: only the small ones are hidden.
    ['no total: 5 and over shown', [5, 12], undefined, ['5', '12']],
    ['no total: under 5 hidden, zero too', [4, 0, 7], undefined, [F, F, '7']],
    // With a total nothing small is hidden, and nothing else need be.
    ['total, nothing small', [6, 9, 5], 20, ['6', '9', '5', '= 20']],
    // One small cell: 30 - 20 would give it away, so the smallest other cell goes too.
    ['one small cell hides the next smallest', [3, 20, 7], 30, [F, '20', F, '= 30']],
    ['ties: the first of the smallest', [2, 8, 8], 18, [F, F, '8', '= 18']],
    // Two small cells adding to under 5: their sum is itself small, so a third is hidden.
    ['two small cells adding to under 5', [1, 2, 9, 30], 42, [F, F, F, '30', '= 42']],
    ['two small cells adding to 5 or more', [2, 3, 9, 30], 44, [F, F, '9', '30', '= 44']],
    // Zeros: two hidden zeros would both be known, so more is hidden.
    ['all small but one: the total is the last cell', [0, 0, 20], 20, [F, F, F, '= 20']],
    // A small total hides the row: every cell is then small or gives the rest away.
    ['small total hides everything', [4, 0], 4, [F, F, `= ${F}`]],
    ['empty row', [0, 0], 0, [F, F, `= ${F}`]],
    // One cell only (a yes of a total): when it is small and the total is not, nothing else can be hidden but the
    // total.
    ['a single hidden cell with nothing else to hide', [3], 30, [F, `= ${F}`]],
    ['yes/no pair, small no', [25, 2], 27, [F, F, '= 27']],
    ['yes/no pair, nothing small', [25, 6], 31, ['25', '6', '= 31']],
  ])('%s', (_name, cells, total, expected) => {
    expect(read(cells, total)).toEqual(expected);
  });

  it('keeps the values of the cells it shows, and none of those it hides', () => {
    const [row] = suppressSmallNumbers([{ cells: [3, 20, 7], total: 30 }]);
    expect(row.cells).toEqual([
      { value: null, suppressed: true, display: F },
      { value: 20, suppressed: false, display: '20' },
      { value: null, suppressed: true, display: F },
    ]);
    expect(row.total).toEqual({ value: 30, suppressed: false, display: '30' });
  });

  it('treats each row on its own', () => {
    const rows = suppressSmallNumbers([
      { cells: [1, 9], total: 10 },
      { cells: [6, 9], total: 15 },
    ]);
    expect(rows.map((r) => r.cells.map((c) => c.display))).toEqual([
      [F, F],
      ['6', '9'],
    ]);
  });

  it('refuses what is not a count', () => {
    expect(() => suppressSmallNumbers([{ cells: [-1] }])).toThrow(RangeError);
    expect(() => suppressSmallNumbers([{ cells: [1.5], total: 2 }])).toThrow(RangeError);
  });
});

describe('suppressTableWithTotals', () => {
  /** Each row's cells then its total, the row of totals last (the grand total at its end). */
  const readTable = (rows: number[][]) => {
    const table = suppressTableWithTotals(rows);
    return [...table.rows, table.totals].map((r) => [...r.cells.map((c) => c.display), r.total!.display]);
  };

  it('shows everything when nothing is small, with the totals both ways', () => {
    expect(
      readTable([
        [6, 7],
        [8, 9],
      ]),
    ).toEqual([
      ['6', '7', '13'],
      ['8', '9', '17'],
      ['14', '16', '30'],
    ]);
  });

  it('hides what the rows alone would, and then what a column or the totals would give away', () => {
    // Rows 9,3,7,1 = 20; 20,0,0,0 = 20; 1,0,0,0 = 1; totals 30,3,7,1 = 41.
    // Row 1: 3 and 1 add up to under 5, so the 7 goes too; row 2: the zeros would give the 20 away; row 3: small.
    // The totals row: its 3 and 1 likewise, so its 7 goes. Column 1: 20 and 1 hidden, 21: safe. The rows' totals
    // 20, 20 and a hidden 1 would give the 1 away from the 41: the rows' totals stand (the same as in the rows alone),
    // so the grand total is hidden.
    expect(
      readTable([
        [9, 3, 7, 1],
        [20, 0, 0, 0],
        [1, 0, 0, 0],
      ]),
    ).toEqual([
      ['9', F, F, F, '20'],
      [F, F, F, F, '20'],
      [F, F, F, F, F],
      ['30', F, F, F, F],
    ]);
  });

  it('hides a cell of another row when a column would give a hidden one away, and that row’s next with it', () => {
    // Row 1: 10,3,10 = 23, the 3 and so the first 10 hidden (the first of equals). Column 1: 10 hidden beside 10
    // shown, 20: row 2's 10 goes; column 2: 3 hidden beside 10, 13: row 2's second 10 goes. Row 2 then has two hidden
    // (20), as has each column: nothing is given away (one unknown in four equations).
    expect(
      readTable([
        [10, 3, 10],
        [10, 10, 10],
      ]),
    ).toEqual([
      [F, F, '10', '23'],
      [F, F, '10', '30'],
      ['20', '13', '20', '53'],
    ]);
  });

  it('hides a count shown beside a hidden total when the counts hidden with it add up to under 5', () => {
    // Row 1: 6,0,6,0: the zeros, so the first 6 (12 hidden in all). Row 2: 12,0,0,0: the zeros, so the 12. The totals
    // row 18,0,6,0: its zeros, so its 6. Column 3 then has its total (6) hidden beside row 1's 6 shown and row 2's 0
    // hidden: the total is at least 6, and the totals row's hidden add up to 24 - 18 = 6, so its zeros would be known.
    // Row 1's 6 is hidden too.
    expect(
      readTable([
        [6, 0, 6, 0],
        [12, 0, 0, 0],
      ]),
    ).toEqual([
      [F, F, F, F, '12'],
      [F, F, F, F, '12'],
      ['18', F, F, F, '24'],
    ]);
  });

  it('hides the whole table when everything is small', () => {
    expect(readTable([[1, 2]])).toEqual([
      [F, F, F],
      [F, F, F],
    ]);
  });

  it('refuses what is not a count, or rows of different widths', () => {
    expect(() => suppressTableWithTotals([[-1]])).toThrow(RangeError);
    expect(() => suppressTableWithTotals([[1, 2], [3]])).toThrow(RangeError);
  });
});

describe('suppressWithKnownSums: a row against sums of its first cells known elsewhere', () => {
  /** The row as `suppressSmallNumbers` hides it, then against the sums: `x` hidden, and the segment left exposed. */
  const read = (cells: number[], known: number[]) => {
    const [row] = suppressSmallNumbers([{ cells, total: cells.reduce((a, b) => a + b, 0) }]);
    const { hide, exposed } = suppressWithKnownSums(
      cells,
      row.cells.map((c) => c.suppressed),
      known,
    );
    return [...cells.map((n, i) => (hide[i] ? 'x' : String(n))), exposed ? `${exposed.from}-${exposed.to}` : 'safe'];
  };

  it.each<[string, number[], number[], string[]]>([
    // The row alone: as suppressSmallNumbers.
    ['no sums known', [5, 0, 0, 5], [], ['x', 'x', 'x', '5', 'safe']],
    // 5 + 0 known (at least 14 days): 0-13 would be 10 - 5 - 5; not by release goes too.
    ['the first two known', [5, 0, 0, 5], [2], ['x', 'x', 'x', 'x', 'safe']],
    // 6 known alone: shown; in the rest (12, 3, 0) 12 goes as well.
    ['a hidden cell known by itself is shown', [6, 12, 3, 0], [1], ['6', 'x', 'x', 'x', 'safe']],
    // 13 and 16 known: the band between them, 3, is known whatever the row hides (and 5 and 6 each segment of its own).
    ['a small cell between two sums: exposed', [13, 3, 5, 6], [1, 2], ['13', 'x', 'x', 'x', '1-2']],
    // Sums the row shows already: nothing more.
    ['sums already shown', [10, 8, 3, 2], [1, 2], ['10', '8', 'x', 'x', 'safe']],
    ['a yes and no pair, yes known', [25, 6], [1], ['25', '6', 'safe']],
  ])('%s', (_name, cells, known, expected) => {
    expect(read(cells, known)).toEqual(expected);
  });
});
