// The validated, numeric form of a run that every engine consumes, and the engine interface.

import { Outcome } from './layout.js';
export { Outcome, SAMPLE_WIDTH } from './layout.js';

/** Outcome names, indexed by Outcome (the engines' codes, src/layout.ts). */
export const OUTCOME_NAMES = ['global', 'spurious', 'unconverged', 'diverged'] as const satisfies Record<Outcome, string>;

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
  trajectory: Float64Array;
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
export function trajectoryCapacity(pr: Problem): number {
  return pr.logEvery > 0 ? Math.floor(pr.maxIter / pr.logEvery) + 2 : 0;
}
