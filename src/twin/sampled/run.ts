// TypeScript twin of assembly/sampled/run.ts: the same draws, passes and checks, step for step.
import { StageCursor } from '../common/schedule.js';
import { cosine, arcCosKernel, lossFrom } from '../common/closedForm.js';
import { acos } from '../common/acos.js';
import { dot8, forward, backward, teacher } from './forward.js';
import { DataDraws } from './data.js';
import { NEAR_MARGIN } from '../../layout.js';
import { SampledOutcome } from './outcome.js';
import { Outcome, SAMPLED_SAMPLE_WIDTH, type Problem, type RawResult } from '../../problem.js';
import { maxAbs } from '../population/passes.js';

function sumOf(v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  return s;
}

function distSq(y: Float64Array, z: Float64Array, n: number, s: number): number {
  let q = 0;
  for (let i = 0; i < n; i++) {
    const t = y[i] / s - z[i];
    q += t * t;
  }
  return q;
}

/** Mean ℓ over a training set at the direction wb. */
function trainLoss(
  Z: Float64Array,
  Y: Float64Array,
  nTrain: number,
  wb: Float64Array,
  a: Float64Array,
  as: Float64Array,
  h: Float64Array,
  k: number,
  p: number,
): number {
  let sum = 0;
  for (let i = 0; i < nTrain; i++) {
    const r = forward(Z, i * k * p, wb, null, a, as, h, k, p) - Y[i];
    sum += 0.5 * r * r;
  }
  return sum / nTrain;
}

/** Runs SGD on the problem's sampled data to its outcome. x and a are taken over and hold the final state. */
export function runSampled(pr: Problem, x: Float64Array, a: Float64Array, traj: Float64Array): RawResult {
  const { p, k, wStar: ws, aStar: as, stages, maxIter, tol, trapPossible, logEvery } = pr;
  const { online, batch, n: nTrain, labelNoise: s, trapPhi, trapWindow } = pr.data!;
  const trajCap = traj.length / SAMPLED_SAMPLE_WIDTH;
  const wb = new Float64Array(p),
    gw = new Float64Array(p),
    ga = new Float64Array(k),
    h = new Float64Array(k);
  const draws = new DataDraws(pr.data!, k, p, ws, as),
    { Z, Y } = draws;

  const sumAs = sumOf(as, k);
  let xx = dot8(x, 0, x, p),
    xw = dot8(x, 0, ws, p),
    sa = sumOf(a, k),
    aas = dot8(a, 0, as, k);
  const cursor = new StageCursor(stages);
  let t = 0,
    samples = 0,
    lastSampled = -1;
  const checks = new SampledOutcome(tol, trapPossible, trapPhi, trapWindow, maxIter);
  let outcome: Outcome = Outcome.Unconverged;
  let n = 0,
    phi = 0,
    gk = 0,
    batchLoss = NaN;
  const sample = (train: number) => {
    const errA2 = distSq(a, as, k, 1);
    traj.set(
      [t, phi, lossFrom(errA2, sa - sumAs, gk, aas), aas, Math.sqrt(errA2), Math.sqrt(distSq(x, ws, p, n)), batchLoss, train],
      samples * SAMPLED_SAMPLE_WIDTH,
    );
    samples++;
    lastSampled = t;
  };
  for (;;) {
    n = Math.sqrt(xx);
    const c = cosine(xw, n);
    phi = acos(c);
    gk = arcCosKernel(c, phi);
    for (let i = 0; i < p; i++) wb[i] = x[i] / n;
    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample(online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p));
    const near = 2 - 2 * c <= tol * tol + NEAR_MARGIN * (p + 4);
    const decided = checks.at(
      t,
      Number.isFinite(xx) && Number.isFinite(xw) && Number.isFinite(sa) && Number.isFinite(aas),
      maxAbs(a, k),
      near ? Math.sqrt(distSq(x, ws, p, n)) : Infinity,
      near ? Math.sqrt(distSq(a, as, k, 1)) : Infinity,
      aas,
      phi,
    );
    if (decided !== null) {
      outcome = decided;
      break;
    }

    if (t >= cursor.nextUntil) cursor.enter(t);
    gw.fill(0);
    ga.fill(0);
    let lossSum = 0;
    for (let b = 0; b < batch; b++) {
      draws.next(online, s);
      const { z, zAt } = draws;
      const f = forward(z, zAt, wb, online ? ws : null, a, as, h, k, p);
      const y = !online ? draws.y : s > 0 ? teacher.label + draws.noise : teacher.label;
      const r = f - y;
      lossSum += 0.5 * r * r;
      backward(z, zAt, h, a, r, ga, gw, k, p);
    }
    batchLoss = lossSum / batch;
    for (let i = 0; i < p; i++) gw[i] = gw[i] / batch;
    const proj = dot8(gw, 0, wb, p);
    const { etaA, etaV } = cursor;
    for (let i = 0; i < p; i++) x[i] = x[i] - etaV * ((gw[i] - proj * wb[i]) / n);
    for (let j = 0; j < k; j++) a[j] = a[j] - etaA * (ga[j] / batch);
    xx = dot8(x, 0, x, p);
    xw = dot8(x, 0, ws, p);
    sa = sumOf(a, k);
    aas = dot8(a, 0, as, k);
    t++;
  }
  const train = online ? NaN : trainLoss(Z, Y, nTrain, wb, a, as, h, k, p);
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) sample(train);
  return {
    outcome,
    iterations: t,
    phi,
    norm: n,
    loss: lossFrom(distSq(a, as, k, 1), sa - sumAs, gk, aas),
    x,
    a,
    trajectory: traj.subarray(0, samples * SAMPLED_SAMPLE_WIDTH),
    batchLoss,
    trainLoss: train,
  };
}
