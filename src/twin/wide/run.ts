// TypeScript twin of assembly/wide/run.ts: the same run loop, step for step, on rows of arrays
// padded as the engine lays them out (rows of even(p) and even(k) entries).
import { dot, scaled, addScaled, finishRowA } from './passes.js';
import { maxAbs } from '../population/passes.js';
import { cosine, arcCosKernel, TWO_PI, FOUR_PI } from '../common/closedForm.js';
import { StageCursor } from '../common/schedule.js';
import { acos } from '../common/acos.js';
import { Outcome, DIVERGED_A, WIDE_SAMPLE_WIDTH } from '../../layout.js';

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
  const { p, k, r, rStar: rs, x, ws, a, as, ones, maxIter, lossTol, gradTol, gradWindow, logEvery, traj } = w;
  const ps = p + (p & 1),
    ks = k + (k & 1),
    rr = r * r,
    rrs = r * rs;
  const gx = new Float64Array(r * ps),
    ga = new Float64Array(r * ks);
  const sStar = new Float64Array(ks),
    d = new Float64Array(ks),
    norms = new Float64Array(r),
    angles = new Float64Array(r);
  const cG = new Float64Array(rr),
    G = new Float64Array(rr),
    tG = new Float64Array(rr),
    M = new Float64Array(rr),
    cX = new Float64Array(rr);
  const cH = new Float64Array(rrs),
    H = new Float64Array(rrs),
    tH = new Float64Array(rrs),
    N = new Float64Array(rrs),
    cW = new Float64Array(rrs);
  const trajCap = Math.floor(traj.length / (WIDE_SAMPLE_WIDTH + r));

  let lossStar = 0;
  for (let j = 0; j < rs; j++) {
    for (let j2 = 0; j2 < rs; j2++) {
      let g = Math.PI;
      if (j2 !== j) {
        const c = cosine(dot(ws, j * ps, ws, j2 * ps, p), 1);
        g = arcCosKernel(c, acos(c));
      }
      lossStar += g * dot(as, j * ks, as, j2 * ks, k);
    }
  }
  scaled(sStar, 0, 1, as, 0, k);
  for (let j = 1; j < rs; j++) addScaled(sStar, 0, 1, as, j * ks, k);

  let t = 0,
    samples = 0,
    lastSampled = -1,
    still = 0;
  let loss = 0,
    gradNorm = 0,
    phi = 0;
  let outcome = Outcome.Unconverged;
  const cursor = new StageCursor(w.stages);
  const sample = () => {
    traj[samples * (WIDE_SAMPLE_WIDTH + r)] = t;
    traj[samples * (WIDE_SAMPLE_WIDTH + r) + 1] = loss;
    traj[samples * (WIDE_SAMPLE_WIDTH + r) + 2] = gradNorm;
    traj.set(angles, samples * (WIDE_SAMPLE_WIDTH + r) + WIDE_SAMPLE_WIDTH);
    samples++;
    lastSampled = t;
  };
  for (;;) {
    for (let i = 0; i < r; i++) norms[i] = Math.sqrt(dot(x, i * ps, x, i * ps, p));
    for (let i = 0; i < r; i++) {
      const ni = norms[i];
      cG[i * r + i] = 1;
      G[i * r + i] = Math.PI;
      tG[i * r + i] = Math.PI;
      for (let i2 = i + 1; i2 < r; i2++) {
        const c = cosine(dot(x, i * ps, x, i2 * ps, p), ni * norms[i2]);
        const theta = acos(c),
          g = arcCosKernel(c, theta);
        cG[i * r + i2] = c;
        cG[i2 * r + i] = c;
        G[i * r + i2] = g;
        G[i2 * r + i] = g;
        tG[i * r + i2] = Math.PI - theta;
        tG[i2 * r + i] = Math.PI - theta;
      }
      let nearest = Infinity;
      for (let j = 0; j < rs; j++) {
        const c = cosine(dot(x, i * ps, ws, j * ps, p), ni);
        const theta = acos(c);
        cH[i * rs + j] = c;
        H[i * rs + j] = arcCosKernel(c, theta);
        tH[i * rs + j] = Math.PI - theta;
        nearest = Math.min(nearest, theta);
      }
      angles[i] = nearest;
    }
    phi = Infinity;
    for (let i = 0; i < r; i++) phi = Math.min(phi, angles[i]);
    scaled(d, 0, 1, a, 0, k);
    for (let i = 1; i < r; i++) addScaled(d, 0, 1, a, i * ks, k);
    addScaled(d, 0, -1, sStar, 0, k);
    const sumD = dot(ones, 0, d, 0, k),
      dd = dot(d, 0, d, 0, k);
    let maxA = 0;
    for (let i = 0; i < r; i++) {
      maxA = Math.max(maxA, maxAbs(a.subarray(i * ks), k));
      for (let i2 = i; i2 < r; i2++) {
        const m = dot(a, i * ks, a, i2 * ks, k);
        M[i * r + i2] = m;
        M[i2 * r + i] = m;
      }
      for (let j = 0; j < rs; j++) N[i * rs + j] = dot(a, i * ks, as, j * ks, k);
    }
    let quad = 0,
      cross = 0;
    for (let e = 0; e < rr; e++) quad += G[e] * M[e];
    for (let e = 0; e < rrs; e++) cross += H[e] * N[e];
    loss = (quad - 2 * cross + lossStar + sumD * sumD - dd) / FOUR_PI;

    let gradSq = 0;
    for (let i = 0; i < r; i++) {
      const inv = 1 / norms[i];
      let q = 0;
      for (let i2 = 0; i2 < r; i2++) {
        if (i2 === i) continue;
        const e = i * r + i2,
          mt = M[e] * tG[e];
        q += mt * cG[e];
        cX[e] = (mt / TWO_PI / norms[i2]) * inv;
      }
      for (let j = 0; j < rs; j++) {
        const e = i * rs + j,
          nt = N[e] * tH[e];
        q -= nt * cH[e];
        cW[e] = -(nt / TWO_PI) * inv;
      }
      cX[i * r + i] = -(q / TWO_PI) * inv * inv;
      scaled(gx, i * ps, cX[i * r], x, 0, p);
      for (let i2 = 1; i2 < r; i2++) addScaled(gx, i * ps, cX[i * r + i2], x, i2 * ps, p);
      for (let j = 0; j < rs; j++) addScaled(gx, i * ps, cW[i * rs + j], ws, j * ps, p);
      scaled(ga, i * ks, G[i * r], a, 0, k);
      for (let i2 = 1; i2 < r; i2++) addScaled(ga, i * ks, G[i * r + i2], a, i2 * ks, k);
      for (let j = 0; j < rs; j++) addScaled(ga, i * ks, -H[i * rs + j], as, j * ks, k);
      finishRowA(ga, i * ks, d, ones, sumD, 1 / TWO_PI, k);
    }
    for (let i = 0; i < r; i++) gradSq += dot(ga, i * ks, ga, i * ks, k);
    for (let i = 0; i < r; i++) gradSq += dot(gx, i * ps, gx, i * ps, p);
    gradNorm = Math.sqrt(gradSq);

    if (logEvery > 0 && t % logEvery === 0 && samples < trajCap) sample();
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm) || maxA > DIVERGED_A) {
      outcome = Outcome.Diverged;
      break;
    }
    if (loss <= lossTol) {
      outcome = Outcome.Global;
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
  return { outcome, iterations: t, phi, loss, gradNorm, samples, angles };
}
