// Combines the trial stores of a sweep's shards into the aggregate of the whole sweep: the same
// rows, byte for byte, as one unsharded run.
import { UsageError, writeFileAtomic } from '../io.js';
import { readStore, trialKey, unique, type TrialRecord } from './store.js';
import { parseSweepConfig, sweepAggregate, sweepCells, type SweepAggregate } from './sweep.js';
import { plannedTrials } from './trials.js';

export function mergeParts(paths: string[]): SweepAggregate {
  if (paths.length === 0) throw new UsageError('merge: give the trial files of the shards (e.g. results/sweep.part-*-of-3.jsonl)');
  const parts = paths.map((path) => ({ path, ...readStore(path) }));
  const first = parts[0];
  const configText = JSON.stringify(first.header.config);
  for (const part of parts.slice(1)) {
    if (JSON.stringify(part.header.config) !== configText)
      throw new UsageError(`merge: '${part.path}' comes from another sweep than '${first.path}' (their configs differ); merge the shards of one sweep`);
  }
  const config = parseSweepConfig(first.header.config);
  const records: TrialRecord[] = unique(parts.flatMap((p) => p.records));
  const have = new Set(records.map(trialKey));
  const missing = plannedTrials(sweepCells(config), config.trials)
    .filter(({ cell, trial }) => !have.has(trialKey({ cell: cell.cell, trial })));
  if (missing.length > 0) {
    const shards = parts.map((p) => p.header.shard ?? 'unsharded').join(', ');
    throw new UsageError(`merge: ${missing.length} trials are missing (e.g. cell ${missing[0].cell.cell}, trial ${missing[0].trial}); `
      + `the parts given hold shards ${shards}; run or finish the missing shards and merge again`);
  }
  return sweepAggregate(config, records);
}

export function writeMerged(paths: string[], out: string): SweepAggregate {
  const merged = mergeParts(paths);
  writeFileAtomic(out, JSON.stringify(merged, null, 2) + '\n');
  return merged;
}
