// The random module: bit generators apart from distributions, streams derived from keys.
//
//   bits.ts        Stream: one xoshiro128** stream (scalar); Lanes: four streams in an i32x4.
//                  A stream is named by (k0, k1, k2, k3, purpose, lane), 32-bit words: seed(...) mixes
//                  them into the state (streamWord), so lane i of a Lanes generator IS the scalar
//                  stream (k0..k3, purpose, i). A run's key is (seed mod 2^32, ⌊seed/2^32⌋, 0, 0);
//                  an experiment's trial (seed, cell, trial, 0); purposes name a run's streams.
//   uniform.ts     uniform(s) ∈ [0, 1) and uniformOpen(s) ∈ (0, 1], 53 bits from two words;
//                  below(s, n) ∈ {0 … n−1}.
//   normal.ts      normal(s): Box–Muller, 4 words per pair, the second kept as a spare;
//                  NormalLanes (start(key, purpose)) and fillNormals(g, out, n): blocks of 8 normals
//                  from the four lanes at once (pairOf of each lane's four words), leftovers kept.
//   gamma.ts       gamma(s, shape): Marsaglia–Tsang, exact (shape < 1 by the U^{1/shape} boost).
//   elementary.ts  logPositive, sin/cos kernels (|x| ≤ π/4), exp, scalbn: musl ported once, with
//                  f64x2 forms that give each lane the scalar bits.
//
// src/twin/random/ is the same tree in TypeScript, bit for bit (test/random.test.ts).
import { Stream, streamWord } from "./bits";
import { uniform, uniformOpen, below } from "./uniform";
import { normal, NormalLanes, fillNormals } from "./normal";
import { gamma } from "./gamma";
import { logPositive, logPositive2, sinKernel2, cosKernel2, exp } from "./elementary";

export { Stream, Lanes, streamWord } from "./bits";
export { uniform, uniformOpen, below } from "./uniform";
export { normal, NormalLanes, fillNormals } from "./normal";
export { gamma } from "./gamma";

// ---- Exports for the tests (each checks the twin bit for bit) ----

export const STREAM_BYTES: i32 = offsetof<Stream>();
export const NORMAL_LANES_BYTES: i32 = offsetof<NormalLanes>();

export function streamSeed(s: usize, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): void {
  changetype<Stream>(s).seed(k0, k1, k2, k3, purpose, lane);
}

/** n draws of one kind from stream s: 0 words, 1 uniform, 2 uniformOpen, 3 normal, 4 gamma(param), 5 below(param). */
export function streamDraw(s: usize, kind: i32, param: f64, out: usize, n: i32): void {
  const st = changetype<Stream>(s);
  for (let i = 0; i < n; i++) {
    const o = out + (<usize>i << 3);
    if (kind == 0) store<f64>(o, <f64>st.next());
    else if (kind == 1) store<f64>(o, uniform(st));
    else if (kind == 2) store<f64>(o, uniformOpen(st));
    else if (kind == 3) store<f64>(o, normal(st));
    else if (kind == 4) store<f64>(o, gamma(st, param));
    else store<f64>(o, <f64>below(st, <i32>param));
  }
}

export function normalLanesStart(g: usize, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32): void {
  changetype<NormalLanes>(g).start(k0, k1, k2, k3, purpose);
}

export function normalLanesFill(g: usize, out: usize, n: i32): void {
  fillNormals(changetype<NormalLanes>(g), out, n);
}

/** y_i ← f(y_i): 0 logPositive (two lanes at a time), 1 sin kernel, 2 cos kernel (pairs), 3 exp (scalar). */
export function elementaryEach(kind: i32, y: usize, n: i32): void {
  let i = 0;
  if (kind < 3) {
    for (; i + 1 < n; i += 2) {
      const o = y + (<usize>i << 3), v = v128.load(o);
      v128.store(o, kind == 0 ? logPositive2(v) : kind == 1 ? sinKernel2(v) : cosKernel2(v));
    }
  }
  for (; i < n; i++) {
    const o = y + (<usize>i << 3), v = load<f64>(o);
    store<f64>(o, kind == 0 ? logPositive(v) : kind == 3 ? exp(v)
      : f64x2.extract_lane(kind == 1 ? sinKernel2(f64x2.splat(v)) : cosKernel2(f64x2.splat(v)), 0));
  }
}

/** Word i of stream (k0..k3, purpose, lane), for the twin's derivation test. */
export function streamWordOf(i: i32, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): u32 {
  return streamWord(i, k0, k1, k2, k3, purpose, lane);
}
