// The bit generator: xoshiro128** (32-bit words), one stream per scalar Stream or four streams in
// the lanes of an i32x4 (Lanes). A stream is named by a key of four 32-bit words, a purpose word and
// a lane: its state words come from a murmur3-style mixing chain over them, so lane i of a Lanes
// generator is exactly the scalar stream (key, purpose, i) that the twin replays.

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

/** One xoshiro128** stream, a spare normal (Box–Muller gives two) and nothing else. */
@unmanaged export class Stream {
  s0: u32; s1: u32; s2: u32; s3: u32;
  spare: f64;
  hasSpare: i32;

  seed(k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): void {
    this.s0 = streamWord(0, k0, k1, k2, k3, purpose, lane);
    this.s1 = streamWord(1, k0, k1, k2, k3, purpose, lane);
    this.s2 = streamWord(2, k0, k1, k2, k3, purpose, lane);
    this.s3 = streamWord(3, k0, k1, k2, k3, purpose, lane);
    if ((this.s0 | this.s1 | this.s2 | this.s3) == 0) this.s0 = 1;
    this.hasSpare = 0;
    this.spare = 0;
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

/** Four streams in the lanes of i32x4s: lane i is stream (key, purpose, i). */
@unmanaged export class Lanes {
  s0: v128; s1: v128; s2: v128; s3: v128;

  seed(k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32): void {
    this.s0 = lanesOf(0, k0, k1, k2, k3, purpose);
    this.s1 = lanesOf(1, k0, k1, k2, k3, purpose);
    this.s2 = lanesOf(2, k0, k1, k2, k3, purpose);
    this.s3 = lanesOf(3, k0, k1, k2, k3, purpose);
    for (let lane = 0; lane < 4; lane++) { // the scalar Stream's guard, lane by lane
      const zero = (i32x4.extract_lane(this.s0, 0) | i32x4.extract_lane(this.s1, 0) | i32x4.extract_lane(this.s2, 0)
        | i32x4.extract_lane(this.s3, 0)) == 0;
      if (zero) this.s0 = i32x4.replace_lane(this.s0, 0, 1);
      this.s0 = i32x4.shuffle(this.s0, this.s0, 1, 2, 3, 0); this.s1 = i32x4.shuffle(this.s1, this.s1, 1, 2, 3, 0);
      this.s2 = i32x4.shuffle(this.s2, this.s2, 1, 2, 3, 0); this.s3 = i32x4.shuffle(this.s3, this.s3, 1, 2, 3, 0);
    }
  }

  /** The next 32 bits of every lane. */
  @inline next(): v128 {
    const s1 = this.s1;
    const m = i32x4.mul(s1, i32x4.splat(5));
    const result = i32x4.mul(v128.or(i32x4.shl(m, 7), i32x4.shr_u(m, 25)), i32x4.splat(9));
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

function lanesOf(i: i32, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32): v128 {
  let v = i32x4.splat(0);
  v = i32x4.replace_lane(v, 0, streamWord(i, k0, k1, k2, k3, purpose, 0));
  v = i32x4.replace_lane(v, 1, streamWord(i, k0, k1, k2, k3, purpose, 1));
  v = i32x4.replace_lane(v, 2, streamWord(i, k0, k1, k2, k3, purpose, 2));
  return i32x4.replace_lane(v, 3, streamWord(i, k0, k1, k2, k3, purpose, 3));
}
