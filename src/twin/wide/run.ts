// TypeScript twin of assembly/wide/run.ts: the same run loop, step for step, on rows of arrays
// padded as the engine lays them out (rows of even(p) and even(k) entries); the closed forms in closedForm.ts.
import { addScaled } from './passes.js';
import { StageCursor } from '../common/schedule.js';
import { WideClosedForm } from './closedForm.js';
import { Outcome, WIDE_SAMPLE_WIDTH } from '../../layout.js';

/** A wide run's arrays: x, a (start, then final state), the teacher's rows, and its result slots. */
export interface WideArrays {
  p: number;
  k: number;
  r: number;
  rStar: number;
  x: Float64Array;
  ws: Float64Array;
  a: Float64Array;
  as: Float64Array;
  /** 1_k in the rows' coordinates (the vector engine: 1_k). */
  ones: Float64Array;
  stages: Float64Array;
  maxIter: number;
  lossTol: number;
  gradTol: number;
  gradWindow: number;
  logEvery: number;
  /** Room for samples of WIDE_SAMPLE_WIDTH + r numbers. */
  traj: Float64Array;
}

export interface WideOut {
  outcome: Outcome;
  iterations: number;
  phi: number;
  loss: number;
  gradNorm: number;
  samples: number;
  angles: Float64Array;
}

/** Runs the wide student to its outcome; w.x and w.a hold the final state. */
export function runWide(w: WideArrays): WideOut {
  const { p, k, r, x, a, maxIter, lossTol, gradTol, gradWindow, logEvery, traj } = w;
  const ps = p + (p & 1),
    ks = k + (k & 1);
  const cf = new WideClosedForm(w),
    { gx, ga, angles } = cf;
  const trajCap = Math.floor(traj.length / (WIDE_SAMPLE_WIDTH + r));

  let t = 0,
    samples = 0,
    lastSampled = -1,
    still = 0;
  let outcome = Outcome.Unconverged;
  const cursor = new StageCursor(w.stages);
  const sample = () => {
    traj[samples * (WIDE_SAMPLE_WIDTH + r)] = t;
    traj[samples * (WIDE_SAMPLE_WIDTH + r) + 1] = cf.loss;
    traj[samples * (WIDE_SAMPLE_WIDTH + r) + 2] = cf.gradNorm;
    traj.set(angles, samples * (WIDE_SAMPLE_WIDTH + r) + WIDE_SAMPLE_WIDTH);
    samples++;
    lastSampled = t;
  };
  for (;;) {
    cf.at(x, a);
    const { gradNorm } = cf;
    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample();
    const decided = cf.lossOutcome(lossTol);
    if (decided !== null) {
      outcome = decided;
      break;
    }
    still = gradNorm <= gradTol ? still + 1 : 0;
    if (still >= gradWindow) {
      outcome = Outcome.Spurious;
      break;
    }
    if (t >= maxIter) {
      outcome = Outcome.Unconverged;
      break;
    }

    if (t >= cursor.nextUntil) cursor.enter(t);
    const { etaA, etaV } = cursor;
    for (let i = 0; i < r; i++) addScaled(x, i * ps, -etaV, gx, i * ps, p);
    for (let i = 0; i < r; i++) addScaled(a, i * ks, -etaA, ga, i * ks, k);
    t++;
  }
  if (logEvery > 0 && lastSampled !== t && samples < trajCap) sample();
  return { outcome, iterations: t, phi: cf.phi, loss: cf.loss, gradNorm: cf.gradNorm, samples, angles };
}
