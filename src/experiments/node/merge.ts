// Combines the trial stores of a sweep's shards into the aggregate of the whole sweep: the same
// rows, byte for byte, as one unsharded run.
import { UsageError, writeFileAtomic } from '../../io.js';
import { readStore, unique, type StoreHeader, type TrialRange } from './store.js';
import { parseSweepConfig, sweepAggregate, type SweepAggregate, type SweepConfig } from '../core/sweep.js';
import { cellCount } from '../core/sweepConfig.js';
import { parseShard } from './trials.js';

export function mergeParts(paths: string[]): SweepAggregate {
  if (paths.length === 0) throw new UsageError('merge: give the trial files of the shards (e.g. results/sweep.part-*-of-3.jsonl)');
  let first: { path: string; configText: string; config: SweepConfig; cells: number } | undefined;
  const rangeOf = (path: string) => (header: StoreHeader): TrialRange => {
    if (header.experiment !== 'sweep')
      throw new UsageError(`merge: '${path}' holds ${header.experiment} trials, not a sweep's; merge takes the trial files of one sweep's shards`);
    const configText = JSON.stringify(header.config);
    if (!first) { const config = parseSweepConfig(header.config); first = { path, configText, config, cells: cellCount(config) }; }
    if (configText !== first.configText)
      throw new UsageError(`merge: '${path}' comes from another sweep than '${first.path}' (their configs differ); merge the shards of one sweep`);
    const { config, cells } = first;
    return { cells, trials: config.trials, seed: config.seed, maxIter: config.maxIter,
      shard: header.shard === undefined ? undefined : parseShard(header.shard) };
  };
  const parts = paths.map((path) => ({ path, ...readStore(path, { range: rangeOf(path) }) }));
  const { config, cells } = first!;
  // Every record is a valid trial of the sweep, so the distinct ones are all of them or some are missing.
  const records = unique(parts.flatMap((p) => p.records));
  const missing = cells * config.trials - records.length;
  if (missing > 0) {
    const gap = records.findIndex((r, i) => r.cell * config.trials + r.trial !== i);
    const at = gap < 0 ? records.length : gap;
    const shards = parts.map((p) => p.header.shard ?? 'unsharded').join(', ');
    throw new UsageError(`merge: ${missing} trials are missing (e.g. cell ${Math.floor(at / config.trials)}, trial ${at % config.trials}); `
      + `the parts given hold shards ${shards}; run or finish the missing shards and merge again`);
  }
  return sweepAggregate(config, records);
}

export function writeMerged(paths: string[], out: string): SweepAggregate {
  const merged = mergeParts(paths);
  writeFileAtomic(out, JSON.stringify(merged, null, 2) + '\n');
  return merged;
}
