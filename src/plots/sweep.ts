// A sweep's figure as a vega-lite spec: success rate against the grid's first varying axis, one line
// per method (its schedules told apart by dashes), Wilson intervals as Figure 4's, one panel per
// combination of the other varying axes. Pure data → spec (core/sweep.ts's sweepPlot gives the data).
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, methodColor } from './colors.js';
import { rateLayers } from './figure4.js';

export interface SweepPlotRow {
  /** The cell's value on the x axis (none: the grid varies no axis). */
  x?: number;
  /** The cell's values on the other varying axes ('' when there are none). */
  panel: string;
  method: string;
  /** The schedule numbers the grid lists for the cell ('' for the method's preset). */
  schedule: string;
  rate: number;
  ci: [number, number];
}

export interface SweepPlot {
  axis?: { title: string; log: boolean; values: number[] };
  rows: SweepPlotRow[];
  /** The panels drawn, in the cells' order. */
  panels: string[];
  /** Panels past MAX_SWEEP_PANELS, not drawn. */
  hiddenPanels: number;
}

/** Dash patterns of the listed schedules, in order. */
const DASHES = [
  [6, 3],
  [2, 2],
  [10, 3, 2, 3],
  [1, 4],
  [12, 6],
];

export function sweepSpec(plot: SweepPlot, title: string): TopLevelSpec {
  const { axis, rows, panels, hiddenPanels } = plot;
  const values = rows.map((r) => ({
    x: r.x,
    panel: r.panel,
    method: r.method,
    schedule: r.schedule || 'preset',
    series: `${r.method}${r.schedule ? ` ${r.schedule}` : ''}`,
    rate: r.rate,
    lo: r.ci[0],
    hi: r.ci[1],
  }));
  const x = axis
    ? ({
        field: 'x',
        type: 'quantitative',
        title: axis.title,
        scale: axis.log ? { type: 'log', base: 2 } : { zero: false },
        axis: { values: axis.values },
      } as const)
    : ({ field: 'series', type: 'nominal', title: 'method and schedule', sort: null, axis: { labelAngle: -30 } } as const);
  const color = methodColor('method', [...new Set(rows.map((r) => r.method))]);
  // Dashes only where the grid lists schedule numbers: each schedule its own line, the presets' solid.
  const schedules = [...new Set(values.map((v) => v.schedule))];
  const dash = {
    field: 'schedule',
    type: 'nominal',
    title: 'schedule',
    sort: schedules,
    scale: { domain: schedules, range: schedules.map((s, i) => (s === 'preset' ? [1, 0] : DASHES[i % DASHES.length])) },
    // Strokes, not the points' filled circles (an update of the symbols' stroke is what draws them).
    legend: { symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300, encode: { symbols: { update: { stroke: { value: 'gray' } } } } },
  };
  const layer = rateLayers(
    x,
    color,
    axis ? { type: 'line', point: true } : { type: 'point', filled: true },
    axis && rows.some((r) => r.schedule !== '') ? { strokeDash: dash } : {},
  );
  const size = { width: panels.length > 1 ? 260 : 480, height: panels.length > 1 ? 220 : 300 };
  const hidden = hiddenPanels > 0 ? ` (the first ${panels.length} of ${panels.length + hiddenPanels} panels; the CSV has every cell)` : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: title + hidden,
    config: FIGURE_CONFIG,
    data: { values },
    ...(panels.length > 1
      ? {
          facet: { field: 'panel', type: 'nominal', title: null, sort: panels },
          columns: Math.min(3, panels.length),
          spec: { ...size, layer },
        }
      : { ...size, layer }),
  } as TopLevelSpec;
}
