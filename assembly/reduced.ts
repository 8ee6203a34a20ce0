// The exact reduced-dimension engine (SPEC §7): the dynamics never leave
//   x ∈ span{w*, e⊥}       (e⊥: the unit part of x0 orthogonal to w*),
//   a ∈ span{b0, b1, b2}   (orthonormal basis of span{1, a*, a0}: b0 = 1/√k, b1 from a*, b2 from a0),
// so after an O(k + p) set-up every step is O(1): x = P·w* + Q·e⊥ and a = Σ α_j b_j.
// The same code, scalar for scalar, is in src/twin/reduced.ts (bit-identical).
// A step is a chain of dependent scalar operations (√, ÷, acos): runReducedMany advances up to
// LANES runs in turn, so that the processor overlaps the chains of independent runs.
import { cosine, arcCosKernel, lossFrom } from "./closedForm";
import { StageCursor } from "./schedule";
import { GLOBAL, SPURIOUS, UNCONVERGED, DIVERGED } from "./run";

const DIVERGED_A: f64 = 1e6;
const BOUND_SLACK: f64 = 1 + 1e-12;
// A Gram–Schmidt residual below this share of its vector's norm is rounding noise of a vector
// that lies in the span already: it is dropped (its basis vector is left out).
const DROP: f64 = 1e-11;
const SAMPLE = 6; // t, φ, L, aᵀa*, ‖a − a*‖, ‖w̄ − w*‖

@inline function at(v: usize, i: i32): usize { return v + (<usize>i << 3); }

// Set-up sums keep four partial sums (a single chain is latency-bound): entry i in partial i mod 4,
// the last n mod 4 entries in partial 0; combined as (s0 + s1) + (s2 + s3).
function dot(y: usize, z: usize, n: i32): f64 {
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += load<f64>(at(y, i)) * load<f64>(at(z, i));
    s1 += load<f64>(at(y, i + 1)) * load<f64>(at(z, i + 1));
    s2 += load<f64>(at(y, i + 2)) * load<f64>(at(z, i + 2));
    s3 += load<f64>(at(y, i + 3)) * load<f64>(at(z, i + 3));
  }
  for (; i < n; i++) s0 += load<f64>(at(y, i)) * load<f64>(at(z, i));
  return (s0 + s1) + (s2 + s3);
}

function sum(y: usize, n: i32): f64 {
  let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += load<f64>(at(y, i));
    s1 += load<f64>(at(y, i + 1));
    s2 += load<f64>(at(y, i + 2));
    s3 += load<f64>(at(y, i + 3));
  }
  for (; i < n; i++) s0 += load<f64>(at(y, i));
  return (s0 + s1) + (s2 + s3);
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

/** The arguments of one run, as f64 in this order (pointers and counts included). */
const DESC = 19;
const LANES = 4;

/** One run in reduced coordinates: its arguments, coordinates and loop state. */
@unmanaged class Run {
  // arguments (see runReducedMany)
  p: i32; k: i32; x: usize; ws: usize; a: usize; ab: usize; b1: usize;
  maxIter: f64; tol: f64; trapAngle: f64; trapRadius: f64; trapPossible: bool;
  logEvery: f64; traj: usize; trajCap: i32; out: usize;
  // x = P·w* + Q·e⊥; a = α0·b0 + α1·b1 + α2·b2; a* = s0·b0 + s1·b1; ā = q0·b0 + q1·b1 + q2·b2
  P: f64; Q: f64; al0: f64; al1: f64; al2: f64;
  s0: f64; s1: f64; q0: f64; q1: f64; q2: f64;
  r0: f64; sqrtK: f64; m1: f64; m2: f64; // 1/√k, √k, max|b1_i|, max|b2_i|
  // loop state and the last step's quantities
  t: f64; lastSampled: f64; samples: i32; outcome: i32;
  n: f64; phi: f64; g: f64; sumD: f64; aAs: f64; errA2: f64;
  cursor: StageCursor;
}

@inline function arg(desc: usize, i: i32): f64 { return load<f64>(desc + (<usize>i << 3)); }

/** Reads the arguments at `desc` and does the O(k + p) set-up. */
function start(r: Run, desc: usize): void {
  const p = r.p = <i32>arg(desc, 0), k = r.k = <i32>arg(desc, 1);
  const x = r.x = <usize>arg(desc, 2), ws = r.ws = <usize>arg(desc, 3), a = r.a = <usize>arg(desc, 4);
  const as = <usize>arg(desc, 5), ab = r.ab = <usize>arg(desc, 6), b1 = r.b1 = <usize>arg(desc, 7);
  r.cursor.reset(<usize>arg(desc, 8), <i32>arg(desc, 9));
  r.maxIter = arg(desc, 10); r.tol = arg(desc, 11); r.trapAngle = arg(desc, 12); r.trapRadius = arg(desc, 13);
  r.trapPossible = arg(desc, 14) != 0; r.logEvery = arg(desc, 15); r.traj = <usize>arg(desc, 16); r.trajCap = <i32>arg(desc, 17);
  r.out = <usize>arg(desc, 18);

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
  // ā lies in span{1, a*}: its coordinates (b2 is in a).
  r.q0 = r0 * sum(ab, k); r.q1 = dot(ab, b1, k); r.q2 = dot(ab, a, k);
  r.P = P; r.Q = Q; r.al0 = al0; r.al1 = al1; r.al2 = al2;
  r.s0 = s0; r.s1 = s1; r.r0 = r0; r.sqrtK = Math.sqrt(<f64>k); r.m1 = m1; r.m2 = m2;
  r.t = 0; r.lastSampled = -1; r.samples = 0; r.outcome = UNCONVERGED;
}

/** The outcome checks of SPEC §5 at step t, then (if the run goes on) one step. True when decided. */
function step(r: Run): bool {
  const P = r.P, Q = r.Q, al0 = r.al0, al1 = r.al1, al2 = r.al2, s0 = r.s0, s1 = r.s1, t = r.t;
  const n = Math.sqrt(P * P + Q * Q);
  const invN = 1 / n;
  const c = cosine(P, n);
  const phi = Math.acos(c);
  const g = arcCosKernel(c, phi);
  const qn = Q * invN;
  const sumD = r.sqrtK * (al0 - s0);
  const aAs = (al0 * s0 + al1 * s1);
  const e0 = al0 - s0, e1 = al1 - s1;
  const errA2 = (e0 * e0 + e1 * e1) + al2 * al2;
  r.n = n; r.phi = phi; r.g = g; r.sumD = sumD; r.aAs = aAs; r.errA2 = errA2;
  const sampling = r.logEvery > 0 && t % r.logEvery == 0 && r.samples < r.trajCap;
  // ‖w̄ − w*‖ matters only for a sample or when ‖a − a*‖ ≤ tol already.
  const tol = r.tol;
  const errW = sampling || errA2 <= tol * tol ? distW(P, Q, n, qn) : Infinity;
  if (sampling) sample(r, errW);
  if (!isFinite(n + al0 + al1 + al2)) return decide(r, DIVERGED);
  if ((abs(al0) * r.r0 + abs(al1) * r.m1 + abs(al2) * r.m2) * BOUND_SLACK > DIVERGED_A
    && maxA(r.k, r.r0, al0, r.b1, al1, r.a, al2) > DIVERGED_A) return decide(r, DIVERGED);
  if (errW <= tol && errW + Math.sqrt(errA2) <= tol) return decide(r, GLOBAL);
  if (r.trapPossible && Math.PI - phi <= r.trapAngle) {
    const f0 = al0 - r.q0, f1 = al1 - r.q1, f2 = al2 - r.q2;
    if (Math.sqrt((f0 * f0 + f1 * f1) + f2 * f2) <= r.trapRadius) return decide(r, SPURIOUS);
  }
  if (t >= r.maxIter) return decide(r, UNCONVERGED);

  const cursor = r.cursor;
  if (t >= cursor.nextUntil) cursor.enter(t);
  const hA = cursor.hA, A = cursor.A;
  const B = hA * sumD, C = hA * (Math.PI - g);
  const K = cursor.hV * aAs * (Math.PI - phi) * invN;
  // x ← x + K(w* − (c/n)x): ⟨x, w*⟩ grows by K(1 − c²) = K(Q/n)², the e⊥ part shrinks by K·P/n².
  r.P = P + K * (qn * qn);
  r.Q = Q - K * (P * invN) * qn;
  // a ← a − (A(a − a*) + B·1 + C·a*), with 1 = √k·b0 and a* = s0·b0 + s1·b1.
  r.al0 = al0 - ((A * e0 + B * r.sqrtK) + C * s0);
  r.al1 = al1 - (A * e1 + C * s1);
  r.al2 = al2 - A * al2;
  r.t = t + 1;
  return false;
}

@inline function decide(r: Run, outcome: i32): bool {
  r.outcome = outcome;
  return true;
}

function sample(r: Run, errW: f64): void {
  const at = r.traj + <usize>(r.samples * SAMPLE) * 8;
  store<f64>(at, r.t);
  store<f64>(at, r.phi, 8);
  store<f64>(at, lossFrom(r.errA2, r.sumD, r.g, r.aAs), 16);
  store<f64>(at, r.aAs, 24);
  store<f64>(at, Math.sqrt(r.errA2), 32);
  store<f64>(at, errW, 40);
  r.samples++;
  r.lastSampled = r.t;
}

/** The last sample, full vectors back (x = P·w* + Q·e⊥, a = Σ α_j b_j) and the out block. */
function finish(r: Run): void {
  const n = r.n;
  if (r.logEvery > 0 && r.lastSampled != r.t && r.samples < r.trajCap) sample(r, distW(r.P, r.Q, n, r.Q / n));
  const x = r.x, ws = r.ws, P = r.P, Q = r.Q;
  for (let i = 0; i < r.p; i++) store<f64>(at(x, i), P * load<f64>(at(ws, i)) + Q * load<f64>(at(x, i)));
  reconstructA(r.a, r.k, r.r0, r.al0, r.b1, r.al1, r.a, r.al2);
  const out = r.out;
  store<f64>(out, <f64>r.outcome);
  store<f64>(out, r.t, 8);
  store<f64>(out, r.phi, 16);
  store<f64>(out, lossFrom(r.errA2, r.sumD, r.g, r.aAs), 24);
  store<f64>(out, n, 32);
  store<f64>(out, <f64>r.samples, 40);
}

const runs = changetype<usize>(memory.data(offsetof<Run>() * LANES, 16));
const cursors = changetype<usize>(memory.data(offsetof<StageCursor>() * LANES, 16));

/**
 * Runs `count` problems in reduced coordinates. descs: count × DESC f64, per run
 * [p, k, x, ws, a, a*, ā, b1, stages, nStages, maxIter, tol, trapAngle, trapRadius, trapPossible,
 *  logEvery, traj, trajCap, out] as in runVector, with b1 a scratch block of k f64. Each run's x
 * and a end holding its final state, reconstructed; its out block gets
 * [outcome, iterations, φ, L, ‖x‖, samples].
 */
export function runReducedMany(count: i32, descs: usize): void {
  const lanes = min(count, LANES);
  let next = 0, active = 0;
  for (let l = 0; l < lanes; l++) {
    const r = changetype<Run>(runs + <usize>(l * offsetof<Run>()));
    r.cursor = changetype<StageCursor>(cursors + <usize>(l * offsetof<StageCursor>()));
    start(r, descs + <usize>(next++ * DESC) * 8);
    active |= 1 << l;
  }
  while (active != 0) {
    for (let l = 0; l < lanes; l++) {
      if ((active & (1 << l)) == 0) continue;
      const r = changetype<Run>(runs + <usize>(l * offsetof<Run>()));
      if (!step(r)) continue;
      finish(r);
      if (next < count) start(r, descs + <usize>(next++ * DESC) * 8);
      else active &= ~(1 << l);
    }
  }
}

/** ‖w̄ − w*‖ = √((1 − P/n)² + (Q/n)²), with 1 − P/n = Q²/(n(n + P)) free of cancellation for P > 0. */
function distW(P: f64, Q: f64, n: f64, qn: f64): f64 {
  const oneMinus = P > 0 ? Q * qn / (n + P) : 1 - P / n;
  return Math.sqrt(oneMinus * oneMinus + qn * qn);
}

