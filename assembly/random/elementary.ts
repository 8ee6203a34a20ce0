// The elementary functions the random module needs, ported once from musl (as AssemblyScript's
// std/assembly/math.ts compiles it with shrink level ≥ 1) for both sides: src/twin/random/elementary.ts
// does the same operations in the same order. The f64x2 forms compute both lanes exactly as the scalar
// form would, so SIMD lanes and the scalar twin agree to the bit.

const ln2_hi = reinterpret<f64>(0x3FE62E42FEE00000), ln2_lo = reinterpret<f64>(0x3DEA39EF35793C76);
const Lg1 = reinterpret<f64>(0x3FE5555555555593), Lg2 = reinterpret<f64>(0x3FD999999997FA04);
const Lg3 = reinterpret<f64>(0x3FD2492494229359), Lg4 = reinterpret<f64>(0x3FCC71C51D8E78AF);
const Lg5 = reinterpret<f64>(0x3FC7466496CB03DE), Lg6 = reinterpret<f64>(0x3FC39A09D078C69F);
const Lg7 = reinterpret<f64>(0x3FC2F112DF3E5244);
const S1 = reinterpret<f64>(0xBFC5555555555549), S2 = reinterpret<f64>(0x3F8111111110F8A6);
const S3 = reinterpret<f64>(0xBF2A01A019C161D5), S4 = reinterpret<f64>(0x3EC71DE357B1FE7D);
const S5 = reinterpret<f64>(0xBE5AE5E68A2B9CEB), S6 = reinterpret<f64>(0x3DE5D93A5ACFD57C);
const C1 = reinterpret<f64>(0x3FA555555555554C), C2 = reinterpret<f64>(0xBF56C16C16C15177);
const C3 = reinterpret<f64>(0x3EFA01A019CB1590), C4 = reinterpret<f64>(0xBE927E4F809C52AD);
const C5 = reinterpret<f64>(0x3E21EE9EBDB4B1C4), C6 = reinterpret<f64>(0xBDA8FAE9BE8838D4);

/**
 * ln x for positive normal x (musl's log, main path: the callers never pass 0, negatives,
 * subnormals, infinities or NaN). x = 1 gives 0 exactly.
 */
export function logPositive(x: f64): f64 {
  let u = reinterpret<u64>(x);
  let hx = <u32>(u >> 32);
  hx += 0x3FF00000 - 0x3FE6A09E;
  const k = (<i32>hx >> 20) - 0x3FF;
  hx = (hx & 0x000FFFFF) + 0x3FE6A09E;
  u = (<u64>hx << 32) | (u & 0xFFFFFFFF);
  const f = reinterpret<f64>(u) - 1.0;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const r = t2 + t1;
  const dk = <f64>k;
  return s * (hfsq + r) + dk * ln2_lo - hfsq + f + dk * ln2_hi;
}

@inline function k2(c: f64): v128 { return f64x2.splat(c); }
@inline function mul(a: v128, b: v128): v128 { return f64x2.mul(a, b); }
@inline function add(a: v128, b: v128): v128 { return f64x2.add(a, b); }
@inline function sub(a: v128, b: v128): v128 { return f64x2.sub(a, b); }

/** logPositive of both lanes. */
@inline export function logPositive2(x: v128): v128 {
  const hx = i64x2.add(i64x2.shr_u(x, 32), i64x2.splat(0x3FF00000 - 0x3FE6A09E));
  const k = i64x2.sub(i64x2.shr_u(hx, 20), i64x2.splat(0x3FF)); // hx < 2^31: the shift is the scalar's
  const hy = i64x2.add(v128.and(hx, i64x2.splat(0x000FFFFF)), i64x2.splat(0x3FE6A09E));
  const m = v128.or(i64x2.shl(hy, 32), v128.and(x, i64x2.splat(0xFFFFFFFF)));
  const f = sub(m, k2(1.0));
  const hfsq = mul(mul(k2(0.5), f), f);
  const s = f64x2.div(f, add(k2(2.0), f));
  const z = mul(s, s);
  const w = mul(z, z);
  const t1 = mul(w, add(k2(Lg2), mul(w, add(k2(Lg4), mul(w, k2(Lg6))))));
  const t2 = mul(z, add(k2(Lg1), mul(w, add(k2(Lg3), mul(w, add(k2(Lg5), mul(w, k2(Lg7))))))));
  const r = add(t2, t1);
  const dk = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));
  return add(add(sub(add(mul(s, add(hfsq, r)), mul(dk, k2(ln2_lo))), hfsq), f), mul(dk, k2(ln2_hi)));
}

/** sin x for |x| ≤ π/4 (musl's __sin with y = 0). */
export function sinKernel(x: f64): f64 {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x + v * (S1 + z * r);
}

/** cos x for |x| ≤ π/4 (musl's __cos with y = 0). */
export function cosKernel(x: f64): f64 {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const v = 1.0 - hz;
  return v + (((1.0 - v) - hz) + z * r);
}

@inline export function sinKernel2(x: v128): v128 {
  const z = mul(x, x);
  const w = mul(z, z);
  const r = add(add(k2(S2), mul(z, add(k2(S3), mul(z, k2(S4))))), mul(mul(z, w), add(k2(S5), mul(z, k2(S6)))));
  const v = mul(z, x);
  return add(x, mul(v, add(k2(S1), mul(z, r))));
}

@inline export function cosKernel2(x: v128): v128 {
  const z = mul(x, x);
  const w = mul(z, z);
  const r = add(mul(z, add(k2(C1), mul(z, add(k2(C2), mul(z, k2(C3)))))),
    mul(mul(w, w), add(k2(C4), mul(z, add(k2(C5), mul(z, k2(C6)))))));
  const hz = mul(k2(0.5), z);
  const v = sub(k2(1.0), hz);
  return add(v, add(sub(sub(k2(1.0), v), hz), mul(z, r)));
}

const invln2 = reinterpret<f64>(0x3FF71547652B82FE);
const P1 = reinterpret<f64>(0x3FC555555555553E), P2 = reinterpret<f64>(0xBF66C16C16BEBD93);
const P3 = reinterpret<f64>(0x3F11566AAF25DE2C), P4 = reinterpret<f64>(0xBEBBBD41C5D26BF1);
const P5 = reinterpret<f64>(0x3E66376972BEA4D0);
const OVERFLOW = reinterpret<f64>(0x40862E42FEFA39EF), UNDERFLOW = reinterpret<f64>(0xC0874910D52D3051);
const Ox1p1023 = reinterpret<f64>(0x7FE0000000000000), Ox1p_1022 = reinterpret<f64>(0x0010000000000000);
const Ox1p53 = reinterpret<f64>(0x4340000000000000);

/** e^x (musl's exp without tables), for finite x. */
export function exp(x: f64): f64 {
  let hx = <u32>(reinterpret<u64>(x) >> 32);
  const sign = hx >> 31;
  hx &= 0x7FFFFFFF;
  if (hx >= 0x4086232B) {
    if (x > OVERFLOW) return x * Ox1p1023;
    if (x < UNDERFLOW) return 0;
  }
  let hi: f64, lo: f64 = 0;
  let k = 0;
  if (hx > 0x3FD62E42) {
    if (hx >= 0x3FF0A2B2) k = <i32>(invln2 * x + (sign ? -0.5 : 0.5));
    else k = 1 - (<i32>sign << 1);
    hi = x - k * ln2_hi;
    lo = k * ln2_lo;
    x = hi - lo;
  } else if (hx > 0x3E300000) {
    hi = x;
  } else return 1.0 + x;
  const xs = x * x;
  const xq = xs * xs;
  const c = x - (xs * P1 + xq * ((P2 + xs * P3) + xq * (P4 + xs * P5)));
  const y = 1.0 + (x * c / (2 - c) - lo + hi);
  return k == 0 ? y : scalbn(y, k);
}

/** x·2^n (musl's scalbn). */
export function scalbn(x: f64, n: i32): f64 {
  let y = x;
  if (n > 1023) {
    y *= Ox1p1023;
    n -= 1023;
    if (n > 1023) { y *= Ox1p1023; n = min<i32>(n - 1023, 1023); }
  } else if (n < -1022) {
    y *= Ox1p_1022 * Ox1p53;
    n += 1022 - 53;
    if (n < -1022) { y *= Ox1p_1022 * Ox1p53; n = max<i32>(n + 1022 - 53, -1022); }
  }
  return y * reinterpret<f64>(<u64>(0x3FF + n) << 52);
}
