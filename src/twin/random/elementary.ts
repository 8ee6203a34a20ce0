// TypeScript twin of assembly/random/elementary.ts: musl's log (main path), sin/cos kernels and exp,
// the same operations in the same order (the f64x2 forms there compute each lane as these do).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [low word, high word]

/** The double with these words. */
export function fromWords(hi: number, lo: number): number {
  u32[0] = lo; u32[1] = hi;
  return f64[0];
}

const ln2_hi = fromWords(0x3FE62E42, 0xFEE00000), ln2_lo = fromWords(0x3DEA39EF, 0x35793C76);
const Lg1 = fromWords(0x3FE55555, 0x55555593), Lg2 = fromWords(0x3FD99999, 0x9997FA04);
const Lg3 = fromWords(0x3FD24924, 0x94229359), Lg4 = fromWords(0x3FCC71C5, 0x1D8E78AF);
const Lg5 = fromWords(0x3FC74664, 0x96CB03DE), Lg6 = fromWords(0x3FC39A09, 0xD078C69F);
const Lg7 = fromWords(0x3FC2F112, 0xDF3E5244);
const S1 = fromWords(0xBFC55555, 0x55555549), S2 = fromWords(0x3F811111, 0x1110F8A6);
const S3 = fromWords(0xBF2A01A0, 0x19C161D5), S4 = fromWords(0x3EC71DE3, 0x57B1FE7D);
const S5 = fromWords(0xBE5AE5E6, 0x8A2B9CEB), S6 = fromWords(0x3DE5D93A, 0x5ACFD57C);
const C1 = fromWords(0x3FA55555, 0x5555554C), C2 = fromWords(0xBF56C16C, 0x16C15177);
const C3 = fromWords(0x3EFA01A0, 0x19CB1590), C4 = fromWords(0xBE927E4F, 0x809C52AD);
const C5 = fromWords(0x3E21EE9E, 0xBDB4B1C4), C6 = fromWords(0xBDA8FAE9, 0xBE8838D4);

/** ln x for positive normal x (musl's log, main path). */
export function logPositive(x: number): number {
  f64[0] = x;
  let hx = u32[1] + (0x3FF00000 - 0x3FE6A09E);
  const k = (hx >> 20) - 0x3FF;
  hx = (hx & 0x000FFFFF) + 0x3FE6A09E;
  u32[1] = hx;
  const f = f64[0] - 1.0;
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const r = t2 + t1;
  const dk = k;
  return s * (hfsq + r) + dk * ln2_lo - hfsq + f + dk * ln2_hi;
}

/** sin x for |x| ≤ π/4 (musl's __sin with y = 0). */
export function sinKernel(x: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x + v * (S1 + z * r);
}

/** cos x for |x| ≤ π/4 (musl's __cos with y = 0). */
export function cosKernel(x: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const v = 1.0 - hz;
  return v + (((1.0 - v) - hz) + z * r);
}

const invln2 = fromWords(0x3FF71547, 0x652B82FE);
const P1 = fromWords(0x3FC55555, 0x5555553E), P2 = fromWords(0xBF66C16C, 0x16BEBD93);
const P3 = fromWords(0x3F11566A, 0xAF25DE2C), P4 = fromWords(0xBEBBBD41, 0xC5D26BF1);
const P5 = fromWords(0x3E663769, 0x72BEA4D0);
const OVERFLOW = fromWords(0x40862E42, 0xFEFA39EF), UNDERFLOW = fromWords(0xC0874910, 0xD52D3051);
const Ox1p1023 = fromWords(0x7FE00000, 0), Ox1p_1022 = fromWords(0x00100000, 0), Ox1p53 = fromWords(0x43400000, 0);

/** e^x (musl's exp without tables), for finite x. */
export function exp(x: number): number {
  f64[0] = x;
  let hx = u32[1];
  const sign = hx >>> 31;
  hx &= 0x7FFFFFFF;
  if (hx >= 0x4086232B) {
    if (x > OVERFLOW) return x * Ox1p1023;
    if (x < UNDERFLOW) return 0;
  }
  let hi: number, lo = 0;
  let k = 0;
  if (hx > 0x3FD62E42) {
    if (hx >= 0x3FF0A2B2) k = (invln2 * x + (sign ? -0.5 : 0.5)) | 0;
    else k = 1 - (sign << 1);
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
  return k === 0 ? y : scalbn(y, k);
}

/** x·2^n (musl's scalbn). */
export function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= Ox1p1023;
    n -= 1023;
    if (n > 1023) { y *= Ox1p1023; n = Math.min(n - 1023, 1023); }
  } else if (n < -1022) {
    y *= Ox1p_1022 * Ox1p53;
    n += 1022 - 53;
    if (n < -1022) { y *= Ox1p_1022 * Ox1p53; n = Math.max(n + 1022 - 53, -1022); }
  }
  return y * fromWords((0x3FF + n) << 20, 0);
}
