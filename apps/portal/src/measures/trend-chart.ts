import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { figuresOf } from './measures-view';

/** One month of the trend as the api publishes it: a percentage only where no count behind it is hidden. */
export interface TrendMonth {
  group: string;
  label: string;
  released: { display: string };
  figures: { measure: string; label: string; numerator: { display: string }; percentage: number | null }[];
}

/**
 * The trend's months with only the measures of one chart (a section of the page's: before release, the plan, at
 * release). Up to five lines a chart, each with its own colour, point shape and dash.
 */
export function trendOf(months: readonly TrendMonth[], measures: readonly string[]): TrendMonth[] {
  return months.map((m) => ({ ...m, figures: figuresOf(m.figures, measures) }));
}

/**
 * GOV.UK colours, each at least 3:1 against white, with a different point shape and dash per line so they are told
 * apart in greyscale and by colour-blind readers too.
 */
const COLOURS = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#505a5f', '#0b0c0c'];
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'];
const DASHES = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 2, 2, 2],
  [4, 4],
  [1, 3],
];

/**
 * The trend as an SVG line chart, drawn on the server with Vega-Lite (a declarative grammar compiled by Vega, which
 * renders SVG in Node without a browser or a canvas; Observable Plot needs a DOM). The chart is an image described by
 * its title; the numbers are in the table beside it (the accessible equivalent), so Vega's own ARIA is turned off.
 * A month whose figure is hidden has no point, and the line breaks there rather than inventing a value.
 */
export async function trendChartSvg(months: readonly TrendMonth[], titleId: string): Promise<string> {
  const values = months.flatMap((m) =>
    m.figures.map((f) => ({
      month: m.label,
      order: m.group,
      measure: f.label,
      percentage: f.percentage,
    })),
  );
  const measures = [...new Set(values.map((v) => v.measure))];
  const legend = { orient: 'bottom', direction: 'vertical', title: null, labelLimit: 520 } as const;
  const spec: TopLevelSpec = {
    width: 560,
    height: 240,
    background: 'white',
    config: { aria: false, font: 'Arial, sans-serif', axis: { labelFontSize: 12, titleFontSize: 12 } },
    data: { values },
    mark: { type: 'line', point: { filled: true, size: 60 }, strokeWidth: 2 },
    encoding: {
      x: { field: 'month', type: 'ordinal', sort: { field: 'order' }, title: null, axis: { labelAngle: -40 } },
      y: {
        field: 'percentage',
        type: 'quantitative',
        scale: { domain: [0, 100] },
        title: 'Per cent of children released',
      },
      color: {
        field: 'measure',
        type: 'nominal',
        scale: { domain: measures, range: COLOURS },
        legend,
      },
      // One legend: each line's colour, dash and point shape beside its name.
      shape: { field: 'measure', type: 'nominal', scale: { domain: measures, range: SHAPES }, legend },
      strokeDash: { field: 'measure', type: 'nominal', scale: { domain: measures, range: DASHES }, legend },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  // Layered marks keep some ARIA of their own whatever the config says: the image is one thing to a screen reader.
  return svg
    .replace(/ (?:role|aria-[a-z]+)="[^"]*"/g, '')
    .replace('<svg ', `<svg role="img" aria-labelledby="${titleId}" focusable="false" `);
}
