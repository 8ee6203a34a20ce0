// The random module's entry points for the tests, each checked against src/twin/random bit for bit.
// Only the test build exports them (assembly/testing.ts); the draw and function codes are exported
// with them and checked at load against the tests' face (test/testEngine.ts).
import { Stream, streamWord } from "./bits";
import { uniform, uniformOpen, below } from "./uniform";
import { normal, NormalLanes, fillNormals, ZIGGURAT_LAYERS, ZIGGURAT_WKS, ZIGGURAT_F } from "./normal";
import { fillBoxMuller } from "./boxMuller";
import { gamma } from "./gamma";
import { logPositive, logPositive2, sinKernel2, cosKernel2, exp } from "./elementary";

// What streamDraw draws.
export const DRAW_WORDS: i32 = 0, DRAW_UNIFORM: i32 = 1, DRAW_UNIFORM_OPEN: i32 = 2, DRAW_NORMAL: i32 = 3,
  DRAW_GAMMA: i32 = 4, DRAW_BELOW: i32 = 5;
// What elementaryEach applies.
export const ELEMENTARY_LOG_POSITIVE: i32 = 0, ELEMENTARY_SIN_KERNEL: i32 = 1, ELEMENTARY_COS_KERNEL: i32 = 2, ELEMENTARY_EXP: i32 = 3;

export function streamSeed(s: usize, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): void {
  changetype<Stream>(s).seed(k0, k1, k2, k3, purpose, lane);
}

/** n draws of one kind (DRAW_*) from stream s; param: gamma's shape, below's bound. */
export function streamDraw(s: usize, kind: i32, param: f64, out: usize, n: i32): void {
  const st = changetype<Stream>(s);
  for (let i = 0; i < n; i++) {
    const o = out + (<usize>i << 3);
    if (kind == DRAW_WORDS) store<f64>(o, <f64>st.next());
    else if (kind == DRAW_UNIFORM) store<f64>(o, uniform(st));
    else if (kind == DRAW_UNIFORM_OPEN) store<f64>(o, uniformOpen(st));
    else if (kind == DRAW_NORMAL) store<f64>(o, normal(st));
    else if (kind == DRAW_GAMMA) store<f64>(o, gamma(st, param));
    else if (kind == DRAW_BELOW) store<f64>(o, <f64>below(st, <i32>param));
    else unreachable();
  }
}

export function normalLanesStart(g: usize, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32): void {
  changetype<NormalLanes>(g).start(k0, k1, k2, k3, purpose);
}

export function normalLanesFill(g: usize, out: usize, n: i32): void {
  fillNormals(changetype<NormalLanes>(g), out, n);
}

/** ⌊n/8⌋ blocks of Box–Muller normals of g's lanes (the random module's former generator, the bench's reference). */
export function boxMullerLanesFill(g: usize, out: usize, n: i32): void {
  fillBoxMuller(changetype<NormalLanes>(g), out, n);
}

/** The ziggurat's tables at out: W, K and F, ZIGGURAT_LAYERS each (and a check that the negative half is −W, K). */
export function zigguratTables(out: usize): void {
  const n = ZIGGURAT_LAYERS, negative = <usize>n << 4;
  for (let i = 0; i < n; i++) {
    const o = ZIGGURAT_WKS + (<usize>i << 4);
    if (load<f64>(o + negative) != -load<f64>(o) || load<f64>(o + negative, 8) != load<f64>(o, 8)) unreachable();
    store<f64>(out + (<usize>i << 3), load<f64>(o));
    store<f64>(out + (<usize>(n + i) << 3), load<f64>(o, 8));
    store<f64>(out + (<usize>(2 * n + i) << 3), load<f64>(ZIGGURAT_F + (<usize>i << 3)));
  }
}

/** y_i ← f(y_i), f an ELEMENTARY_* code: log, sin and cos kernels two lanes at a time (as the engine takes them), exp scalar. */
export function elementaryEach(kind: i32, y: usize, n: i32): void {
  if (kind < ELEMENTARY_LOG_POSITIVE || kind > ELEMENTARY_EXP) unreachable();
  let i = 0;
  if (kind != ELEMENTARY_EXP) {
    for (; i + 1 < n; i += 2) {
      const o = y + (<usize>i << 3), v = v128.load(o);
      v128.store(o, kind == ELEMENTARY_LOG_POSITIVE ? logPositive2(v) : kind == ELEMENTARY_SIN_KERNEL ? sinKernel2(v) : cosKernel2(v));
    }
  }
  for (; i < n; i++) {
    const o = y + (<usize>i << 3), v = load<f64>(o);
    store<f64>(o, kind == ELEMENTARY_LOG_POSITIVE ? logPositive(v) : kind == ELEMENTARY_EXP ? exp(v)
      : f64x2.extract_lane(kind == ELEMENTARY_SIN_KERNEL ? sinKernel2(f64x2.splat(v)) : cosKernel2(f64x2.splat(v)), 0));
  }
}

/** Word i of stream (k0..k3, purpose, lane), for the twin's derivation test. */
export function streamWordOf(i: i32, k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32, lane: u32): u32 {
  return streamWord(i, k0, k1, k2, k3, purpose, lane);
}
