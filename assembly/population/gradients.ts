// Loss and full gradients at one state (SPEC §3), for the API and the finite-difference tests.
import { updateX, updateA, distSq, sumOf, sumXX, sumXW, sumA, sumAAs } from "./passes";
import { TWO_PI, cosine, arcCosKernel, lossFrom } from "../common/closedForm";

/** Writes ∇_a L to ga (k), ∇_x L to gx (p), and [L, φ] to out. */
export function lossAndGradients(
  p: i32, k: i32, x: usize, ws: usize, a: usize, as: usize, ga: usize, gx: usize, out: usize,
): void {
  updateX(x, ws, p, 0, 0);
  updateA(a, as, k, 0, 0, 0);
  const sumD = sumA - sumOf(as, k);
  const n = Math.sqrt(sumXX);
  const c = cosine(sumXW, n);
  const phi = Math.acos(c);
  const g = arcCosKernel(c, phi);
  for (let i = 0; i < k; i++) {
    const o = <usize>i << 3;
    const ai = load<f64>(a + o), si = load<f64>(as + o);
    store<f64>(ga + o, ((Math.PI - 1) * (ai - si) + sumD + (Math.PI - g) * si) / TWO_PI);
  }
  const coef = -sumAAs * (Math.PI - phi) / (TWO_PI * n);
  for (let i = 0; i < p; i++) {
    const o = <usize>i << 3;
    store<f64>(gx + o, coef * (load<f64>(ws + o) - c * (load<f64>(x + o) / n)));
  }
  store<f64>(out, lossFrom(distSq(a, as, k, 1), sumD, g, sumAAs));
  store<f64>(out, phi, 8);
}
