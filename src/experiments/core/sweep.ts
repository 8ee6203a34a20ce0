// Sweep runs: the cells of a sweep config (sweepConfig.ts) × trials, and their aggregate. Browser-safe:
// the page runs its sweeps with runSweepTrials, Node (node/sweep.ts) on its worker pool.
import type { Schedule } from '../../types.js';
import { aggregate, FORMAT_VERSION, SUMMARY_COLUMNS, summaryCells, type CellSummary, type SweepRow } from './aggregate.js';
import { csv, rate, textTable } from './format.js';
import type { CellData } from './cell.js';
import type { SweepPlot } from '../../plots/sweep.js';
import { runTrials, type Runner, type TrialRecord, type TrialsOptions } from './run.js';
import { parseSweepConfig, sweepCells, sweepSeries, type SweepConfig } from './sweepConfig.js';
import { MAX_SWEEP_PANELS } from '../../limits.js';

export { parseSweepConfig, sweepCells, type SweepConfig };

/** What runSweep returns and a sweep's aggregate file holds: the config and a row per cell. */
export interface SweepAggregate {
  version: number;
  experiment: 'sweep';
  seed: number;
  config: SweepConfig;
  rows: Omit<SweepRow, 'seed' | 'maxIter'>[];
}

/** The aggregate of a whole sweep; the same function serves plain runs and merged shards. */
export function sweepAggregate(config: SweepConfig, records: TrialRecord[]): SweepAggregate {
  const rows = aggregate(sweepCells(config), records).map(({ seed: _seed, maxIter: _maxIter, ...row }) => row);
  return { version: FORMAT_VERSION, experiment: 'sweep', seed: config.seed, config, rows };
}

/** Runs a whole sweep on `runner` (nothing is stored) and returns its aggregate. */
export async function runSweepTrials(config: SweepConfig, runner: Runner, options: TrialsOptions = {}): Promise<SweepAggregate> {
  const records = await runTrials({ cells: sweepCells(config), trials: config.trials }, runner, options);
  return sweepAggregate(config, records);
}

/** Which optional columns a sweep's table and CSV have: data for sampled cells, r and r* where the grid lists them (SPEC §9). */
function optionalColumns(a: SweepAggregate) {
  return {
    sampled: a.rows.some((r) => r.data),
    widths: a.config.grid.width !== undefined,
    teacherWidths: a.config.grid.teacherWidth !== undefined,
  };
}

/** One line per cell: its parameters, success rate and interval (and its data, for sampled cells; its r and r*, for wide ones). */
export function formatSweep(a: SweepAggregate): string {
  const { sampled, widths, teacherWidths } = optionalColumns(a);
  const filters = (r: SweepAggregate['rows'][number]) => [
    ...(widths ? [String(r.width ?? 1)] : []),
    ...(teacherWidths ? [String(r.teacherWidth ?? 1)] : []),
  ];
  return textTable([
    [
      'cell',
      'k',
      'p',
      ...(widths ? ['r'] : []),
      ...(teacherWidths ? ['r*'] : []),
      'method',
      'schedule',
      ...(sampled ? ['data'] : []),
      '‖v*‖',
      '1ᵀa*',
      'spread',
      'radius',
      'rate',
      '95% interval',
      'mean iters',
    ],
    ...a.rows.map((r) => [
      String(r.cell),
      String(r.k),
      String(r.p),
      ...filters(r),
      r.method,
      scheduleLabel(r.schedule),
      ...(sampled ? [dataLabel(r.data)] : []),
      String(r.vStarNorm),
      String(r.aStarSum),
      String(r.aStarSpread),
      String(r.radiusScale),
      rate(r.rate),
      `[${rate(r.ci[0])}, ${rate(r.ci[1])}]`,
      r.meanIterations.toFixed(0),
    ]),
  ]);
}

/** NAME.csv: one line per cell, its parameters (as the printed table) and its summary (as table1.csv's). */
export function sweepCsv(a: SweepAggregate): string {
  const { sampled, widths, teacherWidths } = optionalColumns(a);
  return csv(
    [
      'cell',
      'k',
      'p',
      ...(widths ? ['width'] : []),
      ...(teacherWidths ? ['teacher_width'] : []),
      'method',
      'schedule',
      ...(sampled ? ['batch', 'n', 'label_noise'] : []),
      'v_star_norm',
      'a_star_sum',
      'a_star_spread',
      'radius_scale',
      ...SUMMARY_COLUMNS,
    ],
    a.rows.map((r) => [
      r.cell,
      r.k,
      r.p,
      ...(widths ? [r.width ?? 1] : []),
      ...(teacherWidths ? [r.teacherWidth ?? 1] : []),
      r.method,
      scheduleLabel(r.schedule),
      // Online cells have no n; a fixed set without a batch size takes B = n.
      ...(sampled ? [r.data?.batch ?? r.data?.n ?? '', r.data?.n ?? '', r.data?.labelNoise ?? 0] : []),
      r.vStarNorm,
      r.aStarSum,
      r.aStarSpread,
      r.radiusScale,
      ...summaryCells(r),
    ]),
  );
}

type PlotCell = Omit<SweepRow, 'seed' | 'maxIter' | keyof CellSummary> & Pick<CellSummary, 'rate' | 'ci'>;

/** The grid's numeric axes in the cells' order (outer first): how the figure names each and reads it from a cell. */
const AXES: { field: keyof SweepConfig['grid']; symbol: string; title: string; log?: boolean; of: (c: PlotCell) => number | undefined }[] =
  [
    { field: 'k', symbol: 'k', title: 'k', of: (c) => c.k },
    { field: 'p', symbol: 'p', title: 'p', of: (c) => c.p },
    { field: 'vStarNorm', symbol: '‖v*‖', title: '‖v*‖', of: (c) => c.vStarNorm },
    { field: 'aStarSum', symbol: '1ᵀa*', title: '1ᵀa*', of: (c) => c.aStarSum },
    { field: 'aStarSpread', symbol: 'spread', title: '‖a* − mean(a*)·1‖', of: (c) => c.aStarSpread },
    { field: 'radiusScale', symbol: 'radius', title: 'radius of the a0 ball (× ‖a*‖)', of: (c) => c.radiusScale },
    { field: 'batch', symbol: 'B', title: 'batch size B', log: true, of: (c) => c.data?.batch },
    { field: 'n', symbol: 'n', title: 'training set size n', log: true, of: (c) => c.data?.n },
    { field: 'labelNoise', symbol: 's', title: 'label noise s', of: (c) => c.data?.labelNoise },
    { field: 'teacherWidth', symbol: 'r*', title: "teacher's filters r*", log: true, of: (c) => c.teacherWidth },
    { field: 'width', symbol: 'r', title: 'filters r', log: true, of: (c) => c.width },
  ];

/**
 * The sweep's figure as data: success rate against the first axis the grid varies, one series per
 * method and schedule (the numbers the grid lists for it), one panel per combination of the other
 * varying axes (at most MAX_SWEEP_PANELS, the first ones). No varying axis: one point per series.
 */
export function sweepPlot(config: SweepConfig, cells: PlotCell[]): SweepPlot {
  const varying = AXES.filter((a) => ((config.grid[a.field] as unknown[] | undefined)?.length ?? 0) > 1);
  const [x, ...others] = varying;
  const series = sweepSeries(config);
  const panelOf = (c: PlotCell) => others.map((a) => `${a.symbol} = ${a.of(c)}`).join(', ');
  const panels = [...new Set(cells.map(panelOf))];
  const shown = new Set(panels.slice(0, MAX_SWEEP_PANELS));
  const rows = cells.flatMap((c) => {
    const panel = panelOf(c);
    if (!shown.has(panel)) return [];
    const s = series[c.cell % series.length];
    return [{ x: x?.of(c), panel, method: c.method, schedule: s.numbers, rate: c.rate, ci: c.ci }];
  });
  return {
    axis: x && {
      // p = k unless the grid lists p.
      title: x.field === 'k' && config.grid.p === undefined ? 'k (= p)' : x.title,
      log: x.log ?? false,
      values: [...new Set(rows.map((r) => r.x!))].sort((a, b) => a - b),
    },
    rows,
    panels: [...shown],
    hiddenPanels: panels.length - shown.size,
  };
}

/** 'population', 'online B=4', 'fixed n=100 B=10', with ' s=0.1' for label noise. */
export function dataLabel(d: CellData | undefined): string {
  if (!d) return 'population';
  const noise = d.labelNoise > 0 ? ` s=${d.labelNoise}` : '';
  return d.n === undefined ? `online B=${d.batch}${noise}` : `fixed n=${d.n} B=${d.batch ?? d.n}${noise}`;
}

function scheduleLabel(s: Schedule): string {
  return s.kind === 'ssw'
    ? `ssw T1=${s.warmup} ηv1=${s.etaV1} ηa1=${s.etaA1 ?? s.eta} η=${s.eta}`
    : s.kind === 'constant'
      ? `constant ηa=${s.etaA} ηv=${s.etaV}`
      : 'piecewise';
}
