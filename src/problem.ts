// The validated, numeric form of a run that every engine consumes, and the engine interface.

import { type Outcome, SAMPLED_SAMPLE_WIDTH, WIDE_SAMPLE_WIDTH, WIDE_SAMPLED_SAMPLE_WIDTH } from './layout.js';
export { Outcome, SAMPLE_WIDTH, SAMPLED_SAMPLE_WIDTH } from './layout.js';

/** Outcome names, indexed by Outcome (the engines' codes, src/layout.ts). */
export const OUTCOME_NAMES = ['global', 'spurious', 'unconverged', 'diverged'] as const satisfies Record<Outcome, string>;

/** The numeric form of a config's `data` (SPEC §8) and the sampled runs' trap rule. */
export interface SampledData {
  /** true: B fresh samples per step; false: a fixed training set of n samples. */
  online: boolean;
  batch: number;
  /** Training-set size (online: 0). */
  n: number;
  labelNoise: number;
  /** The run's stream key: [seed mod 2^32, ⌊seed/2^32⌋, 0, 0] (assembly/random). */
  key: [number, number, number, number];
  trapPhi: number;
  trapWindow: number;
}

/**
 * The numeric form of a wide run (SPEC §9): r student filters, r* teacher filters, and the outcome rule
 * by loss and stationarity. A wide Problem's x0 (r rows of p), a0 (r rows of k), wStar (r* unit rows)
 * and aStar (r* rows) are its matrices row after row; its aBar is empty and trapPossible false (§3's trap
 * is a point of the r = r* = 1 problem only).
 */
export interface WideSpec {
  r: number;
  rStar: number;
  /** global once L ≤ lossTol. */
  lossTol: number;
  /** spurious once ‖∇L‖ ≤ gradTol has held for gradWindow steps in a row (at L > lossTol). */
  gradTol: number;
  gradWindow: number;
  /**
   * With `data` (SGD, which never holds still, so gradTol and gradWindow do not apply): spurious once L has stayed
   * above trapLoss without halving while the first layer's step sizes η_v added up to trapTime.
   */
  trapLoss?: number;
  trapTime?: number;
}

/** A run as the engines take it: validated numbers in typed arrays (build it with toProblem; runProblems checks it again). */
export interface Problem {
  p: number;
  k: number;
  /** Raw first-layer start: u + v0 (ResNet) or w0 (CNN). */
  x0: Float64Array;
  a0: Float64Array;
  /** Unit teacher direction. */
  wStar: Float64Array;
  aStar: Float64Array;
  /** The spurious second layer ā (SPEC §3). */
  aBar: Float64Array;
  /** āᵀa* < 0: the spurious point is a local minimum. */
  trapPossible: boolean;
  /** Flattened [until, ηa, ηv] per stage. */
  stages: Float64Array;
  maxIter: number;
  tol: number;
  trapAngle: number;
  trapRadius: number;
  logEvery: number;
  /** Present for SGD on sampled data (SPEC §8). */
  data?: SampledData;
  /** Present for a wide student (SPEC §9, r > 1 or r* > 1). */
  wide?: WideSpec;
}

export interface RawResult {
  outcome: Outcome;
  iterations: number;
  phi: number;
  loss: number;
  /** ‖x‖ of the final state. */
  norm: number;
  x: Float64Array;
  a: Float64Array;
  /** Sampled runs: SAMPLED_SAMPLE_WIDTH numbers per sample; population runs: SAMPLE_WIDTH. */
  trajectory: Float64Array;
  /** Sampled runs: the last mini-batch's mean ℓ (NaN before the first step). */
  batchLoss?: number;
  /** Fixed training sets: mean ℓ over the set at the final iterate. */
  trainLoss?: number;
  /** Wide runs (SPEC §9; on sampled data with batchLoss, trainLoss): x holds r rows of p, a r rows of k; φ is the best filter's angle, norm NaN. */
  wide?: WideRawResult;
}

export interface WideRawResult {
  r: number;
  /** ‖∇L‖ at the final state (both layers). */
  gradNorm: number;
  /** Each filter's angle to its nearest teacher filter. */
  angles: Float64Array;
}

export interface StatePoint {
  p: number;
  k: number;
  x: Float64Array;
  a: Float64Array;
  wStar: Float64Array;
  aStar: Float64Array;
}

export interface LossAndGradients {
  loss: number;
  phi: number;
  gradA: Float64Array;
  /** ∇_x L: equal to ∇_v L (ResNet) and ∇_w L (CNN). */
  gradX: Float64Array;
}

/** A run's summary: outcome, iterations, φ, L (what experiments keep of a trial). */
export const SUMMARY_WIDTH = 4;

/** What an engine implements; src/simulator.ts wraps it in the public API. */
export interface Engine {
  run(problem: Problem): RawResult;
  /** The same as problems.map(run); the reduced WASM engine interleaves the runs (faster). */
  runMany(problems: Problem[]): RawResult[];
  /** The runs' summaries, SUMMARY_WIDTH numbers per problem, without final vectors or samples. */
  runSummaries(problems: Problem[]): Float64Array;
  lossAndGradients(state: StatePoint): LossAndGradients;
}

/** Room for a sample every logEvery steps up to maxIter, plus the final state. */
export function trajectoryCapacity(pr: Pick<Problem, 'logEvery' | 'maxIter'>): number {
  return pr.logEvery > 0 ? Math.floor(pr.maxIter / pr.logEvery) + 2 : 0;
}

/** [outcome, iterations, φ, L] of each result, in one array (SUMMARY_WIDTH numbers each). */
export function summariesOf(results: RawResult[]): Float64Array {
  const out = new Float64Array(results.length * SUMMARY_WIDTH);
  results.forEach((r, i) => out.set([r.outcome, r.iterations, r.phi, r.loss], i * SUMMARY_WIDTH));
  return out;
}

/** A run loop of the sampled family: runs one Problem that has `data`. */
export interface SampledEngine {
  run(problem: Problem): RawResult;
  /** Batches of sampled problems in one go (the reduced SGD engine); absent: run one by one. */
  runMany?(problems: Problem[]): RawResult[];
  runSummaries?(problems: Problem[]): Float64Array;
}

/** Numbers per trajectory sample of a wide run: WIDE_SAMPLE_WIDTH + r, on sampled data WIDE_SAMPLED_SAMPLE_WIDTH + r. */
export function wideSampleWidth(pr: { wide?: Pick<WideSpec, 'r'>; data?: unknown }): number {
  return (pr.data ? WIDE_SAMPLED_SAMPLE_WIDTH : WIDE_SAMPLE_WIDTH) + pr.wide!.r;
}

/** Trajectory capacity of a wide run, in f64: samples × wideSampleWidth. */
export function wideTrajectoryLength(pr: Pick<Problem, 'logEvery' | 'maxIter'> & { wide?: Pick<WideSpec, 'r'>; data?: unknown }): number {
  return trajectoryCapacity(pr) * wideSampleWidth(pr);
}

/** Trajectory capacity of a sampled run, in f64: samples × SAMPLED_SAMPLE_WIDTH. */
export function sampledTrajectoryLength(pr: Problem): number {
  return trajectoryCapacity(pr) * SAMPLED_SAMPLE_WIDTH;
}
