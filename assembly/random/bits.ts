// The bit generator: xoshiro128** (32-bit words), one stream per scalar Stream or four streams in
// the lanes of an i32x4 (Lanes). A stream is named by a key of four 32-bit words, a purpose word and
// a lane: its state words come from a murmur3-style mixing chain over them, so lane i of a Lanes
// generator seeded from lane `first` is exactly the scalar stream (key, purpose, first + i) that the twin replays.

// The first words of π's fraction: one chain per state word.
const IV0: u32 = 0x243F6A88, IV1: u32 = 0x85A308D3, IV2: u32 = 0x13198A2E, IV3: u32 = 0x03707344;

/** murmur3's finaliser: a bijection of 32-bit words. */
@inline export function fmix32(h: u32): u32 {
  h ^= h >>> 16; h *= 0x85EBCA6B; h ^= h >>> 13; h *= 0xC2B2AE35;
  return h ^ (h >>> 16);
}

/** Word `i` (0..3) of the state of stream (k0, k1, k2, k3, purpose, lane). */
export function streamWord(i: i32, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): u32 {
  let h = i == 0 ? IV0 : i == 1 ? IV1 : i == 2 ? IV2 : IV3;
  h = fmix32(h ^ k0); h = fmix32(h ^ k1); h = fmix32(h ^ k2); h = fmix32(h ^ k3);
  h = fmix32(h ^ purpose);
  return fmix32(h ^ lane);
}

/** One xoshiro128** stream and nothing else. */
@unmanaged export class Stream {
  s0: u32; s1: u32; s2: u32; s3: u32;

  seed(k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): void {
    this.s0 = streamWord(0, k0, k1, k2, k3, purpose, lane);
    this.s1 = streamWord(1, k0, k1, k2, k3, purpose, lane);
    this.s2 = streamWord(2, k0, k1, k2, k3, purpose, lane);
    this.s3 = streamWord(3, k0, k1, k2, k3, purpose, lane);
    if ((this.s0 | this.s1 | this.s2 | this.s3) == 0) this.s0 = 1;
  }

  /** The next 32 bits. */
  @inline next(): u32 {
    const s1 = this.s1;
    const result = rotl<u32>(s1 * 5, 7) * 9;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl<u32>(this.s3, 11);
    return result;
  }
}

/** Four streams in the lanes of i32x4s: lane i is stream (key, purpose, first + i). */
@unmanaged export class Lanes {
  s0: v128; s1: v128; s2: v128; s3: v128;

  seed(k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, first: u32 = 0): void {
    seedLanesAt(changetype<usize>(this), k0, k1, k2, k3, purpose, first);
  }

  /** The next 32 bits of every lane. */
  @inline next(): v128 {
    const s1 = this.s1;
    const result = scrambledBy(s1, i32x4.splat(5), i32x4.splat(9));
    const t = i32x4.shl(s1, 9);
    let s0 = this.s0, s2 = this.s2, s3 = this.s3;
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    this.s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    this.s0 = s0;
    this.s2 = s2;
    this.s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    return result;
  }
}

/** The ** scrambler of every lane: rotl(s1·5, 7)·9 (five and nine: those splatted). */
@inline export function scrambledBy(s1: v128, five: v128, nine: v128): v128 {
  const m = i32x4.mul(s1, five);
  return i32x4.mul(v128.or(i32x4.shl(m, 7), i32x4.shr_u(m, 25)), nine);
}

/** The state of streams (key, purpose, first + i), i = 0..3, as four i32x4s at `at` (word w of lane i at 16·w + 4·i). */
export function seedLanesAt(at: usize, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, first: u32): void {
  for (let lane = 0; lane < 4; lane++) {
    const word = at + (<usize>lane << 2);
    for (let w = 0; w < 4; w++) store<u32>(word + (<usize>w << 4), streamWord(w, k0, k1, k2, k3, purpose, first + lane));
    // the scalar Stream's guard
    if ((load<u32>(word) | load<u32>(word, 16) | load<u32>(word, 32) | load<u32>(word, 48)) == 0) store<u32>(word, 1);
  }
}
