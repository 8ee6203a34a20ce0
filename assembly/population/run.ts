// The whole run of SPEC §4–5 inside WebAssembly: no JS crossing per step.
import { updateX, updateA, distSq, maxAbs, sumOf, sumXX, sumXW, sumA, sumAAs } from "./passes";
import { cosine, arcCosKernel, lossFrom } from "../common/closedForm";
import { StageCursor } from "../common/schedule";
import {
  GLOBAL, SPURIOUS, UNCONVERGED, DIVERGED, DIVERGED_A, BOUND_SLACK, NEAR_MARGIN, SAMPLE_WIDTH,
  SAMPLE_T, SAMPLE_PHI, SAMPLE_LOSS, SAMPLE_A_DOT_A_STAR, SAMPLE_ERR_A, SAMPLE_ERR_W,
  OUT_OUTCOME, OUT_ITERATIONS, OUT_PHI, OUT_LOSS, OUT_NORM, OUT_SAMPLES,
  DESC_P, DESC_K, DESC_X, DESC_WS, DESC_A, DESC_AS, DESC_AB, DESC_STAGES, DESC_N_STAGES, DESC_MAX_ITER, DESC_TOL,
  DESC_TRAP_ANGLE, DESC_TRAP_RADIUS, DESC_TRAP_POSSIBLE, DESC_LOG_EVERY, DESC_TRAJ, DESC_TRAJ_CAP, DESC_OUT,
} from "../common/layout";
import { descField, putSlot } from "../common/memory";

// The vector engine runs one problem at a time: its cursor lives in static memory.
const cursor = changetype<StageCursor>(memory.data(offsetof<StageCursor>(), 16));

/**
 * Runs gradient descent to its outcome; desc: the run's descriptor (common/layout.ts, DESC_*; the
 * scratch is not used). From the state in x (raw first layer, p) and a (k); ws: w* (unit), as: a*,
 * ab: ā; stages: nStages × [until, ηa, ηv]; traj: trajCap samples. Writes the out block
 * [outcome, iterations, φ, L, ‖x‖, samples]; x and a hold the final state.
 */
export function runVector(desc: usize): void {
  const p = <i32>descField(desc, DESC_P), k = <i32>descField(desc, DESC_K);
  const x = <usize>descField(desc, DESC_X), ws = <usize>descField(desc, DESC_WS), a = <usize>descField(desc, DESC_A);
  const as = <usize>descField(desc, DESC_AS), ab = <usize>descField(desc, DESC_AB);
  const stages = <usize>descField(desc, DESC_STAGES), nStages = <i32>descField(desc, DESC_N_STAGES);
  const maxIter = descField(desc, DESC_MAX_ITER), tol = descField(desc, DESC_TOL);
  const trapAngle = descField(desc, DESC_TRAP_ANGLE), trapRadius = descField(desc, DESC_TRAP_RADIUS);
  const trapPossible = descField(desc, DESC_TRAP_POSSIBLE) != 0, logEvery = descField(desc, DESC_LOG_EVERY);
  const traj = <usize>descField(desc, DESC_TRAJ), trajCap = <i32>descField(desc, DESC_TRAJ_CAP);
  const out = <usize>descField(desc, DESC_OUT);
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
  const near = tol * tol + NEAR_MARGIN * <f64>(p + 4);
  let n: f64 = 0, c: f64 = 0, phi: f64 = 0, g: f64 = 0;
  while (true) {
    n = Math.sqrt(sumXX);
    const invN = 1 / n;
    c = cosine(sumXW, n);
    phi = Math.acos(c);
    g = arcCosKernel(c, phi);
    const sumD = sumA - sumAs;
    if (logEvery > 0 && t % logEvery == 0 && samples < trajCap) {
      writeSample(traj + <usize>(samples * SAMPLE_WIDTH) * 8, t, p, k, x, ws, a, as, n, phi, g, sumD);
      samples++;
      lastSampled = t;
    }
    if (bound > DIVERGED_A) bound = maxAbs(a, k);
    if (!isFinite(sumXX) || !isFinite(sumXW) || !isFinite(sumD) || !isFinite(sumAAs) || bound > DIVERGED_A) {
      outcome = DIVERGED; break;
    }
    if (2 - 2 * c <= near) { // ‖w̄ − w*‖ may be ≤ tol: then the exact distances, the cheaper first
      const errA = Math.sqrt(distSq(a, as, k, 1));
      if (errA <= tol) {
        const errW = Math.sqrt(distSq(x, ws, p, invN));
        if (errW + errA <= tol) { outcome = GLOBAL; break; }
      }
    }
    if (trapPossible && Math.PI - phi <= trapAngle && Math.sqrt(distSq(a, ab, k, 1)) <= trapRadius) {
      outcome = SPURIOUS; break;
    }
    if (t >= maxIter) { outcome = UNCONVERGED; break; }

    if (t >= cursor.nextUntil) cursor.enter(t);
    const hA = cursor.hA, hV = cursor.hV, A = cursor.A;
    const B = hA * sumD, C = hA * (Math.PI - g);
    const K = hV * sumAAs * (Math.PI - phi) * invN;
    updateX(x, ws, p, K, c * invN);   // both gradients were taken at the old state: simultaneous update
    updateA(a, as, k, A, B, C);
    // |a_i − ((A(a_i − a*_i) + B) + C a*_i)| ≤ (1 + |A|)|a_i| + (|A| + |C|)|a*_i| + |B|, inflated past rounding
    bound = ((1 + abs(A)) * bound + (abs(A) + abs(C)) * maxAs + abs(B)) * BOUND_SLACK;
    t++;
  }
  const sumD = sumA - sumAs;
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    writeSample(traj + <usize>(samples * SAMPLE_WIDTH) * 8, t, p, k, x, ws, a, as, n, phi, g, sumD);
    samples++;
  }
  putSlot(out, OUT_OUTCOME, <f64>outcome);
  putSlot(out, OUT_ITERATIONS, t);
  putSlot(out, OUT_PHI, phi);
  putSlot(out, OUT_LOSS, lossFrom(distSq(a, as, k, 1), sumD, g, sumAAs));
  putSlot(out, OUT_NORM, n);
  putSlot(out, OUT_SAMPLES, <f64>samples);
}

function writeSample(
  at: usize, t: f64, p: i32, k: i32, x: usize, ws: usize, a: usize, as: usize,
  n: f64, phi: f64, g: f64, sumD: f64,
): void {
  const errA2 = distSq(a, as, k, 1);
  putSlot(at, SAMPLE_T, t);
  putSlot(at, SAMPLE_PHI, phi);
  putSlot(at, SAMPLE_LOSS, lossFrom(errA2, sumD, g, sumAAs));
  putSlot(at, SAMPLE_A_DOT_A_STAR, sumAAs);
  putSlot(at, SAMPLE_ERR_A, Math.sqrt(errA2));
  putSlot(at, SAMPLE_ERR_W, Math.sqrt(distSq(x, ws, p, 1 / n)));
}
