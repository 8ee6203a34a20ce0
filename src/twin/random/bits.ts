// TypeScript twin of assembly/random/bits.ts: xoshiro128** streams named by (k0, k1, k2, k3, purpose, lane).

const IV = [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344];

/** murmur3's finaliser: a bijection of 32-bit words (result as int32). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Word `i` (0..3) of the state of stream (k0, k1, k2, k3, purpose, lane), unsigned. */
export function streamWord(i: number, k0: number, k1: number, k2: number, k3: number, purpose: number, lane: number): number {
  let h = IV[i];
  h = fmix32(h ^ k0);
  h = fmix32(h ^ k1);
  h = fmix32(h ^ k2);
  h = fmix32(h ^ k3);
  h = fmix32(h ^ purpose);
  return fmix32(h ^ lane) >>> 0;
}

/** The key words of a run seed (a whole number below 2^53): [seed mod 2^32, ⌊seed/2^32⌋, 0, 0]. */
export function seedKey(seed: number): [number, number, number, number] {
  return [seed % 4294967296, Math.floor(seed / 4294967296), 0, 0];
}

/** The purpose word of a trial's data seed (trialSeed). */
const PURPOSE_TRIAL_SEED = 3;

/**
 * The data seed of trial `trial` of cell `cell` of an experiment with seed `seed` (SPEC §8: a
 * trial's samples come from (experiment seed, cell, trial) alone): a whole number below 2^53, so
 * that `shortcut-sim run` with it as data.seed repeats the trial.
 */
export function trialSeed(seed: number, cell: number, trial: number): number {
  const lo = streamWord(0, seed, cell, trial, 0, PURPOSE_TRIAL_SEED, 0);
  const hi = streamWord(1, seed, cell, trial, 0, PURPOSE_TRIAL_SEED, 0) & 0x1fffff;
  return hi * 4294967296 + lo;
}

/** xoshiro128**: four 32-bit words of state (held as int32) and the step. */
export class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  constructor(w0: number, w1: number, w2: number, w3: number) {
    this.s0 = w0 | 0;
    this.s1 = w1 | 0;
    this.s2 = w2 | 0;
    this.s3 = w3 | 0;
    if ((w0 | w1 | w2 | w3) === 0) this.s0 = 1;
  }

  /** The next 32 bits (unsigned). */
  next(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }
}

/** Stream (k0, k1, k2, k3, purpose, lane). */
export class Stream extends Xoshiro128 {
  constructor(k0: number, k1: number, k2: number, k3: number, purpose: number, lane: number) {
    super(
      streamWord(0, k0, k1, k2, k3, purpose, lane),
      streamWord(1, k0, k1, k2, k3, purpose, lane),
      streamWord(2, k0, k1, k2, k3, purpose, lane),
      streamWord(3, k0, k1, k2, k3, purpose, lane),
    );
  }
}

export function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}
