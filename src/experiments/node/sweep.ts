// Sweep runs in Node: the cells of a sweep config (core/sweepConfig.ts) × trials on the worker pool,
// resumable from their trial store, and their aggregate (core/sweep.ts).
import { writeFileAtomic } from '../../io.js';
import type { RunControl } from '../core/run.js';
import { parseSweepConfig, sweepAggregate, sweepCells, type SweepAggregate, type SweepConfig } from '../core/sweep.js';
import { checkWorkers, DEFAULT_EXPERIMENT_ENGINE, defaultWorkers, runExperiment, type PoolOptions, type Shard } from './trials.js';

export { dataLabel, formatSweep, parseSweepConfig, sweepAggregate, sweepCells, type SweepAggregate, type SweepConfig } from '../core/sweep.js';

export interface SweepOptions extends Partial<PoolOptions> {
  /** A sweep config (checked and completed with parseSweepConfig: an object as a config file holds it). */
  config: SweepConfig | Record<string, unknown>;
  /** The trial store (JSON lines; a run resumes from it). Omitted: no trials are written. */
  out?: string;
  /** Where the aggregate goes (never for a shard: merge the shards instead). Omitted: not written. */
  aggregate?: string;
  shard?: Shard;
}

/** Runs (or resumes) a sweep or one shard of it; returns the aggregate of a whole sweep (a shard: undefined). */
export async function runSweep(o: SweepOptions, control: RunControl = {}): Promise<SweepAggregate | undefined> {
  const config = parseSweepConfig(o.config);
  const records = await runExperiment({
    experiment: 'sweep', config, cells: sweepCells(config), trials: config.trials, shard: o.shard,
    engine: o.engine ?? DEFAULT_EXPERIMENT_ENGINE, workers: checkWorkers(o.workers ?? defaultWorkers()),
    store: o.out, quiet: o.quiet ?? true, signals: o.signals,
  }, control);
  if (o.shard && o.shard.count > 1) return undefined;
  const result = sweepAggregate(config, records);
  if (o.aggregate !== undefined) writeFileAtomic(o.aggregate, JSON.stringify(result, null, 2) + '\n');
  return result;
}
