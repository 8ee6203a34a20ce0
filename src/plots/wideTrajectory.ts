// The live plot of a wide student (SPEC §9): each filter's angle to its nearest teacher filter (w* when
// the teacher has one), one line per filter, and the loss (log scale) against the step, the end of
// stage I marked. Pure data → spec (the web page draws it).
import type { TopLevelSpec } from 'vega-lite';
import type { Method } from '../presets.js';
import type { WideTrajectorySample } from '../types.js';
import { colorScale } from './colors.js';

export interface WideTrajectorySeries {
  label: string;
  method: Method;
  samples: WideTrajectorySample[];
}

/** Labels on every third power of ten only. */
const LOG_AXIS = { format: '.0e', labelExpr: 'round(log(datum.value) / LN10) % 3 === 0 ? datum.label : ""' };
const Y_AXIS_WIDTH = 44;

export function wideTrajectorySpec(
  series: WideTrajectorySeries[],
  stageEnd?: number,
  layout: { width?: number; height?: number; columns?: number } = {},
): TopLevelSpec {
  const faded = series.map((_, i) => i < series.length - 1);
  const angles = series.flatMap((s, i) =>
    s.samples.flatMap((q) => q.angles.map((angle, f) => ({ run: s.label, faded: faded[i], t: q.t, filter: `filter ${f + 1}`, angle }))),
  );
  const losses = series.flatMap((s, i) =>
    s.samples.filter((q) => q.loss > 0).map((q) => ({ run: s.label, faded: faded[i], t: q.t, loss: q.loss })),
  );
  const width = layout.width ?? 300,
    height = layout.height ?? 180;
  const x = {
    field: 't',
    type: 'quantitative',
    title: 'step t',
    axis: { tickCount: Math.max(2, Math.floor(width / 70)), labelFlush: true },
  } as const;
  const opacity = { condition: { test: 'datum.faded', value: 0.35 }, value: 1 };
  const rule =
    stageEnd === undefined
      ? []
      : [
          {
            data: { values: [{ t: stageEnd }] },
            mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
            encoding: { x: { field: 't', type: 'quantitative' } },
          },
        ];
  const axis = (log: boolean) => ({ minExtent: Y_AXIS_WIDTH, maxExtent: Y_AXIS_WIDTH, ...(log ? LOG_AXIS : {}) });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    concat: [
      {
        width,
        height,
        layer: [
          {
            data: { values: angles },
            mark: { type: 'line', clip: true },
            encoding: {
              x,
              y: {
                field: 'angle',
                type: 'quantitative',
                title: 'angle of each filter to w*',
                scale: { domain: [0, Math.PI] },
                axis: axis(false),
              },
              color: { field: 'filter', type: 'nominal', title: 'filter', sort: null },
              detail: { field: 'run' },
              opacity,
            },
          },
          ...rule,
        ],
      },
      {
        width,
        height,
        layer: [
          {
            data: { values: losses },
            mark: { type: 'line', clip: true },
            encoding: {
              x,
              y: { field: 'loss', type: 'quantitative', title: 'loss L (log scale)', scale: { type: 'log' }, axis: axis(true) },
              color: { field: 'run', type: 'nominal', title: 'run', scale: colorScale(series), sort: null },
              opacity,
            },
          },
          ...rule,
        ],
      },
    ],
    columns: layout.columns ?? 2,
    spacing: { row: 28, column: 24 },
    resolve: { scale: { y: 'independent', color: 'independent' } },
  } as TopLevelSpec;
}
