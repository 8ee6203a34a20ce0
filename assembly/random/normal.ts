// Standard normals by Box–Muller with a fixed 128 bits (four words) per pair, so SIMD lanes stay in
// step: u1 ∈ (0, 1] from words 0–1, the quadrant q from the two low bits of word 1 (which u1 does
// not use), f ∈ [0, 1) from words 2–3. The angle θ = q·π/2 + r with r = (f − ½)·π/2 ∈ [−π/4, π/4)
// is uniform on a full turn and needs only musl's sin/cos kernels (no argument reduction):
// z1 = ρ cos θ, z2 = ρ sin θ, ρ = √(−2 ln u1).
import { Stream, Lanes } from "./bits";
import { uniformOf, uniformOpenOf, TWO_M53 } from "./uniform";
import { logPositive, logPositive2, sinKernel, cosKernel, sinKernel2, cosKernel2 } from "./elementary";

const PIO2 = reinterpret<f64>(0x3FF921FB54442D18); // π/2 rounded
const SIGN = i64x2.splat(0x8000000000000000);

export let pairCos: f64 = 0, pairSin: f64 = 0;

/** The pair (z1, z2) of four words, in pairCos and pairSin. */
export function pairOf(w0: u32, w1: u32, w2: u32, w3: u32): void {
  const u1 = uniformOpenOf(w0, w1);
  const q = w1 & 3;
  const r = (uniformOf(w2, w3) - 0.5) * PIO2;
  const rho = Math.sqrt(-2.0 * logPositive(u1));
  const S = sinKernel(r), C = cosKernel(r);
  const cc = q & 1 ? S : C, ss = q & 1 ? C : S;
  pairCos = rho * (((q + 1) & 2) != 0 ? -cc : cc);
  pairSin = rho * ((q & 2) != 0 ? -ss : ss);
}

/** The next standard normal of a scalar stream: pairs of four words, the second kept as a spare. */
export function normal(s: Stream): f64 {
  if (s.hasSpare) { s.hasSpare = 0; return s.spare; }
  const w0 = s.next(), w1 = s.next(), w2 = s.next();
  pairOf(w0, w1, w2, s.next());
  s.spare = pairSin;
  s.hasSpare = 1;
  return pairCos;
}

/**
 * Four Lanes streams drawing normals in blocks of eight: per block each lane takes four words and
 * gives its pair; the block holds [z1 of lanes 0, 1; z2 of lanes 0, 1; z1 of lanes 2, 3; z2 of lanes 2, 3].
 * Normals left over from a block are kept for the next call, so the sequence does not depend on
 * how it is cut into calls.
 */
@unmanaged export class NormalLanes extends Lanes {
  b0: f64; b1: f64; b2: f64; b3: f64; b4: f64; b5: f64; b6: f64; b7: f64;
  used: i32; // normals of the kept block already handed out (8: none kept)

  start(k0: u32, k1: u32, k2: u32, k3: u32, purpose: u32): void {
    this.seed(k0, k1, k2, k3, purpose);
    this.used = 8;
  }
}

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

/** The next n normals of g's sequence, written to out (n f64, any alignment of 8 bytes). */
export function fillNormals(g: NormalLanes, out: usize, n: i32): void {
  const kept = changetype<usize>(g) + offsetof<NormalLanes>("b0");
  let i = 0;
  while (i < n && g.used < 8) { store<f64>(out + (<usize>i << 3), load<f64>(kept + (<usize>g.used << 3))); g.used++; i++; }
  while (n - i >= 8) { block(g, out + (<usize>i << 3)); i += 8; }
  if (i < n) {
    block(g, kept);
    g.used = 0;
    while (i < n) { store<f64>(out + (<usize>i << 3), load<f64>(kept + (<usize>g.used << 3))); g.used++; i++; }
  }
}
