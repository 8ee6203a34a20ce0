// TypeScript twin of assembly/sampled/data.ts: samples, labels and the epochs' shuffled order.
import { below, NormalLanes, Stream } from '../random/index.js';
import { dot8 } from './forward.js';
import { PURPOSE_DATA, PURPOSE_SHUFFLE } from '../../layout.js';
import type { SampledData } from '../../problem.js';

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

/** Σ_j Σ_i A*_ij σ(⟨Z_j, w*_i⟩): patches in order, within a patch the rs teacher rows (wStride, aStride apart) in order. */
export function teacherLabel(
  z: Float64Array,
  at: number,
  ws: Float64Array,
  as: Float64Array,
  k: number,
  p: number,
  rs = 1,
  wStride = 0,
  aStride = 0,
): number {
  let y = 0;
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < rs; i++) {
      const t = dot8(z, at + j * p, i === 0 ? ws : ws.subarray(i * wStride), p);
      y += as[i * aStride + j] * (t > 0 ? t : 0);
    }
  }
  return y;
}

/** A training set of n samples: Z (n·k·p) and labels Y (n), drawn sample after sample (teacher as teacherLabel's). */
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
  rs = 1,
  wStride = 0,
  aStride = 0,
): void {
  const kp = k * p;
  for (let i = 0; i < n; i++) {
    const e = drawSample(g, Z, i * kp, kp, s);
    const y = teacherLabel(Z, i * kp, ws, as, k, p, rs, wStride, aStride);
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

/**
 * A run's draws (the twin of startData and nextIndex): its data stream g; for a fixed set also its shuffle stream,
 * the set (Z, Y) drawn once (teacher as teacherLabel's) and its epochs (the first step starts one; each is shuffled
 * when batch < n).
 */
export class DataDraws {
  readonly g: NormalLanes;
  readonly Z: Float64Array;
  readonly Y: Float64Array;
  /** Where `next` put the step's next sample: z[zAt …]; online its label noise s·ε, a fixed set's its label y. */
  z: Float64Array;
  zAt = 0;
  noise = 0;
  y = 0;
  private readonly sample: Float64Array;
  private readonly st: Stream;
  private readonly perm: Int32Array;
  private readonly shuffled: boolean;
  private pos: number;

  constructor(d: SampledData, k: number, p: number, ws: Float64Array, as: Float64Array, rs = 1, wStride = 0, aStride = 0) {
    const { online, batch, n, key } = d;
    this.g = new NormalLanes(key[0], key[1], key[2], key[3], PURPOSE_DATA);
    this.st = new Stream(key[0], key[1], key[2], key[3], PURPOSE_SHUFFLE, 0);
    this.Z = new Float64Array(online ? 0 : n * k * p);
    this.Y = new Float64Array(online ? 0 : n);
    this.perm = new Int32Array(online ? 0 : n);
    this.shuffled = !online && batch < n;
    this.pos = n;
    this.sample = new Float64Array(online ? k * p : 0);
    this.z = online ? this.sample : this.Z;
    if (online) return;
    drawTrainingSet(this.g, this.Z, this.Y, n, k, p, ws, as, d.labelNoise, rs, wStride, aStride);
    for (let i = 0; i < n; i++) this.perm[i] = i;
  }

  /** The next sample of a step's batch: online a fresh one (noise), else the training set's next (label). */
  next(online: boolean, s: number): void {
    if (online) {
      this.noise = drawSample(this.g, this.sample, 0, this.sample.length, s);
      return;
    }
    const idx = this.nextIndex(),
      kp = this.Z.length / this.Y.length;
    this.zAt = idx * kp;
    this.y = this.Y[idx];
  }

  /** The training-set index of the next sample: the epoch's order, a new epoch (shuffled) once one ends. */
  private nextIndex(): number {
    const n = this.perm.length;
    if (this.pos === n) {
      if (this.shuffled) shuffle(this.st, this.perm, n);
      this.pos = 0;
    }
    return this.perm[this.pos++];
  }
}
