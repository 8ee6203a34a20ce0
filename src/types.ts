// The public JSON contract of a run: what users write and what the engine returns.

/** The student: the ResNet of Liu et al. (first layer u + v, the shortcut u) or the CNN of Du et al. (first layer w). */
export type Model = 'resnet' | 'cnn';
/** The engines (src/engines.ts: what each runs). */
export type EngineName = 'wasm' | 'js' | 'reduced' | 'reduced-js';
/** How a run ended (SPEC §5, checked before every step in this order): diverged, global optimum, trapped at the spurious optimum, or maxIter steps taken. */
export type OutcomeName = 'global' | 'spurious' | 'unconverged' | 'diverged';

/** The teacher y = Σ_j a*_j σ(⟨Z_j, w*⟩) (SPEC §2): k numbers aStar and p numbers wStar. */
export interface Teacher {
  aStar: number[];
  /** Normalised on input. */
  wStar: number[];
}

/** ResNet: a0 and optional v0 (default 0). CNN: a0 and w0. */
export type Init = { a0: number[]; v0?: number[] } | { a0: number[]; w0: number[] };

/** A teacher of r* filters (SPEC §9): r* rows of k (aStar) and of p (wStar, each normalised on input). */
export interface WideTeacher {
  aStar: number[][];
  wStar: number[][];
}

/** A student of r filters: r rows of k (a0) and of p (v0, default zeros; w0). A plain vector is one row. */
export type WideInit = { a0: number[][] | number[]; v0?: number[][] | number[] } | { a0: number[][] | number[]; w0: number[][] | number[] };

/** A stage of a piecewise schedule: step t (from 0) uses the first stage with t < until; etaA for the second layer, etaV for the first. */
export interface Stage {
  until: number;
  etaA: number;
  etaV: number;
}

/**
 * What the steps do after the warmup (from step 0 without one), both layers alike (SPEC §4):
 * multiplied by `gamma` every `every` steps (counted from the decay's start) or at each of the listed
 * `milestones` (steps counted from 0, like `until`); or a cosine from the step to `etaMin` over `T` steps.
 */
export type Decay =
  | { kind: 'step-decay'; gamma: number; every?: number; milestones?: number[] }
  | { kind: 'cosine'; etaMin: number; T: number };

/**
 * etaV is the first-layer step: v for the ResNet, w for the CNN. `ssw` and `linear-warmup` warm up
 * for `warmup` steps (ssw: small constant steps; linear-warmup: from eta0 — etaA0 for the second
 * layer, default eta0 — rising linearly to eta); `step-decay` and `cosine` are `constant` with a decay.
 */
export type Schedule =
  | { kind: 'constant'; etaA: number; etaV: number; decay?: Decay }
  | { kind: 'ssw'; eta: number; etaV1: number; etaA1?: number; warmup: number; decay?: Decay }
  | { kind: 'linear-warmup'; eta: number; eta0: number; etaA0?: number; warmup: number; decay?: Decay }
  | { kind: 'step-decay'; eta: number; gamma: number; every?: number; milestones?: number[] }
  | { kind: 'cosine'; eta: number; etaMin: number; T: number }
  | { kind: 'piecewise'; stages: Stage[] };

/** The `kind`s of Schedule (SPEC §4). */
export const SCHEDULE_KINDS = ['constant', 'ssw', 'linear-warmup', 'step-decay', 'cosine', 'piecewise'] as const;

/**
 * Sampled data (SPEC §8): B fresh samples every step (online SGD), or a training set of n samples drawn
 * once, taken in mini-batches of B (default n: full-batch GD on the empirical loss) in each epoch's
 * shuffled order. Labels get N(0, labelNoise²) noise (default 0). All draws come from `seed` alone.
 */
export type DataConfig =
  | { kind: 'online'; batch: number; labelNoise?: number; seed: number }
  | { kind: 'fixed'; n: number; batch?: number; labelNoise?: number; seed: number };

/** A run (SPEC §4): model, teacher, start and step sizes; every other field has a default. Checked by parseRunConfig (ConfigError on bad input). */
export interface RunConfig {
  model: Model;
  teacher: Teacher;
  init: Init;
  schedule: Schedule;
  /** Steps before the run ends unconverged (default 5000). */
  maxIter?: number;
  /** Global optimum when ‖w̄ − w*‖ + ‖a − a*‖ ≤ tol (default 1e-6). */
  tol?: number;
  /** Record a trajectory sample every logEvery steps; 0 records none (default). */
  logEvery?: number;
  /** Trap test: π − φ ≤ trapAngle and ‖a − ā‖ ≤ trapRadius (defaults 0.05, 1e-3). */
  trapAngle?: number;
  trapRadius?: number;
  /** Absent: exact population gradient descent (SPEC §4). Present: SGD on sampled data (SPEC §8). */
  data?: DataConfig;
  /**
   * Sampled runs' trap rule (instead of trapAngle/trapRadius, which noisy runs never meet): spurious
   * once aᵀa* < 0 and φ ≥ trapPhi have held for trapWindow steps in a row, or at maxIter in that region,
   * when āᵀa* < 0 (defaults 2.5, 500).
   */
  trapPhi?: number;
  trapWindow?: number;
}

/** The outcome rule of a wide run (r > 1 or r* > 1; SPEC §9). */
export interface WideRule {
  /** global once L ≤ lossTol (default 1e-10). */
  lossTol?: number;
  /** spurious once ‖∇L‖ ≤ gradTol (default 1e-8) has held for gradWindow steps in a row (default 100) at L > lossTol. */
  gradTol?: number;
  gradWindow?: number;
  /**
   * With `data` (SGD never meets gradTol): spurious once L has stayed above trapLoss without halving while the
   * first layer's step sizes added up to trapTime (Σ η_v); lossTol defaults to a noise floor's size when
   * labelNoise > 0 (docs/wide.md: Sampled data).
   */
  trapLoss?: number;
  trapTime?: number;
}

/**
 * A run of a wide student (SPEC §9): init.a0 and/or teacher.aStar as lists of rows. With r = r* = 1 it is
 * the run of §3–§5 (same engines, same rule), its result in the wide form. With `data`, SGD on sampled
 * data (SPEC §8), its outcome by lossTol, trapLoss and trapTime.
 */
export type WideRunConfig = Omit<RunConfig, 'teacher' | 'init' | 'trapPhi' | 'trapWindow'> &
  WideRule & {
    teacher: Teacher | WideTeacher;
    init: Init | WideInit;
  };

/** A wide sample: t, L, ‖∇L‖ (absent at r = r* = 1, whose samples are §3's), each filter's angle to its nearest teacher filter. */
export interface WideTrajectorySample {
  t: number;
  loss: number;
  gradNorm?: number;
  angles: number[];
  /** Runs on sampled data, as TrajectorySample's. */
  batchLoss?: number;
  trainLoss?: number;
}

/** The result of a WideRunConfig. */
export interface WideRunResult {
  outcome: OutcomeName;
  iterations: number;
  /** The smallest of `angles`: the filter nearest to a teacher filter. */
  phi: number;
  loss: number;
  /** ‖∇L‖ at the final state, over both layers. */
  gradNorm: number;
  /** r rows of k. */
  a: number[][];
  /** r unit rows w̄_i = x_i/‖x_i‖. */
  w: number[][];
  /** Each filter's angle to its nearest teacher filter. */
  angles: number[];
  /** Runs on sampled data, as RunResult's. */
  batchLoss?: number;
  trainLoss?: number;
  trajectory?: WideTrajectorySample[];
}

/** A sample of a run's trajectory: step t, angle φ between w̄ and w*, loss L, aᵀa*, ‖a − a*‖ and ‖w̄ − w*‖. */
export interface TrajectorySample {
  t: number;
  phi: number;
  loss: number;
  aDotAStar: number;
  errA: number;
  errW: number;
  /** Sampled runs: mean ℓ of the last mini-batch, at the iterate it was drawn for (NaN, JSON null, at t = 0). */
  batchLoss?: number;
  /** Runs on a fixed training set: mean ℓ over the training set. */
  trainLoss?: number;
}

/** The result of a RunConfig: the outcome, the steps taken, the final angle φ, loss and vectors, and the trajectory when logEvery > 0. */
export interface RunResult {
  outcome: OutcomeName;
  iterations: number;
  phi: number;
  /** The exact population loss L of the final iterate (SPEC §3), also for sampled runs. */
  loss: number;
  /** Sampled runs: mean ℓ = ½(f − y)² of the last mini-batch (NaN, JSON null, if no step was taken). */
  batchLoss?: number;
  /** Runs on a fixed training set: mean ℓ over the training set at the final iterate. */
  trainLoss?: number;
  a: number[];
  /** The unit first-layer direction w̄ = x/‖x‖. */
  w: number[];
  trajectory?: TrajectorySample[];
}

/** A point of parameter space: ResNet (a, v) or CNN (a, w). */
export type State =
  | { model: 'resnet'; teacher: Teacher; a: number[]; v: number[] }
  | { model: 'cnn'; teacher: Teacher; a: number[]; w: number[] };

/** ∇_a L and the first-layer gradient (∇_v L for the ResNet, ∇_w L for the CNN). */
export type Gradients = { a: number[]; v: number[] } | { a: number[]; w: number[] };

/** A ResNet's point of parameter space: second layer `a`, residual convolution `v` (the first layer is u + v). */
export type ResNetState = Extract<State, { model: 'resnet' }>;

/** A CNN's point of parameter space: second layer `a`, first layer `w` (the network uses w/‖w‖). */
export type CnnState = Extract<State, { model: 'cnn' }>;

/** A ResNet's gradients: ∇_a L and ∇_v L. */
export type ResNetGradients = { a: number[]; v: number[] };

/** A CNN's gradients: ∇_a L and ∇_w L. */
export type CnnGradients = { a: number[]; w: number[] };
