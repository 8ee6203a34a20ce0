// TypeScript twin of assembly/run.ts: the same run loop, step for step.
import { updateX, updateA, distSq, sums } from './passes.js';
import { TWO_PI, cosine, arcCosKernel, lossFrom } from './closedForm.js';
import { acos } from './acos.js';
import { Outcome, SAMPLE_WIDTH, type Problem, type RawResult } from '../problem.js';

const NEAR_MARGIN = 1e-9;
const DIVERGED_A = 1e6;

/** Runs the problem to its outcome. x and a are taken over and hold the final state. */
export function runVector(pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array): RawResult {
  const { p, k, wStar: ws, aStar: as, aBar: ab, stages, maxIter, tol, trapAngle, trapRadius, trapPossible, logEvery } = pr;
  const nStages = stages.length / 3;
  const trajCap = traj.length / SAMPLE_WIDTH;
  updateX(x, ws, p, 0, 0);
  updateA(a, as, k, 0, 0, 0);
  let t = 0, stage = 0, samples = 0, lastSampled = -1;
  let outcome: Outcome = Outcome.Unconverged;
  let n = 0, c = 0, phi = 0, g = 0;
  const sample = () => {
    const errA2 = distSq(a, as, k, 1);
    traj.set([t, phi, lossFrom(errA2, sums.d, g, sums.aAs), sums.aAs, Math.sqrt(errA2),
      Math.sqrt(distSq(x, ws, p, n))], samples * SAMPLE_WIDTH);
    samples++;
    lastSampled = t;
  };
  for (;;) {
    n = Math.sqrt(sums.xx);
    c = cosine(sums.xw, n);
    phi = acos(c);
    g = arcCosKernel(c, phi);
    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample();
    if (!Number.isFinite(sums.xx) || !Number.isFinite(sums.xw) || !Number.isFinite(sums.d)
      || !Number.isFinite(sums.aAs) || sums.maxAbsA > DIVERGED_A) {
      outcome = Outcome.Diverged; break;
    }
    if (2 - 2 * c <= tol * tol + NEAR_MARGIN) {
      const errW = Math.sqrt(distSq(x, ws, p, n));
      const errA = Math.sqrt(distSq(a, as, k, 1));
      if (errW + errA <= tol) { outcome = Outcome.Global; break; }
    }
    if (trapPossible && Math.PI - phi <= trapAngle && Math.sqrt(distSq(a, ab, k, 1)) <= trapRadius) {
      outcome = Outcome.Spurious; break;
    }
    if (t >= maxIter) { outcome = Outcome.Unconverged; break; }

    while (stage < nStages - 1 && t >= stages[stage * 3]) stage++;
    const etaA = stages[stage * 3 + 1];
    const etaV = stages[stage * 3 + 2];
    const A = etaA * (Math.PI - 1) / TWO_PI;
    const B = etaA * sums.d / TWO_PI;
    const C = etaA * (Math.PI - g) / TWO_PI;
    const K = etaV * sums.aAs * (Math.PI - phi) / (TWO_PI * n);
    const cn = c / n;
    updateX(x, ws, p, K, cn);
    updateA(a, as, k, A, B, C);
    t++;
  }
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) sample();
  return {
    outcome, iterations: t, phi, norm: n,
    loss: lossFrom(distSq(a, as, k, 1), sums.d, g, sums.aAs),
    x, a, trajectory: traj.subarray(0, samples * SAMPLE_WIDTH),
  };
}
