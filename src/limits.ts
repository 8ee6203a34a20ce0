// Every default and every input limit, each with why: the CLI, the config files, the public
// functions and the web page import them from here, so a value one of them accepts (or assumes
// when it is left out) is the value the others accept or assume. Browser-safe.
import { DIVERGED_A } from './layout.js';
import type { PresetName } from './presets.js';

// ── A run (config files, presets, the page) ──

/** Steps before a run ends unconverged (SPEC §5). */
export const DEFAULT_MAX_ITER = 5000;
/** The outcome rule of population runs (SPEC §5): tol on e_glob, and the trap's angle and radius. */
export const RUN_DEFAULTS = { tol: 1e-6, trapAngle: 0.05, trapRadius: 1e-3 } as const;
/**
 * Sampled runs' trap rule and, with label noise, the tolerance (docs/sgd.md: "Sampled data"): SGD
 * jitters around the spurious point, and label noise keeps it off the global one.
 */
export const SAMPLED_DEFAULTS = { trapPhi: 2.5, trapWindow: 500, noisyTol: 0.5 } as const;

/**
 * Wide runs' outcome rule (SPEC §9), chosen by measurement (docs/wide.md): global once L ≤ lossTol;
 * spurious once ‖∇L‖ ≤ gradTol has held for gradWindow steps in a row at L > lossTol.
 */
export const WIDE_DEFAULTS = { lossTol: 1e-10, gradTol: 1e-8, gradWindow: 100 } as const;

/**
 * Wide runs on sampled data (docs/wide.md: "Sampled data"), chosen by measurement (scripts/wide-sgd-outcomes.mjs):
 * SGD never holds still, so spurious once L has stayed above trapLoss without halving while the first layer's
 * step sizes added up to trapTime (Σ η_v, so that a warmup's small steps and batch-scaled schedules count alike);
 * with label noise L cannot fall below its noise floor, so lossTol then defaults to noisyLossTol.
 */
export const WIDE_SAMPLED_DEFAULTS = { trapLoss: 0.01, trapTime: 50, noisyLossTol: 0.1 } as const;

/** The most filters r of a student, or r* of a teacher (SPEC §9), an experiment or a sweep may give. */
export const MAX_FILTERS = 64;
/** The largest step count, size or experiment seed: counts stay exact and far inside the kernels' i32. */
export const MAX_COUNT = 1e9;
/** Trajectory samples one run may record (each is SAMPLE_WIDTH numbers in engine memory). */
export const MAX_SAMPLES = 1_000_000;
/** Smallest k and p of the presets' teachers: a* − mean(a*)·1 and v* ⊥ u need a second dimension. */
export const MIN_DIMENSION = 2;
/** Largest k (patches) and p (patch dimension) of an experiment or a page run. */
export const MAX_DIMENSION = 100_000;
/**
 * The largest teacher and start parameter: beyond it a run is decided at once (a diverges past
 * |a_i| = DIVERGED_A, SPEC §5) or its vectors overflow.
 */
export const MAX_SCALE = DIVERGED_A;

// ── Experiments (table1, sgd, figure5, sweeps, fit) ──

/** The commands' output folder when --out is not given. */
export const DEFAULT_OUT = 'results';
/** The seed of an experiment's teachers and starts when none is given. */
export const DEFAULT_SEED = 1;
/** SPEC §6.1's constants; the files of an experiment on another preset name it. */
export const DEFAULT_PRESET: PresetName = 'spec';
/** Table 1 (SPEC §6.1): its seven k (p = k) and the paper's 5000 trials per cell. */
export const TABLE1_K = [16, 25, 36, 49, 64, 81, 100];
/** Trials per cell of Table 1: the paper's 5000. */
export const TABLE1_TRIALS = 5000;
/** The SGD study: Table 1's k with B = 1, 4, 16, 64 (GD as B = ∞), fewer trials (a step costs B·k·p). */
export const SGD_K = TABLE1_K;
/** The SGD study's batch sizes B. */
export const SGD_BATCHES = [1, 4, 16, 64];
/** Trials per cell of the SGD study. */
export const SGD_TRIALS = 1000;
/**
 * The width study (SPEC §9): students of r = 1, 2, 4, 8 filters against Table 1's teacher (r* = 1) at
 * three of Table 1's k (p = k), 1000 trials per cell (the r = 1 cells are Table 1's trials).
 */
export const WIDTH_K = [16, 36, 100];
/** The width study's numbers of filters r. */
export const WIDTH_R = [1, 2, 4, 8];
/** Trials per cell of the width study. */
export const WIDTH_TRIALS = 1000;
/** The width study's steps per run: SPEC §9's measurement ran 5000 (docs/wide.md: its time). */
export const WIDTH_MAX_ITER = DEFAULT_MAX_ITER;
/** The reference batch B0 of the step scaling rules (SPEC §4): B ≥ B0 keeps the GD step. */
export const SCALE_BATCH = 64;
/** The default SGD study (docs/sgd.md): each method's GD schedule with its steps scaled by √(B/B0), stretched in time. */
export const SGD_SCHEDULE = 'constant';
export const SGD_SCALE = 'sqrt';

/** The experiments' options as the CLI's flags take them (--seed, --trials, --k, --batch, --n). */
export const LIMITS = {
  seed: { min: 0, max: MAX_COUNT },
  /** The sizes below (MAX_TRIALS and the rest) bound it in practice. */
  trials: { min: 1, max: 1e7 },
  k: { min: MIN_DIMENSION, max: MAX_DIMENSION },
  /** A mini-batch is held in engine memory whole. */
  batch: { min: 1, max: 1e6 },
  n: { min: 1, max: MAX_COUNT },
} as const;

/**
 * Trials one sweep (or table1 run) may hold: each finished trial is kept in memory until the
 * aggregate is written, and merge reads all shards at once (10⁶ trials: 360 MB at the peak), so
 * 5·10⁶ stay well inside V8's default heap.
 */
export const MAX_TRIALS = 5_000_000;
/** Cells one sweep may hold (each is an object, a row of the aggregate and a printed line). */
export const MAX_CELLS = 100_000;
/** Vector entries the trials' starts may take together (trials × (k + p), over the cells): the set-up work. */
export const MAX_ENTRIES = 1e11;

/**
 * Panels a sweep's figure draws (one per combination of the varying axes after the first): more are
 * neither readable nor quick to render; the CSV holds every cell.
 */
export const MAX_SWEEP_PANELS = 24;
/**
 * Trajectory samples `run --plot` draws at most, so the SVG stays small: a config that logs none is
 * logged every ⌈maxIter/5000⌉ steps for the plot (every step, as Figure 5, up to 5000 steps), a longer
 * log is drawn every m-th sample.
 */
export const PLOT_SAMPLES = 5000;

/** fit's --trials (the coarse stages run a fifth of it, at least 50; default: Table 1's) and --seed. */
export const FIT_LIMITS = { trials: { min: 10, max: 1e6 }, seed: LIMITS.seed } as const;
export const FIT_TRIALS = TABLE1_TRIALS;
