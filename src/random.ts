// Seeded randomness. A stream is named by a key such as (seed, k, method, trial), hashed to
// 128 bits (cyrb128) that seed xoshiro128**; 32-bit integer arithmetic only, so Node and
// browsers give the same numbers. The generator is the random module's (src/twin/random/bits.ts).
import { Xoshiro128, rotl } from './twin/random/bits.js';

/** The 128-bit seed of the stream named by `key` (four unsigned 32-bit words). */
export function cyrb128(key: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
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
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

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

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5, lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Marsaglia's polar method). */
  normal(): number {
    if (this.spare === this.spare) { const v = this.spare; this.spare = NaN; return v; } // not NaN
    for (;;) {
      const u = 2 * this.uniform() - 1, v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt(-2 * Math.log(s) / s);
        this.spare = v * m;
        return u * m;
      }
    }
  }

  /**
   * Fills `out` with normals: the numbers of as many normal() calls, drawn with the state in
   * locals (field reads and writes per draw cost more than the draws).
   */
  fillNormals(out: Float64Array): Float64Array {
    let s0 = this.s0, s1 = this.s1, s2 = this.s2, s3 = this.s3, r = 0, t = 0;
    let i = 0;
    const n = out.length;
    if (n > 0 && this.spare === this.spare) { out[i++] = this.spare; this.spare = NaN; }
    while (i < n) {
      // Four xoshiro128** draws (nextUint32, inlined): two 53-bit uniforms u, v in [−1, 1).
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      let hi = r >>> 5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const u = 2 * ((hi * 67108864 + (r >>> 6)) / 9007199254740992) - 1;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      hi = r >>> 5;
      r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0; t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
      const v = 2 * ((hi * 67108864 + (r >>> 6)) / 9007199254740992) - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt(-2 * Math.log(s) / s);
        out[i++] = u * m;
        if (i < n) out[i++] = v * m;
        else this.spare = v * m;
      }
    }
    this.s0 = s0; this.s1 = s1; this.s2 = s2; this.s3 = s3;
    return out;
  }

  normals(n: number): number[] {
    return Array.from(this.fillNormals(new Float64Array(n)));
  }
}

