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

  it('keeps the months with only the measures of one chart', () => {
    const months: TrendMonth[] = [
      {
        ...month('2026-11', 'November 2026', []),
        figures: ['ADDRESS_14_DAYS', 'PLAN_EXPLAINED', 'FIRST_NIGHT_AS_PLANNED', 'INITIAL_MEETING_IN_TIME'].map(
          (measure) => ({ measure, label: measure, numerator: { display: '5' }, percentage: 50 }),
        ),
      },
    ];
    expect(trendOf(months, ['ADDRESS_14_DAYS'])[0].figures.map((f) => f.measure)).toEqual(['ADDRESS_14_DAYS']);
    expect(trendOf(months, ['PLAN_EXPLAINED', 'INITIAL_MEETING_IN_TIME'])[0].figures.map((f) => f.measure)).toEqual([
      'PLAN_EXPLAINED',
      'INITIAL_MEETING_IN_TIME',
    ]);
    expect(trendOf(months, ['FIRST_NIGHT_AS_PLANNED'])[0].figures.map((f) => f.measure)).toEqual([
      'FIRST_NIGHT_AS_PLANNED',
    ]);
  });

  it('draws five lines, each its own colour, point shape and dash', async () => {
    const svg = await trendChartSvg([month('2026-11', 'November 2026', [10, 20, 30, 40, 50])], 'trend-plan-title');
    for (const colour of ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#505a5f']) expect(svg).toContain(colour);
    expect(svg).toContain('stroke-dasharray');
    for (let i = 0; i < 5; i++) expect(svg).toContain(`Measure ${i}`);
  });

  it('draws an empty year without failing', async () => {
    const svg = await trendChartSvg([month('2026-09', 'September 2026', [null])], 'trend-title');
    expect(svg).toContain('<svg role="img"');
  });
});
