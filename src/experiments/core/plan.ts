// Which trials a run does, made lazily: one shard's share of the (cell, trial) grid in batches,
// skipping the trials already done. Browser-safe (no Node modules).
import type { EngineName } from '../../types.js';
import type { Batch, Cell } from './cell.js';

/** Shard `index` of `count` (1 ≤ index ≤ count). */
export interface Shard {
  index: number;
  count: number;
}

/** Whether `count` can be a number of shards: a whole number ≥ 1. */
export const isShardCount = (count: unknown): count is number => Number.isSafeInteger(count) && (count as number) >= 1;

/** The rule of `--shard i/N` and of an API shard alike: whole numbers with 1 ≤ index ≤ count. */
export function isShard(index: unknown, count: unknown): boolean {
  return isShardCount(count) && Number.isSafeInteger(index) && (index as number) >= 1 && (index as number) <= count;
}

/** How many of the trials 0…total−1 (numbered cell × trials + trial) fall in the shard. */
export function shardSize(total: number, shard: Shard = { index: 1, count: 1 }): number {
  return total >= shard.index ? Math.floor((total - shard.index) / shard.count) + 1 : 0;
}

/**
 * The trials of this run not yet done, in (cell, trial) order, in batches of at most `size`, made
 * as they are needed: one shard's trials are every N-th trial in (cell, trial) order, which spreads
 * cheap and costly cells evenly over the shards.
 */
export function* plannedBatches(
  run: { cells: Cell[]; trials: number; shard?: Shard; engine: EngineName },
  done: (index: number) => boolean,
  size: number,
): Generator<Batch> {
  const { index, count } = run.shard ?? { index: 1, count: 1 };
  for (const cell of run.cells) {
    const base = cell.cell * run.trials;
    let trials: number[] = [];
    for (let t = (((index - 1 - base) % count) + count) % count; t < run.trials; t += count) {
      if (done(base + t)) continue;
      trials.push(t);
      if (trials.length === size) {
        yield { engine: run.engine, cell, trials };
        trials = [];
      }
    }
    if (trials.length > 0) yield { engine: run.engine, cell, trials };
  }
}
