// Uniform numbers from a Stream's words: 53 random bits each (two words, as src/random.ts draws them).
import { Stream } from "./bits";

export const TWO_M53 = reinterpret<f64>(0x3CA0000000000000); // 2^-53

/** In [0, 1): (hi >>> 5)·2^26 + (lo >>> 6), over 2^53. */
@inline export function uniformOf(hi: u32, lo: u32): f64 {
  return (<f64>(hi >>> 5) * 67108864.0 + <f64>(lo >>> 6)) * TWO_M53;
}

/** In (0, 1]: the same 53 bits plus one, over 2^53 (a safe argument for the logarithm). */
@inline export function uniformOpenOf(hi: u32, lo: u32): f64 {
  return ((<f64>(hi >>> 5) * 67108864.0 + <f64>(lo >>> 6)) + 1.0) * TWO_M53;
}

export function uniform(s: Stream): f64 {
  const hi = s.next();
  return uniformOf(hi, s.next());
}

export function uniformOpen(s: Stream): f64 {
  const hi = s.next();
  return uniformOpenOf(hi, s.next());
}

/** A whole number in [0, n): ⌊n·U⌋ (clamped: n·U can round up to n). */
export function below(s: Stream, n: i32): i32 {
  const i = <i32>(uniform(s) * <f64>n);
  return i < n ? i : n - 1;
}
