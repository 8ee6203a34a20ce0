// Box–Muller in the four lanes, as the random module drew normals before its ziggurat (normal.ts):
// kept only as the bench's reference (the test build exports it; the engine never calls it). Per
// block of eight each lane takes four words: u1 ∈ (0, 1] from words 0–1, the quadrant q from the
// two low bits of word 1, f ∈ [0, 1) from words 2–3; θ = q·π/2 + (f − ½)·π/2 needs only musl's
// sin/cos kernels, z1 = ρ cos θ, z2 = ρ sin θ, ρ = √(−2 ln u1).
import { NormalLanes } from "./normal";
import { TWO_M53 } from "./uniform";
import { logPositive2, sinKernel2, cosKernel2 } from "./elementary";

const PIO2 = reinterpret<f64>(0x3FF921FB54442D18); // π/2 rounded
const SIGN = i64x2.splat(0x8000000000000000);

/** Pairs of lanes 0 and 1 of the words, stored as [z1, z1, z2, z2] at out. */
@inline function halfBlock(w0: v128, w1: v128, w2: v128, w3: v128, out: usize): void {
  const k26 = f64x2.splat(67108864.0), m53 = f64x2.splat(TWO_M53);
  const hi1 = f64x2.convert_low_i32x4_u(i32x4.shr_u(w0, 5)), lo1 = f64x2.convert_low_i32x4_u(i32x4.shr_u(w1, 6));
  const u1 = f64x2.mul(f64x2.add(f64x2.add(f64x2.mul(hi1, k26), lo1), f64x2.splat(1.0)), m53);
  const hi2 = f64x2.convert_low_i32x4_u(i32x4.shr_u(w2, 5)), lo2 = f64x2.convert_low_i32x4_u(i32x4.shr_u(w3, 6));
  const f = f64x2.mul(f64x2.add(f64x2.mul(hi2, k26), lo2), m53);
  const r = f64x2.mul(f64x2.sub(f, f64x2.splat(0.5)), f64x2.splat(PIO2));
  const rho = f64x2.sqrt(f64x2.mul(f64x2.splat(-2.0), logPositive2(u1)));
  const S = sinKernel2(r), C = cosKernel2(r);
  const q = i64x2.extend_low_i32x4_u(v128.and(w1, i32x4.splat(3)));
  const one = i64x2.splat(1), two = i64x2.splat(2), zero = i64x2.splat(0);
  const odd = i64x2.ne(v128.and(q, one), zero);
  const cc = v128.bitselect(S, C, odd), ss = v128.bitselect(C, S, odd);
  const negC = i64x2.ne(v128.and(i64x2.add(q, one), two), zero);
  const negS = i64x2.ne(v128.and(q, two), zero);
  v128.store(out, f64x2.mul(rho, v128.xor(cc, v128.and(negC, SIGN))));
  v128.store(out, f64x2.mul(rho, v128.xor(ss, v128.and(negS, SIGN))), 16);
}

/** One block of eight normals at out. */
@inline function block(g: NormalLanes, out: usize): void {
  const w0 = g.next(), w1 = g.next(), w2 = g.next(), w3 = g.next();
  halfBlock(w0, w1, w2, w3, out);
  halfBlock(i32x4.shuffle(w0, w0, 2, 3, 2, 3), i32x4.shuffle(w1, w1, 2, 3, 2, 3),
    i32x4.shuffle(w2, w2, 2, 3, 2, 3), i32x4.shuffle(w3, w3, 2, 3, 2, 3), out + 32);
}

/** ⌊n/8⌋ blocks of eight Box–Muller normals of g's lanes at out (whole blocks only: a bench reference). */
export function fillBoxMuller(g: NormalLanes, out: usize, n: i32): void {
  for (let i = 0; i + 8 <= n; i += 8) block(g, out + (<usize>i << 3));
}
