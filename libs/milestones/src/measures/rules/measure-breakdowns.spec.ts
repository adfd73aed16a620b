import {
  BREAKDOWN_MEASURES,
  BreakdownMeasure,
  GroupCounts,
  monthsOfPeriod,
  publishBreakdown,
  publishByMonth,
  suppressNested,
  suppressTable,
} from './measure-breakdowns';

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

/** Every measure's yes: `yes` as given, any other as `rest` (0: nobody). */
const counts = (rest: number, yes: Partial<Record<BreakdownMeasure, number>> = {}) =>
  Object.fromEntries(BREAKDOWN_MEASURES.map((m) => [m, yes[m] ?? rest])) as Record<BreakdownMeasure, number>;

const group = (g: string, released: number, address: number, told: number, ete: number): GroupCounts => ({
  group: g,
  released,
  // The plan's and the release's measures as the ETE place: their suppression is the same table's, measure by
  // measure; nobody's address at least 28 days before.
  yes: counts(ete, { ADDRESS_28_DAYS: 0, ADDRESS_14_DAYS: address, TOLD_14_DAYS: told }),
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
    const of = (m: BreakdownMeasure) =>
      gender.groups.map((g) => g.figures.find((f) => f.measure === m)!.numerator.display);
    expect(of('ADDRESS_14_DAYS')).toEqual(['fewer than 5', 'fewer than 5']);
    expect(of('TOLD_14_DAYS')).toEqual(['20', '5']);
  });

  it('publishes every measure, in the order of the page’s sections, each with its label', () => {
    const { groups } = publishBreakdown('GENDER', [group('MALE', 30, 20, 20, 20)]);
    expect(groups[0].figures.map((f) => f.measure)).toEqual([...BREAKDOWN_MEASURES]);
    expect(groups[0].figures.map((f) => f.label)).toContain('Address confirmed at least 28 days before release');
    expect(groups[0].figures.map((f) => f.label)).toContain('Health handover arranged by the day of release');
  });

  // Boys 30 and girls 12, each measure counted on its own: what each group's yes shows, and its rate against the boys.
  it.each<[BreakdownMeasure, [number, number], [string, string], [number | null, number | null]]>([
    ['INITIAL_MEETING_IN_TIME', [15, 6], ['15', '6'], [1, 1]],
    ['PRE_RELEASE_MEETING_IN_TIME', [24, 6], ['24', '6'], [1, 0.63]],
    // The girls' 3 is small: their 9 without goes with it, and in each column the boys' count too.
    ['FIRST_NIGHT_AS_PLANNED', [20, 3], ['fewer than 5', 'fewer than 5'], [null, null]],
    // The girls' no is 0 (all 12 started): hidden, and so everything else.
    ['ETE_STARTED_AS_PLANNED', [10, 12], ['fewer than 5', 'fewer than 5'], [null, null]],
    // Nobody at all: zeros are small, every figure hidden.
    ['HEALTH_HANDOVER_BY_RELEASE', [0, 0], ['fewer than 5', 'fewer than 5'], [null, null]],
    ['RELEASE_DAY_PLAN_CONFIRMED', [30, 7], ['fewer than 5', 'fewer than 5'], [null, null]],
  ])('%s of %p: %p, relative rates %p', (measure, [boys, girls], display, rates) => {
    const { groups } = publishBreakdown('GENDER', [
      { group: 'MALE', released: 30, yes: counts(10, { [measure]: boys }) },
      { group: 'FEMALE', released: 12, yes: counts(6, { [measure]: girls }) },
    ]);
    const figures = groups.map((g) => g.figures.find((f) => f.measure === measure)!);
    expect(figures.map((f) => f.numerator.display)).toEqual(display);
    expect(figures.map((f) => f.relativeRate)).toEqual(rates);
    // The others are the same in every case: boys 10 of 30, girls 6 of 12 (1.5 times the boys' rate).
    const told = groups.map((g) => g.figures.find((f) => f.measure === 'TOLD_14_DAYS')!);
    expect(told.map((f) => [f.numerator.display, f.relativeRate])).toEqual([
      ['10', 1],
      ['6', 1.5],
    ]);
  });
});

describe('the address at least 28 and at least 14 days before release: suppressed together', () => {
  /** Each group: released, address at least 28 days before, at least 14; what the two figures show. */
  const read = (...rows: [string, number, number, number][]) =>
    publishBreakdown(
      'ETHNIC_GROUP',
      rows.map(([g, released, a28, a14]) => ({
        group: g,
        released,
        yes: counts(released, { ADDRESS_28_DAYS: a28, ADDRESS_14_DAYS: a14 }),
      })),
    ).groups.map((g) => [
      g.group,
      ...(['ADDRESS_28_DAYS', 'ADDRESS_14_DAYS'] as const).map(
        (m) => g.figures.find((f) => f.measure === m)!.numerator.display,
      ),
    ]);

  it('shows both when every band between them is 5 or more', () => {
    expect(read(['WHITE', 30, 10, 20], ['BLACK', 20, 6, 12])).toEqual([
      ['WHITE', '10', '20'],
      ['BLACK', '6', '12'],
    ]);
  });

  it('hides the 28 days of a group whose band of 14 to 27 days is small, and another in its column', () => {
    // Black's 12 - 9 = 3 would be given away: its 9 goes, its row's 11 with it, and White's 10 (the column's only
    // other count), its row's 20 with it. The 14 days stand as their own table left them.
    expect(read(['WHITE', 30, 10, 20], ['BLACK', 20, 9, 12])).toEqual([
      ['WHITE', 'fewer than 5', '20'],
      ['BLACK', 'fewer than 5', '12'],
    ]);
  });

  it('hides the 28 days of the smallest band when the bands not worked out add up to under 5', () => {
    // Mixed's 3 and Asian's 4 are hidden (their own table), so their bands (2 and 2) are not worked out, but they add
    // up to 4: Black's 28 days goes (the smallest band worked out, 6), and its row's other count with it.
    expect(read(['WHITE', 30, 10, 20], ['MIXED', 15, 3, 5], ['ASIAN', 14, 4, 6], ['BLACK', 20, 9, 15])).toEqual([
      ['WHITE', '10', '20'],
      ['MIXED', 'fewer than 5', '5'],
      ['ASIAN', 'fewer than 5', '6'],
      ['BLACK', 'fewer than 5', '15'],
    ]);
  });

  it('is the same across the months of the trend', () => {
    const months = monthsOfPeriod({ from: '2026-08-01', to: '2026-09-30' });
    const published = publishByMonth(months, [
      { group: '2026-08', released: 20, yes: counts(10, { ADDRESS_28_DAYS: 8, ADDRESS_14_DAYS: 10 }) },
      { group: '2026-09', released: 20, yes: counts(10, { ADDRESS_28_DAYS: 5, ADDRESS_14_DAYS: 12 }) },
    ]);
    expect(published.map((g) => g.figures.slice(0, 2).map((f) => f.numerator.display))).toEqual([
      ['fewer than 5', '10'],
      ['fewer than 5', '12'],
    ]);
  });
});

describe('publishByMonth: a month the same children in every trend', () => {
  // November: 13 released, 8 at least 28 days, 10 at least 14 (no 3, so hidden); October 14: 5 and 6. At least 14
  // days is hidden in both (a column of one hidden); at least 28 is shown alone as a table would, but each month's
  // band 14-27 (2 and 1) is under 5: a trend where November's at least 14 is shown (its own month's) would give it
  // away with this one's at least 28. So at least 28 is hidden in both months.
  it('a month whose band 14-27 is under 5 hides its address at least 28 days, whatever its at least 14 shows', () => {
    const months = monthsOfPeriod({ from: '2026-10-01', to: '2026-11-30' });
    const published = publishByMonth(months, [
      { group: '2026-10', released: 14, yes: counts(0, { ADDRESS_28_DAYS: 5, ADDRESS_14_DAYS: 6 }) },
      { group: '2026-11', released: 13, yes: counts(0, { ADDRESS_28_DAYS: 8, ADDRESS_14_DAYS: 10 }) },
    ]);
    expect(published.map((g) => g.figures.slice(0, 2).map((f) => f.numerator.display))).toEqual([
      ['fewer than 5', 'fewer than 5'],
      ['fewer than 5', 'fewer than 5'],
    ]);
    // The same months as a breakdown's groups keep at least 28 days: a group is in no other table.
    const asGroups = publishBreakdown('LOOKED_AFTER', [
      { group: 'YES', released: 14, yes: counts(0, { ADDRESS_28_DAYS: 5, ADDRESS_14_DAYS: 6 }) },
      { group: 'NO', released: 13, yes: counts(0, { ADDRESS_28_DAYS: 8, ADDRESS_14_DAYS: 10 }) },
    ]);
    expect(asGroups.groups.map((g) => g.figures.slice(0, 2).map((f) => f.numerator.display))).toEqual([
      ['5', 'fewer than 5'],
      ['8', 'fewer than 5'],
    ]);
  });
});

describe('suppressNested', () => {
  // Inner yes and no of 3 groups, the bands outer less inner, whether each outer count is shown.
  it.each<[string, number[][], number[], boolean[], boolean[]]>([
    [
      'nothing small',
      [
        [10, 20],
        [8, 12],
        [9, 9],
      ],
      [6, 7, 5],
      [true, true, true],
      [false, false, false],
    ],
    [
      'a small band, then its column',
      [
        [10, 20],
        [8, 12],
        [9, 9],
      ],
      [6, 2, 5],
      [true, true, true],
      [false, true, true],
    ],
    // The middle group's outer count is hidden: its band is not worked out, alone in its column, so the smallest band
    // worked out (5) goes by hiding its inner count, which then needs another in its column (8).
    [
      'one band not worked out',
      [
        [10, 20],
        [8, 12],
        [9, 9],
      ],
      [6, 7, 5],
      [true, false, true],
      [false, true, true],
    ],
    [
      'no outer count shown: nothing to work out',
      [
        [10, 20],
        [8, 12],
        [9, 9],
      ],
      [1, 1, 1],
      [false, false, false],
      [false, false, false],
    ],
  ])('%s', (_name, inner, bands, outerShown, expected) => {
    expect(suppressNested(inner, bands, outerShown, [false, false, false]).map((row) => row[0])).toEqual(expected);
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
    yes: counts(released, { ADDRESS_28_DAYS: 0, ADDRESS_14_DAYS: address, TOLD_14_DAYS: 0, PLAN_AGREED: 0 }),
  });
  const read = (counts: GroupCounts[]) =>
    publishByMonth(months, counts).map((g) => {
      const address = g.figures.find((f) => f.measure === 'ADDRESS_14_DAYS')!;
      return [g.group, g.released.display, address.numerator.display, address.percentage, address.relativeRate];
    });

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
