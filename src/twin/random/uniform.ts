// TypeScript twin of assembly/random/uniform.ts.
import type { Stream } from './bits.js';

export const TWO_M53 = 2 ** -53;

/** In [0, 1): (hi >>> 5)·2^26 + (lo >>> 6), over 2^53. */
export function uniformOf(hi: number, lo: number): number {
  return ((hi >>> 5) * 67108864 + (lo >>> 6)) * TWO_M53;
}

/** In (0, 1]: the same 53 bits plus one, over 2^53. */
export function uniformOpenOf(hi: number, lo: number): number {
  return ((hi >>> 5) * 67108864 + (lo >>> 6) + 1) * TWO_M53;
}

export function uniform(s: Stream): number {
  const hi = s.next();
  return uniformOf(hi, s.next());
}

export function uniformOpen(s: Stream): number {
  const hi = s.next();
  return uniformOpenOf(hi, s.next());
}

/** A whole number in [0, n): ⌊n·U⌋ (clamped: n·U can round up to n). */
export function below(s: Stream, n: number): number {
  const i = Math.trunc(uniform(s) * n);
  return i < n ? i : n - 1;
}
