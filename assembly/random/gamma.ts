// Gamma(shape, 1) by Marsaglia and Tsang (2000), exact: shape ≥ 1 by their squeeze-and-reject
// loop on normals; shape < 1 as Gamma(shape + 1)·U^{1/shape}. Scalar (the loop takes a variable
// number of draws), so a lane that needs gamma variates uses its own scalar Stream.
import { Stream } from "./bits";
import { normal } from "./normal";
import { uniformOpen } from "./uniform";
import { logPositive, exp } from "./elementary";

const SMALLEST_NORMAL = reinterpret<f64>(0x0010000000000000);

export function gamma(s: Stream, shape: f64): f64 {
  if (shape < 1) {
    const g = gamma(s, shape + 1);
    return g * exp(logPositive(uniformOpen(s)) / shape);
  }
  const d = shape - 1.0 / 3.0;
  const c = 1.0 / Math.sqrt(9.0 * d);
  while (true) {
    let x: f64 = 0, v: f64 = 0;
    do { x = normal(s); v = 1.0 + c * x; } while (v <= 0);
    v = v * v * v;
    const u = uniformOpen(s);
    const x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    // v below the normal range: log v < −708 makes the test fail, whatever u is (ln u ≥ −36.8)
    if (v >= SMALLEST_NORMAL && logPositive(u) < 0.5 * x2 + d * (1.0 - v + logPositive(v))) return d * v;
  }
  return 0; // unreachable
}
