// The random module: bit generators apart from distributions, streams derived from keys.
//
//   bits.ts        Stream: one xoshiro128** stream (scalar); Lanes: four streams in an i32x4.
//                  A stream is named by (k0, k1, k2, k3, purpose, lane), 32-bit words: seed(...) mixes
//                  them into the state (streamWord), so lane i of a Lanes generator seeded from lane
//                  `first` IS the scalar stream (k0..k3, purpose, first + i). A run's key is
//                  (seed mod 2^32, ⌊seed/2^32⌋, 0, 0); an experiment's trial (seed, cell, trial, 0);
//                  purposes name a run's streams.
//   uniform.ts     uniform(s) ∈ [0, 1) and uniformOpen(s) ∈ (0, 1], 53 bits from two words;
//                  below(s, n) ∈ {0 … n−1}.
//   normal.ts      normal(s): the ziggurat (2048 layers, exact wedges and tail), 2 words per attempt;
//                  NormalLanes (start(key, purpose)) and fillNormals(g, out, n): blocks of 8 normals,
//                  one from each of eight lanes (their attempts at once, in two Lanes; attempts not accepted
//                  at once finished from each lane's second stream), leftovers kept.
//   boxMuller.ts   the former generator (Box–Muller in the lanes), for the bench's comparison only.
//   gamma.ts       gamma(s, shape): Marsaglia–Tsang, exact (shape < 1 by the U^{1/shape} boost).
//   elementary.ts  logPositive, exp, scalbn, sin/cos kernels (|x| ≤ π/4, Box–Muller's): musl ported
//                  once, with f64x2 forms that give each lane the scalar bits.
//   testing.ts     entry points for the tests (test build only: assembly/testing.ts).
//
// src/twin/random/ is the same tree in TypeScript, bit for bit (test/unit/randomModule.test.ts).
import { Stream } from "./bits";
import { NormalLanes } from "./normal";

export { Stream, Lanes, streamWord } from "./bits";
export { uniform, uniformOpen, below } from "./uniform";
export { normal, NormalLanes, fillNormals } from "./normal";
export { gamma } from "./gamma";

// The generator states' sizes, as the sampled engines' arenas hold them (checked at load against src/layout.ts).
export const STREAM_BYTES: i32 = offsetof<Stream>();
export const NORMAL_LANES_BYTES: i32 = offsetof<NormalLanes>();
