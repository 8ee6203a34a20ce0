// The whole run of SPEC §4–5 inside WebAssembly: no JS crossing per step.
import { updateX, updateA, distSq, sumXX, sumXW, sumD, sumAAs, maxAbsA } from "./passes";
import { TWO_PI, cosine, arcCosKernel, lossFrom } from "./closedForm";

export const GLOBAL = 0, SPURIOUS = 1, UNCONVERGED = 2, DIVERGED = 3;
// 2 − 2c estimates ‖w̄ − w*‖² to ~1e-16·p; within this margin of tol² the exact distance is computed.
const NEAR_MARGIN: f64 = 1e-9;
const DIVERGED_A: f64 = 1e6;
const SAMPLE = 6; // t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖
const STAGE = 3;  // until, ηa, ηv

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
  let t: f64 = 0, stage = 0, samples = 0, lastSampled: f64 = -1;
  let outcome = UNCONVERGED;
  let n: f64 = 0, c: f64 = 0, phi: f64 = 0, g: f64 = 0;
  while (true) {
    n = Math.sqrt(sumXX);
    c = cosine(sumXW, n);
    phi = Math.acos(c);
    g = arcCosKernel(c, phi);
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + <usize>(samples * SAMPLE) * 8, t, p, k, x, ws, a, as, n, phi, g);
      samples++;
      lastSampled = t;
    }
    if (!isFinite(sumXX) || !isFinite(sumXW) || !isFinite(sumD) || !isFinite(sumAAs) || maxAbsA > DIVERGED_A) {
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

    while (stage < nStages - 1 && t >= load<f64>(stages + <usize>(stage * STAGE) * 8)) stage++;
    const etaA = load<f64>(stages + <usize>(stage * STAGE) * 8, 8);
    const etaV = load<f64>(stages + <usize>(stage * STAGE) * 8, 16);
    const A = etaA * (Math.PI - 1) / TWO_PI;
    const B = etaA * sumD / TWO_PI;
    const C = etaA * (Math.PI - g) / TWO_PI;
    const K = etaV * sumAAs * (Math.PI - phi) / (TWO_PI * n);
    const cn = c / n;
    updateX(x, ws, p, K, cn);   // both gradients were taken at the old state: simultaneous update
    updateA(a, as, k, A, B, C);
    t++;
  }
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + <usize>(samples * SAMPLE) * 8, t, p, k, x, ws, a, as, n, phi, g);
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
  n: f64, phi: f64, g: f64,
): void {
  const errA2 = distSq(a, as, k, 1);
  store<f64>(at, t);
  store<f64>(at, phi, 8);
  store<f64>(at, lossFrom(errA2, sumD, g, sumAAs), 16);
  store<f64>(at, sumAAs, 24);
  store<f64>(at, Math.sqrt(errA2), 32);
  store<f64>(at, Math.sqrt(distSq(x, ws, p, n)), 40);
}
