// The `sgd` figure as a vega-lite spec: success rate against the batch size (log scale), one line per
// method, one panel per k, GD from the same starts as a dashed line (B = ∞). Pure data → spec.
import type { TopLevelSpec } from 'vega-lite';
import { FIGURE_CONFIG, methodColor } from './colors.js';

export interface SgdRateRow {
  k: number;
  method: string;
  /** null: population GD, the B = ∞ reference. */
  batch: number | null;
  rate: number;
  ci: [number, number];
  /** Share of trials that ended unconverged (omitted: not known yet). */
  unconverged?: number;
}

/** Past this share of unconverged trials a point is ringed: its rate reflects the step budget, not SGD's fate. */
export const UNCONVERGED_RING = 0.05;

/** Panel size and panels per row (the web page narrows them on a phone). */
export interface SgdLayout {
  width?: number;
  height?: number;
  columns?: number;
}

export function sgdSpec(
  rows: SgdRateRow[],
  title = 'Success rate against the batch size (Wilson 95% intervals; dashed: GD)',
  layout: SgdLayout = {},
): TopLevelSpec {
  // GD rows carry only gdRate, SGD rows only rate and interval: each layer drops the rows whose
  // fields are null (vega-lite's default for invalid values), so no filter transforms are needed.
  const values = rows.map((r) =>
    r.batch === null
      ? { k: r.k, method: r.method, batch: null, gdRate: r.rate }
      : {
          k: r.k,
          method: r.method,
          batch: r.batch,
          rate: r.rate,
          lo: r.ci[0],
          hi: r.ci[1],
          ...((r.unconverged ?? 0) > UNCONVERGED_RING ? { ringed: r.rate } : {}),
        },
  );
  const batches = [...new Set(rows.flatMap((r) => (r.batch === null ? [] : [r.batch])))].sort((a, b) => a - b);
  const x = {
    field: 'batch',
    type: 'quantitative',
    title: 'batch size B',
    scale: { type: 'log', base: 2 },
    axis: { values: batches },
  } as const;
  const color = methodColor('method', [...new Set(rows.map((r) => r.method))]);
  const k = { field: 'k', type: 'ordinal', title: 'k (= p)' } as const;
  const y = (field: string) => ({ field, type: 'quantitative' as const, title: 'success rate', scale: { domain: [0, 1] } });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    config: FIGURE_CONFIG,
    data: { values },
    // A row of panels, or (columns given) panels wrapped into rows of that many.
    ...(layout.columns ? { facet: k, columns: layout.columns } : { facet: { column: k } }),
    spec: {
      width: layout.width ?? 260,
      height: layout.height ?? 240,
      layer: [
        { mark: { type: 'errorbar', ticks: true }, encoding: { x, y: y('lo'), y2: { field: 'hi' }, color } },
        { mark: { type: 'line', point: true }, encoding: { x, y: y('rate'), color } },
        { mark: { type: 'rule', strokeDash: [5, 4] }, encoding: { y: y('gdRate'), color } },
        { mark: { type: 'point', shape: 'circle', size: 220, filled: false, strokeWidth: 2 }, encoding: { x, y: y('ringed'), color } },
      ],
    },
  };
}
