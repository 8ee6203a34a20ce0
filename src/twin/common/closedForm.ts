// TypeScript twin of assembly/common/closedForm.ts.
export const TWO_PI = 2 * Math.PI;
export const FOUR_PI = 4 * Math.PI;

/** c = ⟨x, w*⟩/‖x‖ clamped to [−1, 1]. */
export function cosine(xw: number, n: number): number {
  const c = xw / n;
  return c > 1 ? 1 : c < -1 ? -1 : c;
}

/** g(φ) = (π − φ)c + sin φ, with sin φ = √(1 − c²). */
export function arcCosKernel(c: number, phi: number): number {
  return (Math.PI - phi) * c + Math.sqrt(1 - c * c);
}

/** L from ‖a − a*‖², 1ᵀ(a − a*), g(φ) and aᵀa*. */
export function lossFrom(errA2: number, sumD: number, g: number, aAs: number): number {
  return ((Math.PI - 1) * errA2 + sumD * sumD + 2 * (Math.PI - g) * aAs) / FOUR_PI;
}
