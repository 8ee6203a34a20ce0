// The exact reduced-dimension engine (SPEC §7): the dynamics never leave
//   x ∈ span{w*, e⊥}       (e⊥: the unit part of x0 orthogonal to w*),
//   a ∈ span{b0, b1, b2}   (orthonormal basis of span{1, a*, a0}: b0 = 1/√k, b1 from a*, b2 from a0),
// so after an O(k + p) set-up every step is O(1): x = P·w* + Q·e⊥ and a = Σ α_j b_j.
// The same code, scalar for scalar, is in src/twin/reduced.ts (bit-identical).
import { cosine, arcCosKernel, lossFrom } from "./closedForm";
import { resetSchedule, enterStage, nextUntil, hA, hV, A } from "./schedule";
import { GLOBAL, SPURIOUS, UNCONVERGED, DIVERGED } from "./run";

const DIVERGED_A: f64 = 1e6;
const BOUND_SLACK: f64 = 1 + 1e-12;
// A Gram–Schmidt residual below this share of its vector's norm is rounding noise of a vector
// that lies in the span already: it is dropped (its basis vector is left out).
const DROP: f64 = 1e-11;
const SAMPLE = 6; // t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖

@inline function at(v: usize, i: i32): usize { return v + (<usize>i << 3); }

function dot(y: usize, z: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(at(y, i)) * load<f64>(at(z, i));
  return s;
}

function sum(y: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += load<f64>(at(y, i));
  return s;
}

/** y ← (y − c0·r0) − c1·z: removes the parts along b0 = r0·1 and along the unit z (z = 0: none). */
function subtract(y: usize, n: i32, c0: f64, r0: f64, c1: f64, z: usize): void {
  const b = c0 * r0;
  for (let i = 0; i < n; i++) {
    const zi = z != 0 ? load<f64>(at(z, i)) : 0;
    store<f64>(at(y, i), (load<f64>(at(y, i)) - b) - c1 * zi);
  }
}

/** y ← y/s; returns max|y_i| after scaling. */
function scale(y: usize, n: i32, s: f64): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(at(y, i)) / s;
    store<f64>(at(y, i), v);
    m = max(m, abs(v));
  }
  return m;
}

/** a_i = α0·r0 + α1·b1_i + α2·b2_i into `out` (may be b2 itself); returns max|a_i|. */
function reconstructA(out: usize, k: i32, r0: f64, al0: f64, b1: usize, al1: f64, b2: usize, al2: f64): f64 {
  let m: f64 = 0;
  for (let i = 0; i < k; i++) {
    const v = (al0 * r0 + al1 * load<f64>(at(b1, i))) + al2 * load<f64>(at(b2, i));
    store<f64>(at(out, i), v);
    m = max(m, abs(v));
  }
  return m;
}

function maxA(k: i32, r0: f64, al0: f64, b1: usize, al1: f64, b2: usize, al2: f64): f64 {
  let m: f64 = 0;
  for (let i = 0; i < k; i++) {
    m = max(m, abs((al0 * r0 + al1 * load<f64>(at(b1, i))) + al2 * load<f64>(at(b2, i))));
  }
  return m;
}

/**
 * Runs the problem of runVector (same arguments and out layout) in reduced coordinates.
 * b1: scratch of k f64. On return x and a hold the final state, reconstructed.
 */
export function runReduced(
  p: i32, k: i32, x: usize, ws: usize, a: usize, as: usize, ab: usize, b1: usize,
  stages: usize, nStages: i32, maxIter: f64, tol: f64,
  trapAngle: f64, trapRadius: f64, trapPossible: bool,
  logEvery: f64, traj: usize, trajCap: i32, out: usize,
): void {
  // First layer: x0 = P·w* + Q·e⊥ (Gram–Schmidt twice, e⊥ stored in x).
  const nx0 = Math.sqrt(dot(x, x, p));
  let P = dot(x, ws, p);
  subtract(x, p, 0, 0, P, ws);
  const P2 = dot(x, ws, p);
  subtract(x, p, 0, 0, P2, ws);
  P += P2;
  let Q = Math.sqrt(dot(x, x, p));
  if (Q > DROP * nx0) scale(x, p, Q);
  else { Q = 0; memory.fill(x, 0, <usize>p << 3); }

  // Second layer: b0 = 1/√k, b1 from a* (in the scratch), b2 from a0 (in a).
  const r0 = 1 / Math.sqrt(<f64>k);
  memory.copy(b1, as, <usize>k << 3);
  const ns = Math.sqrt(dot(as, as, k));
  let s0 = r0 * sum(b1, k);
  subtract(b1, k, s0, r0, 0, 0);
  const s0b = r0 * sum(b1, k);
  subtract(b1, k, s0b, r0, 0, 0);
  s0 += s0b;
  let s1 = Math.sqrt(dot(b1, b1, k));
  let m1: f64 = 0;
  if (s1 > DROP * ns) m1 = scale(b1, k, s1);
  else { s1 = 0; memory.fill(b1, 0, <usize>k << 3); }

  const na0 = Math.sqrt(dot(a, a, k));
  let al0 = r0 * sum(a, k), al1 = dot(a, b1, k);
  subtract(a, k, al0, r0, al1, b1);
  const al0b = r0 * sum(a, k), al1b = dot(a, b1, k);
  subtract(a, k, al0b, r0, al1b, b1);
  al0 += al0b; al1 += al1b;
  let al2 = Math.sqrt(dot(a, a, k));
  let m2: f64 = 0;
  if (al2 > DROP * na0) m2 = scale(a, k, al2);
  else { al2 = 0; memory.fill(a, 0, <usize>k << 3); }
  const b2 = a;
  // ā lies in span{1, a*}: its coordinates.
  const q0 = r0 * sum(ab, k), q1 = dot(ab, b1, k), q2 = dot(ab, b2, k);
  const sqrtK = Math.sqrt(<f64>k);

  let t: f64 = 0, samples = 0, lastSampled: f64 = -1;
  resetSchedule();
  let outcome = UNCONVERGED;
  let n: f64 = 0, c: f64 = 0, phi: f64 = 0, g: f64 = 0, sumD: f64 = 0, aAs: f64 = 0, errA2: f64 = 0, errW: f64 = 0;
  while (true) {
    n = Math.sqrt(P * P + Q * Q);
    const invN = 1 / n;
    c = cosine(P, n);
    phi = Math.acos(c);
    g = arcCosKernel(c, phi);
    const qn = Q * invN;
    sumD = sqrtK * (al0 - s0);
    aAs = (al0 * s0 + al1 * s1);
    const e0 = al0 - s0, e1 = al1 - s1;
    errA2 = (e0 * e0 + e1 * e1) + al2 * al2;
    const sampling = logEvery > 0 && t % logEvery == 0 && samples < trajCap;
    // ‖w̄ − w*‖ matters only for a sample or when ‖a − a*‖ ≤ tol already.
    errW = sampling || errA2 <= tol * tol ? distW(P, Q, n, qn) : Infinity;
    if (sampling) {
      writeSample(traj + <usize>(samples * SAMPLE) * 8, t, phi, lossFrom(errA2, sumD, g, aAs), aAs, errA2, errW);
      samples++;
      lastSampled = t;
    }
    if (!isFinite(n + al0 + al1 + al2)) { outcome = DIVERGED; break; }
    if ((abs(al0) * r0 + abs(al1) * m1 + abs(al2) * m2) * BOUND_SLACK > DIVERGED_A
      && maxA(k, r0, al0, b1, al1, b2, al2) > DIVERGED_A) { outcome = DIVERGED; break; }
    if (errW + Math.sqrt(errA2) <= tol) { outcome = GLOBAL; break; }
    if (trapPossible && Math.PI - phi <= trapAngle) {
      const f0 = al0 - q0, f1 = al1 - q1, f2 = al2 - q2;
      if (Math.sqrt((f0 * f0 + f1 * f1) + f2 * f2) <= trapRadius) { outcome = SPURIOUS; break; }
    }
    if (t >= maxIter) { outcome = UNCONVERGED; break; }

    if (t >= nextUntil) enterStage(stages, nStages, t);
    const B = hA * sumD, C = hA * (Math.PI - g);
    const K = hV * aAs * (Math.PI - phi) * invN;
    // x ← x + K(w* − (c/n)x): ⟨x, w*⟩ grows by K(1 − c²) = K(Q/n)², the e⊥ part shrinks by K·P/n².
    const Pn = P + K * (qn * qn);
    Q = Q - K * (P * invN) * qn;
    P = Pn;
    // a ← a − (A(a − a*) + B·1 + C·a*), with 1 = √k·b0 and a* = s0·b0 + s1·b1.
    al0 = al0 - ((A * e0 + B * sqrtK) + C * s0);
    al1 = al1 - (A * e1 + C * s1);
    al2 = al2 - A * al2;
    t++;
  }
  if (logEvery > 0 && lastSampled != t && samples < trajCap) {
    errW = distW(P, Q, n, Q / n);
    writeSample(traj + <usize>(samples * SAMPLE) * 8, t, phi, lossFrom(errA2, sumD, g, aAs), aAs, errA2, errW);
    samples++;
  }
  // Back to full vectors: x = P·w* + Q·e⊥ (e⊥ is in x), a = Σ α_j b_j (b2 is in a).
  for (let i = 0; i < p; i++) store<f64>(at(x, i), P * load<f64>(at(ws, i)) + Q * load<f64>(at(x, i)));
  reconstructA(a, k, r0, al0, b1, al1, b2, al2);
  store<f64>(out, <f64>outcome);
  store<f64>(out, t, 8);
  store<f64>(out, phi, 16);
  store<f64>(out, lossFrom(errA2, sumD, g, aAs), 24);
  store<f64>(out, n, 32);
  store<f64>(out, <f64>samples, 40);
}

/** ‖w̄ − w*‖ = √((1 − P/n)² + (Q/n)²), with 1 − P/n = Q²/(n(n + P)) free of cancellation for P > 0. */
function distW(P: f64, Q: f64, n: f64, qn: f64): f64 {
  const oneMinus = P > 0 ? Q * qn / (n + P) : 1 - P / n;
  return Math.sqrt(oneMinus * oneMinus + qn * qn);
}

function writeSample(at: usize, t: f64, phi: f64, loss: f64, aAs: f64, errA2: f64, errW: f64): void {
  store<f64>(at, t);
  store<f64>(at, phi, 8);
  store<f64>(at, loss, 16);
  store<f64>(at, aAs, 24);
  store<f64>(at, Math.sqrt(errA2), 32);
  store<f64>(at, errW, 40);
}
