// What the page and its Web Worker say to each other.
import type { RunResult, TrajectorySample, OutcomeName, WideRunResult, WideTrajectorySample } from '../src/types.js';
import type { PageRunConfig } from './form.js';
import type { Method } from '../src/presets.js';
import type { SweepConfig } from '../src/experiments/core/sweepConfig.js';

export type ToWorker =
  | { kind: 'run'; config: PageRunConfig }
  /** Sweeps run one after another, e.g. GD and then SGD from the same starts. */
  | { kind: 'sweep'; configs: SweepConfig[] };

/** The finished trials of one (k, method, batch) cell of a sweep. */
export interface SweepCell {
  k: number;
  method: Method;
  /** SGD's batch size; null: population GD. */
  batch: number | null;
  /** The student's filters r (SPEC §9). */
  width: number;
  trials: number;
  counts: Record<OutcomeName, number>;
}

export type FromWorker =
  /** The run so far: an exact prefix of the final trajectory. */
  | { kind: 'partial'; samples: TrajectorySample[] | WideTrajectorySample[] }
  | { kind: 'done'; result: RunResult | WideRunResult }
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'cell'; cell: SweepCell }
  | { kind: 'finished' }
  | { kind: 'error'; message: string };
