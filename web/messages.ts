// What the page and its Web Worker say to each other.
import type { RunConfig, RunResult, TrajectorySample, OutcomeName } from '../src/types.js';
import type { Method } from '../src/presets.js';
import type { SweepConfig } from '../src/experiments/core/sweepConfig.js';

export type ToWorker =
  | { kind: 'run'; config: RunConfig }
  /** Sweeps run one after another, e.g. GD and then SGD from the same starts. */
  | { kind: 'sweep'; configs: SweepConfig[] };

/** The finished trials of one (k, method, batch) cell of a sweep. */
export interface SweepCell {
  k: number;
  method: Method;
  /** SGD's batch size; null: population GD. */
  batch: number | null;
  trials: number;
  counts: Record<OutcomeName, number>;
}

export type FromWorker =
  /** The run so far: an exact prefix of the final trajectory. */
  | { kind: 'partial'; samples: TrajectorySample[] }
  | { kind: 'done'; result: RunResult }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'cell'; cell: SweepCell }
  | { kind: 'finished' }
  | { kind: 'error'; message: string };
