// TypeScript twin of assembly/sampled/data.ts: samples, labels and the epochs' shuffled order.
import type { NormalLanes, Stream } from '../random/index.js';
import { below } from '../random/index.js';
import { dot8 } from './forward.js';

const noise = new Float64Array(1);

/** The next sample: k·p normals into z[at …], then one more ε when s > 0; returns s·ε (0: no draw). */
export function drawSample(g: NormalLanes, z: Float64Array, at: number, kp: number, s: number): number {
  g.fill(z, kp, at);
  if (s > 0) {
    g.fill(noise, 1);
    return s * noise[0];
  }
  return 0;
}

/** Σ_j a*_j σ(⟨Z_j, w*⟩), in order. */
export function teacherLabel(z: Float64Array, at: number, ws: Float64Array, as: Float64Array, k: number, p: number): number {
  let y = 0;
  for (let j = 0; j < k; j++) {
    const t = dot8(z, at + j * p, ws, p);
    y += as[j] * (t > 0 ? t : 0);
  }
  return y;
}

/** A training set of n samples: Z (n·k·p) and labels Y (n), drawn sample after sample. */
export function drawTrainingSet(
  g: NormalLanes,
  Z: Float64Array,
  Y: Float64Array,
  n: number,
  k: number,
  p: number,
  ws: Float64Array,
  as: Float64Array,
  s: number,
): void {
  const kp = k * p;
  for (let i = 0; i < n; i++) {
    const e = drawSample(g, Z, i * kp, kp, s);
    const y = teacherLabel(Z, i * kp, ws, as, k, p);
    Y[i] = s > 0 ? y + e : y;
  }
}

/** Fisher–Yates: for i = n − 1 … 1, swap entries i and below(i + 1). */
export function shuffle(st: Stream, perm: Int32Array, n: number): void {
  for (let i = n - 1; i > 0; i--) {
    const j = below(st, i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
}
