// TypeScript twin of assembly/random/normal.ts: the 2048-layer ziggurat (two words per attempt, exact
// wedges and tail; the order of the words is described there); NormalLanes replays the eight SIMD
// lanes as eight scalar pairs of streams, block for block.
import { Stream } from './bits.js';
import { uniform, uniformOpen } from './uniform.js';
import { logPositive, exp } from './elementary.js';

export const ZIGGURAT_LAYERS = 2048;
export const ZIGGURAT_R = 4.216370409511897;
export const ZIGGURAT_V = 0.0006126065176240461;
const LAYER = ZIGGURAT_LAYERS - 1,
  SIGN = ZIGGURAT_LAYERS;
const TWO_52 = 4503599627370496;
const TWO_32 = 4294967296;

/** The tables, made by the kernel's operations: W[i] = x_i/2^52, K[i] = 2^52·x_{i−1}/x_i, F[i] = f(x_i). */
export const ziggurat = (() => {
  const W = new Float64Array(ZIGGURAT_LAYERS),
    K = new Float64Array(ZIGGURAT_LAYERS),
    F = new Float64Array(ZIGGURAT_LAYERS);
  let dn = ZIGGURAT_R,
    tn = dn;
  const q = ZIGGURAT_V / exp(-0.5 * dn * dn);
  W[0] = q / TWO_52;
  K[0] = (dn / q) * TWO_52;
  K[1] = 0;
  W[LAYER] = dn / TWO_52;
  F[0] = 1;
  F[LAYER] = exp(-0.5 * dn * dn);
  for (let i = LAYER - 1; i >= 1; i--) {
    dn = Math.sqrt(-2.0 * logPositive(ZIGGURAT_V / dn + exp(-0.5 * dn * dn)));
    K[i + 1] = (dn / tn) * TWO_52;
    tn = dn;
    F[i] = exp(-0.5 * dn * dn);
    W[i] = dn / TWO_52;
  }
  return { W, K, F };
})();
const { W, K, F } = ziggurat;

/** The normal of the attempt (w0, w1) of stream s, drawing more of s when it is not accepted at once. */
export function normalFrom(s: Stream, w0: number, w1: number): number {
  for (;;) {
    const i = w0 & LAYER;
    const m = (w0 >>> 12) * TWO_32 + (w1 >>> 0);
    let x = m * W[i];
    if (w0 & SIGN) x = -x;
    if (m < K[i]) return x;
    if (i === 0) {
      for (;;) {
        const t = -logPositive(uniformOpen(s)) / ZIGGURAT_R;
        const e = -logPositive(uniformOpen(s));
        if (e + e > t * t) return w0 & SIGN ? -(ZIGGURAT_R + t) : ZIGGURAT_R + t;
      }
    }
    if ((F[i - 1] - F[i]) * uniform(s) + F[i] < exp(-0.5 * x * x)) return x;
    w0 = s.next();
    w1 = s.next();
  }
}

/** The next standard normal of a scalar stream. */
export function normal(s: Stream): number {
  const w0 = s.next();
  return normalFrom(s, w0, s.next());
}

/**
 * The next normal of a lane of NormalLanes: its attempt from the lane's stream, finished (when not accepted
 * at once) from the lane's second stream.
 */
export function laneNormal(attempts: Stream, spare: Stream): number {
  const w0 = attempts.next();
  return normalFrom(spare, w0, attempts.next());
}

/** The eight lanes of assembly/random/normal.ts's NormalLanes, drawing blocks of eight normals. */
export class NormalLanes {
  private readonly lanes: Stream[];
  private readonly spares: Stream[];
  private readonly kept = new Float64Array(8);
  private used = 8;

  constructor(k0: number, k1: number, k2: number, k3: number, purpose: number) {
    const streams = (first: number) => [0, 1, 2, 3, 4, 5, 6, 7].map((j) => new Stream(k0, k1, k2, k3, purpose, first + j));
    this.lanes = streams(0);
    this.spares = streams(8);
  }

  /** One block: the next normal of lanes 0 … 7. */
  private block(out: Float64Array, at: number): void {
    const { lanes, spares } = this;
    for (let j = 0; j < 8; j++) out[at + j] = laneNormal(lanes[j], spares[j]);
  }

  /** The next n normals of the sequence into out[at …] (leftovers of a block kept for the next call). */
  fill(out: Float64Array, n: number, at = 0): void {
    let i = 0;
    const kept = this.kept;
    while (i < n && this.used < 8) out[at + i++] = kept[this.used++];
    while (n - i >= 8) {
      this.block(out, at + i);
      i += 8;
    }
    if (i < n) {
      this.block(kept, 0);
      this.used = 0;
      while (i < n) out[at + i++] = kept[this.used++];
    }
  }
}
