// Standard normals by the ziggurat of Marsaglia and Tsang (2000) with 2048 layers of area v under
// the half density f(x) = e^{−x²/2} and tail beyond r (NumPy draws 256: each doubling halves the
// attempts not accepted at once, which cost more than the rest of the draw; 2048 layers use every bit
// of the attempt's two words).
// Exact: every rejected draw is thrown away whole, the wedges are tested against f itself and the
// tail is sampled by Marsaglia's exact method.
//
// One attempt takes two words of a stream, w0 then w1: the layer i = w0 & 2047, the sign from bit 11
// of w0, and a 52-bit integer m = (w0 >>> 12)·2^32 + w1, so x = m·W[i] is uniform on [0, x_i).
//   m < K[i] (x below the next layer's edge, 99.8% of attempts): x with its sign.
//   i = 0 (the base strip, x ≥ r): the tail; per round u = uniformOpen(s), then u' = uniformOpen(s),
//     t = −ln u / r, e = −ln u'; 2e > t² gives ±(r + t), else another round.
//   i > 0 (a wedge): u = uniform(s); F[i] + (F[i−1] − F[i])·u < f(x) gives x, else a new attempt.
// The lanes (NormalLanes: eight, in two i32x4 generators) take the attempts of all eight lanes at once,
// lane j's from stream (key, purpose, j); an attempt not accepted at once is finished after the blocks, as
// normalFrom does, from lane j's second stream (key, purpose, 8 + j). Lane j is thus a scalar pair of
// streams the twin replays (laneNormal), whatever the other lanes draw and however a fill is cut into calls,
// and the fast loop never stops: a block with a rejected lane (1.8% of blocks) is only noted.
import { Stream, Lanes, scrambledBy, seedLanesAt } from "./bits";
import { uniform, uniformOpen } from "./uniform";
import { logPositive, exp } from "./elementary";

export const ZIGGURAT_LAYERS = 2048;
// The tail's start x_2047 and each layer's area v = r·f(r) + ∫_r^∞ f: the r for which Marsaglia and Tsang's
// recursion closes at the top (x_0 = 0), solved to 50 digits and rounded (the same solution for 256 layers
// gives NumPy's r = 3.6541528853610088, v = 0.004928673233974655).
export const ZIGGURAT_R: f64 = 4.216370409511897;
const ZIGGURAT_V: f64 = 0.0006126065176240461;
const LAYER = ZIGGURAT_LAYERS - 1, SIGN = ZIGGURAT_LAYERS; // w0's bits: the layer, the sign
const NEGATIVE = ZIGGURAT_LAYERS << 4; // the negative layers' offset in WKS
const TWO_52: f64 = 4503599627370496.0;
const TWO_32: f64 = 4294967296.0;

// The tables, made once at start-up by Marsaglia and Tsang's recursion x_{i−1} = f⁻¹(v/x_i + f(x_i))
// (the twin makes them with the same operations; the tests check that every layer's area is v).
// Layer i of sign s (bit 11 of w0) is the 16 bytes WKS[16·(i + 2048s)]: [±W[i], K[i]], W[i] = x_i/2^52
// (x_0 = v/f(r), the base strip's width), K[i] = 2^52·x_{i−1}/x_i (K[0] = 2^52·r/x_0, K[1] = 0: the
// top layer is all wedge); F[i] = f(x_i) (F[0] = 1).
export const ZIGGURAT_WKS = changetype<usize>(memory.data(2 * ZIGGURAT_LAYERS * 16, 16));
export const ZIGGURAT_F = changetype<usize>(memory.data(ZIGGURAT_LAYERS * 8, 16));

/** W[i] and K[i] of layer i, both signs. */
function setLayer(i: i32, w: f64, k: f64): void {
  const o = ZIGGURAT_WKS + (<usize>i << 4);
  store<f64>(o, w);
  store<f64>(o, k, 8);
  store<f64>(o + NEGATIVE, -w);
  store<f64>(o + NEGATIVE, k, 8);
}

function setUpTables(): void {
  let dn = ZIGGURAT_R, tn = dn;
  const q = ZIGGURAT_V / exp(-0.5 * dn * dn);
  setLayer(0, q / TWO_52, (dn / q) * TWO_52);
  store<f64>(ZIGGURAT_F, 1);
  store<f64>(ZIGGURAT_F + (<usize>LAYER << 3), exp(-0.5 * dn * dn));
  let w = dn / TWO_52;
  for (let i = LAYER - 1; i >= 1; i--) {
    dn = Math.sqrt(-2.0 * logPositive(ZIGGURAT_V / dn + exp(-0.5 * dn * dn)));
    setLayer(i + 1, w, (dn / tn) * TWO_52);
    tn = dn;
    store<f64>(ZIGGURAT_F + (<usize>i << 3), exp(-0.5 * dn * dn));
    w = dn / TWO_52;
  }
  setLayer(1, w, 0);
}
setUpTables();

/**
 * y < f(x) = exp(−x²/2), x in layer i's wedge (fi = f(x_i), fAbove = f(x_{i−1}); x_0 = 0 above the top layer).
 * e^t ≥ 1 + t brackets f there: f(x_i)·(1 + d) ≤ f(x) ≤ f(x_{i−1})/(1 + e), d = (x_i² − x²)/2, e = (x² − x_{i−1}²)/2.
 * With a margin of 1e-12 (the bounds' and exp's rounding is below 1e-14) they decide as the comparison itself
 * would, so exp runs only in the thin band between them (about one wedge test in 200). The twin always compares
 * (src/twin/random/normal.ts): the tests' bit-for-bit draws check the two agree.
 */
@inline function underCurve(y: f64, x: f64, i: i32, fi: f64, fAbove: f64): bool {
  const x2 = x * x, xi = load<f64>(ZIGGURAT_WKS + (<usize>i << 4)) * TWO_52;
  if (y < fi * (1 + 0.5 * (xi * xi - x2)) * (1 - 1e-12)) return true;
  const xAbove = i > 1 ? load<f64>(ZIGGURAT_WKS + (<usize>(i - 1) << 4)) * TWO_52 : 0.0;
  if (y >= (fAbove / (1 + 0.5 * (x2 - xAbove * xAbove))) * (1 + 1e-12)) return false;
  return y < exp(-0.5 * x * x);
}

/** The normal of the attempt (w0, w1) of stream s: drawing more of s when it is not accepted at once. */
export function normalFrom(s: Stream, w0: u32, w1: u32): f64 {
  const at = ZIGGURAT_WKS + (<usize>(w0 & (LAYER | SIGN)) << 4);
  const m = <f64>(w0 >>> 12) * TWO_32 + <f64>w1;
  const x = m * load<f64>(at); // ±W[i]: m·W[i] with the sign of bit 11
  return m < load<f64>(at, 8) ? x : rejectedFrom(s, w0, x);
}

/**
 * The normal of an attempt not accepted at once, w0 its first word and x its ±m·W[i]: drawing more of s (a new
 * attempt after a wedge rejection is normalFrom's; nesting deeper than d attempts has probability 0.0023^d).
 */
function rejectedFrom(s: Stream, w0: u32, x: f64): f64 {
  const i = w0 & LAYER;
  if (i == 0) {
    while (true) {
      const t = -logPositive(uniformOpen(s)) / ZIGGURAT_R;
      const e = -logPositive(uniformOpen(s));
      if (e + e > t * t) return w0 & SIGN ? -(ZIGGURAT_R + t) : ZIGGURAT_R + t;
    }
  }
  const fi = load<f64>(ZIGGURAT_F + (<usize>i << 3)), fAbove = load<f64>(ZIGGURAT_F + (<usize>(i - 1) << 3));
  if (underCurve((fAbove - fi) * uniform(s) + fi, x, i, fi, fAbove)) return x;
  const next = s.next();
  return normalFrom(s, next, s.next());
}

/** The next standard normal of a scalar stream. */
export function normal(s: Stream): f64 {
  const w0 = s.next();
  return normalFrom(s, w0, s.next());
}

/**
 * Eight streams drawing normals in blocks of eight, one normal from each lane per block: lanes 0–3 in
 * s0 … s3 (Lanes), lanes 4–7 in t0 … t3, each with a second stream for the attempts it does not accept at
 * once; normal j of a block is the next normal of lane j. Normals left over from a block are kept for the
 * next call, so the sequence does not depend on how it is cut into calls.
 */
@unmanaged export class NormalLanes extends Lanes {
  t0: v128; t1: v128; t2: v128; t3: v128;
  b0: f64; b1: f64; b2: f64; b3: f64; b4: f64; b5: f64; b6: f64; b7: f64;
  used: i32; // normals of the kept block already handed out (8: none kept)
  // lane j's second stream (key, purpose, 8 + j): 16 bytes each, from spare + 16·j
  spare: v128; spare1: v128; spare2: v128; spare3: v128; spare4: v128; spare5: v128; spare6: v128; spare7: v128;

  start(k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32): void {
    this.seed(k0, k1, k2, k3, purpose, 0);
    seedLanesAt(changetype<usize>(this) + offsetof<NormalLanes>("t0"), k0, k1, k2, k3, purpose, 4);
    for (let j = 0; j < 8; j++) spareOf(this, j).seed(k0, k1, k2, k3, purpose, 8 + j);
    this.used = 8;
  }
}

/** Lane j's second stream. */
@inline function spareOf(g: NormalLanes, j: i32): Stream {
  return changetype<Stream>(changetype<usize>(g) + offsetof<NormalLanes>("spare") + (<usize>j << 4));
}

// Blocks with a lane not accepted at once, left for finish(): per block the first words w0 of lanes 0–7
// (its x = ±m·W[i] is in the block's slot), its address and its rejected lanes (bit j: lane j).
const PENDING_CAP = 32, ENTRY = 48;
const pending = changetype<usize>(memory.data((PENDING_CAP + 1) * ENTRY, 16)); // + the slot written on trial
let pendingCount: i32 = 0; // of the last attempts() call

/** The rejected lanes of the blocks the last attempts() call noted, each finished as normalFrom does from the lane's second stream. */
function finish(g: NormalLanes): void {
  for (let e = pending, end = pending + <usize>(pendingCount * ENTRY); e < end; e += ENTRY) {
    const at = <usize>load<u32>(e, 32);
    for (let left = load<i32>(e, 36); left != 0; left &= left - 1) {
      const j = ctz(left), slot = at + (<usize>j << 3); // the attempt's ±m·W[i]
      store<f64>(slot, rejectedFrom(spareOf(g, j), load<u32>(e + (<usize>j << 2)), load<f64>(slot)));
    }
  }
}

/** [±W[i], K[i]] of the layer and sign at byte offset o (WKS's). */
@inline function layer(o: i32): v128 {
  return v128.load(ZIGGURAT_WKS + <usize>o);
}

/** Two lanes' attempts: bits the i64s (2^52 + m)'s bits, la and lb their [±W, K]; x = ±m·W stored at out, the mask of m < K returned. */
@inline function halfAttempt(bits: v128, la: v128, lb: v128, out: usize, two52: v128): v128 {
  const m = f64x2.sub(bits, two52); // exact: 2^52 + m − 2^52
  v128.store(out, f64x2.mul(m, i64x2.shuffle(la, lb, 0, 2)));
  return f64x2.lt(m, i64x2.shuffle(la, lb, 1, 3));
}

/** Four lanes' attempts of words w0 and w1, their normals at out (if accepted): the bits of the accepted lanes. */
@inline function attempt(w0: v128, w1: v128, out: usize, layers: v128, exponent: v128, two52: v128): i32 {
  const at = v128.and(i32x4.shl(w0, 4), layers); // 16·(layer + 2048·sign)
  // (2^52 + m)'s high word: the exponent of 2^52 and bits 12–31 of w0; its low word w1
  const hi = v128.or(i32x4.shr_u(w0, 12), exponent);
  const okLo = halfAttempt(i32x4.shuffle(w1, hi, 0, 4, 1, 5),
    layer(i32x4.extract_lane(at, 0)), layer(i32x4.extract_lane(at, 1)), out, two52);
  const okHi = halfAttempt(i32x4.shuffle(w1, hi, 2, 6, 3, 7),
    layer(i32x4.extract_lane(at, 2)), layer(i32x4.extract_lane(at, 3)), out + 16, two52);
  return i64x2.bitmask(okLo) | (i64x2.bitmask(okHi) << 2);
}

// The loop's constants as i32x4s: 5, 9 (the scrambler's), 16·4095 (layer and sign bits), 2^52's high word,
// and 2^52 as f64x2.
// Read from memory, they stay in registers (V8 would build a v128.const anew at every use).
const CONSTANTS = memory.data<i32>([5, 5, 5, 5, 9, 9, 9, 9, 4095 << 4, 4095 << 4, 4095 << 4, 4095 << 4,
  0x43300000, 0x43300000, 0x43300000, 0x43300000, 0, 0x43300000, 0, 0x43300000], 16);

/**
 * Blocks of eight normals of g from out up to end, until PENDING_CAP blocks had a lane not accepted at once
 * (each noted in `pending`): the address after the last block made. The lanes' state stays in locals
 * (Lanes.next's step, written out here) and the loop calls nothing and has no branch but its own, so V8
 * keeps state and constants in registers; the two generators' steps are independent chains.
 */
function attempts(g: NormalLanes, out: usize, end: usize): usize {
  const c = changetype<usize>(CONSTANTS), five = v128.load(c), nine = v128.load(c, 16), layers = v128.load(c, 32),
    exponent = v128.load(c, 48), two52 = v128.load(c, 64);
  let s0 = g.s0, s1 = g.s1, s2 = g.s2, s3 = g.s3, t0 = g.t0, t1 = g.t1, t2 = g.t2, t3 = g.t3;
  let o = out, count = 0;
  while (o < end) {
    // two steps of both generators, side by side: words a0, a1 of lanes 0–3 and b0, b1 of lanes 4–7 (w0, then w1)
    let a0 = s0, b0 = t0, a1 = s0, b1 = t0;
    for (let step = 0; step < 2; step++) {
      a0 = a1; b0 = b1;
      a1 = scrambledBy(s1, five, nine); b1 = scrambledBy(t1, five, nine);
      const u = i32x4.shl(s1, 9), v = i32x4.shl(t1, 9);
      s2 = v128.xor(s2, s0); t2 = v128.xor(t2, t0);
      s3 = v128.xor(s3, s1); t3 = v128.xor(t3, t1);
      s1 = v128.xor(s1, s2); t1 = v128.xor(t1, t2);
      s0 = v128.xor(s0, s3); t0 = v128.xor(t0, t3);
      s2 = v128.xor(s2, u); t2 = v128.xor(t2, v);
      s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21)); t3 = v128.or(i32x4.shl(t3, 11), i32x4.shr_u(t3, 21));
    }
    const ok = attempt(a0, a1, o, layers, exponent, two52) | (attempt(b0, b1, o + 32, layers, exponent, two52) << 4);
    // every block is noted, kept only if a lane was rejected: a branch here measured slower (V8 keeps less in registers)
    const e = pending + <usize>(count * ENTRY);
    v128.store(e, a0); v128.store(e, b0, 16);
    store<u32>(e, <u32>o, 32); store<i32>(e, ~ok & 255, 36);
    o += 64;
    count += <i32>(ok != 255);
    if (count == PENDING_CAP) break;
  }
  pendingCount = count;
  g.s0 = s0; g.s1 = s1; g.s2 = s2; g.s3 = s3; g.t0 = t0; g.t1 = t1; g.t2 = t2; g.t3 = t3;
  return o;
}

/** nb blocks of eight normals of g at out: the lanes' attempts, then each rejected lane finished from its second stream. */
function blocks(g: NormalLanes, out: usize, nb: i32): void {
  const end = out + (<usize>nb << 6);
  let o = out;
  do {
    o = attempts(g, o, end);
    finish(g);
  } while (o < end);
}

/** The next n normals of g's sequence, written to out (n f64, any alignment of 8 bytes). */
export function fillNormals(g: NormalLanes, out: usize, n: i32): void {
  const kept = changetype<usize>(g) + offsetof<NormalLanes>("b0");
  let i = 0;
  while (i < n && g.used < 8) { store<f64>(out + (<usize>i << 3), load<f64>(kept + (<usize>g.used << 3))); g.used++; i++; }
  const nb = (n - i) >> 3;
  blocks(g, out + (<usize>i << 3), nb);
  i += nb << 3;
  if (i < n) {
    blocks(g, kept, 1);
    g.used = 0;
    while (i < n) { store<f64>(out + (<usize>i << 3), load<f64>(kept + (<usize>g.used << 3))); g.used++; i++; }
  }
}
