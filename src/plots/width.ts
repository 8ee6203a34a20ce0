// The `width` figure as a vega-lite spec: the share of runs reaching the global optimum against the
// student's width r (log scale), one line per method, one panel per k. Pure data → spec.
import type { TopLevelSpec } from 'vega-lite';
import { METHODS } from '../presets.js';
import { METHOD_COLORS } from './colors.js';

export interface WidthRateRow {
  k: number;
  method: string;
  width: number;
  rate: number;
  ci: [number, number];
}

export function widthSpec(rows: WidthRateRow[], title = "Success rate against the student's width r (Wilson 95% intervals)"): TopLevelSpec {
  const values = rows.map((r) => ({ k: r.k, method: r.method, width: r.width, rate: r.rate, lo: r.ci[0], hi: r.ci[1] }));
  const widths = [...new Set(rows.map((r) => r.width))].sort((a, b) => a - b);
  const methods = METHODS.filter((m) => rows.some((r) => r.method === m));
  const x = {
    field: 'width',
    type: 'quantitative',
    title: 'filters r',
    scale: { type: 'log', base: 2 },
    axis: { values: widths },
  } as const;
  const color = {
    field: 'method',
    type: 'nominal',
    title: 'method',
    scale: { domain: methods, range: methods.map((m) => METHOD_COLORS[m]) },
  } as const;
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'success rate', scale: { domain: [0, 1] } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: { values },
    facet: { column: { field: 'k', type: 'ordinal', title: 'k (= p)' } },
    spec: {
      width: 220,
      height: 220,
      layer: [
        { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: y('lo'), y2: { field: 'hi' }, color } },
        { mark: { type: 'line', point: true }, encoding: { x, y: y('rate'), color } },
      ],
    },
  };
}
