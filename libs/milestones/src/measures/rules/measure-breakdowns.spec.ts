import { GroupCounts, monthsOfPeriod, publishBreakdown, publishByMonth, suppressTable } from './measure-breakdowns';

/** A table as the reader sees it: `x` hidden, the count shown. */
const read = (cells: number[][], hiddenRows: boolean[] = cells.map(() => false)) =>
  suppressTable(cells, hiddenRows).map((row, r) => row.map((h, c) => (h ? 'x' : String(cells[r][c]))));

describe('suppressTable: counts whose rows and columns add up to known totals', () => {
  it.each<[string, number[][], boolean[] | undefined, string[][]]>([
    [
      'nothing small',
      [
        [10, 6],
        [7, 9],
      ],
      undefined,
      [
        ['10', '6'],
        ['7', '9'],
      ],
    ],
    // 3 is hidden; its row would give it away (8 - 5), so 5 goes; then each column has one hidden, so 12 and 7 go.
    [
      'one small cell spreads across its row and its columns',
      [
        [3, 5],
        [12, 7],
        [20, 30],
      ],
      undefined,
      [
        ['x', 'x'],
        ['x', 'x'],
        ['20', '30'],
      ],
    ],
    // A hidden group (its size suppressed) hides its cells; each column then needs a second hidden cell.
    [
      'a hidden group',
      [
        [6, 9],
        [11, 14],
        [8, 7],
      ],
      [true, false, false],
      [
        ['x', 'x'],
        ['11', '14'],
        ['x', 'x'],
      ],
    ],
    // Two small cells in one column adding to 5 or more stand, but each row then has one hidden cell.
    [
      'two small cells in a column',
      [
        [2, 20],
        [3, 30],
        [40, 50],
      ],
      undefined,
      [
        ['x', 'x'],
        ['x', 'x'],
        ['40', '50'],
      ],
    ],
    [
      'zeros are small too',
      [
        [0, 10],
        [0, 12],
        [9, 8],
      ],
      undefined,
      [
        ['x', 'x'],
        ['x', 'x'],
        ['x', 'x'],
      ],
    ],
  ])('%s', (_name, cells, hiddenRows, expected) => {
    expect(read(cells, hiddenRows)).toEqual(expected);
  });

  it('never leaves a line with exactly one hidden cell, or hidden cells adding up to under 5', () => {
    // Every table of 3 groups by yes/no with counts 0..7 in one cell and fixed others: the rule holds each time.
    for (let a = 0; a < 8; a++)
      for (let b = 0; b < 8; b++) {
        const cells = [
          [a, 9],
          [b, 6],
          [12, 15],
        ];
        const hide = suppressTable(cells, [false, false, false]);
        const lines = [
          ...cells.map((_, r) => [0, 1].map((c) => [r, c])),
          ...[0, 1].map((c) => [0, 1, 2].map((r) => [r, c])),
        ];
        for (const line of lines) {
          const hiddenCells = line.filter(([r, c]) => hide[r][c]);
          const sum = hiddenCells.reduce((s, [r, c]) => s + cells[r][c], 0);
          expect(
            hiddenCells.length === 0 || (hiddenCells.length > 1 && sum >= 5) || hiddenCells.length === line.length,
          ).toBe(true);
        }
      }
  });
});

const group = (g: string, released: number, address: number, told: number, ete: number): GroupCounts => ({
  group: g,
  released,
  // The plan's measures as the ETE place: their suppression is the same table's, measure by measure.
  yes: {
    ADDRESS_14_DAYS: address,
    TOLD_14_DAYS: told,
    ETE_BY_RELEASE: ete,
    PLAN_VIEWS_EVERY_PATHWAY: ete,
    PLAN_EXPLAINED: ete,
    PLAN_AGREED: ete,
  },
});

describe('publishBreakdown', () => {
  // 43 children: White 20 (address 14 = 70%), Black 12 (6 = 50%), Mixed 8, Asian 3, not recorded 0.
  const ethnicity = publishBreakdown('ETHNIC_GROUP', [
    group('BLACK', 12, 6, 6, 6),
    group('WHITE', 20, 14, 10, 10),
    group('MIXED', 8, 4, 4, 4),
    group('ASIAN', 3, 2, 2, 2),
    group('NOT_RECORDED', 0, 0, 0, 0),
  ]);
  const row = (g: string) => ethnicity.groups.find((x) => x.group === g)!;
  const address = (g: string) => row(g).figures.find((f) => f.measure === 'ADDRESS_14_DAYS')!;

  it("lists the groups in the dimension's order with their ONS labels, leaving out empty ones", () => {
    expect(ethnicity.label).toBe('Ethnic group');
    expect(ethnicity.groups.map((g) => g.label)).toEqual([
      'White',
      'Mixed or multiple ethnic groups',
      'Asian, Asian British or Asian Welsh',
      'Black, Black British, Black Welsh, Caribbean or African',
    ]);
  });

  it('hides a small group and, so its size cannot be worked out, the next smallest', () => {
    expect(ethnicity.groups.map((g) => g.released.display)).toEqual(['20', 'fewer than 5', 'fewer than 5', '12']);
  });

  it('compares each group with the largest: the rate and the relative rate, with the counts behind them', () => {
    expect(ethnicity.baseGroup).toBe('WHITE');
    expect(address('WHITE')).toMatchObject({ numerator: { value: 14 }, percentage: 70, relativeRate: 1 });
    expect(address('BLACK')).toMatchObject({ numerator: { value: 6 }, percentage: 50, relativeRate: 0.71 });
  });

  it('hides the figures of hidden groups, and gives no rate for them', () => {
    for (const g of ['MIXED', 'ASIAN'])
      expect(address(g)).toMatchObject({
        numerator: { display: 'fewer than 5' },
        percentage: null,
        relativeRate: null,
      });
  });

  it('hides a group whose yes or no is small, and another in its column', () => {
    // Girls' "no" for the address is 2: their yes goes too, and the boys' yes and no to protect the column.
    const gender = publishBreakdown('GENDER', [group('MALE', 30, 20, 20, 20), group('FEMALE', 10, 8, 5, 5)]);
    expect(gender.groups.map((g) => g.figures[0].numerator.display)).toEqual(['fewer than 5', 'fewer than 5']);
    expect(gender.groups.map((g) => g.figures[1].numerator.display)).toEqual(['20', '5']);
  });
});

describe('monthsOfPeriod', () => {
  it.each([
    ['2026-09-01', '2026-09-30', ['2026-09']],
    ['2026-09-15', '2026-10-02', ['2026-09', '2026-10']],
    [
      '2025-12-01',
      '2026-11-30',
      [
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ],
    ],
    ['2024-02-29', '2024-02-29', ['2024-02']],
  ])('%s to %s touches %p', (from, to, months) => {
    expect(monthsOfPeriod({ from, to }).map((m) => m.month)).toEqual(months);
  });

  it('names each month', () => {
    expect(monthsOfPeriod({ from: '2026-09-01', to: '2026-10-31' }).map((m) => m.label)).toEqual([
      'September 2026',
      'October 2026',
    ]);
  });
});

describe('publishByMonth: the trend, suppressed across the months', () => {
  const months = monthsOfPeriod({ from: '2026-07-01', to: '2026-09-30' });
  const month = (group: string, released: number, address: number): GroupCounts => ({
    group,
    released,
    yes: {
      ADDRESS_14_DAYS: address,
      TOLD_14_DAYS: 0,
      ETE_BY_RELEASE: released,
      PLAN_VIEWS_EVERY_PATHWAY: 0,
      PLAN_EXPLAINED: released,
      PLAN_AGREED: 0,
    },
  });
  const read = (counts: GroupCounts[]) =>
    publishByMonth(months, counts).map((g) => [
      g.group,
      g.released.display,
      g.figures[0].numerator.display,
      g.figures[0].percentage,
      g.figures[0].relativeRate,
    ]);

  it('keeps every month in order; a month nobody left is "fewer than 5" and hides nothing else', () => {
    expect(read([month('2026-09', 12, 6), month('2026-08', 10, 5)])).toEqual([
      ['2026-07', 'fewer than 5', 'fewer than 5', null, null],
      ['2026-08', '10', '5', 50, null],
      ['2026-09', '12', '6', 50, null],
    ]);
  });

  it('hides across the months what a small count would give away', () => {
    // September's 3 without an address is hidden; its row then hides the 9, the column of yes the next smallest (5),
    // and August's row its 5 without.
    expect(read([month('2026-07', 20, 10), month('2026-08', 10, 5), month('2026-09', 12, 9)])).toEqual([
      ['2026-07', '20', '10', 50, null],
      ['2026-08', '10', 'fewer than 5', null, null],
      ['2026-09', '12', 'fewer than 5', null, null],
    ]);
  });

  it('shows every month when nothing is small, never a relative rate', () => {
    expect(read([month('2026-07', 20, 10), month('2026-08', 10, 5), month('2026-09', 12, 6)])).toEqual([
      ['2026-07', '20', '10', 50, null],
      ['2026-08', '10', '5', 50, null],
      ['2026-09', '12', '6', 50, null],
    ]);
  });
});
