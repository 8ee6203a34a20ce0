// The step-size schedule as the run loops read it: the stage of step t and its constants,
// looked up only when t reaches the next stage boundary.
import { TWO_PI } from "./closedForm";

const STAGE = 3; // until, ηa, ηv

export let nextUntil: f64 = -Infinity;
export let hA: f64 = 0;  // ηa/(2π)
export let hV: f64 = 0;  // ηv/(2π)
export let A: f64 = 0;   // ηa(π − 1)/(2π)
let stage = -1;

export function resetSchedule(): void {
  stage = -1;
  nextUntil = -Infinity;
}

/** Moves to the stage step t uses: the first with t < until; after the last, the last. */
export function enterStage(stages: usize, nStages: i32, t: f64): void {
  while (stage < nStages - 1 && (stage < 0 || t >= load<f64>(stages + <usize>(stage * STAGE) * 8))) stage++;
  const st = stages + <usize>(stage * STAGE) * 8;
  nextUntil = stage < nStages - 1 ? load<f64>(st) : Infinity;
  hA = load<f64>(st, 8) / TWO_PI;
  hV = load<f64>(st, 16) / TWO_PI;
  A = hA * (Math.PI - 1);
}
