// Scalar closed forms of SPEC §3, shared by the run loop and the gradient export.

export const TWO_PI: f64 = 2 * Math.PI;
export const FOUR_PI: f64 = 4 * Math.PI;

/** c = ⟨x, w*⟩/‖x‖ clamped to [−1, 1]. */
@inline export function cosine(xw: f64, n: f64): f64 {
  const c = xw / n;
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

/** g(φ) = (π − φ)c + sin φ, with sin φ = √(1 − c²). */
@inline export function arcCosKernel(c: f64, phi: f64): f64 {
  return (Math.PI - phi) * c + Math.sqrt(1 - c * c);
}

/** L from ‖a − a*‖², 1ᵀ(a − a*), g(φ) and aᵀa*. */
@inline export function lossFrom(errA2: f64, sumD: f64, g: f64, aAs: f64): f64 {
  return ((Math.PI - 1) * errA2 + sumD * sumD + 2 * (Math.PI - g) * aAs) / FOUR_PI;
}
