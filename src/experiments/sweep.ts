// Sweep runs: the cells of a sweep config (sweepConfig.ts) × trials on the worker pool, and their aggregate.
import { writeFileAtomic } from '../io.js';
import type { Schedule } from '../types.js';
import { aggregate, FORMAT_VERSION, type SweepRow } from './aggregate.js';
import { rate, textTable } from './format.js';
import type { TrialRecord } from './store.js';
import type { CellData } from './cell.js';
import { runExperiment, type PoolOptions, type Shard } from './trials.js';
import { parseSweepConfig, sweepCells, type SweepConfig } from './sweepConfig.js';

export { parseSweepConfig, sweepCells, type SweepConfig };

export interface SweepAggregate {
  version: number;
  experiment: 'sweep';
  seed: number;
  config: SweepConfig;
  rows: (Omit<SweepRow, 'seed' | 'maxIter'>)[];
}

/** The aggregate of a whole sweep; the same function serves plain runs and merged shards. */
export function sweepAggregate(config: SweepConfig, records: TrialRecord[]): SweepAggregate {
  const rows = aggregate(sweepCells(config), records).map(({ seed: _seed, maxIter: _maxIter, ...row }) => row);
  return { version: FORMAT_VERSION, experiment: 'sweep', seed: config.seed, config, rows };
}

export interface SweepOptions extends PoolOptions {
  config: SweepConfig;
  /** The trial store (JSON lines). */
  out: string;
  /** Where the aggregate goes (not written for a shard: merge the shards instead). */
  aggregate: string;
  shard?: Shard;
}

/** Runs (or resumes) a sweep or one shard of it; returns the aggregate of a whole sweep. */
export async function runSweep(o: SweepOptions): Promise<SweepAggregate | undefined> {
  const records = await runExperiment({
    experiment: 'sweep', config: o.config, cells: sweepCells(o.config), trials: o.config.trials,
    shard: o.shard, engine: o.engine, workers: o.workers, store: o.out, quiet: o.quiet,
  });
  if (o.shard && o.shard.count > 1) return undefined;
  const result = sweepAggregate(o.config, records);
  writeFileAtomic(o.aggregate, JSON.stringify(result, null, 2) + '\n');
  return result;
}

/** One line per cell: its parameters, success rate and interval (and its data, for sampled cells). */
export function formatSweep(a: SweepAggregate): string {
  const sampled = a.rows.some((r) => r.data);
  return textTable([
    ['cell', 'k', 'p', 'method', 'schedule', ...(sampled ? ['data'] : []), '‖v*‖', '1ᵀa*', 'spread', 'radius', 'rate', '95% interval', 'mean iters'],
    ...a.rows.map((r) => [String(r.cell), String(r.k), String(r.p), r.method, scheduleLabel(r.schedule), ...(sampled ? [dataLabel(r.data)] : []),
      String(r.vStarNorm), String(r.aStarSum), String(r.aStarSpread), String(r.radiusScale), rate(r.rate), `[${rate(r.ci[0])}, ${rate(r.ci[1])}]`,
      r.meanIterations.toFixed(0)]),
  ]);
}

/** 'population', 'online B=4', 'fixed n=100 B=10', with ' s=0.1' for label noise. */
export function dataLabel(d: CellData | undefined): string {
  if (!d) return 'population';
  const noise = d.labelNoise > 0 ? ` s=${d.labelNoise}` : '';
  return d.n === undefined ? `online B=${d.batch}${noise}` : `fixed n=${d.n} B=${d.batch ?? d.n}${noise}`;
}

function scheduleLabel(s: Schedule): string {
  return s.kind === 'ssw' ? `ssw T1=${s.warmup} ηv1=${s.etaV1} ηa1=${s.etaA1 ?? s.eta} η=${s.eta}`
    : s.kind === 'constant' ? `constant ηa=${s.etaA} ηv=${s.etaV}` : 'piecewise';
}
