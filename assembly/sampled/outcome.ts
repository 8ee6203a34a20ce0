// The outcome of a sampled run: SPEC §5 with the sampled runs' trap rule, one rule for both SGD
// engines (assembly/sampled/run.ts and reduced.ts), checked before every step in this order.
// src/twin/sampled/outcome.ts is its twin.
import { GLOBAL, SPURIOUS, UNCONVERGED, DIVERGED, DIVERGED_A } from "../common/layout";

/** Not decided: the run takes its step. */
export const GOES_ON: i32 = -1;

// Steps in a row so far with aᵀa* < 0 and φ ≥ trapPhi (one run at a time).
let inTrap: f64 = 0;

/** Before a run's first check. */
export function startOutcome(): void {
  inTrap = 0;
}

/**
 * The outcome at step t, or GOES_ON: diverged (a non-finite state number, or max|a_i| > 1e6), global
 * (‖w̄ − w*‖ + ‖a − a*‖ = errW + errA ≤ tol; ∞ where the caller knows the run is far), spurious (when
 * āᵀa* < 0: aᵀa* < 0 and φ ≥ trapPhi for more than trapWindow steps in a row, or at maxIter), unconverged
 * (t ≥ maxIter).
 */
export function sampledOutcome(finite: bool, maxA: f64, errW: f64, errA: f64, tol: f64, trapPossible: bool,
  aAs: f64, phi: f64, trapPhi: f64, trapWindow: f64, t: f64, maxIter: f64): i32 {
  if (!finite || maxA > DIVERGED_A) return DIVERGED;
  if (errW + errA <= tol) return GLOBAL;
  if (trapPossible && aAs < 0 && phi >= trapPhi) {
    inTrap++;
    if (inTrap > trapWindow || t >= maxIter) return SPURIOUS; // or the run ends in the trap region
  } else inTrap = 0;
  if (t >= maxIter) return UNCONVERGED;
  return GOES_ON;
}
