// TypeScript twin of assembly/population/run.ts: the same run loop, step for step.
import { updateX, updateA, distSq, maxAbs, sumOf, sums } from './passes.js';
import { cosine, arcCosKernel, lossFrom } from '../common/closedForm.js';
import { StageCursor } from '../common/schedule.js';
import { acos } from '../common/acos.js';
import type { Problem, RawResult } from '../../problem.js';
import { Outcome, SAMPLE_WIDTH, DIVERGED_A, BOUND_SLACK, NEAR_MARGIN } from '../../layout.js';

/** Runs the problem to its outcome. x and a are taken over and hold the final state. */
export function runVector(pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array): RawResult {
  const { p, k, wStar: ws, aStar: as, aBar: ab, stages, maxIter, tol, trapAngle, trapRadius, trapPossible, logEvery } = pr;
  const trajCap = traj.length / SAMPLE_WIDTH;
  updateX(x, ws, p, 0, 0);
  updateA(a, as, k, 0, 0, 0);
  const sumAs = sumOf(as, k);
  const maxAs = maxAbs(as, k);
  let bound = maxAbs(a, k); // cheap upper bound on max|a_i|, as in assembly/population/run.ts
  let t = 0,
    samples = 0,
    lastSampled = -1;
  const sched = new StageCursor(stages);
  let outcome: Outcome = Outcome.Unconverged;
  const near = tol * tol + NEAR_MARGIN * (p + 4);
  let n = 0,
    c = 0,
    phi = 0,
    g = 0,
    sumD = 0;
  const sample = () => {
    const errA2 = distSq(a, as, k, 1);
    traj.set(
      [t, phi, lossFrom(errA2, sumD, g, sums.aAs), sums.aAs, Math.sqrt(errA2), Math.sqrt(distSq(x, ws, p, 1 / n))],
      samples * SAMPLE_WIDTH,
    );
    samples++;
    lastSampled = t;
  };
  for (;;) {
    n = Math.sqrt(sums.xx);
    const invN = 1 / n;
    c = cosine(sums.xw, n);
    phi = acos(c);
    g = arcCosKernel(c, phi);
    sumD = sums.a - sumAs;
    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample();
    if (bound > DIVERGED_A) bound = maxAbs(a, k);
    if (
      !Number.isFinite(sums.xx) ||
      !Number.isFinite(sums.xw) ||
      !Number.isFinite(sumD) ||
      !Number.isFinite(sums.aAs) ||
      bound > DIVERGED_A
    ) {
      outcome = Outcome.Diverged;
      break;
    }
    if (2 - 2 * c <= near) {
      const errA = Math.sqrt(distSq(a, as, k, 1));
      if (errA <= tol) {
        const errW = Math.sqrt(distSq(x, ws, p, invN));
        if (errW + errA <= tol) {
          outcome = Outcome.Global;
          break;
        }
      }
    }
    if (trapPossible && Math.PI - phi <= trapAngle && Math.sqrt(distSq(a, ab, k, 1)) <= trapRadius) {
      outcome = Outcome.Spurious;
      break;
    }
    if (t >= maxIter) {
      outcome = Outcome.Unconverged;
      break;
    }

    if (t >= sched.nextUntil) sched.enter(t);
    const { hA, hV, A } = sched;
    const B = hA * sumD,
      C = hA * (Math.PI - g);
    const K = hV * sums.aAs * (Math.PI - phi) * invN;
    updateX(x, ws, p, K, c * invN);
    updateA(a, as, k, A, B, C);
    // |a_i − ((A(a_i − a*_i) + B) + C a*_i)| ≤ (1 + |A|)|a_i| + (|A| + |C|)|a*_i| + |B|, inflated past rounding
    bound = ((1 + Math.abs(A)) * bound + (Math.abs(A) + Math.abs(C)) * maxAs + Math.abs(B)) * BOUND_SLACK;
    t++;
  }
  sumD = sums.a - sumAs;
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) sample();
  return {
    outcome,
    iterations: t,
    phi,
    norm: n,
    loss: lossFrom(distSq(a, as, k, 1), sumD, g, sums.aAs),
    x,
    a,
    trajectory: traj.subarray(0, samples * SAMPLE_WIDTH),
  };
}
