// Samples of SPEC §8: Gaussian patches from a run's data stream, labels from the teacher plus noise,
// and the epochs' shuffled order of a fixed training set.
import { NormalLanes, fillNormals } from "../random/normal";
import { Stream } from "../random/bits";
import { below } from "../random/uniform";
import { dot8 } from "./forward";
import { PERM_ENTRY_BYTES, PURPOSE_DATA, PURPOSE_SHUFFLE } from "../common/layout";

const noise = memory.data(16);

/**
 * The next sample of the data stream: k·p normals into z (patch j at z + j·p), then, when s > 0,
 * one more normal ε; returns s·ε (0 when s = 0: no draw).
 */
export function drawSample(g: NormalLanes, z: usize, kp: i32, s: f64): f64 {
  fillNormals(g, z, kp);
  if (s > 0) { fillNormals(g, noise, 1); return s * load<f64>(noise); }
  return 0;
}

/**
 * The teacher's label Σ_j Σ_i A*_ij σ(⟨Z_j, w*_i⟩), summed over patches j in order and, within a patch, over
 * the rs teacher filters in order (rows of ws and as wStride and aStride f64 apart; one filter: a*, w*).
 */
export function teacherLabel(z: usize, ws: usize, as: usize, k: i32, p: i32, rs: i32 = 1, wStride: i32 = 0, aStride: i32 = 0): f64 {
  let y: f64 = 0;
  for (let j = 0; j < k; j++) {
    const zj = z + (<usize>(j * p) << 3);
    for (let i = 0; i < rs; i++) {
      const t = dot8(zj, ws + (<usize>(i * wStride) << 3), p);
      y += load<f64>(as + (<usize>(i * aStride + j) << 3)) * (t > 0 ? t : 0);
    }
  }
  return y;
}

/** A training set of n samples: Z (n·k·p, sample after sample) and labels Y (n), drawn in that order (teacher as teacherLabel's). */
export function drawTrainingSet(g: NormalLanes, Z: usize, Y: usize, n: i32, k: i32, p: i32, ws: usize, as: usize, s: f64,
  rs: i32 = 1, wStride: i32 = 0, aStride: i32 = 0): void {
  const kp = k * p;
  for (let i = 0; i < n; i++) {
    const z = Z + ((<usize>i * <usize>kp) << 3);
    const e = drawSample(g, z, kp, s);
    const y = teacherLabel(z, ws, as, k, p, rs, wStride, aStride);
    store<f64>(Y + (<usize>i << 3), s > 0 ? y + e : y);
  }
}

/** Fisher–Yates on perm (n i32, PERM_ENTRY_BYTES each): for i = n − 1 … 1, swap entries i and below(i + 1). */
export function shuffle(st: Stream, perm: usize, n: i32): void {
  for (let i = n - 1; i > 0; i--) {
    const j = below(st, i + 1);
    const pi = perm + <usize>i * PERM_ENTRY_BYTES, pj = perm + <usize>j * PERM_ENTRY_BYTES;
    const t = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, t);
  }
}

// A fixed set's epochs (one run at a time): the next position in the order, the set's size, whether B < n.
let epochPos: i32 = 0, epochN: i32 = 0, epochShuffled: bool = false;

/**
 * Starts a run's draws: its data stream g; for a fixed set (not online) also its shuffle stream st, the set of n
 * samples drawn (teacher as teacherLabel's), its order the identity, and the epochs nextIndex walks (the first
 * step starts one; each is shuffled when batch < n).
 */
export function startData(g: NormalLanes, st: Stream, k0: u32, k1: u32, k2: u32, k3: u32, online: bool, batch: i32,
  Z: usize, Y: usize, perm: usize, n: i32, k: i32, p: i32, ws: usize, as: usize, s: f64,
  rs: i32 = 1, wStride: i32 = 0, aStride: i32 = 0): void {
  g.start(k0, k1, k2, k3, PURPOSE_DATA);
  epochN = n;
  epochPos = n;
  epochShuffled = !online && batch < n;
  if (online) return;
  st.seed(k0, k1, k2, k3, PURPOSE_SHUFFLE, 0);
  drawTrainingSet(g, Z, Y, n, k, p, ws, as, s, rs, wStride, aStride);
  for (let i = 0; i < n; i++) store<i32>(perm + <usize>i * PERM_ENTRY_BYTES, i);
}

/** The training-set index of the next sample: the epoch's order, a new epoch (shuffled) once one ends. */
export function nextIndex(st: Stream, perm: usize): i32 {
  if (epochPos == epochN) { if (epochShuffled) shuffle(st, perm, epochN); epochPos = 0; }
  const idx = load<i32>(perm + <usize>epochPos * PERM_ENTRY_BYTES);
  epochPos++;
  return idx;
}
