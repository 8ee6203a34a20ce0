// Samples of SPEC §8: Gaussian patches from a run's data stream, labels from the teacher plus noise,
// and the epochs' shuffled order of a fixed training set.
import { NormalLanes, fillNormals } from "../random/normal";
import { Stream } from "../random/bits";
import { below } from "../random/uniform";
import { dot8 } from "./forward";
import { PERM_ENTRY_BYTES } from "../common/layout";

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

/** The teacher's label Σ_j a*_j σ(⟨Z_j, w*⟩), summed over j in order. */
export function teacherLabel(z: usize, ws: usize, as: usize, k: i32, p: i32): f64 {
  let y: f64 = 0;
  for (let j = 0; j < k; j++) {
    const t = dot8(z + (<usize>(j * p) << 3), ws, p);
    y += load<f64>(as + (<usize>j << 3)) * (t > 0 ? t : 0);
  }
  return y;
}

/** A training set of n samples: Z (n·k·p, sample after sample) and labels Y (n), drawn in that order. */
export function drawTrainingSet(g: NormalLanes, Z: usize, Y: usize, n: i32, k: i32, p: i32, ws: usize, as: usize, s: f64): void {
  const kp = k * p;
  for (let i = 0; i < n; i++) {
    const z = Z + ((<usize>i * <usize>kp) << 3);
    const e = drawSample(g, z, kp, s);
    const y = teacherLabel(z, ws, as, k, p);
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
