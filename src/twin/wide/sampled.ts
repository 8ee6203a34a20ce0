// TypeScript twin of assembly/wide/sampled.ts: SGD for a wide student on sampled data (SPEC §9 on §8), the same
// draws, passes, closed forms and checks, step for step, on rows padded as the engine lays them out.
import { StageCursor } from '../common/schedule.js';
import { dot8 } from '../sampled/forward.js';
import { DataDraws } from '../sampled/data.js';
import { Outcome, WIDE_SAMPLED_SAMPLE_WIDTH } from '../../layout.js';
import { trajectoryCapacity, type Problem, type RawResult } from '../../problem.js';
import { WideClosedForm } from './closedForm.js';
import { padRows, wideResult } from './rows.js';

/** Rows of a padded matrix as views (each from its row's start). */
const views = (m: Float64Array, rows: number, stride: number) => Array.from({ length: rows }, (_, i) => m.subarray(i * stride));

/** Runs SGD for a wide Problem with `data` to its outcome; ones: 1_k. */
export function runWideSampled(pr: Problem, ones: Float64Array): RawResult {
  const { p, k, maxIter, logEvery } = pr;
  const { r, rStar: rs, lossTol, trapLoss, trapTime } = pr.wide!;
  const { online, batch, n: nTrain, labelNoise: s } = pr.data!;
  const ps = p + (p & 1),
    ks = k + (k & 1),
    kp = k * p,
    width = WIDE_SAMPLED_SAMPLE_WIDTH + r;
  const x = padRows(pr.x0, r, p),
    a = padRows(pr.a0, r, k),
    ws = padRows(pr.wStar, rs, p),
    as = padRows(pr.aStar, rs, k);
  const traj = new Float64Array(trajectoryCapacity(pr) * width),
    trajCap = trajectoryCapacity(pr);
  const wb = new Float64Array(r * ps),
    h = new Float64Array(r * ks);
  const wbRows = views(wb, r, ps),
    wsRows = views(ws, rs, ps);
  const draws = new DataDraws(pr.data!, k, p, ws, as, rs, ps, ks),
    { Z, Y } = draws;
  let label = 0;

  /** h_ij = σ(⟨Z_j, w̄_i⟩), f = Σ_j Σ_i A_ij h_ij; online also the label, patch after patch. */
  const forward = (z: Float64Array, zAt: number, teacher: boolean): number => {
    let f = 0,
      y = 0;
    for (let j = 0; j < k; j++) {
      const zj = zAt + j * p;
      for (let i = 0; i < r; i++) {
        const sij = dot8(z, zj, wbRows[i], p),
          e = i * ks + j;
        const hij = sij > 0 ? sij : 0;
        h[e] = hij;
        f += a[e] * hij;
      }
      if (teacher) {
        for (let i = 0; i < rs; i++) {
          const t = dot8(z, zj, wsRows[i], p);
          y += as[i * ks + j] * (t > 0 ? t : 0);
        }
      }
    }
    label = y;
    return f;
  };
  const backward = (z: Float64Array, zAt: number, res: number, ga: Float64Array, gw: Float64Array) => {
    for (let j = 0; j < k; j++) {
      const zj = zAt + j * p;
      for (let i = 0; i < r; i++) {
        const e = i * ks + j,
          hij = h[e];
        ga[e] += res * hij;
        if (hij > 0) {
          const c = res * a[e],
            o = i * ps;
          for (let l = 0; l < p; l++) gw[o + l] += c * z[zj + l];
        }
      }
    }
  };
  const trainLoss = () => {
    let sum = 0;
    for (let i = 0; i < nTrain; i++) {
      const res = forward(Z, i * kp, false) - Y[i];
      sum += 0.5 * res * res;
    }
    return sum / nTrain;
  };

  const cf = new WideClosedForm({ p, k, r, rStar: rs, ws, as, ones }),
    { gx: gw, ga, angles, norms } = cf;
  const cursor = new StageCursor(pr.stages);
  let t = 0,
    samples = 0,
    lastSampled = -1,
    batchLoss = NaN;
  let plateauTime = 0,
    plateauLoss = Infinity;
  let outcome = Outcome.Unconverged;
  const sample = (train: number) => {
    traj.set([t, cf.loss, cf.gradNorm, batchLoss, train], samples * width);
    traj.set(angles, samples * width + WIDE_SAMPLED_SAMPLE_WIDTH);
    samples++;
    lastSampled = t;
  };
  for (;;) {
    cf.at(x, a);
    for (let i = 0; i < r; i++) {
      const n = norms[i];
      for (let l = 0; l < p; l++) wb[i * ps + l] = x[i * ps + l] / n;
    }
    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample(online ? NaN : trainLoss());
    const decided = cf.lossOutcome(lossTol),
      { loss } = cf;
    if (decided !== null) {
      outcome = decided;
      break;
    }
    if (loss <= trapLoss! || loss < plateauLoss / 2) {
      plateauTime = 0;
      plateauLoss = loss;
    } else if (plateauTime >= trapTime!) {
      outcome = Outcome.Spurious;
      break;
    }
    if (t >= maxIter) {
      outcome = Outcome.Unconverged;
      break;
    }

    if (t >= cursor.nextUntil) cursor.enter(t);
    gw.fill(0);
    ga.fill(0);
    let lossSum = 0;
    for (let b = 0; b < batch; b++) {
      draws.next(online, s);
      const { z, zAt } = draws;
      const f = forward(z, zAt, online);
      const y = !online ? draws.y : s > 0 ? label + draws.noise : label;
      const res = f - y;
      lossSum += 0.5 * res * res;
      backward(z, zAt, res, ga, gw);
    }
    batchLoss = lossSum / batch;
    const { etaA, etaV } = cursor;
    for (let i = 0; i < r; i++) {
      const o = i * ps,
        n = norms[i];
      for (let l = 0; l < p; l++) gw[o + l] = gw[o + l] / batch;
      const proj = dot8(gw, o, wbRows[i], p);
      for (let l = 0; l < p; l++) x[o + l] = x[o + l] - etaV * ((gw[o + l] - proj * wb[o + l]) / n);
    }
    for (let i = 0; i < r; i++) for (let j = 0; j < k; j++) a[i * ks + j] = a[i * ks + j] - etaA * (ga[i * ks + j] / batch);
    plateauTime += etaV;
    t++;
  }
  const train = online ? NaN : trainLoss();
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) sample(train);
  return wideResult(pr, [outcome, t, cf.phi, cf.loss, cf.gradNorm], Float64Array.from(angles), x, a, traj.slice(0, samples * width), {
    batchLoss,
    trainLoss: train,
  });
}
