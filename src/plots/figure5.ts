// Figure 5 as a vega-lite spec: φ, aᵀa*, ‖a − a*‖ and the loss against the step for one or
// more runs, the end of stage I marked. Used for the SVG files and the live browser plot.
import type { TopLevelSpec } from 'vega-lite';
import type { TrajectorySample } from '../types.js';

export interface TrajectorySeries {
  /** Legend label, e.g. "resnet-ssw". */
  label: string;
  samples: TrajectorySample[];
}

const PANELS = [
  { key: 'phi', title: 'φ (angle between w̄ and w*)' },
  { key: 'aDotAStar', title: 'aᵀa*' },
  { key: 'errA', title: '‖a − a*‖' },
  { key: 'loss', title: 'loss L' },
] as const;

/** Panel size and how many panels per row (the web page narrows them on a phone). */
export interface Figure5Layout { width?: number; height?: number; columns?: number }

/** `stageEnd`: the step where stage I ends (warmup T1), drawn as a labelled dashed rule. */
export function figure5Spec(series: TrajectorySeries[], stageEnd?: number, title?: string,
  layout: Figure5Layout = {}): TopLevelSpec {
  const values = series.flatMap((s) => s.samples.flatMap((q) => PANELS.map((p) => ({
    run: s.label, t: q.t, panel: p.title, value: q[p.key],
  }))));
  const layers: object[] = [{
    mark: { type: 'line', clip: true },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'step t' },
      y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
      color: { field: 'run', type: 'nominal', title: 'run' },
    },
  }];
  if (stageEnd !== undefined) {
    const data = { values: [{ t: stageEnd, label: `end of stage I (t = ${stageEnd})` }] };
    layers.push({
      data, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
      encoding: { x: { field: 't', type: 'quantitative' } },
    }, {
      data, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy: 4, y: 0, color: 'gray', fontSize: 10 },
      encoding: { x: { field: 't', type: 'quantitative' }, text: { field: 'label' } },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(title ? { title } : {}),
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: PANELS.map((p) => p.title) },
    columns: layout.columns ?? 2,
    spec: { width: layout.width ?? 300, height: layout.height ?? 180, layer: layers },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
