// The step-size schedule as the run loops read it: the stage of step t and its constants,
// looked up only when t reaches the next stage boundary.
import { TWO_PI } from "./closedForm";
import { STAGE_WIDTH } from "./layout";

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

  /** Points the cursor at a schedule (nStages × [until, ηa, ηv]) before step 0. */
  reset(stages: usize, nStages: i32): void {
    this.stages = stages;
    this.nStages = nStages;
    this.stage = -1;
    this.nextUntil = -Infinity;
  }

  /** Moves to the stage step t uses: the first with t < until; after the last, the last. */
  enter(t: f64): void {
    const stages = this.stages, last = this.nStages - 1;
    let stage = this.stage;
    while (stage < last && (stage < 0 || t >= load<f64>(stages + <usize>(stage * STAGE_WIDTH) * 8))) stage++;
    this.stage = stage;
    const st = stages + <usize>(stage * STAGE_WIDTH) * 8;
    this.nextUntil = stage < last ? load<f64>(st) : Infinity;
    this.etaA = load<f64>(st, 8);
    this.etaV = load<f64>(st, 16);
    this.hA = this.etaA / TWO_PI;
    this.hV = this.etaV / TWO_PI;
    this.A = this.hA * (Math.PI - 1);
  }
}
