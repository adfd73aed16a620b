import { trendChartSvg, TrendMonth, trendOf } from './trend-chart';

const month = (group: string, label: string, percentages: (number | null)[]): TrendMonth => ({
  group,
  label,
  released: { display: '10' },
  figures: percentages.map((percentage, i) => ({
    measure: `M${i}`,
    label: `Measure ${i}`,
    numerator: { display: percentage === null ? 'fewer than 5' : String(percentage / 10) },
    percentage,
  })),
});

describe('trendChartSvg', () => {
  it('draws an SVG image named by the page’s heading, a line a measure, a point a shown month', async () => {
    const svg = await trendChartSvg(
      [
        month('2026-09', 'September 2026', [50, 20, null]),
        month('2026-10', 'October 2026', [60, null, null]),
        month('2026-11', 'November 2026', [70, 40, 10]),
      ],
      'trend-title',
    );
    expect(svg.startsWith('<svg role="img" aria-labelledby="trend-title" focusable="false" ')).toBe(true);
    // One image to a screen reader: no role or ARIA inside it.
    expect(svg.match(/ (role|aria-[a-z]+)="/g)).toEqual([' role="', ' aria-labelledby="']);
    for (const text of ['September 2026', 'October 2026', 'November 2026', 'Measure 0', 'Measure 2'])
      expect(svg).toContain(text);
    // Points: 2 + 1 + 3 shown figures (a hidden one is not drawn as a 0), plus the legend's three symbols.
    const points = svg.match(/class="mark-symbol role-mark/g) ?? [];
    expect(points.length).toBeGreaterThan(0);
    expect((svg.match(/<path transform="translate\([^)]*\)" d="M[^"]*" fill="#/g) ?? []).length).toBe(6 + 3);
  });

  it('splits the months into the release figures and the plan’s, a chart each', () => {
    const months: TrendMonth[] = [
      {
        ...month('2026-11', 'November 2026', []),
        figures: ['ADDRESS_14_DAYS', 'PLAN_EXPLAINED', 'ETE_BY_RELEASE', 'PLAN_AGREED'].map((measure) => ({
          measure,
          label: measure,
          numerator: { display: '5' },
          percentage: 50,
        })),
      },
    ];
    expect(trendOf(months, false)[0].figures.map((f) => f.measure)).toEqual(['ADDRESS_14_DAYS', 'ETE_BY_RELEASE']);
    expect(trendOf(months, true)[0].figures.map((f) => f.measure)).toEqual(['PLAN_EXPLAINED', 'PLAN_AGREED']);
  });

  it('draws an empty year without failing', async () => {
    const svg = await trendChartSvg([month('2026-09', 'September 2026', [null])], 'trend-title');
    expect(svg).toContain('<svg role="img"');
  });
});
