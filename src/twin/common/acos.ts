// musl's acos, as compiled into the WASM engine by AssemblyScript (std/assembly/math.ts),
// so that both engines take the same bits from the one transcendental call per step.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer); // little-endian: [low word, high word]

const pio2_hi = 1.5707963267948966;
const pio2_lo = 6.123233995736766e-17;
const tiny = 2 ** -120;
const pS0 = 1.66666666666666657415e-1,
  pS1 = -3.25565818622400915405e-1,
  pS2 = 2.01212532134862925881e-1;
const pS3 = -4.00555345006794114027e-2,
  pS4 = 7.91534994289814532176e-4,
  pS5 = 3.4793310759602116757e-5;
const qS1 = -2.40339491173441421878,
  qS2 = 2.02094576023350569471,
  qS3 = -6.8828397160545329303e-1;
const qS4 = 7.70381505559019352791e-2;

function R(z: number): number {
  const p = z * (pS0 + z * (pS1 + z * (pS2 + z * (pS3 + z * (pS4 + z * pS5)))));
  const q = 1.0 + z * (qS1 + z * (qS2 + z * (qS3 + z * qS4)));
  return p / q;
}

export function acos(x: number): number {
  f64[0] = x;
  const hx = u32[1];
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    const lx = u32[0];
    if (((ix - 0x3ff00000) | lx) === 0) {
      if ((hx | 0) < 0) return 2 * pio2_hi + tiny;
      return 0;
    }
    return 0 / (x - x);
  }
  if (ix < 0x3fe00000) {
    if (ix <= 0x3c600000) return pio2_hi + tiny;
    return pio2_hi - (x - (pio2_lo - x * R(x * x)));
  }
  let s: number, w: number, z: number;
  if ((hx | 0) < 0) {
    z = 0.5 + x * 0.5;
    s = Math.sqrt(z);
    w = R(z) * s - pio2_lo;
    return 2 * (pio2_hi - (s + w));
  }
  z = 0.5 - x * 0.5;
  s = Math.sqrt(z);
  f64[0] = s;
  u32[0] = 0;
  const df = f64[0];
  const c = (z - df * df) / (s + df);
  w = R(z) * s + c;
  return 2 * (df + w);
}
