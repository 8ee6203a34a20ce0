// Figure 5 as a vega-lite spec: φ, aᵀa*, ‖a − a*‖ and the loss (log scale) against the step for
// one or more runs, the end of stage I marked. Used for the SVG files and the live browser plot.
import type { TopLevelSpec } from 'vega-lite';
import type { Method } from '../presets.js';
import type { TrajectorySample } from '../types.js';
import { FIGURE_CONFIG, METHOD_LEGEND, colorScale } from './colors.js';

export interface TrajectorySeries {
  /** Legend label, e.g. "resnet-ssw". */
  label: string;
  /** Whose colour the curve takes (one colour per method in every figure). */
  method: Method;
  samples: TrajectorySample[];
}

const PANELS = [
  { key: 'phi', title: 'φ = ∠(w̄, w*)', log: false },
  { key: 'aDotAStar', title: 'aᵀa*', log: false },
  { key: 'errA', title: '‖a − a*‖', log: false },
  // The loss falls to about 1e-13: only a log scale shows the convergence.
  { key: 'loss', title: 'loss L (log scale)', log: true },
] as const;

/** The loss panel's curves for runs on sampled data: the population loss and the sampled ones. */
const LOSSES = {
  loss: { label: 'population L', dash: [1, 0] },
  batchLoss: { label: 'mini-batch', dash: [2, 2] },
  trainLoss: { label: 'training set', dash: [6, 3] },
};

/** Width of every panel's y-axis labels, so that the panels' plot areas line up. */
const Y_AXIS_WIDTH = 44;

/** Labels on every third power of ten only: 14 decades do not fit one label each. */
const LOG_AXIS = { format: '.0e', labelExpr: 'round(log(datum.value) / LN10) % 3 === 0 ? datum.label : ""' };

/**
 * Panel size and how many panels per row (the web page narrows them on a phone); `steps`: a fifth
 * panel with the step sizes ηa and ηv of each sample (the samples' etaA and etaV, which the page adds).
 */
export interface Figure5Layout {
  width?: number;
  height?: number;
  columns?: number;
  steps?: boolean;
}

/** The step-size panel's two curves. */
const STEP_DASH = { etaA: [1, 0], etaV: [5, 3] };

/**
 * `stageEnd`: the step where stage I ends (warmup T1), a dashed rule in every panel, labelled
 * above the plot area where no curve runs. Series of one method share its colour; the earlier
 * of such series is drawn faded.
 */
export function figure5Spec(series: TrajectorySeries[], stageEnd?: number, title?: string, layout: Figure5Layout = {}): TopLevelSpec {
  const faded = series.map((s, i) => series.slice(i + 1).some((later) => later.method === s.method));
  const values = series.flatMap((s, i) => s.samples.map((q) => ({ run: s.label, faded: faded[i], ...q })));
  const width = layout.width ?? 300;
  // About one tick per 70 px: the step counts' labels must not run into each other on narrow panels.
  const x = {
    field: 't',
    type: 'quantitative',
    title: 'step t',
    axis: { tickCount: Math.max(2, Math.floor(width / 70)), labelFlush: true },
  } as const;
  // Runs on sampled data (SPEC §8) add their mini-batch and training-set losses to the loss panel.
  const shownLosses = (Object.keys(LOSSES) as (keyof typeof LOSSES)[]).filter((key) =>
    series.some((s) => s.samples.some((q) => q[key] !== undefined)),
  );
  const sampled = shownLosses.length > 1;
  const panel = (p: (typeof PANELS)[number]) => {
    const losses = sampled && p.key === 'loss';
    const layers: object[] = [
      {
        // A log scale cannot show a loss of exactly 0 (nor a batch loss before the first batch).
        ...(losses
          ? { transform: [{ fold: shownLosses, as: ['of', 'value'] }, { filter: 'isFinite(datum.value) && datum.value > 0' }] }
          : p.log
            ? { transform: [{ filter: `datum.${p.key} > 0` }] }
            : {}),
        mark: { type: 'line', clip: true },
        encoding: {
          x,
          y: {
            field: losses ? 'value' : p.key,
            type: 'quantitative',
            title: losses ? 'losses (log scale)' : p.title,
            scale: p.log ? { type: 'log' } : { zero: false },
            axis: { minExtent: Y_AXIS_WIDTH, maxExtent: Y_AXIS_WIDTH, ...(p.log ? LOG_AXIS : {}) },
          },
          color: { field: 'run', type: 'nominal', title: 'run', scale: colorScale(series), sort: null, legend: METHOD_LEGEND },
          opacity: { condition: { test: 'datum.faded', value: 0.35 }, value: 1 },
          ...(losses
            ? {
                strokeDash: {
                  field: 'of',
                  type: 'nominal',
                  title: 'loss',
                  sort: shownLosses,
                  scale: { domain: shownLosses, range: shownLosses.map((key) => LOSSES[key].dash) },
                  legend: {
                    labelExpr: shownLosses.reduceRight(
                      (rest, key) => `datum.label === '${key}' ? '${LOSSES[key].label}' : ${rest}`,
                      'datum.label',
                    ),
                  },
                },
              }
            : {}),
        },
      },
    ];
    if (stageEnd !== undefined) {
      const data = { values: [{ t: stageEnd, label: `end of stage I (t = ${stageEnd})` }] };
      layers.push(
        {
          data,
          mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
          encoding: { x: { field: 't', type: 'quantitative' } },
        },
        {
          data,
          mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 2, dy: -3, y: 0, color: 'gray', fontSize: 12 },
          encoding: { x: { field: 't', type: 'quantitative' }, text: { field: 'label' } },
        },
      );
    }
    return { width, height: layout.height ?? 180, layer: layers };
  };
  const stepPanel = {
    width,
    height: layout.height ?? 180,
    transform: [{ fold: ['etaA', 'etaV'], as: ['layer', 'eta'] }, { filter: 'isFinite(datum.eta)' }],
    mark: { type: 'line', clip: true },
    encoding: {
      x,
      y: { field: 'eta', type: 'quantitative', title: 'step sizes ηₐ, ηᵥ', axis: { minExtent: Y_AXIS_WIDTH, maxExtent: Y_AXIS_WIDTH } },
      color: { field: 'run', type: 'nominal', title: 'run', scale: colorScale(series), sort: null },
      opacity: { condition: { test: 'datum.faded', value: 0.35 }, value: 1 },
      strokeDash: {
        field: 'layer',
        type: 'nominal',
        title: 'step of',
        scale: { domain: ['etaA', 'etaV'], range: [STEP_DASH.etaA, STEP_DASH.etaV] },
        legend: { labelExpr: "datum.label === 'etaA' ? 'ηₐ (second layer)' : 'ηᵥ (first layer)'" },
      },
    },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(title ? { title } : {}),
    config: FIGURE_CONFIG,
    data: { values },
    concat: [...PANELS.map(panel), ...(layout.steps ? [stepPanel] : [])],
    columns: layout.columns ?? 2,
    spacing: { row: 28, column: 24 },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
