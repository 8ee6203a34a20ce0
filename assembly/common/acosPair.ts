// acos of both lanes of an f64x2, bit for bit the scalar Math.acos of AssemblyScript (musl's
// acos, std/assembly/math.ts, which src/twin/common/acos.ts ports): every branch is evaluated with the
// same operations and each lane takes the result of the branch the scalar code would take.
// For inputs in [−1, 1] (the run loops clamp the cosine) and NaN.

const pio2_hi = reinterpret<f64>(0x3FF921FB54442D18);
const pio2_lo = reinterpret<f64>(0x3C91A62633145C07);
const Ox1p_120f = reinterpret<f32>(0x03800000);
const pS0 = reinterpret<f64>(0x3FC5555555555555), pS1 = reinterpret<f64>(0xBFD4D61203EB6F7D);
const pS2 = reinterpret<f64>(0x3FC9C1550E884455), pS3 = reinterpret<f64>(0xBFA48228B5688F3B);
const pS4 = reinterpret<f64>(0x3F49EFE07501B288), pS5 = reinterpret<f64>(0x3F023DE10DFDF709);
const qS1 = reinterpret<f64>(0xC0033A271C8A2D4B), qS2 = reinterpret<f64>(0x40002AE59C598AC8);
const qS3 = reinterpret<f64>(0xBFE6066C1B8D0159), qS4 = reinterpret<f64>(0x3FB3B8C5B12E9282);
// |x| below this (high word ≤ 0x3C600000) gives pio2_hi directly.
const TINY_X = reinterpret<f64>(0x3C60000100000000);

@inline function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
@inline function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
@inline function sub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }
@inline function k(c: f64): v128 { return f64x2.splat(c); }

/** musl's R(z) = p(z)/q(z), lane by lane. */
@inline function R(z: v128): v128 {
  // p = z(pS0 + z(pS1 + z(pS2 + z(pS3 + z(pS4 + z·pS5))))), q = 1 + z(qS1 + z(qS2 + z(qS3 + z·qS4)))
  let p = add(k(pS4), mul(z, k(pS5)));
  p = add(k(pS3), mul(z, p));
  p = add(k(pS2), mul(z, p));
  p = add(k(pS1), mul(z, p));
  p = mul(z, add(k(pS0), mul(z, p)));
  let q = add(k(qS3), mul(z, k(qS4)));
  q = add(k(qS2), mul(z, q));
  q = add(k(qS1), mul(z, q));
  q = add(k(1.0), mul(z, q));
  return f64x2.div(p, q);
}

@inline export function acosPair(x: v128): v128 {
  const ax = f64x2.abs(x);
  const small = f64x2.lt(ax, k(0.5));
  const negative = f64x2.lt(x, k(0));
  // |x| < 0.5: z = x²; x ≤ −0.5: z = 0.5 + 0.5x; x ≥ 0.5: z = 0.5 − 0.5x
  const half = mul(x, k(0.5));
  const z = v128.bitselect(mul(x, x), v128.bitselect(add(k(0.5), half), sub(k(0.5), half), negative), small);
  const r = R(z);
  const s = f64x2.sqrt(z);
  const fromSmall = v128.bitselect(k(pio2_hi + Ox1p_120f), sub(k(pio2_hi), sub(x, sub(k(pio2_lo), mul(x, r)))),
    f64x2.lt(ax, k(TINY_X)));
  const fromNegative = mul(k(2), sub(k(pio2_hi), add(s, sub(mul(r, s), k(pio2_lo)))));
  const df = v128.and(s, i64x2.splat(0xFFFFFFFF00000000));
  const c = f64x2.div(sub(z, mul(df, df)), add(s, df));
  const fromPositive = mul(k(2), add(df, add(mul(r, s), c)));
  let out = v128.bitselect(fromSmall, v128.bitselect(fromNegative, fromPositive, negative), small);
  out = v128.bitselect(k(0), out, f64x2.eq(x, k(1)));
  return v128.bitselect(k(2 * pio2_hi + Ox1p_120f), out, f64x2.eq(x, k(-1)));
}

/** y_i ← acos(y_i) as the reduced engine's steps take it (tests compare it with Math.acos's port). */
export function acosEach(y: usize, n: i32): void {
  let i = 0;
  for (; i + 1 < n; i += 2) v128.store(y + (<usize>i << 3), acosPair(v128.load(y + (<usize>i << 3))));
  if (i < n) store<f64>(y + (<usize>i << 3), f64x2.extract_lane(acosPair(f64x2.splat(load<f64>(y + (<usize>i << 3)))), 0));
}
