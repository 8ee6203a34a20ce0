// The `width` figure as a vega-lite spec: the share of runs reaching the global optimum against the
// student's width r (log scale), one line per method, one panel per k; with SGD beside GD, a dashed line per
// method and batch size (colour by method, dashes by batch size). Pure data → spec.
import type { TopLevelSpec } from 'vega-lite';
import { METHODS } from '../presets.js';
import { FIGURE_CONFIG, METHOD_COLORS, METHOD_LEGEND } from './colors.js';

export interface WidthRateRow {
  k: number;
  method: string;
  width: number;
  /** SGD's batch size; null or omitted: population GD. */
  batch?: number | null;
  rate: number;
  ci: [number, number];
}

/** Dash patterns of the SGD lines, smallest batch first (GD's line is solid). */
const BATCH_DASHES = [
  [2, 2],
  [6, 3],
  [10, 4],
  [1, 4],
  [8, 2, 2, 2],
  [14, 4],
];

export function widthSpec(rows: WidthRateRow[], title = "Success rate against the student's width r (Wilson 95% intervals)"): TopLevelSpec {
  // GD rows carry rate and interval, SGD rows only sgdRate and their batch: each layer drops the rows whose
  // fields are missing (vega-lite's default for invalid values).
  const values = rows.map((r) =>
    r.batch == null
      ? { k: r.k, method: r.method, width: r.width, rate: r.rate, lo: r.ci[0], hi: r.ci[1] }
      : { k: r.k, method: r.method, width: r.width, batch: `B=${r.batch}`, sgdRate: r.rate },
  );
  const widths = [...new Set(rows.map((r) => r.width))].sort((a, b) => a - b);
  const batches = [...new Set(rows.flatMap((r) => (r.batch == null ? [] : [r.batch])))].sort((a, b) => a - b);
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
    // With SGD lines the legends say what each line is, in sgd.svg's words.
    ...(batches.length > 0 ? { legend: METHOD_LEGEND } : {}),
  } as const;
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'success rate', scale: { domain: [0, 1] } });
  const gd = [
    { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: y('lo'), y2: { field: 'hi' }, color } },
    { mark: { type: 'line', point: true }, encoding: { x, y: y('rate'), color } },
  ] as const;
  const strokeDash = {
    field: 'batch',
    type: 'nominal',
    title: 'SGD batch size',
    legend: { symbolType: 'stroke', symbolStrokeWidth: 2 },
    sort: batches.map((b) => `B=${b}`),
    scale: { domain: batches.map((b) => `B=${b}`), range: batches.map((_, i) => BATCH_DASHES[i % BATCH_DASHES.length]) },
  } as const;
  const sgd = {
    mark: { type: 'line', point: { filled: false }, strokeWidth: 1.5 },
    encoding: { x, y: y('sgdRate'), color, strokeDash },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    ...(batches.length > 0 ? { config: FIGURE_CONFIG } : {}),
    data: { values },
    facet: { column: { field: 'k', type: 'ordinal', title: 'k (= p)' } },
    spec: {
      width: 220,
      height: 220,
      layer: batches.length > 0 ? [...gd, sgd] : [...gd],
    },
  };
}
