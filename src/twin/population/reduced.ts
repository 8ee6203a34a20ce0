// TypeScript twin of assembly/population/reduced.ts: the exact reduced-dimension engine, scalar for scalar.
// x = P·w* + Q·e⊥ and a = Σ α_j b_j with {b0 = 1/√k, b1, b2} orthonormal over span{1, a*, a0}.
import { cosine, arcCosKernel, lossFrom } from '../common/closedForm.js';
import { StageCursor } from '../common/schedule.js';
import { acos } from '../common/acos.js';
import type { Problem, RawResult } from '../../problem.js';
import { Outcome, SAMPLE_WIDTH, DIVERGED_A, BOUND_SLACK, DROP } from '../../layout.js';

// Four partial sums (entry i in partial i mod 4, the rest in partial 0), as in assembly/population/reduced.ts.
function dot(y: Float64Array, z: Float64Array, n: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += y[i] * z[i];
    s1 += y[i + 1] * z[i + 1];
    s2 += y[i + 2] * z[i + 2];
    s3 += y[i + 3] * z[i + 3];
  }
  for (; i < n; i++) s0 += y[i] * z[i];
  return s0 + s1 + (s2 + s3);
}

function sum(y: Float64Array, n: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += y[i];
    s1 += y[i + 1];
    s2 += y[i + 2];
    s3 += y[i + 3];
  }
  for (; i < n; i++) s0 += y[i];
  return s0 + s1 + (s2 + s3);
}

/** y ← (y − c0·r0) − c1·z: removes the parts along b0 = r0·1 and along the unit z (null: none). */
function subtract(y: Float64Array, n: number, c0: number, r0: number, c1: number, z: Float64Array | null): void {
  const b = c0 * r0;
  for (let i = 0; i < n; i++) y[i] = y[i] - b - c1 * (z !== null ? z[i] : 0);
}

/** y ← y/s; returns max|y_i| after scaling. */
function scale(y: Float64Array, n: number, s: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i] / s;
    y[i] = v;
    m = Math.max(m, Math.abs(v));
  }
  return m;
}

function aEntry(i: number, r0: number, al0: number, b1: Float64Array, al1: number, b2: Float64Array, al2: number): number {
  return al0 * r0 + al1 * b1[i] + al2 * b2[i];
}

/**
 * x0 = P·w* + Q·e⊥ with Q ≥ 0 (Gram–Schmidt twice): returns [P, Q] and leaves the unit e⊥ in x
 * (0 when x0 is along w*). Shared with the reduced SGD engine (src/twin/sampled/reduced.ts).
 */
export function splitFirstLayer(x: Float64Array, ws: Float64Array, p: number): [number, number] {
  const nx0 = Math.sqrt(dot(x, x, p));
  let P = dot(x, ws, p);
  subtract(x, p, 0, 0, P, ws);
  const P2 = dot(x, ws, p);
  subtract(x, p, 0, 0, P2, ws);
  P += P2;
  let Q = Math.sqrt(dot(x, x, p));
  if (Q > DROP * nx0) scale(x, p, Q);
  else {
    Q = 0;
    x.fill(0);
  }
  return [P, Q];
}

/** Runs the problem in reduced coordinates; x and a are taken over and hold the final state. */
export function runReduced(pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array): RawResult {
  const { p, k, wStar: ws, aStar: as, aBar: ab, stages, maxIter, tol, trapAngle, trapRadius, trapPossible, logEvery } = pr;
  const trajCap = traj.length / SAMPLE_WIDTH;

  let [P, Q] = splitFirstLayer(x, ws, p);

  const r0 = 1 / Math.sqrt(k);
  const b1 = Float64Array.from(as);
  const ns = Math.sqrt(dot(as, as, k));
  let s0 = r0 * sum(b1, k);
  subtract(b1, k, s0, r0, 0, null);
  const s0b = r0 * sum(b1, k);
  subtract(b1, k, s0b, r0, 0, null);
  s0 += s0b;
  let s1 = Math.sqrt(dot(b1, b1, k));
  let m1 = 0;
  if (s1 > DROP * ns) m1 = scale(b1, k, s1);
  else {
    s1 = 0;
    b1.fill(0);
  }

  const na0 = Math.sqrt(dot(a, a, k));
  let al0 = r0 * sum(a, k),
    al1 = dot(a, b1, k);
  subtract(a, k, al0, r0, al1, b1);
  const al0b = r0 * sum(a, k),
    al1b = dot(a, b1, k);
  subtract(a, k, al0b, r0, al1b, b1);
  al0 += al0b;
  al1 += al1b;
  let al2 = Math.sqrt(dot(a, a, k));
  let m2 = 0;
  if (al2 > DROP * na0) m2 = scale(a, k, al2);
  else {
    al2 = 0;
    a.fill(0);
  }
  const b2 = a;
  const q0 = r0 * sum(ab, k),
    q1 = dot(ab, b1, k),
    q2 = dot(ab, b2, k);
  const sqrtK = Math.sqrt(k);

  let t = 0,
    samples = 0,
    lastSampled = -1;
  const sched = new StageCursor(stages);
  let outcome: Outcome = Outcome.Unconverged;
  let n = 0,
    c = 0,
    phi = 0,
    g = 0,
    sumD = 0,
    aAs = 0,
    errA2 = 0,
    errW = 0;
  const sample = () => {
    traj.set([t, phi, lossFrom(errA2, sumD, g, aAs), aAs, Math.sqrt(errA2), errW], samples * SAMPLE_WIDTH);
    samples++;
    lastSampled = t;
  };
  for (;;) {
    n = Math.sqrt(P * P + Q * Q);
    const invN = 1 / n;
    c = cosine(P, n);
    phi = acos(c);
    g = arcCosKernel(c, phi);
    const qn = Q * invN;
    sumD = sqrtK * (al0 - s0);
    aAs = al0 * s0 + al1 * s1;
    const e0 = al0 - s0,
      e1 = al1 - s1;
    errA2 = e0 * e0 + e1 * e1 + al2 * al2;
    const sampling = logEvery > 0 && t % logEvery === 0 && samples < trajCap;
    errW = sampling || errA2 <= tol * tol ? distW(P, Q, n, qn) : Infinity;
    if (sampling) sample();
    if (!Number.isFinite(n + al0 + al1 + al2)) {
      outcome = Outcome.Diverged;
      break;
    }
    if (
      (Math.abs(al0) * r0 + Math.abs(al1) * m1 + Math.abs(al2) * m2) * BOUND_SLACK > DIVERGED_A &&
      maxA(k, r0, al0, b1, al1, b2, al2) > DIVERGED_A
    ) {
      outcome = Outcome.Diverged;
      break;
    }
    if (errW <= tol && errW + Math.sqrt(errA2) <= tol) {
      outcome = Outcome.Global;
      break;
    }
    if (trapPossible && Math.PI - phi <= trapAngle) {
      const f0 = al0 - q0,
        f1 = al1 - q1,
        f2 = al2 - q2;
      if (Math.sqrt(f0 * f0 + f1 * f1 + f2 * f2) <= trapRadius) {
        outcome = Outcome.Spurious;
        break;
      }
    }
    if (t >= maxIter) {
      outcome = Outcome.Unconverged;
      break;
    }

    if (t >= sched.nextUntil) sched.enter(t);
    const { hA, hV, A } = sched;
    const B = hA * sumD,
      C = hA * (Math.PI - g);
    const K = hV * aAs * (Math.PI - phi) * invN;
    const Pn = P + K * (qn * qn);
    Q = Q - K * (P * invN) * qn;
    P = Pn;
    al0 = al0 - (A * e0 + B * sqrtK + C * s0);
    al1 = al1 - (A * e1 + C * s1);
    al2 = al2 - A * al2;
    t++;
  }
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) {
    errW = distW(P, Q, n, Q / n);
    sample();
  }
  for (let i = 0; i < p; i++) x[i] = P * ws[i] + Q * x[i];
  for (let i = 0; i < k; i++) a[i] = aEntry(i, r0, al0, b1, al1, b2, al2);
  return {
    outcome,
    iterations: t,
    phi,
    norm: n,
    loss: lossFrom(errA2, sumD, g, aAs),
    x,
    a,
    trajectory: traj.subarray(0, samples * SAMPLE_WIDTH),
  };
}

/** ‖w̄ − w*‖ = √((1 − P/n)² + (Q/n)²), with 1 − P/n = Q²/(n(n + P)) free of cancellation for P > 0. */
export function distW(P: number, Q: number, n: number, qn: number): number {
  const oneMinus = P > 0 ? (Q * qn) / (n + P) : 1 - P / n;
  return Math.sqrt(oneMinus * oneMinus + qn * qn);
}

function maxA(k: number, r0: number, al0: number, b1: Float64Array, al1: number, b2: Float64Array, al2: number): number {
  let m = 0;
  for (let i = 0; i < k; i++) m = Math.max(m, Math.abs(aEntry(i, r0, al0, b1, al1, b2, al2)));
  return m;
}
