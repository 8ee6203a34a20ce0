// One cell of an experiment grid (k, p, teacher shape, a0 radius, method, schedule) and the
// fast way to turn its trials into engine Problems: validate one trial per cell, then only the
// random start changes from trial to trial.
import { parseRunConfig, problemFromValid } from '../../config.js';
import {
  randomStarts,
  teacher,
  trialConfig,
  wideRandomStarts,
  wideTeacher,
  wideTrialConfig,
  type Method,
  type TrialOptions,
} from '../../presets.js';
import type { Problem } from '../../problem.js';
import type { EngineName, Schedule, DataConfig } from '../../types.js';
import { seedKey, trialSeed } from '../../twin/random/bits.js';

/** A cell's sampled data (SPEC §8): online (n omitted) or a fixed set of n (batch omitted: B = n). */
export interface CellData {
  batch?: number;
  n?: number;
  labelNoise: number;
}

/** One cell of an experiment's grid: the teacher, method, step sizes and data all its trials share (trial i draws its start from the seed, k, method and i alone). */
export interface Cell {
  /** Position in the experiment's grid; trial records name their cell by it. */
  cell: number;
  k: number;
  p: number;
  method: Method;
  vStarNorm: number;
  aStarSum: number;
  aStarSpread: number;
  radiusScale: number;
  schedule: Schedule;
  maxIter: number;
  seed: number;
  /** Omitted: population gradient descent. */
  data?: CellData;
  /** r, the student's filters (SPEC §9); omitted: 1. */
  width?: number;
  /** r*, the teacher's filters (SPEC §9); omitted: 1. */
  teacherWidth?: number;
}

/** A cell of wide students (r > 1 or r* > 1): its trials run on the engines' wide family. */
export const isWideCell = (cell: Pick<Cell, 'width' | 'teacherWidth'>): boolean => (cell.width ?? 1) > 1 || (cell.teacherWidth ?? 1) > 1;

/** A task for a worker thread: some trials of one cell. */
export interface Batch {
  engine: EngineName;
  cell: Cell;
  trials: number[];
}

/** The presets.trialConfig options of a cell's trials, all but the trial number. */
function cellTrialOptions(cell: Cell): Omit<TrialOptions, 'trial'> {
  return {
    k: cell.k,
    p: cell.p,
    seed: cell.seed,
    method: cell.method,
    vStarNorm: cell.vStarNorm,
    aStarSum: cell.aStarSum,
    aStarSpread: cell.aStarSpread,
    radiusScale: cell.radiusScale,
    schedule: cell.schedule,
    maxIter: cell.maxIter,
  };
}

/** The trial → Problem function of a cell. Throws ConfigError if the cell is not a valid run. */
export function cellProblems(cell: Cell): (trial: number) => Problem {
  if (isWideCell(cell)) return wideCellProblems(cell);
  const options = cellTrialOptions(cell);
  const t = teacher(options);
  const data = cell.data && dataConfig(cell.data, trialSeed(cell.seed, cell.cell, 0));
  const base = problemFromValid(parseRunConfig({ ...trialConfig({ ...options, trial: 0 }, t), ...(data ? { data } : {}) }));
  // Trials differ from trial 0 only in the random start (presets.randomStarts, the same numbers as
  // trialConfig); the teacher's arrays (w*, a*, ā, stages) are shared: engines never write to a Problem.
  const startOf = randomStarts(options, t);
  const { p, k, wStar, aStar, aBar, trapPossible, stages, maxIter, tol, trapAngle, trapRadius, logEvery } = base;
  return (trial) => {
    const { a0, w0 } = startOf(trial);
    // A literal, not { ...base }: spreading costs more than a short run's set-up.
    const problem: Problem = {
      p,
      k,
      x0: w0 ?? base.x0,
      a0,
      wStar,
      aStar,
      aBar,
      trapPossible,
      stages,
      maxIter,
      tol,
      trapAngle,
      trapRadius,
      logEvery,
    };
    if (base.data) {
      problem.data = { ...base.data, key: seedKey(trialSeed(cell.seed, cell.cell, trial)) };
    }
    return problem;
  };
}

/**
 * The trial → Problem function of a cell of wide students (presets.wideTrialConfig's trials, SPEC §9):
 * trial 0 is validated, the others swap in their rows of A_0 (and of W_0 for the CNN) and, on sampled
 * data, their data seed (as a one-filter cell's).
 */
function wideCellProblems(cell: Cell): (trial: number) => Problem {
  const options = { ...cellTrialOptions(cell), width: cell.width ?? 1, teacherWidth: cell.teacherWidth ?? 1 };
  const t = wideTeacher({
    k: options.k,
    p: options.p,
    seed: options.seed,
    vStarNorm: options.vStarNorm,
    aStarSum: options.aStarSum,
    aStarSpread: options.aStarSpread,
    teacherWidth: options.teacherWidth,
  });
  const data = cell.data && dataConfig(cell.data, trialSeed(cell.seed, cell.cell, 0));
  const base = problemFromValid(parseRunConfig({ ...wideTrialConfig({ ...options, trial: 0 }, t), ...(data ? { data } : {}) }));
  const startOf = wideRandomStarts(options, t);
  return (trial) => {
    const { a0, w0 } = startOf(trial);
    const problem = { ...base, a0, x0: w0 ?? base.x0 };
    if (base.data) problem.data = { ...base.data, key: seedKey(trialSeed(cell.seed, cell.cell, trial)) };
    return problem;
  };
}

/** The run contract's data field of a cell's trial with this data seed. */
export function dataConfig(d: CellData, seed: number): DataConfig {
  return d.n === undefined
    ? { kind: 'online', batch: d.batch!, labelNoise: d.labelNoise, seed }
    : { kind: 'fixed', n: d.n, ...(d.batch === undefined ? {} : { batch: d.batch }), labelNoise: d.labelNoise, seed };
}
