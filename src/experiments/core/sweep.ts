// Sweep runs: the cells of a sweep config (sweepConfig.ts) × trials, and their aggregate. Browser-safe:
// the page runs its sweeps with runSweepTrials, Node (node/sweep.ts) on its worker pool.
import type { Schedule } from '../../types.js';
import { aggregate, FORMAT_VERSION, type SweepRow } from './aggregate.js';
import { rate, textTable } from './format.js';
import type { CellData } from './cell.js';
import { runTrials, type Runner, type TrialRecord, type TrialsOptions } from './run.js';
import { parseSweepConfig, sweepCells, type SweepConfig } from './sweepConfig.js';

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

/** One line per cell: its parameters, success rate and interval (and its data, for sampled cells; its r and r*, for wide ones). */
export function formatSweep(a: SweepAggregate): string {
  const sampled = a.rows.some((r) => r.data);
  // Students of r filters against teachers of r* (SPEC §9): columns only where the grid lists them.
  const widths = a.config.grid.width !== undefined,
    teacherWidths = a.config.grid.teacherWidth !== undefined;
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
