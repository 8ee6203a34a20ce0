// TypeScript twin of assembly/random/elementary.ts: musl's log (main path), sin/cos kernels and exp,
// the same operations in the same order (the f64x2 forms there compute each lane as these do).
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [low word, high word]

/** The double with these words. */
export function fromWords(hi: number, lo: number): number {
  u32[0] = lo;
  u32[1] = hi;
  return f64[0];
}

const ln2_hi = fromWords(0x3fe62e42, 0xfee00000),
  ln2_lo = fromWords(0x3dea39ef, 0x35793c76);
const Lg1 = fromWords(0x3fe55555, 0x55555593),
  Lg2 = fromWords(0x3fd99999, 0x9997fa04);
const Lg3 = fromWords(0x3fd24924, 0x94229359),
  Lg4 = fromWords(0x3fcc71c5, 0x1d8e78af);
const Lg5 = fromWords(0x3fc74664, 0x96cb03de),
  Lg6 = fromWords(0x3fc39a09, 0xd078c69f);
const Lg7 = fromWords(0x3fc2f112, 0xdf3e5244);
const S1 = fromWords(0xbfc55555, 0x55555549),
  S2 = fromWords(0x3f811111, 0x1110f8a6);
const S3 = fromWords(0xbf2a01a0, 0x19c161d5),
  S4 = fromWords(0x3ec71de3, 0x57b1fe7d);
const S5 = fromWords(0xbe5ae5e6, 0x8a2b9ceb),
  S6 = fromWords(0x3de5d93a, 0x5acfd57c);
const C1 = fromWords(0x3fa55555, 0x5555554c),
  C2 = fromWords(0xbf56c16c, 0x16c15177);
const C3 = fromWords(0x3efa01a0, 0x19cb1590),
  C4 = fromWords(0xbe927e4f, 0x809c52ad);
const C5 = fromWords(0x3e21ee9e, 0xbdb4b1c4),
  C6 = fromWords(0xbda8fae9, 0xbe8838d4);

/** ln x for positive normal x (musl's log, main path). */
export function logPositive(x: number): number {
  f64[0] = x;
  let hx = u32[1] + (0x3ff00000 - 0x3fe6a09e);
  const k = (hx >> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
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
  return v + (1.0 - v - hz + z * r);
}

const invln2 = fromWords(0x3ff71547, 0x652b82fe);
const P1 = fromWords(0x3fc55555, 0x5555553e),
  P2 = fromWords(0xbf66c16c, 0x16bebd93);
const P3 = fromWords(0x3f11566a, 0xaf25de2c),
  P4 = fromWords(0xbebbbd41, 0xc5d26bf1);
const P5 = fromWords(0x3e663769, 0x72bea4d0);
const OVERFLOW = fromWords(0x40862e42, 0xfefa39ef),
  UNDERFLOW = fromWords(0xc0874910, 0xd52d3051);
const Ox1p1023 = fromWords(0x7fe00000, 0),
  Ox1p_1022 = fromWords(0x00100000, 0),
  Ox1p53 = fromWords(0x43400000, 0);

/** e^x (musl's exp without tables), for finite x. */
export function exp(x: number): number {
  f64[0] = x;
  let hx = u32[1];
  const sign = hx >>> 31;
  hx &= 0x7fffffff;
  if (hx >= 0x4086232b) {
    if (x > OVERFLOW) return x * Ox1p1023;
    if (x < UNDERFLOW) return 0;
  }
  let hi: number,
    lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx >= 0x3ff0a2b2) k = (invln2 * x + (sign ? -0.5 : 0.5)) | 0;
    else k = 1 - (sign << 1);
    hi = x - k * ln2_hi;
    lo = k * ln2_lo;
    x = hi - lo;
  } else if (hx > 0x3e300000) {
    hi = x;
  } else return 1.0 + x;
  const xs = x * x;
  const xq = xs * xs;
  const c = x - (xs * P1 + xq * (P2 + xs * P3 + xq * (P4 + xs * P5)));
  const y = 1.0 + ((x * c) / (2 - c) - lo + hi);
  return k === 0 ? y : scalbn(y, k);
}

/** x·2^n (musl's scalbn). */
export function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= Ox1p1023;
    n -= 1023;
    if (n > 1023) {
      y *= Ox1p1023;
      n = Math.min(n - 1023, 1023);
    }
  } else if (n < -1022) {
    y *= Ox1p_1022 * Ox1p53;
    n += 1022 - 53;
    if (n < -1022) {
      y *= Ox1p_1022 * Ox1p53;
      n = Math.max(n + 1022 - 53, -1022);
    }
  }
  return y * fromWords((0x3ff + n) << 20, 0);
}
