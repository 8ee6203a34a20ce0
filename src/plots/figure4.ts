// Figure 4 as a vega-lite spec: success rate against k, one line per method, Wilson intervals.
// Pure data → spec, so Node (SVG files) and the browser (live page) draw the same picture.
import type { TopLevelSpec } from 'vega-lite';
import type { Method } from '../presets.js';
import { FIGURE_CONFIG, methodColor } from './colors.js';

export interface SuccessRateRow {
  k: number;
  method: Method;
  rate: number;
  ci: [number, number];
}

export function figure4Spec(
  rows: SuccessRateRow[],
  title = 'Success rate (Wilson 95% interval)',
  size: { width?: number; height?: number } = {},
): TopLevelSpec {
  const values = rows.map((r) => ({ k: r.k, method: r.method, rate: r.rate, lo: r.ci[0], hi: r.ci[1] }));
  const distinct = <T>(xs: T[]) => [...new Set(xs)];
  // Ticks at the k values of the experiment; methods in the legend in the rows' order, each in its colour.
  const x = {
    field: 'k',
    type: 'quantitative',
    title: 'k (= p)',
    scale: { zero: false },
    axis: { values: distinct(rows.map((r) => r.k)) },
  } as const;
  const methods = distinct(rows.map((r) => r.method));
  const color = methodColor('method', methods);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: size.width ?? 480,
    height: size.height ?? 300,
    config: FIGURE_CONFIG,
    data: { values },
    layer: rateLayers(x, color),
  } as TopLevelSpec;
}

/**
 * A success rate's two layers: its Wilson interval (fields lo, hi) as an error bar and the rate as a
 * line with points (`line`: another mark, `lineEncoding`: more channels for it).
 */
export function rateLayers(x: object, color: object, line: object = { type: 'line', point: true }, lineEncoding: object = {}) {
  return [
    {
      mark: { type: 'errorbar', ticks: true } as const,
      encoding: {
        x,
        y: { field: 'lo', type: 'quantitative', title: 'success rate', scale: { domain: [0, 1] } },
        y2: { field: 'hi' },
        color,
      },
    },
    { mark: line, encoding: { x, y: { field: 'rate', type: 'quantitative' }, color, ...lineEncoding } },
  ];
}
