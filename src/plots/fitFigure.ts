// The figure of `fit`: target success rates (with Wilson 95% intervals) and the fitted ones against
// k, one colour per method; target solid, fit dashed.
import type { TopLevelSpec } from 'vega-lite';
import { wilson } from '../stats.js';
import { FIGURE_CONFIG, methodColor } from './colors.js';

export interface FittedCell {
  k: number;
  method: string;
  target: { trials: number; successes: number; rate: number };
  fitted: { rate: number };
}

export function fitFigureSpec(cells: FittedCell[], title: string): TopLevelSpec {
  const values = cells.flatMap((c) => {
    const [lo, hi] = wilson(c.target.successes, c.target.trials);
    return [
      { k: c.k, method: c.method, series: 'target', rate: c.target.rate, lo, hi },
      { k: c.k, method: c.method, series: 'fit', rate: c.fitted.rate },
    ];
  });
  const distinct = <T>(xs: T[]) => [...new Set(xs)];
  const x = {
    field: 'k',
    type: 'quantitative',
    title: 'k (= p)',
    scale: { zero: false },
    axis: { values: distinct(cells.map((c) => c.k)) },
  } as const;
  const color = methodColor('method', distinct(cells.map((c) => c.method)));
  const y = { field: 'rate', type: 'quantitative', title: 'success rate', scale: { zero: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 480,
    height: 300,
    config: FIGURE_CONFIG,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.series === 'target'" }],
        mark: { type: 'errorbar', ticks: true },
        encoding: { x, y: { field: 'lo', type: 'quantitative', title: 'success rate' }, y2: { field: 'hi' }, color },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y,
          color,
          strokeDash: { field: 'series', type: 'nominal', title: 'rates', sort: ['target', 'fit'], legend: null },
          shape: { field: 'series', type: 'nominal', title: 'rates', sort: ['target', 'fit'], scale: { range: ['circle', 'diamond'] } },
        },
      },
    ],
  };
}
