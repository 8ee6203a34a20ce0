// Seeded randomness. A stream is named by a key such as (seed, k, method, trial), hashed to
// 128 bits (cyrb128) that seed xoshiro128**; 32-bit integer arithmetic only, so Node and
// browsers give the same numbers. The generator and the 53-bit uniform are the random module's
// (src/twin/random/bits.ts, uniform.ts).
import { Xoshiro128 } from './twin/random/bits.js';
import { uniformOf } from './twin/random/uniform.js';

/** The 128-bit seed of the stream named by `key` (four unsigned 32-bit words). */
export function cyrb128(key: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** normal()'s one-number buffer. */
const one = new Float64Array(1);

/** A seeded random stream (xoshiro128**, the engines' generator): the same key parts give the same numbers in Node and in browsers. */
export class Random extends Xoshiro128 {
  // `spare` is NaN when empty.
  private spare = NaN;

  /** A stream determined by its key parts alone. */
  constructor(...key: (string | number)[]) {
    const [a, b, c, d] = cyrb128(key.join('/'));
    super(a, b, c, d);
  }

  /** xoshiro128**: the next 32 random bits. */
  nextUint32(): number {
    return this.next();
  }

  /** Uniform in [0, 1) with 53 random bits (the random module's uniform). */
  uniform(): number {
    const hi = this.next();
    return uniformOf(hi, this.next());
  }

  /** Standard normal. */
  normal(): number {
    return this.fillNormals(one)[0];
  }

  /** Fills `out` with standard normals (Marsaglia's polar method: pairs, the last one's second kept as a spare). */
  fillNormals(out: Float64Array): Float64Array {
    let i = 0;
    const n = out.length;
    if (n > 0 && !Number.isNaN(this.spare)) {
      out[i++] = this.spare;
      this.spare = NaN;
    } // not NaN
    while (i < n) {
      const u = 2 * this.uniform() - 1,
        v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        out[i++] = u * m;
        if (i < n) out[i++] = v * m;
        else this.spare = v * m;
      }
    }
    return out;
  }

  /** n standard normals (fillNormals into a plain array). */
  normals(n: number): number[] {
    return Array.from(this.fillNormals(new Float64Array(n)));
  }
}
