// The whole run of SPEC §4–5 inside WebAssembly: no JS crossing per step.
import { updateX, updateA, distSq, maxAbs, sumOf, sumXX, sumXW, sumA, sumAAs } from "./passes";
import { cosine, arcCosKernel, lossFrom } from "../common/closedForm";
import { StageCursor } from "../common/schedule";

// The vector engine runs one problem at a time: its cursor lives in static memory.
const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

export const GLOBAL = 0, SPURIOUS = 1, UNCONVERGED = 2, DIVERGED = 3;
// 2 − 2c estimates ‖w̄ − w*‖² to ~1e-16·p; within this margin of tol² the exact distance is computed.
const NEAR_MARGIN: f64 = 1e-9;
const DIVERGED_A: f64 = 1e6;
// Inflates the running bound on max|a_i| past the rounding of one update (a few ulps).
const BOUND_SLACK: f64 = 1 + 1e-12;
const SAMPLE = 6; // t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖

/**
 * Runs gradient descent from the state in x (raw first layer, p) and a (k) to its outcome.
 * ws: w* (unit), as: a*, ab: ā; stages: nStages × [until, ηa, ηv]; traj: trajCap samples.
 * Writes [outcome, iterations, φ, L, ‖x‖, samples] to out; x and a hold the final state.
 */
export function runVector(
  p: i32, k: i32, x: usize, ws: usize, a: usize, as: usize, ab: usize,
  stages: usize, nStages: i32, maxIter: f64, tol: f64,
  trapAngle: f64, trapRadius: f64, trapPossible: bool,
  logEvery: f64, traj: usize, trajCap: i32, out: usize,
): void {
  updateX(x, ws, p, 0, 0);
  updateA(a, as, k, 0, 0, 0);
  const sumAs = sumOf(as, k);
  const maxAs = maxAbs(as, k);
  // max|a_i| matters only past 1e6: keep a cheap upper bound, and look at a itself only when
  // the bound passes the threshold (|α a_i + β a*_i + γ| ≤ |α| max|a| + |β| max|a*| + |γ|).
  let bound = maxAbs(a, k);
  let t: f64 = 0, samples = 0, lastSampled: f64 = -1;
  cursor.reset(stages, nStages);
  let outcome = UNCONVERGED;
  let n: f64 = 0, c: f64 = 0, phi: f64 = 0, g: f64 = 0;
  while (true) {
    n = Math.sqrt(sumXX);
    c = cosine(sumXW, n);
    phi = Math.acos(c);
    g = arcCosKernel(c, phi);
    const sumD = sumA - sumAs;
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + <usize>(samples * SAMPLE) * 8, t, p, k, x, ws, a, as, n, phi, g, sumD);
      samples++;
      lastSampled = t;
    }
    if (bound > DIVERGED_A) bound = maxAbs(a, k);
    if (!isFinite(sumXX) || !isFinite(sumXW) || !isFinite(sumD) || !isFinite(sumAAs) || bound > DIVERGED_A) {
      outcome = DIVERGED; break;
    }
    if (2 - 2 * c <= tol * tol + NEAR_MARGIN) {
      const errW = Math.sqrt(distSq(x, ws, p, n));
      const errA = Math.sqrt(distSq(a, as, k, 1));
      if (errW + errA <= tol) { outcome = GLOBAL; break; }
    }
    if (trapPossible && Math.PI - phi <= trapAngle && Math.sqrt(distSq(a, ab, k, 1)) <= trapRadius) {
      outcome = SPURIOUS; break;
    }
    if (t >= maxIter) { outcome = UNCONVERGED; break; }

    if (t >= cursor.nextUntil) cursor.enter(t);
    const hA = cursor.hA, hV = cursor.hV, A = cursor.A;
    const B = hA * sumD, C = hA * (Math.PI - g);
    const invN = 1 / n;
    const K = hV * sumAAs * (Math.PI - phi) * invN;
    updateX(x, ws, p, K, c * invN);   // both gradients were taken at the old state: simultaneous update
    updateA(a, as, k, A, B, C);
    // |a_i − ((A(a_i − a*_i) + B) + C a*_i)| ≤ (1 + |A|)|a_i| + (|A| + |C|)|a*_i| + |B|, inflated past rounding
    bound = ((1 + abs(A)) * bound + (abs(A) + abs(C)) * maxAs + abs(B)) * BOUND_SLACK;
    t++;
  }
  const sumD = sumA - sumAs;
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + <usize>(samples * SAMPLE) * 8, t, p, k, x, ws, a, as, n, phi, g, sumD);
    samples++;
  }
  store<f64>(out, <f64>outcome);
  store<f64>(out, t, 8);
  store<f64>(out, phi, 16);
  store<f64>(out, lossFrom(distSq(a, as, k, 1), sumD, g, sumAAs), 24);
  store<f64>(out, n, 32);
  store<f64>(out, <f64>samples, 40);
}

function writeSample(
  at: usize, t: f64, p: i32, k: i32, x: usize, ws: usize, a: usize, as: usize,
  n: f64, phi: f64, g: f64, sumD: f64,
): void {
  const errA2 = distSq(a, as, k, 1);
  store<f64>(at, t);
  store<f64>(at, phi, 8);
  store<f64>(at, lossFrom(errA2, sumD, g, sumAAs), 16);
  store<f64>(at, sumAAs, 24);
  store<f64>(at, Math.sqrt(errA2), 32);
  store<f64>(at, Math.sqrt(distSq(x, ws, p, n)), 40);
}
