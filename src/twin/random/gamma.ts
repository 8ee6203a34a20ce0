// TypeScript twin of assembly/random/gamma.ts: Marsaglia–Tsang, exact.
import type { Stream } from './bits.js';
import { normal } from './normal.js';
import { uniformOpen } from './uniform.js';
import { logPositive, exp } from './elementary.js';

const SMALLEST_NORMAL = 2 ** -1022;

export function gamma(s: Stream, shape: number): number {
  if (shape < 1) {
    const g = gamma(s, shape + 1);
    return g * exp(logPositive(uniformOpen(s)) / shape);
  }
  const d = shape - 1.0 / 3.0;
  const c = 1.0 / Math.sqrt(9.0 * d);
  for (;;) {
    let x = 0,
      v = 0;
    do {
      x = normal(s);
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniformOpen(s);
    const x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (v >= SMALLEST_NORMAL && logPositive(u) < 0.5 * x2 + d * (1.0 - v + logPositive(v))) return d * v;
  }
}
