// TypeScript twin of assembly/random/normal.ts: Box–Muller with four words per pair; NormalLanes
// replays the four SIMD lanes as four scalar streams, block for block.
import { Stream } from './bits.js';
import { uniformOf, uniformOpenOf } from './uniform.js';
import { logPositive, sinKernel, cosKernel } from './elementary.js';

const PIO2 = 1.5707963267948966;

/** The pair (z1, z2) of four words. */
export const pair = { cos: 0, sin: 0 };

export function pairOf(w0: number, w1: number, w2: number, w3: number): void {
  const u1 = uniformOpenOf(w0, w1);
  const q = w1 & 3;
  const r = (uniformOf(w2, w3) - 0.5) * PIO2;
  const rho = Math.sqrt(-2.0 * logPositive(u1));
  const S = sinKernel(r),
    C = cosKernel(r);
  const cc = q & 1 ? S : C,
    ss = q & 1 ? C : S;
  pair.cos = rho * (((q + 1) & 2) !== 0 ? -cc : cc);
  pair.sin = rho * ((q & 2) !== 0 ? -ss : ss);
}

/** The next standard normal of a scalar stream (pairs, the second kept as a spare). */
export function normal(s: Stream): number {
  if (s.hasSpare) {
    s.hasSpare = false;
    return s.spare;
  }
  const w0 = s.next(),
    w1 = s.next(),
    w2 = s.next();
  pairOf(w0, w1, w2, s.next());
  s.spare = pair.sin;
  s.hasSpare = true;
  return pair.cos;
}

/** The four lanes of assembly/random/normal.ts's NormalLanes, drawing blocks of eight normals. */
export class NormalLanes {
  private readonly lanes: Stream[];
  private readonly kept = new Float64Array(8);
  private used = 8;

  constructor(k0: number, k1: number, k2: number, k3: number, purpose: number) {
    this.lanes = [0, 1, 2, 3].map((lane) => new Stream(k0, k1, k2, k3, purpose, lane));
  }

  /** One block: [z1 of lanes 0, 1; z2 of lanes 0, 1; z1 of lanes 2, 3; z2 of lanes 2, 3]. */
  private block(out: Float64Array, at: number): void {
    for (let h = 0; h < 2; h++) {
      for (let j = 0; j < 2; j++) {
        const s = this.lanes[2 * h + j];
        const w0 = s.next(),
          w1 = s.next(),
          w2 = s.next();
        pairOf(w0, w1, w2, s.next());
        out[at + 4 * h + j] = pair.cos;
        out[at + 4 * h + 2 + j] = pair.sin;
      }
    }
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
