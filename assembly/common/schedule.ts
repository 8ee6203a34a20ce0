// The step-size schedule as the run loops read it (SPEC §4): the stage of step t and its step sizes,
// recomputed only when t reaches the cursor's next event (a stage boundary, a decay boundary, or every
// step inside a linear or cosine stage). A stage is a row of STAGE_WIDTH numbers:
//   [until, ηa, ηv, shape, ηa1, ηv1, span, γ]
// and starts where the row before ends (the first at 0); s is its start, u = t − s:
//   SHAPE_CONSTANT: ηa, ηv.
//   SHAPE_LINEAR:   η + (η1 − η)·min(u, span)/span, per layer (ηa → ηa1, ηv → ηv1).
//   SHAPE_COSINE:   η1 + (η − η1)·c², c = cos(π·min(u, span)/(2 span)) = √((1 + cos(π min(u, span)/span))/2).
//   SHAPE_STEP:     η, multiplied by γ at s + span, s + 2 span, … (one product per boundary, in order).
// No allocation; src/twin/common/schedule.ts does the same operations in the same order.
import { TWO_PI } from "./closedForm";
import { STAGE_WIDTH, SHAPE_LINEAR, SHAPE_COSINE, SHAPE_STEP } from "./layout";
import { cosKernel, sinKernel } from "../random/elementary";

/** cos(πy) for y in [0, 1/2], from musl's kernels (the same bits on every engine). */
export function cosPiHalf(y: f64): f64 {
  return y <= 0.25 ? cosKernel(Math.PI * y) : sinKernel(Math.PI * (0.5 - y));
}

@unmanaged export class StageCursor {
  nextUntil: f64;
  hA: f64;  // ηa/(2π)
  hV: f64;  // ηv/(2π)
  A: f64;   // ηa(π − 1)/(2π)
  etaA: f64; // ηa, ηv themselves (the sampled engine's steps)
  etaV: f64;
  stages: usize;
  nStages: i32;
  stage: i32;
  start: f64;    // the current stage's first step
  boundary: f64; // SHAPE_STEP: the next step where γ applies

  /** Points the cursor at a schedule (nStages rows of STAGE_WIDTH) before step 0. */
  reset(stages: usize, nStages: i32): void {
    this.stages = stages;
    this.nStages = nStages;
    this.stage = -1;
    this.nextUntil = -Infinity;
  }

  /** Moves to the stage step t uses (the first with t < until; after the last, the last) and sets its steps. */
  enter(t: f64): void {
    const stages = this.stages, last = this.nStages - 1;
    let stage = this.stage;
    const before = stage;
    while (stage < last && (stage < 0 || t >= load<f64>(stages + <usize>(stage * STAGE_WIDTH) * 8))) stage++;
    this.stage = stage;
    const st = stages + <usize>(stage * STAGE_WIDTH) * 8;
    const end = stage < last ? load<f64>(st) : Infinity;
    const shape = <i32>load<f64>(st, 24), span = load<f64>(st, 48);
    if (stage != before) {
      this.start = stage > 0 ? load<f64>(st - <usize>STAGE_WIDTH * 8) : 0;
      this.etaA = load<f64>(st, 8);
      this.etaV = load<f64>(st, 16);
      this.boundary = this.start + span;
    }
    let next = end;
    if (shape == SHAPE_LINEAR || shape == SHAPE_COSINE) {
      const u = min(t - this.start, span);
      const a0 = load<f64>(st, 8), v0 = load<f64>(st, 16), a1 = load<f64>(st, 32), v1 = load<f64>(st, 40);
      if (shape == SHAPE_LINEAR) {
        this.etaA = a0 + (a1 - a0) * u / span;
        this.etaV = v0 + (v1 - v0) * u / span;
      } else {
        const c = cosPiHalf(0.5 * (u / span)), c2 = c * c;
        this.etaA = a1 + (a0 - a1) * c2;
        this.etaV = v1 + (v0 - v1) * c2;
      }
      if (u < span) next = min(t + 1, end);
    } else if (shape == SHAPE_STEP) {
      const gamma = load<f64>(st, 56);
      while (t >= this.boundary) {
        this.etaA *= gamma;
        this.etaV *= gamma;
        this.boundary += span;
      }
      next = min(this.boundary, end);
    }
    this.nextUntil = next;
    this.hA = this.etaA / TWO_PI;
    this.hV = this.etaV / TWO_PI;
    this.A = this.hA * (Math.PI - 1);
  }
}
